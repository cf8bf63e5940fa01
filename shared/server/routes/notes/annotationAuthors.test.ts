import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../../contract/sessions';
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

const backends = await storageBackends();
const FLAG = 'k3j9a0b1c2d3e4f5g6';
const COMMENT = 'z9y8x7w6v5u4t3s2r1';

describe.each(backends)('annotation authors on %s', (backend) => {
  let t: TestService;
  let w: ClassWorld;
  let session: Session;
  const claim = (c: ClassWorld['owner']['client'], annotationId: string, commentId: string | null = null) =>
    c.call('claimAnnotationAuthor', {
      params: { sessionId: session.id, annotationId },
      body: { commentId },
    });
  const authors = (c: ClassWorld['owner']['client']) =>
    c.call('listAnnotationAuthors', { params: { sessionId: session.id } });

  beforeAll(async () => {
    t = await startTestService({ backend });
    w = await buildClass(t);
    session = await buildSession(w);
  });
  afterAll(() => t.close());

  // --- PUT /sessions/:sessionId/annotations/:annotationId/author ------------------------------------

  it('PUT /sessions/:sessionId/annotations/:annotationId/author 200 records the author of a flag and of a comment, idempotently', async () => {
    expect(await claim(w.student.client, FLAG)).toEqual({ recorded: true });
    expect(await claim(w.student.client, FLAG)).toEqual({ recorded: true });
    expect(await claim(w.student.client, FLAG, COMMENT)).toEqual({ recorded: true });
  });

  it('PUT /sessions/:sessionId/annotations/:annotationId/author 400 validation_failed on a malformed annotation id', async () => {
    await expectApiError(claim(w.student.client, wrong('NOT an id!')), 400, 'validation_failed');
    await expectApiError(
      w.student.client.call('claimAnnotationAuthor', {
        params: { sessionId: session.id, annotationId: FLAG },
        body: wrong({ commentId: null, userId: 'someone-else' }),
      }),
      400,
      'validation_failed',
    );
  });

  it('PUT /sessions/:sessionId/annotations/:annotationId/author 401 unauthenticated without a token', async () => {
    await expectApiError(claim(t.anonymous(), FLAG), 401, 'unauthenticated');
  });

  it('PUT /sessions/:sessionId/annotations/:annotationId/author 401 invalid_token with a garbage token', async () => {
    await expectApiError(claim(garbageClient(t), FLAG), 401, 'invalid_token');
  });

  it('PUT /sessions/:sessionId/annotations/:annotationId/author 404 not_found for a non-member', async () => {
    await expectApiError(claim(w.outsider.client, 'aaaaaaaaaaaa'), 404, 'not_found');
  });

  it('PUT /sessions/:sessionId/annotations/:annotationId/author 404 not_found for a user of another tenant', async () => {
    await expectApiError(claim(w.otherTenant.client, 'aaaaaaaaaaaa'), 404, 'not_found');
  });

  it('PUT /sessions/:sessionId/annotations/:annotationId/author 409 conflict when someone else is its author', async () => {
    await expectApiError(claim(w.facilitator.client, FLAG), 409, 'conflict');
    await expectApiError(claim(w.owner.client, FLAG, COMMENT), 409, 'conflict');
  });

  // --- GET /sessions/:sessionId/annotations/authors ---------------------------------------------------

  it('GET /sessions/:sessionId/annotations/authors 200 shows facilitators every author and students their own', async () => {
    await claim(w.facilitator.client, 'fac0000000001');
    const all = await authors(w.owner.client);
    expect(all.items).toEqual([
      {
        annotationId: FLAG,
        commentId: null,
        userId: w.student.user.userId,
        name: w.student.user.name,
        mine: false,
      },
      {
        annotationId: FLAG,
        commentId: COMMENT,
        userId: w.student.user.userId,
        name: w.student.user.name,
        mine: false,
      },
      {
        annotationId: 'fac0000000001',
        commentId: null,
        userId: w.facilitator.user.userId,
        name: w.facilitator.user.name,
        mine: false,
      },
    ]);
    const own = await authors(w.student.client);
    expect(own.items.map((a) => [a.annotationId, a.commentId, a.mine])).toEqual([
      [FLAG, null, true],
      [FLAG, COMMENT, true],
    ]);
    // A student who wrote nothing anonymous sees nobody.
    const other = await t.as({
      ...w.student.user,
      userId: `${w.student.user.userId}x`,
      name: 'Late Student',
    });
    await other.call('joinClass', { params: { classId: w.cls.id }, body: { joinCode: w.cls.joinCode! } });
    expect((await authors(other)).items).toEqual([]);
  });

  it('GET /sessions/:sessionId/annotations/authors 400 validation_failed on a session id over 64 characters', async () => {
    await expectApiError(
      w.owner.client.call('listAnnotationAuthors', { params: { sessionId: wrong(`ses_${'x'.repeat(70)}`) } }),
      400,
      'validation_failed',
    );
  });

  it('GET /sessions/:sessionId/annotations/authors 401 unauthenticated without a token', async () => {
    await expectApiError(authors(t.anonymous()), 401, 'unauthenticated');
  });

  it('GET /sessions/:sessionId/annotations/authors 401 invalid_token with a garbage token', async () => {
    await expectApiError(authors(garbageClient(t)), 401, 'invalid_token');
  });

  it('GET /sessions/:sessionId/annotations/authors 404 not_found for a non-member', async () => {
    await expectApiError(authors(w.outsider.client), 404, 'not_found');
  });

  it('GET /sessions/:sessionId/annotations/authors 404 not_found for a user of another tenant', async () => {
    await expectApiError(authors(w.otherTenant.client), 404, 'not_found');
  });

  it('records nobody and shows nobody once the class is fully anonymous', async () => {
    await w.owner.client.call('updateClass', {
      params: { classId: w.cls.id },
      body: { settings: { fullyAnonymous: true } },
    });
    expect(await claim(w.student.client, 'anon00000000001')).toEqual({ recorded: false });
    expect((await authors(w.owner.client)).items).toEqual([]);
    expect((await authors(w.student.client)).items).toEqual([]);
  });
});
