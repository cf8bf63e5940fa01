import { describe, expect, it } from 'vitest';
import { COLLAB_CLOSE, type CollabCloseName } from '../../../../shared/contract/collab';
import { en } from '../../i18n/en';
import {
  closeMessageKey,
  connectionPhase,
  initialConnection,
  isFinalClose,
  reduceConnection,
  type ConnectionEvent,
  type ConnectionState,
} from './connectionState';

const run = (events: ConnectionEvent[], from: ConnectionState = initialConnection()) =>
  events.reduce(reduceConnection, from);

const synced = run([
  { type: 'status', status: 'connected' },
  { type: 'synced' },
  { type: 'pending', count: 0 },
]);

describe('note connection state', () => {
  it('connects, then is synced, then saving while edits wait for the acknowledgement', () => {
    expect(connectionPhase(initialConnection())).toBe('connecting');
    expect(connectionPhase(run([{ type: 'status', status: 'connected' }]))).toBe('connecting');
    expect(connectionPhase(synced)).toBe('synced');
    expect(connectionPhase(run([{ type: 'pending', count: 2 }], synced))).toBe('saving');
  });

  it('reconnects with pending edits counted after losing a synced connection', () => {
    const lost = run(
      [
        { type: 'closed', code: 1006 },
        { type: 'status', status: 'disconnected' },
        { type: 'pending', count: 3 },
      ],
      synced,
    );
    expect(connectionPhase(lost)).toBe('reconnecting');
    expect(lost.pending).toBe(3);
    expect(lost.lastClose).toBeNull();
    expect(connectionPhase(run([{ type: 'status', status: 'connecting' }], lost))).toBe('reconnecting');
    const back = run(
      [{ type: 'status', status: 'connected' }, { type: 'synced' }, { type: 'pending', count: 0 }],
      lost,
    );
    expect(connectionPhase(back)).toBe('synced');
  });

  it('is offline whenever the browser says so, keeping the pending count', () => {
    const offline = run(
      [
        { type: 'pending', count: 5 },
        { type: 'online', online: false },
      ],
      synced,
    );
    expect(connectionPhase(offline)).toBe('offline');
    expect(offline.pending).toBe(5);
  });

  it('keeps the typed reason of a retryable close until the next sync', () => {
    const limited = run(
      [
        { type: 'closed', code: COLLAB_CLOSE.rateLimited.code },
        { type: 'status', status: 'disconnected' },
      ],
      synced,
    );
    expect(limited.lastClose).toBe('rateLimited');
    expect(connectionPhase(limited)).toBe('reconnecting');
    expect(run([{ type: 'status', status: 'connected' }, { type: 'synced' }], limited).lastClose).toBeNull();
  });

  it('stops on final refusals and starts over on retry', () => {
    const stopped = run(
      [
        { type: 'closed', code: COLLAB_CLOSE.forbidden.code },
        { type: 'stopped', reason: 'forbidden' },
      ],
      synced,
    );
    expect(connectionPhase(stopped)).toBe('stopped');
    const again = run([{ type: 'retry' }], stopped);
    expect(again.stopped).toBeNull();
    expect(connectionPhase(again)).toBe('reconnecting');
  });

  it('follows the read-only decision of the service', () => {
    expect(run([{ type: 'access', readOnly: true }], synced).readOnly).toBe(true);
    expect(
      run(
        [
          { type: 'access', readOnly: true },
          { type: 'access', readOnly: false },
        ],
        synced,
      ).readOnly,
    ).toBe(false);
  });

  it('knows of a lock from the lock message, and from a student losing and regaining write access to it', () => {
    expect(run([{ type: 'lock', locked: true }], synced).locked).toBe(true);
    const student = run([{ type: 'access', readOnly: true, reason: 'locked' }], synced);
    expect(student).toMatchObject({ readOnly: true, readOnlyReason: 'locked', locked: true });
    // A reconnect's sign-in scope says read-only without a reason: the live reason stays.
    expect(run([{ type: 'access', readOnly: true }], student).readOnlyReason).toBe('locked');
    const unlocked = run([{ type: 'access', readOnly: false }], student);
    expect(unlocked).toMatchObject({ readOnly: false, readOnlyReason: null, locked: false });
    expect(run([{ type: 'access', readOnly: true, reason: 'ended' }], synced).locked).toBeNull();
  });

  it('treats not-a-member, refused tokens and full notes as final, everything else as retryable', () => {
    const final = (Object.keys(COLLAB_CLOSE) as CollabCloseName[]).filter(isFinalClose).sort();
    expect(final).toEqual(['documentTooLarge', 'forbidden', 'unauthorized']);
  });

  it('has a friendly sentence for every close reason', () => {
    for (const name of [...(Object.keys(COLLAB_CLOSE) as CollabCloseName[]), 'signedOut' as const]) {
      const text = en[closeMessageKey(name)];
      expect(text, name).toBeTruthy();
      expect(text).not.toMatch(/_|\d{4}/);
    }
  });
});
