import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE, parseCollabServerMessage } from '../../contract/collab';
import { signUserToken } from '../auth/tokens';
import { storageBackends } from '../test/backends';
import { buildUser, startTestService, type TestService } from '../test/testService';
import { noteClient, noteSession, typeParagraph, waitFor, type NoteClient } from './test/collabClient';
import { storedText } from './test/stored';

const backends = await storageBackends();

async function refusedWith(c: NoteClient, code: number): Promise<void> {
  try {
    await waitFor(() => c.closes.length > 0, `close ${code}`);
    expect(c.closes[0]).toBe(code);
    expect(c.provider.isAuthenticated).toBe(false);
  } finally {
    c.destroy();
  }
}

describe.each(backends)('note authorization on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('no token closes 4401', async () => {
    const s = await noteSession(t);
    const c = noteClient(t.url, s.sessionId, null);
    await refusedWith(c, COLLAB_CLOSE.unauthorized.code);
    expect(c.denied).toEqual([COLLAB_CLOSE.unauthorized.reason]);
  });

  it('an expired token closes 4401', async () => {
    const s = await noteSession(t);
    const { token } = await signUserToken(t.service.context.devKey!, {
      ...s.owner,
      audience: t.service.context.env.AAD_APP_CLIENT_ID,
      expiresInSeconds: -300,
    });
    await refusedWith(noteClient(t.url, s.sessionId, token), COLLAB_CLOSE.unauthorized.code);
  });

  it('a non-member of the class closes 4403', async () => {
    const s = await noteSession(t);
    const outsider = buildUser({ tenantId: s.owner.tenantId });
    await refusedWith(noteClient(t.url, s.sessionId, await s.token(outsider)), COLLAB_CLOSE.forbidden.code);
  });

  it('a user of another tenant closes 4403', async () => {
    const s = await noteSession(t);
    const foreign = buildUser({ tenantId: 'tenant-other', userId: s.owner.userId });
    await refusedWith(noteClient(t.url, s.sessionId, await s.token(foreign)), COLLAB_CLOSE.forbidden.code);
  });

  it('a document that is not a session closes 4403', async () => {
    const s = await noteSession(t);
    const token = await s.token(s.owner);
    await refusedWith(noteClient(t.url, 'ses_doesnotexist000000', token), COLLAB_CLOSE.forbidden.code);
    await refusedWith(noteClient(t.url, '../etc/passwd', token), COLLAB_CLOSE.forbidden.code);
  });

  it('a read-only student gets a readonly scope and their updates are refused, not shown, not stored', async () => {
    const s = await noteSession(t, { studentsCanEdit: false });
    const writer = noteClient(t.url, s.sessionId, await s.token(s.owner));
    const reader = noteClient(t.url, s.sessionId, await s.token(await s.student()));
    await waitFor(() => writer.provider.synced && reader.provider.synced, 'sync');
    expect(reader.scopes).toEqual(['readonly']);
    expect(writer.scopes).toEqual(['read-write']);
    typeParagraph(writer.doc, 'from-owner');
    typeParagraph(reader.doc, 'from-reader');
    await waitFor(() => reader.text().includes('from-owner'), 'the reader to receive the owner');
    await waitFor(() => !writer.provider.hasUnsyncedChanges, 'the owner to be acknowledged');
    await new Promise((r) => setTimeout(r, 300));
    expect(reader.provider.hasUnsyncedChanges).toBe(true);
    expect(writer.text()).not.toContain('from-reader');
    expect(await t.service.context.notes!.markdown(s.sessionId)).not.toContain('from\\-reader');
    expect(await storedText(t, s.sessionId)).toContain('from-owner');
    expect(await storedText(t, s.sessionId)).not.toContain('from-reader');
    writer.destroy();
    reader.destroy();
  });

  it('an ended session is read-only for everyone, and open editors are switched live', async () => {
    const s = await noteSession(t);
    const editor = noteClient(t.url, s.sessionId, await s.token(await s.student()));
    await waitFor(() => editor.provider.synced, 'sync');
    expect(editor.scopes).toEqual(['read-write']);
    await s.ownerClient.call('endSession', { params: { sessionId: s.sessionId }, body: {} });
    await t.service.context.notes!.refreshAccess(s.sessionId);
    await waitFor(() => editor.stateless.length > 0, 'the access message');
    expect(parseCollabServerMessage(JSON.parse(editor.stateless[0]!))).toEqual({
      type: 'stoa.access',
      readOnly: true,
      reason: 'ended',
    });
    typeParagraph(editor.doc, 'after-end');
    await new Promise((r) => setTimeout(r, 300));
    expect(editor.provider.hasUnsyncedChanges).toBe(true);
    expect(await storedText(t, s.sessionId)).not.toContain('after-end');
    editor.destroy();
    const owner = noteClient(t.url, s.sessionId, await s.token(s.owner));
    await waitFor(() => owner.provider.synced, 'the owner to sync');
    expect(owner.scopes).toEqual(['readonly']);
    owner.destroy();
  });
});
