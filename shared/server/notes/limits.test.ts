import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { COLLAB_CLOSE } from '../../contract/collab';
import { startTestService, type TestService } from '../test/testService';
import { collabUrl, noteClient, noteSession, typeParagraph, waitFor } from './test/collabClient';
import { storedText } from './test/stored';

function service(env: Record<string, string>) {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ env });
  });
  afterAll(() => t.close());
  return () => t;
}

describe('message and document size', () => {
  const svc = service({ NOTES_MAX_MESSAGE_BYTES: '4096', NOTES_MAX_DOCUMENT_BYTES: '8192' });

  it('a message over NOTES_MAX_MESSAGE_BYTES closes 4413', async () => {
    const t = svc();
    const s = await noteSession(t);
    const c = noteClient(t.url, s.sessionId, await s.token(s.owner));
    await waitFor(() => c.provider.synced, 'sync');
    typeParagraph(c.doc, 'x'.repeat(5000));
    await waitFor(() => c.closes.length > 0, 'close');
    expect(c.closes[0]).toBe(COLLAB_CLOSE.messageTooBig.code);
    c.destroy();
    expect(await storedText(t, s.sessionId)).not.toContain('xxxx');
  });

  it('an update that would pass NOTES_MAX_DOCUMENT_BYTES closes 4414 and is not stored', async () => {
    const t = svc();
    const s = await noteSession(t);
    const c = noteClient(t.url, s.sessionId, await s.token(s.owner));
    await waitFor(() => c.provider.synced, 'sync');
    typeParagraph(c.doc, `one${'a'.repeat(3000)}`);
    typeParagraph(c.doc, `two${'b'.repeat(3000)}`);
    await waitFor(() => !c.provider.hasUnsyncedChanges, 'the first two to be acknowledged');
    typeParagraph(c.doc, `three${'c'.repeat(3000)}`);
    await waitFor(() => c.closes.length > 0, 'close');
    expect(c.closes[0]).toBe(COLLAB_CLOSE.documentTooLarge.code);
    c.destroy();
    const stored = await storedText(t, s.sessionId);
    expect(stored).toContain('twobbb');
    expect(stored).not.toContain('threeccc');
  });
});

describe('per-user message rate', () => {
  const svc = service({ NOTES_RATE_PER_SECOND: '5', NOTES_RATE_BURST: '40' });

  it('a user over budget is closed 4429 on all their sockets; another user on the same IP is not', async () => {
    const t = svc();
    const s = await noteSession(t);
    const flooder = await s.student();
    const a1 = noteClient(t.url, s.sessionId, await s.token(flooder));
    const a2 = noteClient(t.url, s.sessionId, await s.token(flooder));
    const other = noteClient(t.url, s.sessionId, await s.token(s.owner));
    await waitFor(() => a1.provider.synced && a2.provider.synced && other.provider.synced, 'sync');
    for (let i = 0; i < 60; i++) typeParagraph(a1.doc, `flood${i}`);
    await waitFor(() => a1.closes.length > 0, 'the flooding socket to close');
    expect(a1.closes[0]).toBe(COLLAB_CLOSE.rateLimited.code);
    // The budget is the user's: their other socket has only what refilled since (5/s), another user all 40.
    for (let i = 0; i < 15; i++) typeParagraph(a2.doc, `same-user${i}`);
    await waitFor(() => a2.closes.length > 0, "the same user's other socket to close");
    expect(a2.closes[0]).toBe(COLLAB_CLOSE.rateLimited.code);
    for (let i = 0; i < 15; i++) typeParagraph(other.doc, `other-user${i}`);
    await waitFor(() => !other.provider.hasUnsyncedChanges, 'the other user to be acknowledged');
    expect(other.closes).toEqual([]);
    for (const c of [a1, a2, other]) c.destroy();
  });
});

