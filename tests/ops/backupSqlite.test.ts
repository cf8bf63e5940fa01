import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StoaClient } from '../../shared/client/client';
import { noteClient, typeParagraph, waitFor } from '../../shared/server/notes/test/collabClient';
import { buildServiceEntry, startServiceProcess, type ServiceProcess } from '../notes/serviceProcess';
import { runTool } from './tools';

let entry: Awaited<ReturnType<typeof buildServiceEntry>>;
const dir = mkdtempSync(join(tmpdir(), 'stoa-backup-'));
beforeAll(async () => {
  entry = await buildServiceEntry();
});
afterAll(() => {
  entry?.remove();
  rmSync(dir, { recursive: true, force: true });
});

const STUDENTS = 4;
const env = {
  SQLITE_PATH: join(dir, 'stoa.db'),
  DEV_KEY_PATH: join(dir, 'dev-key.json'),
  // Small compaction interval: the backup also lands in the middle of compactions.
  NOTES_COMPACT_ROWS: '5',
};

/** What the clients were told was stored, in the order they were told. */
interface Acknowledged {
  paragraphs: string[];
  versions: string[];
  /** Round id → answers acknowledged. */
  rounds: Map<string, number>;
}
const snapshot = (a: Acknowledged): Acknowledged => ({
  paragraphs: [...a.paragraphs],
  versions: [...a.versions],
  rounds: new Map(a.rounds),
});

it('npm run backup under load, kill -9, npm run restore: everything acknowledged before the backup is back', async () => {
  let proc: ServiceProcess = await startServiceProcess(entry.entry, env);
  const anon = () => new StoaClient({ baseUrl: proc.url });
  const tokenOf = async (userId: string) =>
    (await anon().call('createDevToken', { body: { tenantId: 'tenant-b', userId, name: userId } })).token;
  const ownerToken = await tokenOf('owner');
  const owner = () => new StoaClient({ baseUrl: proc.url, getToken: () => ownerToken });
  const cls = await owner().call('createClass', { body: { name: 'Backups' } });
  const session = await owner().call('createSession', {
    params: { classId: cls.id },
    body: { title: 'Under load' },
  });
  const students = await Promise.all(
    Array.from({ length: STUDENTS }, async (_, i) => {
      const token = await tokenOf(`student-${i}`);
      const api = new StoaClient({ baseUrl: proc.url, getToken: () => token });
      await api.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
      return api;
    }),
  );

  const acked: Acknowledged = { paragraphs: [], versions: [], rounds: new Map() };
  let running = true;
  const typist = noteClient(proc.url, session.id, ownerToken);
  await waitFor(() => typist.provider.synced, 'typist synced', 20_000);
  const typing = (async () => {
    // Bursts of three paragraphs, each burst acknowledged before the next (a typist's pauses): the
    // provider's count of unsynced changes only comes back to 0 when the server confirmed all it had.
    for (let typed = 0; running;) {
      const burst = [typed++, typed++, typed++].map((n) => `para-${n}`);
      for (const text of burst) typeParagraph(typist.doc, text);
      await waitFor(() => !typist.provider.hasUnsyncedChanges || !running, 'acknowledged', 20_000);
      if (!typist.provider.hasUnsyncedChanges) acked.paragraphs.push(...burst);
    }
  })();
  const versioning = (async () => {
    for (let i = 0; running; i++) {
      const name = `v${i}`;
      await owner().call('createNoteVersion', { params: { sessionId: session.id }, body: { name } });
      acked.versions.push(name);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const rounding = (async () => {
    for (let r = 0; running; r++) {
      const round = await owner().call('startRound', {
        params: { sessionId: session.id },
        body: {
          round: {
            kind: 'peer_instruction',
            question: `Q${r}?`,
            options: ['A', 'B'],
            settings: { durations: { answering: 600_000 } },
          },
        },
      });
      acked.rounds.set(round.roundId, 0);
      await Promise.all(
        students.map(async (api, i) => {
          await api.call('sendRoundEvent', {
            params: { roundId: round.roundId },
            body: {
              event: { type: 'answer', option: i % 2, confidence: 'high' },
              idempotencyKey: `a${r}-${i}`,
            },
          });
          acked.rounds.set(round.roundId, (acked.rounds.get(round.roundId) ?? 0) + 1);
        }),
      );
    }
  })();

  // The kill ends the load with connection errors; settled here so none goes unhandled.
  const load = Promise.allSettled([typing, versioning, rounding]);

  // Load until a fair amount of each kind was acknowledged (by count, not time: a loaded machine is slow),
  // then back up while the load goes on: what was acknowledged before the backup started must be in it.
  // The load keeps going until the kill, so the backup is taken from a database being written.
  await waitFor(
    () => acked.paragraphs.length >= 30 && acked.versions.length >= 3 && acked.rounds.size >= 3,
    'load acknowledged',
    60_000,
  );
  const before = snapshot(acked);
  const backupFile = join(dir, 'backups', 'stoa.db');
  const backup = (await runTool('backup', ['--out', backupFile], env)).json<{ bytes: number; ms: number }>();
  const during = snapshot(acked);
  await new Promise((r) => setTimeout(r, 300));

  // Restoring over the live database is refused: it would pull the file from under the service.
  const refused = await runTool('restore', [backupFile], env);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(/in use/);

  await proc.kill('SIGKILL');
  running = false;
  typist.destroy();
  await load;
  const after = snapshot(acked);
  expect(after.paragraphs.length, 'the load kept going after the backup').toBeGreaterThan(
    during.paragraphs.length,
  );

  const restored = (await runTool('restore', [backupFile], env)).json<{ keptAs: string }>();
  expect(existsSync(restored.keptAs), 'the database replaced is kept beside it').toBe(true);

  proc = await startServiceProcess(entry.entry, env);
  try {
    const reader = noteClient(proc.url, session.id, ownerToken);
    await waitFor(() => reader.provider.synced, 'reader synced', 20_000);
    const text = reader.text();
    reader.destroy();
    const lost = before.paragraphs.filter((p) => !text.includes(`<paragraph>${p}</paragraph>`));
    expect(lost, 'paragraphs acknowledged before the backup').toEqual([]);

    const versions = await owner().call('listNoteVersions', {
      params: { sessionId: session.id },
      query: { limit: 100 },
    });
    const names = new Set(versions.items.map((v) => v.name));
    expect(
      before.versions.filter((v) => !names.has(v)),
      'versions acknowledged before the backup',
    ).toEqual([]);

    const rounds = await owner().call('listRounds', { params: { sessionId: session.id } });
    const answered = new Map<string, number>(
      rounds.items.map((r) => [r.roundId, r.kind === 'peer_instruction' ? r.answeredCount : -1]),
    );
    for (const [roundId, answers] of before.rounds) {
      expect(answered.get(roundId), `round ${roundId}`).toBeGreaterThanOrEqual(answers);
    }
    console.log(
      `[backup] ${backup.bytes} bytes in ${backup.ms} ms under load; restored ${before.paragraphs.length} paragraphs, ` +
        `${before.versions.length} versions, ${before.rounds.size} rounds acknowledged before it ` +
        `(${after.paragraphs.length - before.paragraphs.length} more paragraphs acknowledged after it began)`,
    );
  } finally {
    await proc.kill('SIGTERM');
  }
}, 120_000);
