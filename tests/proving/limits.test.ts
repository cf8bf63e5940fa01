import { afterAll, beforeAll, expect, it } from 'vitest';
import { LIMITS } from '../../shared/contract/limits';
import { buildUser, startTestService, type TestService } from '../../shared/server/test/testService';
import { errorId, pool, send } from './judge';
import { documentOperations, fetchOpenApi, fillPath, type OpenApiDoc } from './openapi';
import { sample } from './samples';

// Covered elsewhere, not repeated here: one user throttled while another on the same IP is not, budgets per
// tenant and across endpoints (shared/server/http/rateLimit.test.ts); 413 on /classes and before auth
// (shared/server/http/errorHandler.test.ts); /collab message size 4413, connections per document and per
// user 4430, message rate 4429 (shared/server/notes/limits.test.ts). Every operation's 413 is in badInput.

const PER_MINUTE = 20;
const USERS = 40;

let t: TestService;
let doc: OpenApiDoc;
beforeAll(async () => {
  t = await startTestService({ env: { RATE_LIMIT_PER_MINUTE: String(PER_MINUTE) } });
  doc = await fetchOpenApi(t.url);
});
afterAll(() => t.close());

const tokenOf = async () => (await t.anonymous().call('createDevToken', { body: buildUser() })).token;

it(`GET /me 200 for ${USERS} users behind one IP sending ${USERS * (PER_MINUTE - 1)} requests at once: budgets are per user`, async () => {
  const tokens = await Promise.all(Array.from({ length: USERS }, tokenOf));
  const statuses = new Map<number, number>();
  const requests = tokens.flatMap((token) => Array.from({ length: PER_MINUTE - 1 }, () => token));
  await pool(requests, 32, async (token) => {
    const a = await send(t.url, 'get', '/api/v1/me', { token });
    statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
  });
  console.log(
    `[proving] limits: ${requests.length} requests from ${USERS} users on one IP: ${[...statuses].map(([s, n]) => `${s}:${n}`).join(' ')}`,
  );
  expect([...statuses]).toEqual([[200, requests.length]]);
});

it('every secured operation answers 429 rate_limited with a retry hint once the caller used up their budget', async () => {
  const token = await tokenOf();
  for (let i = 0; i < PER_MINUTE; i++) await send(t.url, 'get', '/api/v1/me', { token });
  const ops = documentOperations(doc).filter((op) => op.secured);
  const params = { classId: 'cls_x', sessionId: 'ses_x', roundId: 'rnd_x', versionId: 'nv_x', userId: 'u' };
  const failures: string[] = [];
  for (const op of ops) {
    const body = op.body ? JSON.stringify(sample(doc, op.body)) : undefined;
    const a = await send(t.url, op.method, fillPath(op.path, params), {
      token,
      ...(body ? { body, contentType: 'application/json' } : {}),
    });
    const retry = (JSON.parse(a.text || '{}') as { error?: { details?: { retryAfterSeconds?: unknown } } })
      .error?.details?.retryAfterSeconds;
    if (a.status !== 429 || errorId(a) !== 'rate_limited' || typeof retry !== 'number')
      failures.push(`${op.method.toUpperCase()} ${op.path}: ${a.status} ${a.text.slice(0, 100)}`);
  }
  console.log(`[proving] limits: ${ops.length} operations over budget; ${failures.length} failures`);
  expect(failures).toEqual([]);
});

it(`POST bodies over ${LIMITS.maxBodyBytes} bytes answer 413 payload_too_large on every operation that takes one`, async () => {
  const token = await tokenOf();
  const ops = documentOperations(doc).filter((op) => op.body);
  const params = { classId: 'cls_x', sessionId: 'ses_x', roundId: 'rnd_x', versionId: 'nv_x', userId: 'u' };
  const big = JSON.stringify({ pad: 'z'.repeat(LIMITS.maxBodyBytes + 1) });
  const failures: string[] = [];
  for (const op of ops) {
    const a = await send(t.url, op.method, fillPath(op.path, params), {
      ...(op.secured ? { token } : {}),
      body: big,
      contentType: 'application/json',
    });
    if (a.status !== 413 || errorId(a) !== 'payload_too_large')
      failures.push(`${op.method.toUpperCase()} ${op.path}: ${a.status} ${a.text.slice(0, 100)}`);
  }
  console.log(
    `[proving] limits: ${ops.length} operations sent an oversized body; ${failures.length} failures`,
  );
  expect(failures).toEqual([]);
});
