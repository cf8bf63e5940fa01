import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storageBackends } from '../../shared/server/test/backends';
import { badBodies } from './badBodies';
import { badTargets } from './badParams';
import { FULL, judge, pool, send } from './judge';
import {
  contractOperation,
  documentOperations,
  fetchOpenApi,
  fillPath,
  validatorFor,
  type DocOperation,
  type OpenApiDoc,
} from './openapi';
import { sample } from './samples';
import { provingData, startProvedService, type ProvedService, type ProvingData } from './world';

const backends = await storageBackends();
const RANDOM_BODIES = FULL ? 300 : 5;

interface Case {
  label: string;
  url: string;
  body?: string | Buffer;
  contentType?: string;
  authorization?: string;
  expect: 'refused' | 'tolerated';
}

/** Valid values for an operation's path parameters: the world's ids, or a sample of the schema. */
function validParams(doc: OpenApiDoc, op: DocOperation, data: ProvingData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of op.pathParams) out[p.name] = data.params[p.name] ?? String(sample(doc, p.schema));
  return out;
}

/** Every generated input for one operation. */
function casesFor(doc: OpenApiDoc, op: DocOperation, data: ProvingData): Case[] {
  const isValid = validatorFor(doc);
  const valid = validParams(doc, op, data);
  const path = fillPath(op.path, valid);
  const cases: Case[] = [];
  const json = 'application/json';
  const validBody = op.body ? JSON.stringify(sample(doc, op.body)) : undefined;
  if (op.body) {
    const schema = op.body;
    for (const b of badBodies(doc, schema, (v) => isValid(schema, v), { randomCount: RANDOM_BODIES })) {
      cases.push({
        label: `body: ${b.label}`,
        url: path,
        body: b.body,
        contentType: b.contentType,
        expect: b.expect,
      });
    }
  }
  for (const t of badTargets(doc, op, valid)) {
    cases.push({
      label: t.label,
      url: t.url,
      body: validBody,
      contentType: validBody ? json : undefined,
      expect: t.expect,
    });
  }
  if (op.secured) {
    for (const authorization of [
      'Bearer',
      'Bearer not.a.jwt',
      'Basic dXNlcjpwYXNz',
      `Bearer ${'a'.repeat(20_000)}`,
    ]) {
      cases.push({
        label: `authorization ${authorization.slice(0, 20)}`,
        url: path,
        body: validBody,
        contentType: validBody ? json : undefined,
        authorization,
        expect: 'refused',
      });
    }
  }
  return cases;
}

describe.each(backends)('bad input generated from /api/v1/openapi.json on %s', (backend) => {
  let s: ProvedService;
  /** A bystander whose data no operation touches: the "valid request right after" is theirs. */
  let witness: ProvingData;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    s = await startProvedService(backend);
    witness = await provingData(s);
    doc = await fetchOpenApi(s.url);
  });
  afterAll(() => s.close());

  it('every operation answers every generated bad input with a 4xx and an error id, never a 5xx, and keeps serving', async () => {
    const ops = documentOperations(doc);
    const tried = new Map<string, number>();
    const failures: string[] = [];
    const parts = { body: 0, path: 0, query: 0, authorization: 0 };
    let tolerated = 0;
    for (const op of ops) {
      contractOperation(op); // every documented operation exists in the contract
      // Fresh data per operation: an input the document allows may run it (erase, leave, end), and
      // that must not change what the next operation's inputs reach.
      const data = await provingData(s);
      const cases = casesFor(doc, op, data);
      tried.set(op.operationId, cases.length);
      tolerated += cases.filter((c) => c.expect === 'tolerated').length;
      await pool(cases, 8, async (c) => {
        const kind = c.label.split(/[: ]/)[0] as keyof typeof parts;
        if (kind in parts) parts[kind] += 1;
        const token = op.secured && !c.authorization ? data.ownerToken : undefined;
        const answer = await send(s.url, op.method, c.url, {
          ...(token ? { token } : {}),
          ...(c.body !== undefined ? { body: c.body } : {}),
          ...(c.contentType ? { contentType: c.contentType } : {}),
        }).catch((err: unknown) => ({
          status: 599,
          contentType: '',
          text: `request failed: ${String(err)}`,
        }));
        const why = judge(c.expect, answer);
        if (why) failures.push(`${op.method.toUpperCase()} ${op.path} [${c.label}]: ${why}`);
      });
      // A valid request right after still works, and the process is alive.
      expect(s.alive(), `the service died after ${op.operationId}:\n${s.proc.output()}`).toBe(true);
      const me = await send(s.url, 'get', `/api/v1/classes/${witness.params.classId}`, {
        token: witness.ownerToken,
      });
      expect(me.status, `GET /classes/:classId after ${op.operationId}`).toBe(200);
    }
    const total = [...tried.values()].reduce((a, b) => a + b, 0);
    console.log(
      `[proving] bad input on ${backend}: ${total} inputs over ${ops.length} operations (body ${parts.body}, path ${parts.path}, query ${parts.query}, authorization ${parts.authorization}; ${total - tolerated} must be refused, ${tolerated} the document allows); ${failures.length} failures`,
    );
    expect(
      ops.filter((op) => (tried.get(op.operationId) ?? 0) === 0).map((op) => op.operationId),
      'operations without a generated case',
    ).toEqual([]);
    expect(failures.slice(0, 25)).toEqual([]);
    expect(s.proc.output()).not.toContain('unhandled error');
  }, 240_000);
});
