import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoaClient } from '../../shared/client/client';
import type { SessionId } from '../../shared/contract/ids';
import { afterAll, describe, expect, it } from 'vitest';
import { noteClient, typeParagraph, waitFor } from '../../shared/server/notes/test/collabClient';
import { TEST_PG_URL, dropPgSchema, postgresAvailable } from '../../shared/server/test/backends';
import { testSchemaName } from '../../shared/server/test/database';
import { buildUser, startTestService, type TestUser } from '../../shared/server/test/testService';
import { runTool } from './tools';

// Under CI=true an unreachable PostgreSQL fails the run (backends.ts); elsewhere the case is skipped.
const cases = (await postgresAvailable()) ? ['postgres'] : [];
const dir = mkdtempSync(join(tmpdir(), 'stoa-pgdump-'));
const schema = testSchemaName();
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await dropPgSchema(schema);
});

/** Everything a class sees of its lecture, read through the API. */
async function lecture(
  url: string,
  as: (u: TestUser) => Promise<StoaClient>,
  owner: TestUser,
  sessionId: SessionId,
) {
  const api = await as(owner);
  return {
    url,
    markdown: await api.call('exportNoteMarkdown', { params: { sessionId } }),
    versions: await api.call('listNoteVersions', { params: { sessionId } }),
    rounds: await api.call('listRounds', { params: { sessionId } }),
    classes: await api.call('listClasses', {}),
  };
}

describe.each(cases)('%s: pg_dump and pg_restore through npm run backup / restore', () => {
  it('a dump of a class restores whole after its schema is dropped', async () => {
    const owner = buildUser({ tenantId: 'tenant-pg' });
    const student = buildUser({ tenantId: 'tenant-pg' });
    let t = await startTestService({ backend: 'postgres', pgSchema: schema });
    let before;
    let sessionId = '' as SessionId;
    try {
      const api = await t.as(owner);
      const cls = await api.call('createClass', { body: { name: 'Dumped class' } });
      const session = await api.call('createSession', { params: { classId: cls.id }, body: { title: 'L1' } });
      sessionId = session.id;
      const studentApi = await t.as(student);
      await studentApi.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
      const token = (await t.anonymous().call('createDevToken', { body: owner })).token;
      const typist = noteClient(t.url, session.id, token);
      await waitFor(() => typist.provider.synced, 'typist synced', 20_000);
      for (let i = 0; i < 20; i++) typeParagraph(typist.doc, `line ${i} of the lecture`);
      await waitFor(() => !typist.provider.hasUnsyncedChanges, 'typed lines acknowledged', 20_000);
      typist.destroy();
      await api.call('createNoteVersion', { params: { sessionId }, body: { name: 'After the lecture' } });
      const round = await api.call('startRound', {
        params: { sessionId },
        body: { round: { kind: 'peer_instruction', question: 'Dumped?', options: ['Yes', 'No'] } },
      });
      await studentApi.call('sendRoundEvent', {
        params: { roundId: round.roundId },
        body: { event: { type: 'answer', option: 0, confidence: 'high' }, idempotencyKey: 'a1' },
      });
      before = await lecture(t.url, (u) => t.as(u), owner, sessionId);
    } finally {
      await t.close();
    }
    expect(before.markdown).toContain('line 19 of the lecture');
    const pi = before.rounds.items[0];
    expect(pi?.kind === 'peer_instruction' ? pi.answeredCount : null).toBe(1);

    const env = { DATABASE_URL: TEST_PG_URL };
    const file = join(dir, 'stoa.dump');
    const dump = (await runTool('backup', ['--out', file, '--schema', schema], env)).json<{
      bytes: number;
    }>();
    expect(dump.bytes).toBeGreaterThan(0);
    await dropPgSchema(schema);
    (await runTool('restore', [file], env)).json();

    t = await startTestService({ backend: 'postgres', pgSchema: schema });
    try {
      const after = await lecture(t.url, (u) => t.as(u), owner, sessionId);
      expect({ ...after, url: '' }).toEqual({ ...before, url: '' });
    } finally {
      await t.close();
    }
  }, 90_000);
});
