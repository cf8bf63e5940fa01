import { afterEach, describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let c: Coalescer | undefined;
afterEach(() => c?.close());

describe('Coalescer', () => {
  it('runs the first request at once and folds later ones into one trailing run', async () => {
    const runs: string[] = [];
    c = new Coalescer(80, () => undefined);
    expect(await c.request('r1', async () => void runs.push('first'))).toBe(true);
    for (let i = 0; i < 5; i++)
      expect(await c.request('r1', async () => void runs.push(`later ${i}`))).toBe(false);
    expect(await c.request('r2', async () => void runs.push('other round'))).toBe(true);
    expect(runs).toEqual(['first', 'other round']);
    await sleep(150);
    expect(runs).toEqual(['first', 'other round', 'later 4']);
  });

  it('drops pending work when a phase change supersedes it, and reports trailing failures', async () => {
    const errors: string[] = [];
    const runs: string[] = [];
    c = new Coalescer(50, (_err, key) => errors.push(key));
    await c.request('r1', async () => void runs.push('first'));
    await c.request('r1', async () => void runs.push('dropped'));
    c.drop('r1');
    await c.request('r2', async () => undefined);
    await c.request('r2', async () => {
      throw new Error('boom');
    });
    await sleep(100);
    expect(runs).toEqual(['first']);
    expect(errors).toEqual(['r2']);
  });
});
