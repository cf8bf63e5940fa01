import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_REDIS_URL, dropPgSchema, postgresAvailable, redisAvailable } from '../test/backends';
import { testSchemaName } from '../test/database';
import { COLLAB_CLOSE } from '../../contract/collab';
import { noteClient, waitFor } from '../notes/test/collabClient';
import { actor, expectApiError } from '../test/factories';
import { startTestService, type TestService } from '../test/testService';
import { PI_ROUND, send } from '../rounds/test/roundWorld';
import { runRetention } from './retention';

const cases =
  (await postgresAvailable()) && (await redisAvailable()) ? ['two instances, postgres + redis'] : [];
const ADMIN = { tenantId: 'tenant-a', userId: 'cluster-admin', name: 'Cluster Admin' };

describe.each(cases)('erasure with %s', () => {
  const schema = testSchemaName();
  let a: TestService;
  let b: TestService;
  beforeAll(async () => {
    const env = { REDIS_URL: TEST_REDIS_URL, TENANT_ADMINS: `${ADMIN.tenantId}:${ADMIN.userId}` };
    a = await startTestService({ backend: 'postgres', pgSchema: schema, env });
    b = await startTestService({ backend: 'postgres', pgSchema: schema, env });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await dropPgSchema(schema);
  });

  it(
    'drops the erased person from the round another instance holds in memory',
    { timeout: 30_000 },
    async () => {
      const owner = await actor(a);
      const cls = await owner.client.call('createClass', { body: { name: 'Cluster privacy' } });
      const session = await owner.client.call('createSession', {
        params: { classId: cls.id },
        body: { title: 'L1' },
      });
      const subject = await actor(b, { name: 'Ottoline Vexley' });
      const other = await actor(b);
      for (const s of [subject, other]) {
        await s.client.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
      }
      const ownerOnB = await b.as(owner.user);
      const round = await ownerOnB.call('startRound', {
        params: { sessionId: session.id },
        body: { round: PI_ROUND },
      });
      await send(subject, round.roundId, { type: 'answer', option: 1, confidence: 'high' });
      await send(other, round.roundId, { type: 'answer', option: 0, confidence: 'low' });
      const seen = JSON.stringify(await ownerOnB.call('getRound', { params: { roundId: round.roundId } }));
      expect(seen).toContain(subject.user.userId);

      const admin = await a.as(ADMIN);
      await admin.call('eraseUser', { params: { userId: subject.user.userId }, body: {} });
      // The other instance hears of it over Redis; poll its answers until it has.
      let view = '';
      for (let i = 0; i < 50; i++) {
        view = JSON.stringify(await ownerOnB.call('getRound', { params: { roundId: round.roundId } }));
        if (!view.includes(subject.user.userId)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(view).not.toContain(subject.user.userId);
      expect(view).not.toContain(subject.user.name);
      const analytics = await ownerOnB.call('getRoundAnalytics', { params: { roundId: round.roundId } });
      expect(JSON.stringify(analytics)).not.toContain(subject.user.userId);
    },
  );

  it(
    'ends the erased person’s editor, presence and event stream on the other instance, which refuses their token',
    { timeout: 30_000 },
    async () => {
      const owner = await actor(a);
      const cls = await owner.client.call('createClass', { body: { name: 'Cluster sessions' } });
      const session = await owner.client.call('createSession', {
        params: { classId: cls.id },
        body: { title: 'L1' },
      });
      const subject = await actor(b, { name: 'Perpetua Ashgrove' });
      const classmate = await actor(b);
      for (const s of [subject, classmate]) {
        await s.client.call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
      }
      const token = (await b.anonymous().call('createDevToken', { body: subject.user })).token;
      const editor = noteClient(b.url, session.id, token);
      const watcher = noteClient(
        b.url,
        session.id,
        (await b.anonymous().call('createDevToken', { body: classmate.user })).token,
      );
      const stream = await fetch(`${b.url}/api/v1/sessions/${session.id}/events`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(stream.status).toBe(200);
      const ended = (async () => {
        const reader = stream.body!.getReader();
        try {
          while (!(await reader.read()).done);
        } catch {
          // a cut connection ends it too
        }
        return true;
      })();
      const present = () =>
        [...watcher.provider.awareness!.getStates().values()].some((st) =>
          JSON.stringify(st).includes(subject.user.userId),
        );
      try {
        await waitFor(() => editor.provider.isSynced && watcher.provider.isSynced, 'both editors to sync');
        editor.provider.setAwarenessField('user', { userId: subject.user.userId, name: subject.user.name });
        await waitFor(present, 'the subject’s presence');

        const admin = await a.as(ADMIN);
        await admin.call('eraseUser', { params: { userId: subject.user.userId }, body: {} });
        await waitFor(
          () => editor.closes.includes(COLLAB_CLOSE.unauthorized.code),
          'the editor on b to close',
        );
        await waitFor(() => !present(), 'the presence on b to go');
        const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 5000));
        expect(await Promise.race([ended, timeout])).toBe(true);
        await expectApiError(subject.client.call('getMe', {}), 401, 'invalid_token');
        // A third instance started afterwards reads the revocation from the database.
        const c = await startTestService({
          backend: 'postgres',
          pgSchema: schema,
          env: { REDIS_URL: TEST_REDIS_URL },
        });
        try {
          const res = await fetch(`${c.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
          expect(res.status).toBe(401);
        } finally {
          await c.close();
        }
      } finally {
        editor.destroy();
        watcher.destroy();
      }
    },
  );

  it(
    'ends the event streams of a class retention deleted on the other instance too',
    { timeout: 30_000 },
    async () => {
      const owner = await actor(a);
      const cls = await owner.client.call('createClass', { body: { name: 'Cluster retention' } });
      const session = await owner.client.call('createSession', {
        params: { classId: cls.id },
        body: { title: 'L1' },
      });
      const admin = await a.as(ADMIN);
      await admin.call('setRetentionPolicy', { body: { classId: cls.id, days: 1 } });
      const db = a.service.context.storage.database.db;
      const then = Date.now() - 3 * 86_400_000;
      await db.updateTable('classes').set({ created_at: then }).where('id', '=', cls.id).execute();
      await db.updateTable('members').set({ joined_at: then }).where('class_id', '=', cls.id).execute();
      await db.updateTable('sessions').set({ started_at: then }).where('id', '=', session.id).execute();
      await db
        .updateTable('session_events')
        .set({ created_at: then })
        .where('session_id', '=', session.id)
        .execute();

      const token = (await b.anonymous().call('createDevToken', { body: owner.user })).token;
      const stream = await fetch(`${b.url}/api/v1/sessions/${session.id}/events`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(stream.status).toBe(200);
      const ended = (async () => {
        const reader = stream.body!.getReader();
        try {
          while (!(await reader.read()).done);
        } catch {
          // a cut connection ends it too
        }
        return true;
      })();

      const run = await runRetention(a.service.context.privacy!.deps, Date.now());
      expect(run.deletedClasses.map((c) => c.classId)).toEqual([cls.id]);
      const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 5000));
      expect(await Promise.race([ended, timeout])).toBe(true);
    },
  );
});
