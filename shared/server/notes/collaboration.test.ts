import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { NOTE_FRAGMENT } from '../../contract/collab';
import { storageBackends } from '../test/backends';
import { startTestService, type TestService } from '../test/testService';
import { noteClient, noteSession, typeParagraph, waitFor, type NoteClient } from './test/collabClient';

const backends = await storageBackends();

/** Every client, the server's live document and a fresh client hold the same note with every paragraph. */
async function expectConverged(
  t: TestService,
  s: { sessionId: string; token: string },
  clients: NoteClient[],
  expected: string[],
) {
  const all = () => clients.map((c) => c.text());
  await waitFor(
    () => new Set(all()).size === 1 && expected.every((p) => clients[0]!.text().includes(`>${p}<`)),
    'clients to converge',
    20_000,
  );
  await waitFor(() => clients.every((c) => !c.provider.hasUnsyncedChanges), 'every update acknowledged');
  const server = t.service.context.notes!;
  const live = (await server.markdown(s.sessionId)).trim().split('\n\n').sort();
  expect(live).toEqual([...expected].sort());
  const fresh = noteClient(t.url, s.sessionId, s.token);
  await waitFor(() => fresh.provider.synced, 'a fresh client to sync');
  expect(fresh.text()).toBe(clients[0]!.text());
  fresh.destroy();
}

describe.each(backends)('live notes on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('two clients edit concurrently and converge, checked from both sides and the server', async () => {
    const s = await noteSession(t);
    const token = await s.token(s.owner);
    const student = await s.student();
    const a = noteClient(t.url, s.sessionId, token);
    const b = noteClient(t.url, s.sessionId, await s.token(student));
    await waitFor(() => a.provider.synced && b.provider.synced, 'both clients to sync');
    expect(a.scopes).toEqual(['read-write']);
    expect(b.scopes).toEqual(['read-write']);
    const expected: string[] = [];
    for (let i = 0; i < 25; i++) {
      typeParagraph(a.doc, `a${i}`);
      typeParagraph(b.doc, `b${i}`);
      expected.push(`a${i}`, `b${i}`);
      if (i % 5 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await expectConverged(t, { sessionId: s.sessionId, token }, [a, b], expected);
    // Both sides see the same concurrent edit of one paragraph too.
    a.doc.transact(() => {
      const text = (a.doc.getXmlFragment(NOTE_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(0, 'A-');
    });
    b.doc.transact(() => {
      const text = (b.doc.getXmlFragment(NOTE_FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(text.length, '-B');
    });
    await waitFor(() => a.text() === b.text() && a.text().includes('>A-'), 'the shared paragraph to merge');
    expect(a.text()).toMatch(/<paragraph>A-\w+-B<\/paragraph>/);
    const meta = await s.ownerClient.call('getNote', { params: { sessionId: s.sessionId } });
    expect(meta.connectedCount).toBeGreaterThanOrEqual(2);
    a.destroy();
    b.destroy();
  });

  it('twenty clients edit concurrently and converge, checked from every side', async () => {
    const s = await noteSession(t);
    const token = await s.token(s.owner);
    const users = await Promise.all(Array.from({ length: 19 }, () => s.student()));
    const tokens = [token, ...(await Promise.all(users.map((u) => s.token(u))))];
    const clients = tokens.map((token) => noteClient(t.url, s.sessionId, token));
    await waitFor(() => clients.every((c) => c.provider.synced), 'twenty clients to sync', 20_000);
    const expected: string[] = [];
    await Promise.all(
      clients.map(async (c, n) => {
        for (let i = 0; i < 8; i++) {
          typeParagraph(c.doc, `c${n}-${i}`);
          await new Promise((r) => setTimeout(r, Math.random() * 15));
        }
      }),
    );
    clients.forEach((_, n) => {
      for (let i = 0; i < 8; i++) expected.push(`c${n}-${i}`);
    });
    await expectConverged(t, { sessionId: s.sessionId, token }, clients, expected);
    for (const c of clients) c.destroy();
  });
});
