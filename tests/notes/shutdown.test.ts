import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { StoaClient } from '../../shared/client/client';
import { openEventStream } from '../../shared/client/eventStream';
import { noteClient, typeParagraph, waitFor } from '../../shared/server/notes/test/collabClient';
import { buildServiceEntry, startServiceProcess } from './serviceProcess';

let entry: Awaited<ReturnType<typeof buildServiceEntry>>;
let dir: string;
beforeAll(async () => {
  entry = await buildServiceEntry();
  dir = mkdtempSync(join(tmpdir(), 'stoa-shutdown-'));
});
afterAll(() => {
  entry.remove();
  rmSync(dir, { recursive: true, force: true });
});

it('SIGTERM: open connections are closed, notes are compacted, the process exits 0, and a restart loads everything', async () => {
  const env = { SQLITE_PATH: join(dir, 'stoa.db'), DEV_KEY_PATH: join(dir, 'dev-key.json') };
  const proc = await startServiceProcess(entry.entry, env);
  const owner = { tenantId: 'tenant-s', userId: 'owner-s', name: 'Owner' };
  const token = (await new StoaClient({ baseUrl: proc.url }).call('createDevToken', { body: owner })).token;
  const api = new StoaClient({ baseUrl: proc.url, getToken: () => token });
  const cls = await api.call('createClass', { body: { name: 'Shutdown' } });
  const session = await api.call('createSession', {
    params: { classId: cls.id },
    body: { title: 'Last one' },
  });

  const editor = noteClient(proc.url, session.id, token);
  await waitFor(() => editor.provider.synced, 'the editor to sync');
  for (let i = 0; i < 5; i++) typeParagraph(editor.doc, `before shutdown ${i}`);
  await waitFor(() => !editor.provider.hasUnsyncedChanges, 'the edits to be acknowledged');
  const states: string[] = [];
  const stream = openEventStream({
    baseUrl: proc.url,
    sessionId: session.id,
    getToken: () => token,
    onEvent: () => undefined,
    onState: (s) => states.push(s),
  });
  await waitFor(() => states.includes('open'), 'the event stream to open');

  const started = Date.now();
  await proc.kill('SIGTERM');
  expect({ code: proc.child.exitCode, signal: proc.child.signalCode }).toEqual({ code: 0, signal: null });
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(proc.output()).not.toMatch(/"level":(50|60)/);
  // The clients were told (a close, not a hang): the editor's socket closed, the stream left "open".
  await waitFor(() => editor.closes.length > 0, 'the editor to see its socket close');
  await waitFor(() => states.at(-1) !== 'open', 'the event stream to notice');
  stream.close();
  editor.destroy();

  // Shutdown compacted the note: one snapshot, no log rows left to replay.
  const db = new Database(env.SQLITE_PATH, { readonly: true });
  const rows = db.prepare('select count(*) as n from note_updates where session_id = ?').get(session.id) as {
    n: number;
  };
  const snapshots = db
    .prepare('select count(*) as n from note_snapshots where session_id = ?')
    .get(session.id) as { n: number };
  db.close();
  expect({ rows: rows.n, snapshots: snapshots.n }).toEqual({ rows: 0, snapshots: 1 });

  const again = await startServiceProcess(entry.entry, env);
  try {
    const fresh = noteClient(again.url, session.id, token);
    await waitFor(() => fresh.provider.synced, 'a fresh client to sync after the restart');
    for (let i = 0; i < 5; i++) expect(fresh.text()).toContain(`<paragraph>before shutdown ${i}</paragraph>`);
    fresh.destroy();
  } finally {
    await again.kill('SIGTERM');
  }
  expect(again.child.exitCode).toBe(0);
}, 90_000);
