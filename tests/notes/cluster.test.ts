import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoaClient } from '../../shared/client/client';
import {
  noteClient,
  noteSession,
  typeParagraph,
  waitFor,
  type NoteClient,
} from '../../shared/server/notes/test/collabClient';
import { storedText } from '../../shared/server/notes/test/stored';
import {
  TEST_REDIS_URL,
  dropPgSchema,
  postgresAvailable,
  redisAvailable,
} from '../../shared/server/test/backends';
import { startTestService, type TestService, type TestUser } from '../../shared/server/test/testService';

// Runs wherever PostgreSQL and Redis answer; under CI=true a missing one fails the run (see backends.ts).
const cases =
  (await postgresAvailable()) && (await redisAvailable()) ? ['two instances, PostgreSQL + Redis'] : [];

describe.each(cases)('notes across %s', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let a: TestService;
  let b: TestService;
  beforeAll(async () => {
    // Both instances compact the shared log often, so their compactions race (generation check).
    const env = { REDIS_URL: TEST_REDIS_URL, NOTES_COMPACT_ROWS: '3' };
    a = await startTestService({ backend: 'postgres', pgSchema: schema, env });
    b = await startTestService({ backend: 'postgres', pgSchema: schema, env });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropPgSchema(schema);
  });

  /** Each instance has its own dev key: a token for `user` minted by that instance. */
  const tokenOn = async (t: TestService, user: TestUser) =>
    (await t.anonymous().call('createDevToken', { body: user })).token;

  it('clients on different instances edit concurrently and converge; a fresh client on either agrees', async () => {
    const s = await noteSession(a);
    const student = await s.student();
    const clients: NoteClient[] = [
      noteClient(a.url, s.sessionId, await tokenOn(a, s.owner)),
      noteClient(a.url, s.sessionId, await tokenOn(a, student)),
      noteClient(b.url, s.sessionId, await tokenOn(b, s.owner)),
      noteClient(b.url, s.sessionId, await tokenOn(b, student)),
    ];
    await waitFor(() => clients.every((c) => c.provider.synced), 'all four to sync');
    const expected: string[] = [];
    await Promise.all(
      clients.map(async (c, n) => {
        for (let i = 0; i < 15; i++) {
          typeParagraph(c.doc, `i${n}-${i}`);
          expected.push(`i${n}-${i}`);
          await new Promise((r) => setTimeout(r, Math.random() * 10));
        }
      }),
    );
    await waitFor(
      () =>
        new Set(clients.map((c) => c.text())).size === 1 &&
        expected.every((p) => clients[0]!.text().includes(`>${p}<`)),
      'the instances to converge',
      20_000,
    );
    await waitFor(() => clients.every((c) => !c.provider.hasUnsyncedChanges), 'every update acknowledged');
    for (const t of [a, b]) {
      const fresh = noteClient(t.url, s.sessionId, await tokenOn(t, s.owner));
      await waitFor(
        () => fresh.provider.synced && fresh.text() === clients[0]!.text(),
        'a fresh client to agree',
      );
      fresh.destroy();
    }
    expect(await storedText(a, s.sessionId)).toBe(clients[0]!.text());
    const viaB = new StoaClient({ baseUrl: b.url, getToken: async () => tokenOn(b, s.owner) });
    const md = await viaB.call('exportNoteMarkdown', { params: { sessionId: s.sessionId } });
    for (const p of expected) expect(md).toContain(p);
    for (const c of clients) c.destroy();
  });

  it('a server-side append on one instance reaches an editor on the other live', async () => {
    const s = await noteSession(a);
    const onB = noteClient(b.url, s.sessionId, await tokenOn(b, s.owner));
    await waitFor(() => onB.provider.synced, 'sync on b');
    await a.service.context.notes!.appendToNote(s.sessionId, [
      { type: 'paragraph', content: [{ type: 'text', text: 'from instance a' }] },
    ]);
    await waitFor(() => onB.text().includes('from instance a'), 'the append to cross instances');
    onB.destroy();
  });

  it('a lock set on one instance makes a student on the other read-only at once, refused by that instance', async () => {
    const s = await noteSession(a);
    const student = await s.student();
    const onB = noteClient(b.url, s.sessionId, await tokenOn(b, student));
    const facilitator = noteClient(b.url, s.sessionId, await tokenOn(b, s.owner));
    await waitFor(() => onB.provider.synced && facilitator.provider.synced, 'both to sync on b');
    await s.ownerClient.call('setNoteLock', { params: { sessionId: s.sessionId }, body: { locked: true } });
    await waitFor(
      () => onB.stateless.some((m) => m.includes('"reason":"locked"')),
      'the student on b to be switched to read-only',
      3000,
    );
    expect(facilitator.stateless.some((m) => m.includes('"stoa.lock"'))).toBe(true);
    typeParagraph(onB.doc, 'refused on b');
    await new Promise((r) => setTimeout(r, 300));
    expect(onB.provider.hasUnsyncedChanges).toBe(true);
    expect(await storedText(b, s.sessionId)).not.toContain('refused on b');
    onB.destroy();
    facilitator.destroy();
  });
});
