import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersonalExportSchema } from '../../contract/privacy';
import { REMOVED_TEXT } from '../../contract/removedText';
import { storageBackends } from '../test/backends';
import { buildClass, buildSession } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';

const backends = await storageBackends();
const ADMIN = { tenantId: 'tenant-a', userId: 'backstage-admin', name: 'Admin' };

describe.each(backends)('backstage export and erasure on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend, env: { TENANT_ADMINS: `${ADMIN.tenantId}:${ADMIN.userId}` } });
  });
  afterAll(() => t.close());

  it('exports a student’s questions, answers, votes and reports, and erasure leaves their posts without text or author', async () => {
    const w = await buildClass(t);
    const session = await buildSession(w);
    const params = { sessionId: session.id };
    const mine = await w.student.client.call('askBackstage', {
      params,
      body: { text: 'What is a Maxwell demon?', anonymous: true },
    });
    const theirs = await w.facilitator.client.call('askBackstage', {
      params,
      body: { text: 'Who can explain latent heat?', anonymous: false },
    });
    await w.student.client.call('voteBackstage', {
      params: { ...params, questionId: theirs.question.id },
      body: { value: 1 },
    });
    await w.student.client.call('answerBackstage', {
      params: { ...params, questionId: theirs.question.id },
      body: { text: 'Heat that changes phase, not temperature.', anonymous: false },
    });
    await w.student.client.call('reportPost', {
      params,
      body: { kind: 'backstage_question', itemId: theirs.question.id, reason: 'test' },
    });

    const data = PersonalExportSchema.parse(await w.student.client.call('exportMyData', {}));
    expect(data.backstage?.questions.map((q) => q.text)).toEqual(['What is a Maxwell demon?']);
    expect(data.backstage?.answers.map((a) => a.text)).toEqual(['Heat that changes phase, not temperature.']);
    expect(data.backstage?.votes).toEqual([
      { sessionId: session.id, questionId: theirs.question.id, value: 1 },
    ]);
    expect(data.backstage?.reports).toHaveLength(1);

    const admin = await t.as(ADMIN);
    const result = await admin.call('eraseUser', { params: { userId: w.student.user.userId }, body: {} });
    expect(result.counts).toMatchObject({
      backstageQuestions: 1,
      backstageAnswers: 1,
      backstageVotes: 1,
      moderationReports: 1,
    });
    const page = await w.facilitator.client.call('listBackstage', { params, query: { limit: 100 } });
    const erased = page.items.find((q) => q.id === mine.question.id)!;
    expect(erased.text).toBe(REMOVED_TEXT);
    const voted = page.items.find((q) => q.id === theirs.question.id)!;
    expect(voted.up).toBe(1);
    expect(voted.answers[0]).toMatchObject({ text: REMOVED_TEXT, authorName: null });
    const queue = await w.facilitator.client.call('getModerationQueue', { params: { classId: w.cls.id } });
    expect(JSON.stringify(queue)).not.toContain(w.student.user.userId);
    // Nothing is left that names them, so there is nobody to export.
    await expect(
      admin.call('exportUserData', { params: { userId: w.student.user.userId } }),
    ).rejects.toMatchObject({ id: 'not_found' });
  });
});
