import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoaClient } from '../../client/client';
import { LIMITS } from '../../contract/limits';
import { storageBackends } from '../test/backends';
import { actor, buildClass, buildSession, expectApiError, wrong } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';

const backends = await storageBackends();

/** Cursors a client could forge: not base64 JSON, the wrong shape, or times the database cannot compare. */
const FORGED_CURSORS = [
  'not-a-cursor',
  '!!!',
  Buffer.from('{"at":1}').toString('base64url'),
  Buffer.from('[1]').toString('base64url'),
  Buffer.from('["1","x"]').toString('base64url'),
  Buffer.from('[1.5,"x"]').toString('base64url'),
  Buffer.from('[1e300,"x"]').toString('base64url'),
  Buffer.from(`[1,"${'x'.repeat(300)}"]`).toString('base64url'),
];

type Lister = (
  client: StoaClient,
  query: { limit?: number; cursor?: string },
) => Promise<{
  items: unknown[];
  nextCursor: string | null;
}>;

/** Follows nextCursor from the first page to the last. */
async function allPages(client: StoaClient, list: Lister, limit: number) {
  const pages: number[] = [];
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard += 1) {
    const page = await list(client, cursor ? { limit, cursor } : { limit });
    pages.push(page.items.length);
    ids.push(...page.items.map((i) => JSON.stringify(i)));
    if (!page.nextCursor) return { pages, ids };
    cursor = page.nextCursor;
  }
  throw new Error('no last page');
}

describe.each(backends)('cursor pagination on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('GET /classes 200 pages with limit and nextCursor, ending with null', async () => {
    const user = await actor(t);
    for (let i = 0; i < 5; i += 1) await user.client.call('createClass', { body: { name: `C${i}` } });
    const list: Lister = (c, query) => c.call('listClasses', { query });
    const { pages, ids } = await allPages(user.client, list, 2);
    expect(pages).toEqual([2, 2, 1]);
    expect(new Set(ids).size).toBe(5);
    const whole = await user.client.call('listClasses', { query: { limit: 5 } });
    expect(whole.nextCursor).toBeNull();
    expect(whole.items.map((c) => JSON.stringify(c))).toEqual(ids);
  });

  it('GET /classes 400 validation_failed on a cursor that was not made by the service', async () => {
    const user = await actor(t);
    await user.client.call('createClass', { body: { name: 'C' } });
    for (const cursor of FORGED_CURSORS) {
      const err = await expectApiError(
        user.client.call('listClasses', { query: { cursor } }),
        400,
        'validation_failed',
      );
      expect(err.details).toMatchObject({ where: 'query' });
    }
  });

  it('GET /classes 400 validation_failed on limit 201 and a cursor over 512 characters', async () => {
    const user = await actor(t);
    const tooMany = user.client.call('listClasses', { query: { limit: LIMITS.pageSizeMax + 1 } });
    await expectApiError(tooMany, 400, 'validation_failed');
    const ok = await user.client.call('listClasses', { query: { limit: LIMITS.pageSizeMax } });
    expect(ok.nextCursor).toBeNull();
    const long = user.client.call('listClasses', { query: { cursor: 'a'.repeat(513) } });
    await expectApiError(long, 400, 'validation_failed');
  });

  it('GET /classes/:classId/members 200 pages members in join order', async () => {
    const w = await buildClass(t);
    for (let i = 0; i < 3; i += 1) {
      const extra = await actor(t);
      await extra.client.call('joinClass', {
        params: { classId: w.cls.id },
        body: { joinCode: w.cls.joinCode ?? '' },
      });
    }
    const list: Lister = (c, query) => c.call('listMembers', { params: { classId: w.cls.id }, query });
    const { pages, ids } = await allPages(w.student.client, list, 2);
    expect(pages).toEqual([2, 2, 2]);
    expect(ids.map((m) => (JSON.parse(m) as { userId: string }).userId).slice(0, 3)).toEqual([
      w.owner.user.userId,
      w.facilitator.user.userId,
      w.student.user.userId,
    ]);
  });

  it('GET /classes/:classId/members 400 validation_failed on a forged cursor', async () => {
    const w = await buildClass(t);
    for (const cursor of FORGED_CURSORS) {
      await expectApiError(
        w.owner.client.call('listMembers', { params: { classId: w.cls.id }, query: { cursor } }),
        400,
        'validation_failed',
      );
    }
  });

  it('GET /classes/:classId/sessions 200 pages sessions newest first', async () => {
    const w = await buildClass(t);
    const made = [];
    for (let i = 0; i < 5; i += 1) made.push(await buildSession(w, `L${i}`));
    const list: Lister = (c, query) => c.call('listSessions', { params: { classId: w.cls.id }, query });
    const { pages, ids } = await allPages(w.student.client, list, 3);
    expect(pages).toEqual([3, 2]);
    const served = ids.map((s) => (JSON.parse(s) as { id: string }).id);
    expect([...served].sort()).toEqual(made.map((s) => s.id).sort());
    const times = ids.map((s) => Date.parse((JSON.parse(s) as { startedAt: string }).startedAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('GET /classes/:classId/sessions 400 validation_failed on a forged cursor or limit 0', async () => {
    const w = await buildClass(t);
    await buildSession(w);
    for (const cursor of FORGED_CURSORS) {
      await expectApiError(
        w.owner.client.call('listSessions', { params: { classId: w.cls.id }, query: { cursor } }),
        400,
        'validation_failed',
      );
    }
    await expectApiError(
      w.owner.client.call('listSessions', { params: { classId: w.cls.id }, query: { limit: wrong(0) } }),
      400,
      'validation_failed',
    );
  });
});
