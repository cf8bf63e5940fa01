import { vi } from 'vitest';
import type { Class } from '../../../shared/contract/classes';
import type { ClassId } from '../../../shared/contract/ids';

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

/** A class as the service would present it. */
export function buildClass(overrides: Partial<Class> = {}): Class {
  return {
    id: 'cls_1' as ClassId,
    tenantId: 'tenant-a',
    name: 'Physics 101',
    conversation: null,
    settings: { fullyAnonymous: false, studentsCanEdit: true, guestsJoin: true, anonymousJoin: false },
    myRole: 'owner',
    joinCode: 'ABCD1234',
    createdAt: '2026-01-01T10:00:00.000Z',
    ...overrides,
  };
}

type Handler = (call: RecordedCall) => { status: number; body: unknown } | undefined;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * A stand-in for the service's HTTP API in component tests (the network is blocked there): answers
 * from `handlers` in order, records every call, and 404s anything unexpected with the real error shape.
 */
export function fakeService(...handlers: Handler[]) {
  const calls: RecordedCall[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init?.headers);
    const call: RecordedCall = {
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname + url.search,
      authorization: headers.get('authorization'),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    for (const h of handlers) {
      const answer = h(call);
      if (answer) return json(answer.status, answer.body);
    }
    return json(404, { error: { id: 'route_not_found', message: 'no fake for ' + call.path } });
  });
  return { calls, fetch: fetchImpl };
}

/** Answers `createDevToken` with a token named after the user. */
export const devTokenHandler: Handler = (c) =>
  c.method === 'POST' && c.path === '/api/v1/dev/token'
    ? {
        status: 200,
        body: {
          token: `dev-token-${(c.body as { userId: string }).userId}`,
          expiresAt: '2099-01-01T00:00:00.000Z',
        },
      }
    : undefined;

/** Answers `listClasses` with the given classes. */
export function classesHandler(items: Class[]): Handler {
  return (c) =>
    c.method === 'GET' && c.path.startsWith('/api/v1/classes') && !c.path.startsWith('/api/v1/classes/')
      ? { status: 200, body: { items, nextCursor: null } }
      : undefined;
}
