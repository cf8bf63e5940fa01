import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../shared/contract/collab';
import {
  buildUser,
  startTestService,
  type TestService,
  type TestUser,
} from '../../shared/server/test/testService';
import { connectionPhase, type ConnectionState } from '../../tab/src/notes/collab/connectionState';
import { NoteConnection, type CollabTokens } from '../../tab/src/notes/collab/noteConnection';

/** Polls until `check` holds; fails with `what` after `timeoutMs`. */
async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function typeParagraph(doc: Y.Doc, text: string): void {
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText(text)]);
    const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
    fragment.insert(fragment.length, [p]);
  });
}

/**
 * The tab's note connection (the code the editor runs) against the real service over WebSocket: typed
 * close codes from `/collab` decide between refreshing the token, retrying and stopping.
 */
describe('the tab’s note connection against the real service', () => {
  let svc: TestService;
  const owner = buildUser({ tenantId: 'tenant-conn', name: 'Ada Lind' });
  const student = buildUser({ tenantId: 'tenant-conn', name: 'Bo Berg' });
  let sessionId = '';
  let endedSessionId = '';
  const open: NoteConnection[] = [];

  const token = async (user: TestUser) =>
    (await svc.anonymous().call('createDevToken', { body: user })).token;
  const connect = (sessionIdToOpen: string, tokens: CollabTokens) => {
    const c = new NoteConnection({
      baseUrl: svc.url,
      sessionId: sessionIdToOpen,
      tokens,
      WebSocketPolyfill: WebSocket,
    });
    open.push(c);
    return c;
  };
  const fixed = (value: string): CollabTokens => ({ current: async () => value, refresh: async () => false });
  const phase = (c: NoteConnection) => connectionPhase(c.getSnapshot());

  beforeAll(async () => {
    svc = await startTestService();
    const ada = await svc.as(owner);
    const cls = await ada.call('createClass', { body: { name: 'Connections' } });
    sessionId = (await ada.call('createSession', { params: { classId: cls.id }, body: { title: 'Live' } }))
      .id;
    endedSessionId = (
      await ada.call('createSession', { params: { classId: cls.id }, body: { title: 'Over' } })
    ).id;
    await ada.call('endSession', { params: { sessionId: endedSessionId }, body: {} });
    await (
      await svc.as(student)
    ).call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
  });

  afterAll(async () => {
    for (const c of open) c.destroy();
    await svc?.close();
  });

  it('syncs, counts an edit as pending until the service acknowledges it, and stores it', async () => {
    const c = connect(sessionId, fixed(await token(owner)));
    await until(() => phase(c) === 'synced', 'first sync');
    const seen: ConnectionState[] = [];
    const stop = c.subscribe(() => seen.push(c.getSnapshot()));
    typeParagraph(c.doc, 'Acknowledged text.');
    await until(() => phase(c) === 'synced' && c.getSnapshot().pending === 0, 'acknowledgement');
    stop();
    expect(seen.some((s) => s.pending > 0)).toBe(true);
    const markdown = await (await svc.as(owner)).call('exportNoteMarkdown', { params: { sessionId } });
    expect(markdown).toContain('Acknowledged text.');
    expect(c.getSnapshot().readOnly).toBe(false);
  });

  it('refreshes a refused token once (4401) and carries on with the new one', async () => {
    let current = 'expired-or-garbage';
    let refreshes = 0;
    const valid = await token(student);
    const c = connect(sessionId, {
      current: async () => current,
      refresh: async () => {
        refreshes += 1;
        current = valid;
        return true;
      },
    });
    await until(() => phase(c) === 'synced', 'sync after the refresh', 15_000);
    expect(refreshes).toBe(1);
    expect(c.doc.getXmlFragment(NOTE_FRAGMENT).toJSON()).toContain('Acknowledged text.');
  });

  it('stops, without retrying, when the sign-in cannot be renewed', async () => {
    const c = connect(sessionId, fixed('garbage'));
    await until(() => c.getSnapshot().stopped !== null, 'stop');
    expect(c.getSnapshot().stopped).toBe('signedOut');
    await new Promise((r) => setTimeout(r, 2500));
    expect(c.getSnapshot().socket).toBe('disconnected');
    expect(phase(c)).toBe('stopped');
  });

  it('stops with "not a member" (4403) for someone outside the class', async () => {
    const outsider = buildUser({ tenantId: 'tenant-conn', name: 'Eve Out' });
    const c = connect(sessionId, fixed(await token(outsider)));
    await until(() => c.getSnapshot().stopped !== null, 'stop');
    expect(c.getSnapshot()).toMatchObject({ stopped: 'forbidden', lastClose: 'forbidden' });
  });

  it('is read-only in a session that has ended', async () => {
    const c = connect(endedSessionId, fixed(await token(student)));
    await until(() => phase(c) === 'synced', 'sync');
    expect(c.getSnapshot().readOnly).toBe(true);
  });

  it('keeps counting edits as pending and says why while the service is gone', async () => {
    const own = await startTestService();
    try {
      const ada = await own.as(owner);
      const cls = await ada.call('createClass', { body: { name: 'Going away' } });
      const s = await ada.call('createSession', { params: { classId: cls.id }, body: { title: 'Short' } });
      const { token: t } = await own.anonymous().call('createDevToken', { body: owner });
      const c = new NoteConnection({
        baseUrl: own.url,
        sessionId: s.id,
        tokens: fixed(t),
        WebSocketPolyfill: WebSocket,
      });
      open.push(c);
      await until(() => phase(c) === 'synced', 'sync');
      await own.close();
      await until(() => phase(c) === 'reconnecting', 'reconnecting');
      expect(c.getSnapshot().lastClose).toBe('goingAway');
      typeParagraph(c.doc, 'Written while the service is away.');
      typeParagraph(c.doc, 'And another line.');
      expect(c.getSnapshot().pending).toBeGreaterThanOrEqual(2);
      expect(phase(c)).toBe('reconnecting');
    } finally {
      await own.close();
    }
  });
});
