import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLAB_CLOSE } from '../../contract/collab';
import { REMOVED_TEXT } from '../../contract/removedText';
import { noteClient, typeParagraph, waitFor } from '../notes/test/collabClient';
import { storageBackends } from '../test/backends';
import { expectApiError } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';
import { scanFor, type Needles, type ScanReport, type ScanWorld } from './test/erasureScan';
import { buildRealisticClass, SUBJECT_QUESTION, tokenOf } from './test/realisticClass';

const backends = await storageBackends();
const ADMIN = { tenantId: 'tenant-a', userId: 'dpo-admin', name: 'Data Protection' };

/** Which needles a scan found, for the check that the scan sees the person before the erasure. */
const found = (r: ScanReport) => new Set(r.hits.map((h) => h.needle));
const summary = (r: ScanReport) =>
  `${r.items} items, ${r.places} places, ${(r.bytes / 1e6).toFixed(1)} MB, ${r.hits.length} hits; ` +
  Object.entries(r.perSource)
    .map(([name, s]) => `${name} ${s.items}/${s.places}`)
    .join(', ');

/** Reads an event stream until it ends; resolves 'ended' (or 'open' if it is still running at `ms`). */
async function streamUntilEnd(url: string, sessionId: string, token: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/v1/sessions/${sessionId}/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: abort.signal,
  });
  expect(res.status).toBe(200);
  const ended = (async () => {
    try {
      for await (const _ of res.body!) void _;
    } catch {
      // A destroyed stream ends with an error on this side.
    }
    return 'ended' as const;
  })();
  return {
    within: (ms: number) =>
      Promise.race([ended, new Promise<'open'>((r) => setTimeout(() => r('open'), ms))]),
    close: () => abort.abort(),
  };
}

