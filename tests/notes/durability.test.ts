import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StoaClient } from '../../shared/client/client';
import { noteClient, typeParagraph, waitFor } from '../../shared/server/notes/test/collabClient';
import { TEST_PG_URL, dropPgSchema, postgresAvailable } from '../../shared/server/test/backends';
import { buildServiceEntry, startServiceProcess, type ServiceProcess } from './serviceProcess';

const KILLS = 20;
const lanes: Array<'sqlite' | 'postgres'> = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];

let entry: Awaited<ReturnType<typeof buildServiceEntry>>;
const cleanups: Array<() => Promise<void> | void> = [];
beforeAll(async () => {
  entry = await buildServiceEntry();
});
afterAll(async () => {
  for (const c of cleanups) await c();
  entry.remove();
});

async function laneEnv(backend: 'sqlite' | 'postgres'): Promise<Record<string, string>> {
  const dir = mkdtempSync(join(tmpdir(), 'stoa-durability-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  // Small compaction interval: kills also land in the middle of compactions.
  const env = { DEV_KEY_PATH: join(dir, 'dev-key.json'), NOTES_COMPACT_ROWS: '5' };
  if (backend === 'sqlite') return { ...env, SQLITE_PATH: join(dir, 'stoa.db') };
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
  cleanups.push(() => dropPgSchema(schema));
  const url = new URL(TEST_PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { ...env, DATABASE_URL: url.toString() };
}

interface LaneResult {
  backend: string;
  kills: number;
  typed: number;
  acknowledged: number;
}

/**
 * One store, killed `kills` times with SIGKILL at random moments while a real provider client types.
 * Whatever the server acknowledged (the provider's unsynced-changes count back at zero) before a kill
 * must be in the note after every restart.
 */
async function lane(backend: 'sqlite' | 'postgres', kills: number): Promise<LaneResult> {
  const env = await laneEnv(backend);
  let proc: ServiceProcess = await startServiceProcess(entry.entry, env);
  const owner = { tenantId: 'tenant-d', userId: `owner-${backend}`, name: 'Owner' };
  const anon = () => new StoaClient({ baseUrl: proc.url });
  const tokenFor = async () => (await anon().call('createDevToken', { body: owner })).token;
  let token = await tokenFor();
  const api = new StoaClient({ baseUrl: proc.url, getToken: () => token });
  const cls = await api.call('createClass', { body: { name: 'Durability' } });
  const session = await api.call('createSession', {
    params: { classId: cls.id },
    body: { title: 'Kill -9' },
  });
  const acknowledged: string[] = [];
  let typedTotal = 0;
  const missing = (text: string) => acknowledged.filter((p) => !text.includes(`<paragraph>${p}</paragraph>`));
  try {
    for (let k = 0; k <= kills; k++) {
      const client = noteClient(proc.url, session.id, token);
      try {
        await waitFor(
          () => client.provider.synced && !client.provider.hasUnsyncedChanges,
          `sync after restart ${k}`,
          30_000,
        );
        expect(missing(client.text()), `acknowledged paragraphs lost before restart ${k}`).toEqual([]);
        if (k === kills) break;
        let typed = 0;
        let ackedUpTo = 0;
        client.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
          if (number === 0) ackedUpTo = typed;
        });
        const killAt = Date.now() + 100 + Math.random() * 600;
        while (Date.now() < killAt) {
          const burst = 1 + Math.floor(Math.random() * 4);
          for (let i = 0; i < burst; i++) typeParagraph(client.doc, `${backend}-${k}-${typed++}`);
          // Sometimes wait for the acknowledgements (a typist pausing), so some come back before the kill;
          // the kill lands wherever the clock says: mid-burst, mid-write, mid-compaction, or in a pause.
          if (Math.random() < 0.3) {
            while (client.provider.hasUnsyncedChanges && Date.now() < killAt) {
              await new Promise((r) => setTimeout(r, 2));
            }
          } else {
            await new Promise((r) => setTimeout(r, Math.random() * 6));
          }
        }
        await proc.kill('SIGKILL');
        for (let i = 0; i < ackedUpTo; i++) acknowledged.push(`${backend}-${k}-${i}`);
        typedTotal += typed;
      } finally {
        client.destroy();
      }
      proc = await startServiceProcess(entry.entry, env);
      // The dev key is kept in DEV_KEY_PATH, so the token stays valid; refresh it anyway like a client would.
      token = await tokenFor();
    }
  } catch (err) {
    throw new Error(`${String(err)}\n--- service output ---\n${proc.output()}`);
  } finally {
    await proc.kill('SIGKILL');
  }
  return { backend, kills, typed: typedTotal, acknowledged: acknowledged.length };
}

it(`kill -9 at random moments (${KILLS} times) loses no acknowledged update`, async () => {
  const per = Math.floor(KILLS / lanes.length);
  const results = await Promise.all(
    lanes.map((b, i) => lane(b, i === 0 ? KILLS - per * (lanes.length - 1) : per)),
  );
  console.log(
    `[durability] ${results.map((r) => `${r.backend}: ${r.kills} kills, ${r.typed} updates typed, ${r.acknowledged} acknowledged and all present`).join('; ')}`,
  );
  expect(results.reduce((n, r) => n + r.kills, 0)).toBe(KILLS);
  for (const r of results) expect(r.acknowledged).toBeGreaterThan(0);
}, 240_000);
