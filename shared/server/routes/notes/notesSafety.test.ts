import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NOTE_FRAGMENT, parseCollabServerMessage } from '../../../contract/collab';
import type { Session } from '../../../contract/sessions';
import { waitFor, type NoteClient } from '../../notes/test/collabClient';
import { storedDoc, storedText } from '../../notes/test/stored';
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
import { readFlags } from '../dashboard/noteFlags';
import { startNotesWorld, type NotesWorld } from './test/notesWorld';

const backends = await storageBackends();
const MINUTE = 60_000;

/** A flag on `text` inside the first paragraph holding it, written the way the tab writes one. */
function flagPassage(doc: Y.Doc, text: string): string {
  const fragment = doc.getXmlFragment(NOTE_FRAGMENT);
  for (const block of fragment.toArray()) {
    const t = (block as Y.XmlElement).get(0);
    if (!(t instanceof Y.XmlText)) continue;
    const at = String(t.toString()).indexOf(text);
    if (at < 0) continue;
    const id = `flag${Math.random().toString(36).slice(2, 10)}`;
    doc.transact(() => {
      const entry = new Y.Map<unknown>();
      doc.getMap('annotations').set(id, entry);
      entry.set('kind', 'flag');
      entry.set('from', Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(t, at, 0)));
      entry.set('to', Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(t, at + text.length)));
      entry.set('authorId', null);
      entry.set('authorName', null);
      entry.set('anonymous', true);
      entry.set('createdAt', Date.now());
      entry.set('quote', text);
      entry.set('resolved', false);
    });
    return id;
  }
  throw new Error(`no paragraph holds "${text}"`);
}

/** The text a flag's anchors enclose now, or null when its passage is gone. */
function flaggedText(doc: Y.Doc, id: string): string | null {
  const entry = doc.getMap('annotations').get(id) as Y.Map<unknown>;
  const from = Y.createAbsolutePositionFromRelativePosition(
    Y.decodeRelativePosition(entry.get('from') as Uint8Array),
    doc,
  );
  const to = Y.createAbsolutePositionFromRelativePosition(
    Y.decodeRelativePosition(entry.get('to') as Uint8Array),
    doc,
  );
  if (!from || !to || from.type !== to.type || !(from.type instanceof Y.XmlText)) return null;
  if (from.type._item?.deleted) return null;
  return String(from.type.toString()).slice(from.index, to.index);
}

function accessMessages(c: NoteClient) {
  return c.stateless.map((p) => parseCollabServerMessage(JSON.parse(p)));
}

