import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationId } from '../../../contract/api';
import { ERROR_STATUS } from '../../../contract/errors';
import { COMMON_ERRORS, type Operation } from '../../../contract/operation';
import { storageBackends } from '../../test/backends';
import { actor, botActingFor, buildClass } from '../../test/factories';
import { rawRequest } from '../../test/http';
import { buildUser, startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();
const DOC_ID = 'stoa-openapi';
/** Tags of the operations this suite calls for real; others (notes, events) are exercised by their own suites. */
const TOURED_TAGS = new Set(['auth', 'classes', 'members', 'sessions']);

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, unknown> };
};
const entries = Object.entries(operations) as Array<[OperationId, Operation]>;
const openApiPath = (op: Operation) => op.path.replace(/:([A-Za-z]+)/g, '{$1}');
const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

describe.each(backends)('the OpenAPI document on %s', (backend) => {
  let t: TestService;
  let doc: Doc;
  beforeAll(async () => {
    t = await startTestService({ backend });
    const res = await rawRequest(t.url, 'GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    doc = res.json as Doc;
  });
  afterAll(() => t.close());

  it('GET /api/v1/openapi.json 200 validates as OpenAPI 3.1', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it('GET /api/v1/openapi.json 200 lists every operation with its method, path, parameters and errors', () => {
    const listed = Object.values(doc.paths).flatMap((byMethod) =>
      Object.values(byMethod).map((o) => o.operationId),
    );
    expect([...listed].sort()).toEqual(entries.map(([id]) => id).sort());
    for (const [id, op] of entries) {
      const entry = doc.paths[openApiPath(op)]?.[op.method];
      expect(entry?.operationId, id).toBe(id);
      const params = (entry?.parameters ?? []) as Array<{ name: string; in: string; required: boolean }>;
      for (const name of op.path.match(/:([A-Za-z]+)/g) ?? []) {
        expect(params, `${id} ${name}`).toContainEqual(
          expect.objectContaining({ name: name.slice(1), in: 'path', required: true }),
        );
      }
      expect(Boolean(entry?.requestBody), `${id} body`).toBe(Boolean(op.body));
      expect(entry?.security, id).toEqual(op.auth === 'user' ? [{ bearer: [] }] : []);
      const responses = Object.keys(entry?.responses as object);
      expect(responses, id).toContain(String(op.status));
      const ids = [...op.errors, ...(op.auth === 'user' ? COMMON_ERRORS : [])];
      for (const errorId of ids)
        expect(responses, `${id} ${errorId}`).toContain(String(ERROR_STATUS[errorId]));
    }
  });

  it('GET /api/v1/openapi.json 200 real success responses validate against the document and the contract', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ ...doc, $id: DOC_ID });
    const seen = new Set<OperationId>();
    const check = (id: OperationId, value: unknown) => {
      const op = operations[id] as Operation;
      expect(op.response.safeParse(value).success, `${id} contract`).toBe(true);
      const ptr = [
        'paths',
        openApiPath(op),
        op.method,
        'responses',
        String(op.status),
        'content',
        'application/json',
        'schema',
      ];
      const validate = ajv.compile({ $ref: `${DOC_ID}#/${ptr.map(pointer).join('/')}` });
      expect(validate(value) ? null : validate.errors, `${id} document`).toBeNull();
      seen.add(id);
    };

    const who = buildUser();
    check('createDevToken', await t.anonymous().call('createDevToken', { body: who }));
    const me = await t.as(who);
    check('getMe', await me.call('getMe', {}));
    const w = await buildClass(t);
    const classId = w.cls.id;
    check(
      'createClass',
      await me.call('createClass', { body: { name: 'Tour', settings: { fullyAnonymous: true } } }),
    );
    check('listClasses', await w.owner.client.call('listClasses', { query: { limit: 1 } }));
    const conversation = {
      kind: 'meeting' as const,
      conversationId: `19:meeting_${who.userId}`,
      meetingId: 'm-1',
    };
    check(
      'ensureClass',
      await (
        await botActingFor(t, who, undefined, conversation.conversationId)
      ).call('ensureClass', {
        body: {
          name: 'Meet',
          conversation,
          teams: { member: true, userType: 'user', meetingRole: 'Organizer' },
        },
      }),
    );
    check('getClass', await w.student.client.call('getClass', { params: { classId } }));
    const link = await w.owner.client.call('getJoinLink', { params: { classId } });
    check('getJoinLink', link);
    check('rotateJoinLink', await w.owner.client.call('rotateJoinLink', { params: { classId }, body: {} }));
    const fresh = await w.owner.client.call('getJoinLink', { params: { classId } });
    check(
      'joinByLink',
      await w.outsider.client.call('joinByLink', { params: { token: fresh.token }, body: {} }),
    );
    check(
      'updateClass',
      await w.owner.client.call('updateClass', { params: { classId }, body: { name: 'Tour 2' } }),
    );
    const joiner = await actor(t);
    check(
      'joinClass',
      await joiner.client.call('joinClass', {
        params: { classId },
        body: { joinCode: w.cls.joinCode ?? '' },
      }),
    );
    check(
      'listMembers',
      await w.student.client.call('listMembers', { params: { classId }, query: { limit: 2 } }),
    );
    check(
      'setMemberRole',
      await w.owner.client.call('setMemberRole', {
        params: { classId, userId: joiner.user.userId },
        body: { role: 'facilitator' },
      }),
    );
    const session = await w.facilitator.client.call('createSession', {
      params: { classId },
      body: { title: 'Tour' },
    });
    check('createSession', session);
    check('listSessions', await w.student.client.call('listSessions', { params: { classId } }));
    check('getSession', await w.student.client.call('getSession', { params: { sessionId: session.id } }));
    check(
      'endSession',
      await w.owner.client.call('endSession', { params: { sessionId: session.id }, body: {} }),
    );
    check('leaveClass', await joiner.client.call('leaveClass', { params: { classId }, body: {} }));

    // A control: the document's schemas are strict enough to refuse a class without its id.
    const { id: _id, ...noId } = w.cls;
    const classSchema = [
      'paths',
      '/api/v1/classes/{classId}',
      'get',
      'responses',
      '200',
      'content',
      'application/json',
      'schema',
    ];
    expect(ajv.compile({ $ref: `${DOC_ID}#/${classSchema.map(pointer).join('/')}` })(noId)).toBe(false);

    const toured = entries.filter(([, op]) => TOURED_TAGS.has(op.tag)).map(([id]) => id);
    expect([...seen].sort()).toEqual(toured.sort());
  });
});
