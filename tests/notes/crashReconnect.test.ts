import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { WebSocketStatus } from '@hocuspocus/provider';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { StoaClient } from '../../shared/client/client';
import { COLLAB_CLOSE, NOTE_FRAGMENT } from '../../shared/contract/collab';
import { noteClient, typeParagraph, waitFor } from '../../shared/server/notes/test/collabClient';
import { buildServiceEntry, startServiceProcess, type ServiceProcess } from './serviceProcess';

let entry: Awaited<ReturnType<typeof buildServiceEntry>>;
let dir: string;
beforeAll(async () => {
  entry = await buildServiceEntry();
  dir = mkdtempSync(join(tmpdir(), 'stoa-crash-'));
});
afterAll(() => {
  entry.remove();
  rmSync(dir, { recursive: true, force: true });
});

function appendText(doc: Y.Doc, paragraph: number, text: string): void {
  const p = doc.getXmlFragment(NOTE_FRAGMENT).get(paragraph) as Y.XmlElement;
  const t = p.get(0) as Y.XmlText;
  t.insert(t.length, text);
}

/**
 * A crash between broadcasting an edit and storing it: editor A's last edit reached B, then the service was
 * killed (SIGKILL) and the edit is not in storage (its log rows are removed after the kill, which is the
 * state a kill before the commit leaves). A is gone; B keeps editing A's paragraph offline and right after
 * the service is back. B's updates depend on A's lost edit: they must be accepted, not refused with 4400.
 */
it('crash and reconnect with broadcast-but-unstored edits converges without refusals', async () => {
  const db = join(dir, 'stoa.db');
  const env = { DEV_KEY_PATH: join(dir, 'dev-key.json'), SQLITE_PATH: db };
  let proc: ServiceProcess = await startServiceProcess(entry.entry, env);
  const port = Number(new URL(proc.url).port);
  try {
    const owner = { tenantId: 'tenant-c', userId: 'owner-crash', name: 'Owner' };
    const token = (await new StoaClient({ baseUrl: proc.url }).call('createDevToken', { body: owner })).token;
    const api = new StoaClient({ baseUrl: proc.url, getToken: () => token });
    const cls = await api.call('createClass', { body: { name: 'Crash' } });
    const session = await api.call('createSession', {
      params: { classId: cls.id },
      body: { title: 'Crash' },
    });

    const a = noteClient(proc.url, session.id, token);
    const b = noteClient(proc.url, session.id, token);
    await waitFor(() => a.provider.synced && b.provider.synced, 'both clients to sync');
    typeParagraph(a.doc, 'base');
    await waitFor(() => !a.provider.hasUnsyncedChanges && b.text().includes('base'), 'the base paragraph');
    const before = new Database(db, { readonly: true });
    const stored = (before.prepare('select max(id) as id from note_updates').get() as { id: number }).id;
    before.close();

    typeParagraph(a.doc, 'from A');
    await waitFor(() => b.text().includes('from A'), 'B to receive A’s edit');
    await proc.kill('SIGKILL');
    a.destroy();
    const after = new Database(db);
    const lost = after.prepare('delete from note_updates where id > ?').run(stored).changes;
    after.close();
    expect(lost).toBeGreaterThan(0);

    // Offline: builds on A's edit, which the restarted service will not have.
    await waitFor(
      () => b.provider.configuration.websocketProvider.status !== WebSocketStatus.Connected,
      'B to notice',
    );
    appendText(b.doc, 1, ' and B offline');
    const ws = b.provider.configuration.websocketProvider;
    const handleStatus = ({ status }: { status: string }) => {
      if (status !== 'connected') return;
      ws.off('status', handleStatus);
      appendText(b.doc, 1, ' and B at once');
    };
    ws.on('status', handleStatus);
    proc = await startServiceProcess(entry.entry, env, port);
    await waitFor(
      () => b.provider.synced && !b.provider.hasUnsyncedChanges && ws.status === WebSocketStatus.Connected,
      'B to reconnect',
      30_000,
    );
    const expected = '<paragraph>base</paragraph><paragraph>from A and B offline and B at once</paragraph>';
    await waitFor(() => b.text() === expected, 'B’s edits in order', 10_000);

    const fresh = noteClient(proc.url, session.id, token);
    await waitFor(
      () => fresh.provider.synced && fresh.text() === expected,
      'a fresh client to converge',
      10_000,
    );
    expect(b.closes.filter((c) => c === COLLAB_CLOSE.malformed.code)).toEqual([]);
    fresh.destroy();
    b.destroy();
    // Everything B sent is stored: a restart serves it.
    await proc.kill('SIGTERM');
    proc = await startServiceProcess(entry.entry, env, port);
    const check = noteClient(proc.url, session.id, token);
    await waitFor(
      () => check.provider.synced && check.text() === expected,
      'the stored note after a restart',
      10_000,
    );
    check.destroy();
  } catch (err) {
    throw new Error(`${String(err)}\n--- service output ---\n${proc.output()}`);
  } finally {
    await proc.kill('SIGKILL');
  }
}, 120_000);
