import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_PG_URL, dropPgSchema, storageBackends } from '../test/backends';
import { startTestService, type TestService } from '../test/testService';
import { noteClient, noteSession, typeParagraph, waitFor } from './test/collabClient';
import { storedText } from './test/stored';

const backends = await storageBackends();

/** Starts services that share one store: a SQLite file, or one PostgreSQL schema. */
function sharedStore(backend: 'sqlite' | 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'stoa-notes-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    start: (env: Record<string, string> = {}) =>
      backend === 'sqlite'
        ? startTestService({ env: { SQLITE_PATH: join(dir, 'stoa.db'), ...env } })
        : startTestService({ backend, pgSchema: schema, env }),
    cleanup: async () => {
      rmSync(dir, { recursive: true, force: true });
      if (backend === 'postgres') await dropPgSchema(schema);
    },
  };
}

async function logRows(t: TestService, sessionId: string): Promise<{ rows: number; updates: number }> {
  const row = await t.service.context.storage.database.db
    .selectFrom('note_updates')
    .select((eb) => [eb.fn.countAll<number>().as('rows'), eb.fn.sum<number>('update_count').as('updates')])
    .where('session_id', '=', sessionId)
    .executeTakeFirstOrThrow();
  return { rows: Number(row.rows), updates: Number(row.updates ?? 0) };
}

describe.each(backends)('note persistence on %s', (backend) => {
  const store = sharedStore(backend);
  afterAll(() => store.cleanup());

  it('compacts the log into snapshots while editing, and a restarted service loads snapshot + log', async () => {
    let t = await store.start({ NOTES_COMPACT_ROWS: '3' });
    const s = await noteSession(t);
    const token = await s.token(s.owner);
    const c = noteClient(t.url, s.sessionId, token);
    await waitFor(() => c.provider.synced, 'sync');
    for (let i = 0; i < 30; i++) {
      typeParagraph(c.doc, `p${i}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => !c.provider.hasUnsyncedChanges, 'acks');
    await waitFor(() => c.text().includes('p29'), 'own text');
    const expected = c.text();
    await new Promise((r) => setTimeout(r, 200));
    const snapshot = await t.service.context.storage.database.db
      .selectFrom('note_snapshots')
      .select(['gen'])
      .where('session_id', '=', s.sessionId)
      .executeTakeFirst();
    expect(snapshot?.gen).toBeGreaterThan(1);
    expect((await logRows(t, s.sessionId)).rows).toBeLessThan(6);
    expect(await storedText(t, s.sessionId)).toBe(expected);
    c.destroy();
    await t.close();

    t = await store.start();
    const again = await t.anonymous().call('createDevToken', { body: s.owner });
    const fresh = noteClient(t.url, s.sessionId, again.token);
    await waitFor(() => fresh.provider.synced, 'a client of the restarted service to sync');
    expect(fresh.text()).toBe(expected);
    fresh.destroy();
    await t.close();
  });

  it('groups a burst of updates into few log rows (group commit)', async () => {
    const t = await store.start({ NOTES_COMPACT_ROWS: '100000' });
    const s = await noteSession(t);
    const c = noteClient(t.url, s.sessionId, await s.token(s.owner));
    await waitFor(() => c.provider.synced, 'sync');
    for (let i = 0; i < 500; i++) typeParagraph(c.doc, `burst${i}`);
    await waitFor(() => !c.provider.hasUnsyncedChanges, 'acks', 20_000);
    const { rows, updates } = await logRows(t, s.sessionId);
    expect(updates).toBeGreaterThanOrEqual(500);
    expect(rows).toBeLessThan(100);
    c.destroy();
    await t.close();
  });
});

const pgOnly = backends.filter((b) => b === 'postgres');

describe.each(pgOnly)('acknowledgements wait for storage (%s)', (backend) => {
  it('while the log table is locked an editor gets no acknowledgement, but others still see the edit', async () => {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const t = await startTestService({ backend, pgSchema: schema });
    const locker = new pg.Client({ connectionString: TEST_PG_URL, options: `-c search_path=${schema}` });
    await locker.connect();
    try {
      const s = await noteSession(t);
      const writer = noteClient(t.url, s.sessionId, await s.token(s.owner));
      const reader = noteClient(t.url, s.sessionId, await s.token(await s.student()));
      await waitFor(() => writer.provider.synced && reader.provider.synced, 'sync');
      await locker.query('begin');
      await locker.query('lock table note_updates in access exclusive mode');
      typeParagraph(writer.doc, 'while-locked');
      await waitFor(() => reader.text().includes('while-locked'), 'the edit to reach the other client');
      await new Promise((r) => setTimeout(r, 500));
      expect(writer.provider.hasUnsyncedChanges).toBe(true);
      await locker.query('commit');
      await waitFor(() => !writer.provider.hasUnsyncedChanges, 'the acknowledgement after the write');
      expect(await storedText(t, s.sessionId)).toContain('while-locked');
      writer.destroy();
      reader.destroy();
    } finally {
      await locker.end();
      await t.close();
      await dropPgSchema(schema);
    }
  });
});
