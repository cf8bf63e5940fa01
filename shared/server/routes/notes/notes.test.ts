import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteVersion } from '../../../contract/notes';
import type { Session } from '../../../contract/sessions';
import { storageBackends } from '../../test/backends';
import { buildSession, expectApiError, garbageClient, wrong, type ClassWorld } from '../../test/factories';
import type { TestService } from '../../test/testService';
import { startNotesWorld, type NotesWorld } from './test/notesWorld';

const backends = await storageBackends();
const LONG_ID = `ses_${'x'.repeat(70)}`;

describe.each(backends)('notes REST on %s', (backend) => {
  let t: TestService;
  let w: ClassWorld;
  let session: Session;
  let version: NoteVersion;
  let token: NotesWorld['token'];
  let editor: NotesWorld['editor'];
  let write: NotesWorld['write'];

  beforeAll(async () => {
    ({ t, w, session, version, token, editor, write } = await startNotesWorld(backend));
  });
  afterAll(() => t.close());

  // --- GET /sessions/:sessionId/notes ---------------------------------------------------------------

  it("GET /sessions/:sessionId/notes 200 gives size, versions, connected clients and the caller's access", async () => {
    const s = await buildSession(w);
    const params = { sessionId: s.id };
    const c = await editor(w.student.user, s.id);
    await write(c, 'hello');
    const meta = await w.owner.client.call('getNote', { params });
    expect(meta).toMatchObject({ sessionId: s.id, versionCount: 0, connectedCount: 1, canEdit: true });
    expect(meta.sizeBytes).toBeGreaterThan(0);
    expect(meta.storedBytes).toBeGreaterThan(0);
    expect(Date.parse(meta.updatedAt!)).toBeGreaterThan(Date.now() - 60_000);
    await w.owner.client.call('updateClass', {
      params: { classId: w.cls.id },
      body: { settings: { studentsCanEdit: false } },
    });
    expect((await w.student.client.call('getNote', { params })).canEdit).toBe(false);
    expect((await w.facilitator.client.call('getNote', { params })).canEdit).toBe(true);
    await w.owner.client.call('updateClass', {
      params: { classId: w.cls.id },
      body: { settings: { studentsCanEdit: true } },
    });
    c.destroy();
  });

  it('GET /sessions/:sessionId/notes 400 validation_failed on a session id over 64 characters', async () => {
    await expectApiError(
      w.owner.client.call('getNote', { params: { sessionId: wrong(LONG_ID) } }),
      400,
      'validation_failed',
    );
  });

  it('GET /sessions/:sessionId/notes 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('getNote', { params: { sessionId: session.id } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /sessions/:sessionId/notes 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('getNote', { params: { sessionId: session.id } }),
      401,
      'invalid_token',
    );
  });

  it('GET /sessions/:sessionId/notes 404 not_found for a non-member', async () => {
    await expectApiError(
      w.outsider.client.call('getNote', { params: { sessionId: session.id } }),
      404,
      'not_found',
    );
  });

  it('GET /sessions/:sessionId/notes 404 not_found for a user of another tenant', async () => {
    await expectApiError(
      w.otherTenant.client.call('getNote', { params: { sessionId: session.id } }),
      404,
      'not_found',
    );
  });

  // --- GET /sessions/:sessionId/notes.md ------------------------------------------------------------

  it('GET /sessions/:sessionId/notes.md 200 renders the live note as text/markdown', async () => {
    const s = await buildSession(w);
    const c = await editor(w.owner.user, s.id);
    await write(c, 'First *point*');
    const res = await fetch(`${t.url}/api/v1/sessions/${s.id}/notes.md`, {
      headers: { authorization: `Bearer ${await token(w.student.user)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(res.headers.get('content-disposition')).toContain(`notes-${s.id}.md`);
    expect(await res.text()).toBe('First \\*point\\*\n');
    c.destroy();
    const viaClient = await w.student.client.call('exportNoteMarkdown', { params: { sessionId: s.id } });
    expect(viaClient).toBe('First \\*point\\*\n');
  });

  it('GET /sessions/:sessionId/notes.md 400 validation_failed on a session id over 64 characters', async () => {
    await expectApiError(
      w.owner.client.call('exportNoteMarkdown', { params: { sessionId: wrong(LONG_ID) } }),
      400,
      'validation_failed',
    );
  });

  it('GET /sessions/:sessionId/notes.md 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('exportNoteMarkdown', { params: { sessionId: session.id } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /sessions/:sessionId/notes.md 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('exportNoteMarkdown', { params: { sessionId: session.id } }),
      401,
      'invalid_token',
    );
  });

  it('GET /sessions/:sessionId/notes.md 404 not_found for a non-member', async () => {
    await expectApiError(
      w.outsider.client.call('exportNoteMarkdown', { params: { sessionId: session.id } }),
      404,
      'not_found',
    );
  });

  it('GET /sessions/:sessionId/notes.md 404 not_found for a user of another tenant', async () => {
    await expectApiError(
      w.otherTenant.client.call('exportNoteMarkdown', { params: { sessionId: session.id } }),
      404,
      'not_found',
    );
  });

  // --- GET/POST /sessions/:sessionId/notes/versions -------------------------------------------------

  it('GET /sessions/:sessionId/notes/versions 200 lists versions newest first, page by page', async () => {
    const s = await buildSession(w);
    const params = { sessionId: s.id };
    await w.owner.client.call('createNoteVersion', { params, body: { name: 'First' } });
    await w.facilitator.client.call('createNoteVersion', { params, body: { name: 'Second' } });
    const page1 = await w.student.client.call('listNoteVersions', { params, query: { limit: 1 } });
    expect(page1.items.map((v) => v.name)).toEqual(['Second']);
    const page2 = await w.student.client.call('listNoteVersions', {
      params,
      query: { limit: 1, cursor: page1.nextCursor! },
    });
    expect(page2.items.map((v) => v.name)).toEqual(['First']);
    expect(page2.nextCursor).toBeNull();
  });

  it('GET /sessions/:sessionId/notes/versions 400 validation_failed on a malformed cursor', async () => {
    await expectApiError(
      w.owner.client.call('listNoteVersions', { params: { sessionId: session.id }, query: { cursor: '%%' } }),
      400,
      'validation_failed',
    );
  });

  it('GET /sessions/:sessionId/notes/versions 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('listNoteVersions', { params: { sessionId: session.id } }),
      401,
      'unauthenticated',
    );
  });

  it('GET /sessions/:sessionId/notes/versions 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('listNoteVersions', { params: { sessionId: session.id } }),
      401,
      'invalid_token',
    );
  });

  it('GET /sessions/:sessionId/notes/versions 404 not_found for a non-member', async () => {
    await expectApiError(
      w.outsider.client.call('listNoteVersions', { params: { sessionId: session.id } }),
      404,
      'not_found',
    );
  });

  it('GET /sessions/:sessionId/notes/versions 404 not_found for a user of another tenant', async () => {
    await expectApiError(
      w.otherTenant.client.call('listNoteVersions', { params: { sessionId: session.id } }),
      404,
      'not_found',
    );
  });

  it('POST /sessions/:sessionId/notes/versions 201 saves the note as it is now, with its author', async () => {
    const s = await buildSession(w);
    const c = await editor(w.owner.user, s.id);
    await write(c, 'version one');
    const v = await w.facilitator.client.call('createNoteVersion', {
      params: { sessionId: s.id },
      body: { name: '  After intro ' },
    });
    expect(v).toMatchObject({
      name: 'After intro',
      kind: 'manual',
      createdBy: { userId: w.facilitator.user.userId },
    });
    await write(c, 'version two');
    const detail = await w.student.client.call('getNoteVersion', {
      params: { sessionId: s.id, versionId: v.id },
    });
    expect(detail.markdown).toBe('version one\n');
    expect((await w.owner.client.call('getNote', { params: { sessionId: s.id } })).versionCount).toBe(1);
    c.destroy();
  });

  it('POST /sessions/:sessionId/notes/versions 400 validation_failed on an empty name', async () => {
    await expectApiError(
      w.owner.client.call('createNoteVersion', { params: { sessionId: session.id }, body: { name: ' ' } }),
      400,
      'validation_failed',
    );
  });

  it('POST /sessions/:sessionId/notes/versions 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('createNoteVersion', { params: { sessionId: session.id }, body: { name: 'x' } }),
      401,
      'unauthenticated',
    );
  });

  it('POST /sessions/:sessionId/notes/versions 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('createNoteVersion', { params: { sessionId: session.id }, body: { name: 'x' } }),
      401,
      'invalid_token',
    );
  });

  it('POST /sessions/:sessionId/notes/versions 403 insufficient_role for a student', async () => {
    await expectApiError(
      w.student.client.call('createNoteVersion', { params: { sessionId: session.id }, body: { name: 'x' } }),
      403,
      'insufficient_role',
    );
  });

  it('POST /sessions/:sessionId/notes/versions 404 not_found for a non-member', async () => {
    await expectApiError(
      w.outsider.client.call('createNoteVersion', { params: { sessionId: session.id }, body: { name: 'x' } }),
      404,
      'not_found',
    );
  });

  it('POST /sessions/:sessionId/notes/versions 404 not_found for a user of another tenant', async () => {
    await expectApiError(
      w.otherTenant.client.call('createNoteVersion', {
        params: { sessionId: session.id },
        body: { name: 'x' },
      }),
      404,
      'not_found',
    );
  });

  // --- GET /sessions/:sessionId/notes/versions/:versionId -------------------------------------------

  it('GET /sessions/:sessionId/notes/versions/:versionId 200 gives its Markdown and ProseMirror JSON', async () => {
    const detail = await w.student.client.call('getNoteVersion', {
      params: { sessionId: session.id, versionId: version.id },
    });
    expect(detail.version).toEqual(version);
    expect(detail.markdown).toBe('shared fixture\n');
    expect(detail.content).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'shared fixture' }] }],
    });
  });

  it('GET /sessions/:sessionId/notes/versions/:versionId 400 validation_failed on a malformed version id', async () => {
    await expectApiError(
      w.owner.client.call('getNoteVersion', { params: { sessionId: session.id, versionId: wrong('x y') } }),
      400,
      'validation_failed',
    );
  });

  it('GET /sessions/:sessionId/notes/versions/:versionId 401 unauthenticated without a token', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(t.anonymous().call('getNoteVersion', { params }), 401, 'unauthenticated');
  });

  it('GET /sessions/:sessionId/notes/versions/:versionId 401 invalid_token with a garbage token', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(garbageClient(t).call('getNoteVersion', { params }), 401, 'invalid_token');
  });

  it('GET /sessions/:sessionId/notes/versions/:versionId 404 not_found for a non-member, and for an unknown version', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(w.outsider.client.call('getNoteVersion', { params }), 404, 'not_found');
    await expectApiError(
      w.owner.client.call('getNoteVersion', {
        params: { sessionId: session.id, versionId: wrong('nv_none') },
      }),
      404,
      'not_found',
    );
  });

  it('GET /sessions/:sessionId/notes/versions/:versionId 404 not_found for a user of another tenant', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(w.otherTenant.client.call('getNoteVersion', { params }), 404, 'not_found');
  });
});
