import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteVersion } from '../../../contract/notes';
import type { Session } from '../../../contract/sessions';
import { waitFor } from '../../notes/test/collabClient';
import { storedText } from '../../notes/test/stored';
import { storageBackends } from '../../test/backends';
import {
  buildClass,
  buildSession,
  expectApiError,
  garbageClient,
  wrong,
  type ClassWorld,
} from '../../test/factories';
import { startTestService, type TestService } from '../../test/testService';
import { startNotesWorld, type NotesWorld } from './test/notesWorld';

const backends = await storageBackends();

describe.each(backends)('restoring a note version on %s', (backend) => {
  let t: TestService;
  let w: ClassWorld;
  let session: Session;
  let version: NoteVersion;
  let editor: NotesWorld['editor'];
  let write: NotesWorld['write'];

  beforeAll(async () => {
    ({ t, w, session, version, editor, write } = await startNotesWorld(backend));
  });
  afterAll(() => t.close());

  // --- POST /sessions/:sessionId/notes/versions/:versionId/restore ----------------------------------

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 200 reaches an open editor live, after a backup', async () => {
    const s = await buildSession(w);
    const c = await editor(w.student.user, s.id);
    await write(c, 'kept', 'original');
    const v = await w.owner.client.call('createNoteVersion', {
      params: { sessionId: s.id },
      body: { name: 'Good' },
    });
    await write(c, 'mistake');
    const result = await w.facilitator.client.call('restoreNoteVersion', {
      params: { sessionId: s.id, versionId: v.id },
      body: {},
    });
    expect(result.restored.id).toBe(v.id);
    expect(result.backup).toMatchObject({ kind: 'before_restore', name: 'Before restoring "Good"' });
    await waitFor(() => !c.text().includes('mistake'), 'the restore to reach the editor');
    expect(c.text()).toBe('<paragraph>kept</paragraph><paragraph>original</paragraph>');
    expect(await storedText(t, s.id)).toBe(c.text());
    const backup = await w.owner.client.call('getNoteVersion', {
      params: { sessionId: s.id, versionId: result.backup.id },
    });
    expect(backup.markdown).toBe('kept\n\noriginal\n\nmistake\n');
    c.destroy();
  });

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 400 validation_failed on a body with fields', async () => {
    await expectApiError(
      w.owner.client.call('restoreNoteVersion', {
        params: { sessionId: session.id, versionId: version.id },
        body: wrong({ force: true }),
      }),
      400,
      'validation_failed',
    );
  });

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 401 unauthenticated without a token', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(
      t.anonymous().call('restoreNoteVersion', { params, body: {} }),
      401,
      'unauthenticated',
    );
  });

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 401 invalid_token with a garbage token', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(
      garbageClient(t).call('restoreNoteVersion', { params, body: {} }),
      401,
      'invalid_token',
    );
  });

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 403 insufficient_role for a student', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(
      w.student.client.call('restoreNoteVersion', { params, body: {} }),
      403,
      'insufficient_role',
    );
  });

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 404 not_found for a non-member, and for an unknown version', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(
      w.outsider.client.call('restoreNoteVersion', { params, body: {} }),
      404,
      'not_found',
    );
    await expectApiError(
      w.owner.client.call('restoreNoteVersion', {
        params: { sessionId: session.id, versionId: wrong('nv_none') },
        body: {},
      }),
      404,
      'not_found',
    );
  });

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 404 not_found for a user of another tenant', async () => {
    const params = { sessionId: session.id, versionId: version.id };
    await expectApiError(
      w.otherTenant.client.call('restoreNoteVersion', { params, body: {} }),
      404,
      'not_found',
    );
  });

  it('POST /sessions/:sessionId/notes/versions/:versionId/restore 413 payload_too_large when the note is full', async () => {
    const small = await startTestService({ backend, env: { NOTES_MAX_DOCUMENT_BYTES: '4096' } });
    try {
      const sw = await buildClass(small);
      const s = await buildSession(sw);
      const params = { sessionId: s.id };
      const v = await sw.owner.client.call('createNoteVersion', { params, body: { name: 'Empty' } });
      // Server-side appends are refused only once a note is over the limit, so two take it past 4 KB.
      const big = { type: 'paragraph', content: [{ type: 'text', text: 'z'.repeat(3000) }] };
      await small.service.context.notes!.appendToNote(s.id, [big]);
      await small.service.context.notes!.appendToNote(s.id, [big]);
      await expectApiError(
        sw.owner.client.call('restoreNoteVersion', {
          params: { sessionId: s.id, versionId: v.id },
          body: {},
        }),
        413,
        'payload_too_large',
      );
    } finally {
      await small.close();
    }
  });
});
