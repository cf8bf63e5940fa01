import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ThrottledAwareness } from './throttledAwareness';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('throttled presence', () => {
  const made: ThrottledAwareness[] = [];
  afterEach(() => {
    for (const a of made.splice(0)) a.destroy();
  });

  function awareness(interval: number) {
    const a = new ThrottledAwareness(new Y.Doc(), interval);
    made.push(a);
    const sent: unknown[] = [];
    a.on('update', () => sent.push(a.states.get(a.clientID) ?? null));
    return { a, sent };
  }

  it('sends the first change at once and only the last one of a burst after the interval', async () => {
    const { a, sent } = awareness(80);
    a.setLocalStateField('cursor', 1);
    for (let i = 2; i <= 30; i++) a.setLocalStateField('cursor', i);
    expect(sent).toEqual([{ cursor: 1 }]);
    await wait(150);
    expect(sent).toEqual([{ cursor: 1 }, { cursor: 30 }]);
  });

  it('lets readers see and merge the latest state before it is sent', () => {
    const { a, sent } = awareness(1000);
    a.setLocalStateField('user', { name: 'Ada' });
    a.setLocalStateField('cursor', 5);
    a.setLocalStateField('activity', 'editing');
    expect(a.getLocalState()).toEqual({ user: { name: 'Ada' }, cursor: 5, activity: 'editing' });
    a.flush();
    expect(sent.at(-1)).toEqual({ user: { name: 'Ada' }, cursor: 5, activity: 'editing' });
    expect(sent).toHaveLength(2);
  });

  it('announces leaving at once, dropping anything held back', async () => {
    const { a, sent } = awareness(60);
    a.setLocalStateField('cursor', 1);
    a.setLocalStateField('cursor', 2);
    a.setLocalState(null);
    expect(sent.at(-1)).toBeNull();
    await wait(100);
    expect(sent.at(-1)).toBeNull();
  });
});
