import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../../shared/server/test/backends';
import {
  botActingFor,
  buildClass,
  buildConversation,
  type Actor,
  type ClassWorld,
} from '../../shared/server/test/factories';
import { startTestService, type TestService } from '../../shared/server/test/testService';
import { errorId, send } from './judge';
import { documentOperations, fetchOpenApi, fillPath, type DocOperation, type OpenApiDoc } from './openapi';
import { sample } from './samples';

const backends = await storageBackends();

const MEMBERS_ONLY = new Set(['member', 'facilitator', 'owner', 'admin']);
const ABOVE_STUDENT = new Set(['facilitator', 'owner', 'admin']);
const REFUSAL_IDS = new Set(['not_found', 'forbidden', 'insufficient_role', 'not_a_member', 'wrong_tenant']);

/** A class with a session, a running round, a note version and a stored card and conversation reference. */
interface IsolationWorld extends ClassWorld {
  params: Record<string, string>;
  /** Strings that belong to the class: none may reach a caller who is refused or from another tenant. */
  secrets: string[];
}

async function isolationWorld(t: TestService): Promise<IsolationWorld> {
  const tag = randomBytes(4).toString('hex');
  const w = await buildClass(t, { name: `Isolated class ${tag}`, conversation: buildConversation() });
  const owner = w.owner.client;
  const session = await owner.call('createSession', {
    params: { classId: w.cls.id },
    body: { title: `Isolated session ${tag}` },
  });
  const round = await owner.call('startRound', {
    params: { sessionId: session.id },
    body: { round: { kind: 'peer_instruction', question: `Isolated question ${tag}?`, options: ['A', 'B'] } },
  });
  const version = await owner.call('createNoteVersion', {
    params: { sessionId: session.id },
    body: { name: `Isolated version ${tag}` },
  });
  const bot = await botActingFor(t, w.owner.user);
  await bot.call('setRoundCard', {
    params: { roundId: round.roundId },
    body: { conversationId: `card-conv-${tag}`, activityId: `card-act-${tag}` },
  });
  await bot.call('putConversationReference', {
    params: { classId: w.cls.id },
    body: { reference: { secret: `Isolated reference ${tag}` } },
  });
  const { token } = await owner.call('getJoinLink', { params: { classId: w.cls.id } });
  // A student's anonymous flag, with its author recorded: nobody refused may learn who wrote it.
  const annotationId = `flag${tag}`;
  await w.student.client.call('claimAnnotationAuthor', {
    params: { sessionId: session.id, annotationId },
    body: {},
  });
  const question = await w.student.client.call('askBackstage', {
    params: { sessionId: session.id },
    body: { text: `Isolated backstage question ${tag}?`, anonymous: true },
  });
  return {
    ...w,
    params: {
      questionId: question.question.id,
      classId: w.cls.id,
      sessionId: session.id,
      roundId: round.roundId,
      versionId: version.id,
      userId: w.student.user.userId,
      annotationId,
      token,
    },
    secrets: [
      tag,
      w.cls.id,
      session.id,
      round.roundId,
      version.id,
      w.cls.joinCode!,
      token,
      w.student.user.userId,
      w.facilitator.user.userId,
    ],
  };
}

interface Attempt {
  who: string;
  actor: Actor;
  mustRefuse: boolean;
}

/** Who calls an operation in the suite, and whether they must be refused. */
function attempts(op: DocOperation, w: ClassWorld): Attempt[] {
  const scoped = op.pathParams.length > 0;
  const out: Attempt[] = [
    { who: 'another tenant', actor: w.otherTenant, mustRefuse: scoped || MEMBERS_ONLY.has(op.access) },
    { who: 'a non-member', actor: w.outsider, mustRefuse: MEMBERS_ONLY.has(op.access) },
  ];
  if (ABOVE_STUDENT.has(op.access)) out.push({ who: 'a student', actor: w.student, mustRefuse: true });
  return out;
}

/**
 * A valid body for the operation, pointed at the world where it names a class: its Teams conversation for
 * everyone, and its real join code for another tenant (whose refusal must not hinge on a wrong code; a
 * non-member of the same tenant who has the code may join, so they get a wrong one).
 */
function validBody(doc: OpenApiDoc, op: DocOperation, w: IsolationWorld, a: Attempt): string | undefined {
  if (!op.body) return undefined;
  const body = sample(doc, op.body) as Record<string, unknown>;
  if (body && typeof body === 'object') {
    if ('joinCode' in body && a.actor === w.otherTenant) body.joinCode = w.cls.joinCode;
    if ('conversation' in body) body.conversation = w.cls.conversation;
  }
  return JSON.stringify(body);
}

describe.each(backends)('isolation of every operation in the OpenAPI document on %s', (backend) => {
  let t: TestService;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    t = await startTestService({ backend });
    doc = await fetchOpenApi(t.url);
  });
  afterAll(() => t.close());

  it('another tenant, a non-member and a student below the required role are refused (403/404) and see none of the data', async () => {
    const w = await isolationWorld(t);
    const tokens = new Map<Actor, string>();
    const tokenOf = async (a: Actor) => {
      let token = tokens.get(a);
      if (!token) {
        token = (await t.anonymous().call('createDevToken', { body: a.user })).token;
        tokens.set(a, token);
      }
      return token;
    };
    const failures: string[] = [];
    const perOp = new Map<string, number>();
    let refusals = 0;
    for (const op of documentOperations(doc)) {
      for (const a of attempts(op, w)) {
        // Like the join code: another tenant gets the real join link (it must not work across tenants); a
        // non-member of the same tenant, who may join by link, gets one that leads nowhere.
        const token = a.actor === w.otherTenant ? w.params.token! : 'z'.repeat(26);
        const url = fillPath(op.path, { ...w.params, token });
        const body = validBody(doc, op, w, a);
        const answer = await send(t.url, op.method, url, {
          ...(op.secured ? { token: await tokenOf(a.actor) } : {}),
          ...(body ? { body, contentType: 'application/json' } : {}),
        });
        perOp.set(op.operationId, (perOp.get(op.operationId) ?? 0) + 1);
        const where = `${op.method.toUpperCase()} ${op.path} as ${a.who}`;
        if (answer.status >= 500) failures.push(`${where}: ${answer.status}`);
        if (a.mustRefuse) {
          refusals += 1;
          const id = errorId(answer);
          if (![403, 404].includes(answer.status) || !id || !REFUSAL_IDS.has(id))
            failures.push(`${where}: not refused, ${answer.status} ${answer.text.slice(0, 120)}`);
        }
        for (const secret of w.secrets) {
          if (answer.text.includes(secret)) failures.push(`${where}: the body holds "${secret}"`);
        }
      }
    }
    const ops = documentOperations(doc);
    console.log(
      `[proving] isolation on ${backend}: ${[...perOp.values()].reduce((a, b) => a + b, 0)} calls over ${ops.length} operations, ${refusals} that must be refused; ${failures.length} failures`,
    );
    expect(ops.filter((op) => !perOp.get(op.operationId)).map((op) => op.operationId)).toEqual([]);
    expect(failures).toEqual([]);
    // The refusals changed nothing: the owner still sees the class as it was.
    const cls = await w.owner.client.call('getClass', { params: { classId: w.cls.id } });
    expect(cls.name).toBe(w.cls.name);
  });
});