describe.each(backends)('erasure leaves nothing of the person on %s', (backend) => {
  let t: TestService;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'stoa-erasure-'));
    t = await startTestService({
      backend,
      env: {
        TENANT_ADMINS: `${ADMIN.tenantId}:${ADMIN.userId}`,
        PRIVACY_SELF_ERASURE: '*',
        ...(backend === 'sqlite' ? { SQLITE_PATH: join(dir, 'stoa.db') } : {}),
      },
    });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('POST /admin/users/:userId/erase 200 ends their sessions at once and leaves their id, name and texts nowhere a remaining user or the database files can show', async () => {
    const c = await buildRealisticClass(t);
    const { w, subject, selfErased } = c;
    const s1: string = c.sessions[0]!.id;
    const s2: string = c.sessions[1]!.id;

    // The classmate's later question matched the subject's question in the notes, as the check found.
    const qr2 = await w.facilitator.client.call('getRound', {
      params: { roundId: c.matchingQuestion.roundId },
    });
    if (qr2.kind !== 'question_round') throw new Error('expected a question round');
    const matched = qr2.questions.find((q) => q.text === c.matchingQuestion.text);
    expect(matched?.answeredInNotes?.passageId).toBe(SUBJECT_QUESTION);

    const admin = await t.as(ADMIN);
    const world: ScanWorld = {
      t,
      viewers: [
        { label: 'facilitator', user: w.facilitator.user, token: await tokenOf(t, w.facilitator.user) },
        { label: 'student', user: w.student.user, token: await tokenOf(t, w.student.user) },
        { label: 'administrator', user: ADMIN, token: await tokenOf(t, ADMIN) },
      ],
      ids: {
        classIds: [w.cls.id],
        sessionIds: [s1, s2],
        roundIds: c.roundIds,
        userIds: [subject.user.userId, selfErased.user.userId, w.student.user.userId],
        annotationIds: c.annotationIds,
        versions: c.versions,
      },
      ...(backend === 'sqlite' ? { sqlitePath: join(dir, 'stoa.db') } : {}),
    };
    const subjectNeedles: Needles = {
      id: subject.user.userId,
      names: [subject.user.name],
      texts: c.subjectTexts,
    };
    const selfNeedles: Needles = {
      id: selfErased.user.userId,
      names: [selfErased.user.name],
      texts: c.selfErasedTexts,
    };

    // The scan sees the person everywhere before: their id, their name and every one of their texts.
    const before = await scanFor(subjectNeedles, world);
    expect([...found(before)].sort()).toEqual(
      [subjectNeedles.id, ...subjectNeedles.names, ...subjectNeedles.texts].sort(),
    );
    expect(found(await scanFor(selfNeedles, world)).size).toBe(2 + selfNeedles.texts.length);

    // The subject has the live note open, with presence, and follows the session's events.
    const subjectToken = await tokenOf(t, subject.user);
    const editor = noteClient(t.url, s2, subjectToken);
    const classmate = noteClient(t.url, s2, await tokenOf(t, w.student.user));
    const stream = await streamUntilEnd(t.url, s2, subjectToken);
    const presenceOfSubject = () =>
      [...classmate.provider.awareness!.getStates().values()].some((s) =>
        JSON.stringify(s).includes(subject.user.userId),
      );
    try {
      await waitFor(() => editor.provider.isSynced && classmate.provider.isSynced, 'both editors to sync');
      editor.provider.setAwarenessField('user', { name: subject.user.name, userId: subject.user.userId });
      await waitFor(presenceOfSubject, 'the classmate to see the subject’s presence');

      await selfErased.client.call('eraseMyData', { body: {} });
      const erased = await admin.call('eraseUser', { params: { userId: subject.user.userId }, body: {} });
      expect(erased.counts.rounds).toBeGreaterThanOrEqual(6);

      // Their sessions end at once: the editor is closed as unauthorized, their presence leaves everyone's
      // view, their event stream ends.
      await waitFor(() => editor.closes.includes(COLLAB_CLOSE.unauthorized.code), 'the editor to be closed');
      await waitFor(() => !presenceOfSubject(), 'the subject’s presence to go');
      expect(await stream.within(3000)).toBe('ended');
      // An edit typed afterwards is not stored.
      typeParagraph(editor.doc, 'Typed after the erasure by the erased person.');
      await new Promise((r) => setTimeout(r, 500));
      const notes2 = await w.facilitator.client.call('exportNoteMarkdown', { params: { sessionId: s2 } });
      expect(notes2).not.toContain('Typed after the erasure');
    } finally {
      editor.destroy();
      classmate.destroy();
      stream.close();
    }

    // Their tokens are refused from now on, for their own export too (which would record their id again);
    // an administrator's export of them finds nothing; their editor cannot reconnect.
    await expectApiError(subject.client.call('exportMyData', {}), 401, 'invalid_token');
    await expectApiError(selfErased.client.call('exportMyData', {}), 401, 'invalid_token');
    for (const who of [subject, selfErased]) {
      await expectApiError(
        admin.call('exportUserData', { params: { userId: who.user.userId } }),
        404,
        'not_found',
      );
    }
    const again = noteClient(t.url, s1, subjectToken);
    try {
      await waitFor(() => again.denied.length > 0 || again.closes.length > 0, 'the reconnect to be refused');
      expect(again.provider.isSynced).toBe(false);
    } finally {
      again.destroy();
    }

    // The summaries still say what happened, without them.
    const notes1 = await w.facilitator.client.call('exportNoteMarkdown', { params: { sessionId: s1 } });
    expect(notes1).toContain('Asked by a student in the question round "Orbits".');
    expect(notes1).toContain('*(peer answer, a student, endorsed)*');
    expect(notes1).toContain(REMOVED_TEXT);
    expect(notes1).toContain('Energy and angular momentum fix an ellipse.');

    // Nothing anywhere, for either of them.
    const after = await scanFor(subjectNeedles, world);
    const afterSelf = await scanFor(selfNeedles, world);
    console.info(`[erasure scan, ${backend}] subject before: ${summary(before)}`);
    console.info(`[erasure scan, ${backend}] subject after: ${summary(after)}`);
    console.info(`[erasure scan, ${backend}] self-erased after: ${summary(afterSelf)}`);
    expect(after.hits).toEqual([]);
    expect(afterSelf.hits).toEqual([]);
    expect(after.perSource.files!.items).toBeGreaterThan(0);
  }, 240_000);
});
