import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../test/testService';
import { noteClient, noteSession, typeParagraph, waitFor, type NoteClient } from './test/collabClient';

/** Counts the remote updates a client applied (one per sync message the server sent it). */
function countRemote(client: NoteClient): () => number {
  let n = 0;
  client.doc.on('update', (_u: Uint8Array, origin: unknown) => {
    if (origin === client.provider) n += 1;
  });
  return () => n;
}

async function pair(t: TestService) {
  const s = await noteSession(t);
  const writer = noteClient(t.url, s.sessionId, await s.token(s.owner));
  const reader = noteClient(t.url, s.sessionId, await s.token(await s.student()));
  await waitFor(() => writer.provider.synced && reader.provider.synced, 'both clients to sync');
  return { writer, reader };
}

describe('a small note', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({
      env: { NOTES_BROADCAST_WINDOW_MS: '300', NOTES_BROADCAST_MIN_CONNECTIONS: '3' },
    });
  });
  afterAll(() => t.close());

  it('sends each edit on its own below the connection threshold: a window would only add latency', async () => {
    const { writer, reader } = await pair(t);
    const received = countRemote(reader);
    for (let i = 0; i < 10; i++) typeParagraph(writer.doc, `small ${i}`);
    await waitFor(() => reader.text() === writer.text(), 'the reader to converge');
    expect(received()).toBe(10);
    writer.destroy();
    reader.destroy();
  });
});

describe.each([
  { windowMs: 300, coalesced: true },
  { windowMs: 0, coalesced: false },
])('broadcast window of $windowMs ms', ({ windowMs, coalesced }) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({
      env: { NOTES_BROADCAST_WINDOW_MS: String(windowMs), NOTES_BROADCAST_MIN_CONNECTIONS: '0' },
    });
  });
  afterAll(() => t.close());

  it(
    coalesced
      ? 'sends a burst of edits as a few merged messages, and every reader converges'
      : 'sends each edit on its own',
    async () => {
      const { writer, reader } = await pair(t);
      const received = countRemote(reader);
      const paragraphs = Array.from({ length: 30 }, (_, i) => `burst ${i}`);
      for (const p of paragraphs) typeParagraph(writer.doc, p);
      await waitFor(() => reader.text() === writer.text(), 'the reader to converge');
      if (coalesced) {
        // The first goes at once, the rest within one or two windows.
        expect(received()).toBeGreaterThanOrEqual(2);
        expect(received()).toBeLessThanOrEqual(4);
      } else expect(received()).toBe(paragraphs.length);
      await waitFor(() => !writer.provider.hasUnsyncedChanges, 'the writer to be acknowledged');
      writer.destroy();
      reader.destroy();
    },
  );

  it('delivers the first edit of a quiet note at once, without waiting for the window', async () => {
    const { writer, reader } = await pair(t);
    await new Promise((r) => setTimeout(r, windowMs + 50));
    const started = Date.now();
    typeParagraph(writer.doc, 'alone');
    await waitFor(() => reader.text().includes('>alone<'), 'the edit to arrive');
    expect(Date.now() - started).toBeLessThan(Math.max(windowMs / 2, 150));
    writer.destroy();
    reader.destroy();
  });

  it('keeps a crowd connected when everyone’s presence changes in one window (providers echo it back)', async () => {
    const s = await noteSession(t);
    const crowd: NoteClient[] = [];
    for (let i = 0; i < 24; i++) crowd.push(noteClient(t.url, s.sessionId, await s.token(await s.student())));
    await waitFor(() => crowd.every((c) => c.provider.synced), 'the crowd to sync', 20_000);
    crowd.forEach((c, i) => c.provider.setAwarenessField('user', { name: `Student ${i}`, color: '#336699' }));
    const seesEveryone = (c: NoteClient) =>
      [...(c.provider.awareness?.getStates().values() ?? [])].filter((st) => 'user' in st).length === 24;
    await waitFor(() => crowd.every(seesEveryone), 'everyone to see everyone', 20_000);
    await new Promise((r) => setTimeout(r, windowMs + 200));
    expect(crowd.flatMap((c) => c.closes)).toEqual([]);
    crowd.forEach((c) => c.destroy());
  });

  it('keeps presence right: names arrive, and a client that leaves disappears for the others', async () => {
    const { writer, reader } = await pair(t);
    writer.provider.setAwarenessField('user', { name: 'Writer', color: '#123456' });
    const writerId = writer.doc.clientID;
    await waitFor(
      () =>
        (reader.provider.awareness?.getStates().get(writerId) as { user?: { name: string } } | undefined)
          ?.user?.name === 'Writer',
      'the writer to appear to the reader',
    );
    writer.destroy();
    await waitFor(
      () => !reader.provider.awareness?.getStates().has(writerId),
      'the writer to leave the reader’s presence list',
    );
    reader.destroy();
  });
});