describe.each(backends)('notes that cannot be lost on %s', (backend) => {
  let t: TestService;
  let w: ClassWorld;
  let session: Session;
  let editor: NotesWorld['editor'];
  let write: NotesWorld['write'];

  beforeAll(async () => {
    ({ t, w, session, editor, write } = await startNotesWorld(backend));
  });
  afterAll(() => t.close());
  afterEach(() => {
    t.service.context.notes!.auto.clock = Date.now;
  });

  // --- PUT /sessions/:sessionId/notes/lock ------------------------------------------------------------

  it("PUT /sessions/:sessionId/notes/lock 200 refuses a student's edit on the server while a facilitator still edits, live; unlock gives it back", async () => {
    const s = await buildSession(w);
    const student = await editor(w.student.user, s.id);
    const facilitator = await editor(w.facilitator.user, s.id);
    await write(student, 'before');
    const locked = await w.facilitator.client.call('setNoteLock', {
      params: { sessionId: s.id },
      body: { locked: true },
    });
    expect(locked).toEqual({ locked: true });
    await waitFor(
      () => accessMessages(student).some((m) => m?.type === 'stoa.access' && m.readOnly),
      'the student to be switched to read-only',
    );
    expect(accessMessages(student)).toContainEqual({ type: 'stoa.access', readOnly: true, reason: 'locked' });
    expect(accessMessages(facilitator)).toContainEqual({ type: 'stoa.lock', locked: true });
    expect(accessMessages(facilitator).some((m) => m?.type === 'stoa.access')).toBe(false);

    const studentView = await w.student.client.call('getNote', { params: { sessionId: s.id } });
    expect(studentView).toMatchObject({ locked: true, canEdit: false });
    const facilitatorView = await w.facilitator.client.call('getNote', { params: { sessionId: s.id } });
    expect(facilitatorView).toMatchObject({ locked: true, canEdit: true });

    student.doc.getXmlFragment(NOTE_FRAGMENT).delete(0, 1);
    await write(facilitator, 'facilitator still writes');
    await new Promise((r) => setTimeout(r, 300));
    expect(student.provider.hasUnsyncedChanges).toBe(true);
    expect(await storedText(t, s.id)).toBe(
      '<paragraph>before</paragraph><paragraph>facilitator still writes</paragraph>',
    );
    student.destroy();

    // A student who connects while it is locked is read-only from the start.
    const late = await editor(w.student.user, s.id);
    expect(late.scopes).toEqual(['readonly']);
    late.destroy();

    await w.owner.client.call('setNoteLock', { params: { sessionId: s.id }, body: { locked: false } });
    const again = await editor(w.student.user, s.id);
    expect(again.scopes).toEqual(['read-write']);
    await write(again, 'after unlock');
    expect(await storedText(t, s.id)).toContain('after unlock');
    again.destroy();
    facilitator.destroy();
  });

  it('PUT /sessions/:sessionId/notes/lock 400 validation_failed on a body that is not a boolean', async () => {
    await expectApiError(
      w.owner.client.call('setNoteLock', {
        params: { sessionId: session.id },
        body: wrong({ locked: 'yes' }),
      }),
      400,
      'validation_failed',
    );
  });

  it('PUT /sessions/:sessionId/notes/lock 401 unauthenticated without a token', async () => {
    await expectApiError(
      t.anonymous().call('setNoteLock', { params: { sessionId: session.id }, body: { locked: true } }),
      401,
      'unauthenticated',
    );
  });

  it('PUT /sessions/:sessionId/notes/lock 401 invalid_token with a garbage token', async () => {
    await expectApiError(
      garbageClient(t).call('setNoteLock', { params: { sessionId: session.id }, body: { locked: true } }),
      401,
      'invalid_token',
    );
  });

  it('PUT /sessions/:sessionId/notes/lock 403 insufficient_role for a student', async () => {
    await expectApiError(
      w.student.client.call('setNoteLock', { params: { sessionId: session.id }, body: { locked: true } }),
      403,
      'insufficient_role',
    );
  });

  it('PUT /sessions/:sessionId/notes/lock 404 not_found for a non-member', async () => {
    await expectApiError(
      w.outsider.client.call('setNoteLock', { params: { sessionId: session.id }, body: { locked: true } }),
      404,
      'not_found',
    );
  });

  it('PUT /sessions/:sessionId/notes/lock 404 not_found for a user of another tenant', async () => {
    await expectApiError(
      w.otherTenant.client.call('setNoteLock', { params: { sessionId: session.id }, body: { locked: true } }),
      404,
      'not_found',
    );
  });

  // --- automatic versions ------------------------------------------------------------------------------

  it('saves an automatic version after activity at most every 10 minutes', async () => {
    const notes = t.service.context.notes!;
    let now = Date.now();
    notes.auto.clock = () => now;
    const s = await buildSession(w);
    const c = await editor(w.student.user, s.id);
    const autos = async () =>
      (await w.student.client.call('listNoteVersions', { params: { sessionId: s.id } })).items.filter(
        (v) => v.kind === 'auto',
      );
    await write(c, 'minute 0');
    await notes.auto.settled();
    now += 5 * MINUTE;
    await write(c, 'minute 5');
    await notes.auto.settled();
    expect(await autos()).toEqual([]);
    now += 6 * MINUTE;
    await write(c, 'minute 11');
    await notes.auto.settled();
    const first = await autos();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'auto', createdBy: { userId: 'stoa' } });
    const detail = await w.student.client.call('getNoteVersion', {
      params: { sessionId: s.id, versionId: first[0]!.id },
    });
    expect(detail.markdown).toBe('minute 0\n\nminute 5\n\nminute 11\n');
    now += 3 * MINUTE;
    await write(c, 'minute 14');
    await notes.auto.settled();
    expect(await autos()).toHaveLength(1);
    now += 8 * MINUTE;
    await write(c, 'minute 22');
    await notes.auto.settled();
    expect(await autos()).toHaveLength(2);
    c.destroy();
  });

  it('keeps only the newest automatic versions; named ones stay', async () => {
    const small = await startTestService({
      backend,
      env: { NOTES_AUTO_VERSIONS_KEEP: '2', NOTES_AUTO_VERSION_MS: '60000' },
    });
    try {
      const sw = await buildClass(small);
      const s = await buildSession(sw);
      const notes = small.service.context.notes!;
      let now = Date.now();
      notes.auto.clock = () => now;
      await sw.owner.client.call('createNoteVersion', {
        params: { sessionId: s.id },
        body: { name: 'Named' },
      });
      for (let i = 0; i < 6; i++) {
        await notes.appendToNote(s.id, [{ type: 'paragraph', content: [{ type: 'text', text: `p${i}` }] }]);
        await notes.auto.settled();
        now += MINUTE;
      }
      const versions = (await sw.owner.client.call('listNoteVersions', { params: { sessionId: s.id } }))
        .items;
      expect(versions.map((v) => v.kind).sort()).toEqual(['auto', 'auto', 'manual']);
      const newest = await sw.owner.client.call('getNoteVersion', {
        params: { sessionId: s.id, versionId: versions.find((v) => v.kind === 'auto')!.id },
      });
      expect(newest.markdown).toBe('p0\n\np1\n\np2\n\np3\n\np4\n\np5\n');
    } finally {
      await small.close();
    }
  });

  it('saves a version when the session ends', async () => {
    const s = await buildSession(w);
    const c = await editor(w.student.user, s.id);
    await write(c, 'the last words');
    c.destroy();
    await w.facilitator.client.call('endSession', { params: { sessionId: s.id }, body: {} });
    await w.facilitator.client.call('endSession', { params: { sessionId: s.id }, body: {} });
    const versions = (await w.student.client.call('listNoteVersions', { params: { sessionId: s.id } })).items;
    expect(versions.filter((v) => v.kind === 'session_end')).toHaveLength(1);
    const end = await w.student.client.call('getNoteVersion', {
      params: { sessionId: s.id, versionId: versions.find((v) => v.kind === 'session_end')!.id },
    });
    expect(end.markdown).toBe('the last words\n');
  });

  // --- restore keeps flags -----------------------------------------------------------------------------

  it('a restore after the note was wiped saves a version first and keeps every flag on its passage', async () => {
    const s = await buildSession(w);
    const c = await editor(w.student.user, s.id);
    await write(c, 'alpha beta', 'gamma delta', 'epsilon');
    const onBeta = flagPassage(c.doc, 'beta');
    const onDelta = flagPassage(c.doc, 'gamma delta');
    await waitFor(() => !c.provider.hasUnsyncedChanges, 'the flags to be stored');
    const good = await w.owner.client.call('createNoteVersion', {
      params: { sessionId: s.id },
      body: { name: 'Good' },
    });
    // A student selects everything and deletes it, then types something else.
    const fragment = c.doc.getXmlFragment(NOTE_FRAGMENT);
    fragment.delete(0, fragment.length);
    await write(c, 'oops');
    expect(flaggedText(c.doc, onBeta)).toBeNull();

    const result = await w.facilitator.client.call('restoreNoteVersion', {
      params: { sessionId: s.id, versionId: good.id },
      body: {},
    });
    expect(result.backup.kind).toBe('before_restore');
    await waitFor(() => c.text().includes('alpha beta'), 'the restore to reach the editor');
    expect(flaggedText(c.doc, onBeta)).toBe('beta');
    expect(flaggedText(c.doc, onDelta)).toBe('gamma delta');
    const stored = await storedDoc(t, s.id);
    expect(flaggedText(stored, onBeta)).toBe('beta');
    const flags = readFlags(stored);
    expect(flags.map((f) => f.block).sort()).toEqual([0, 1]);
    c.destroy();
  });
});