describe('connections', () => {
  const svc = service({ NOTES_MAX_CONNECTIONS_PER_DOC: '3', NOTES_MAX_CONNECTIONS_PER_USER: '2' });

  it('a connection over NOTES_MAX_CONNECTIONS_PER_DOC closes 4430; a slot frees when one leaves', async () => {
    const t = svc();
    const s = await noteSession(t);
    const tokens = await Promise.all(
      [s.owner, await s.student(), await s.student(), await s.student()].map((u) => s.token(u)),
    );
    const first = tokens.slice(0, 3).map((tk) => noteClient(t.url, s.sessionId, tk));
    await waitFor(() => first.every((c) => c.provider.synced), 'three to sync');
    const fourth = noteClient(t.url, s.sessionId, tokens[3]!);
    await waitFor(() => fourth.closes.length > 0, 'the fourth to be refused');
    expect(fourth.closes[0]).toBe(COLLAB_CLOSE.tooManyConnections.code);
    fourth.destroy();
    first[0]!.destroy();
    await new Promise((r) => setTimeout(r, 200));
    const again = noteClient(t.url, s.sessionId, tokens[3]!);
    await waitFor(() => again.provider.synced, 'a freed slot to be taken');
    for (const c of [...first.slice(1), again]) c.destroy();
  });

  it('a user over NOTES_MAX_CONNECTIONS_PER_USER closes 4430', async () => {
    const t = svc();
    const s = await noteSession(t);
    const token = await s.token(s.owner);
    const ok = [noteClient(t.url, s.sessionId, token), noteClient(t.url, s.sessionId, token)];
    await waitFor(() => ok.every((c) => c.provider.synced), 'two to sync');
    const third = noteClient(t.url, s.sessionId, token);
    await waitFor(() => third.closes.length > 0, 'the third to be refused');
    expect(third.closes[0]).toBe(COLLAB_CLOSE.tooManyConnections.code);
    for (const c of [...ok, third]) c.destroy();
  });
});

describe('presence (awareness)', () => {
  const svc = service({ NOTES_AWARENESS_INTERVAL_MS: '200', NOTES_AWARENESS_MAX_BYTES: '1024' });

  it('is throttled to one merged update per interval per connection, keeping the newest state', async () => {
    const t = svc();
    const s = await noteSession(t);
    const token = await s.token(s.owner);
    const mover = noteClient(t.url, s.sessionId, token);
    const watcher = noteClient(t.url, s.sessionId, await s.token(await s.student()));
    await waitFor(() => mover.provider.synced && watcher.provider.synced, 'sync');
    const seen: number[] = [];
    watcher.provider.awareness!.on('update', ({ updated, added }: { updated: number[]; added: number[] }) => {
      if ([...updated, ...added].includes(mover.doc.clientID)) seen.push(Date.now());
    });
    const started = Date.now();
    for (let i = 0; i < 100; i++) {
      mover.provider.setAwarenessField('cursor', i);
      await new Promise((r) => setTimeout(r, 5));
    }
    const elapsed = Date.now() - started;
    await waitFor(
      () => watcher.provider.awareness!.getStates().get(mover.doc.clientID)?.cursor === 99,
      'the newest cursor to arrive',
    );
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
    expect(seen.length).toBeGreaterThan(0);
    mover.destroy();
    watcher.destroy();
  });

  it('a presence update over NOTES_AWARENESS_MAX_BYTES closes 4413', async () => {
    const t = svc();
    const s = await noteSession(t);
    const c = noteClient(t.url, s.sessionId, await s.token(s.owner));
    await waitFor(() => c.provider.synced, 'sync');
    c.provider.setAwarenessField('user', { name: 'n'.repeat(2000) });
    await waitFor(() => c.closes.length > 0, 'close');
    expect(c.closes[0]).toBe(COLLAB_CLOSE.messageTooBig.code);
    c.destroy();
  });
});

describe('before authentication', () => {
  const svc = service({});

  it('a socket that sends a document more than it may before authenticating closes 4401', async () => {
    const t = svc();
    const s = await noteSession(t);
    const ws = new WebSocket(collabUrl(t.url));
    ws.on('error', () => undefined);
    const closed = new Promise<number>((r) => ws.once('close', (code: number) => r(code)));
    await new Promise((r) => ws.once('open', r));
    const e = encoding.createEncoder();
    encoding.writeVarString(e, s.sessionId);
    encoding.writeVarUint(e, 3); // query awareness: harmless, but queued until the document authenticates
    for (let i = 0; i < 100; i++) ws.send(encoding.toUint8Array(e));
    expect(await closed).toBe(COLLAB_CLOSE.unauthorized.code);
  });
});
