import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../contract/limits';
import { storageBackends } from '../test/backends';
import { errorBody, rawRequest, type RawRequest } from '../test/http';
import { buildUser, startTestService, type TestService } from '../test/testService';

const backends = await storageBackends();
const JSON_TYPE = 'application/json';

describe.each(backends)('the error model on %s', (backend) => {
  let t: TestService;
  let token: string;
  beforeAll(async () => {
    t = await startTestService({ backend });
    token = (await t.anonymous().call('createDevToken', { body: buildUser() })).token;
  });
  afterAll(() => t.close());

  /** Sends a request and returns its error after checking status, id and the shape of the body. */
  const expectError = async (method: string, path: string, req: RawRequest, status: number, id: string) => {
    const res = await rawRequest(t.url, method, path, req);
    const error = errorBody(res);
    expect({ status: res.status, id: error.id }).toEqual({ status, id });
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
    return error;
  };

  it('POST /dev/token 400 invalid_json on malformed JSON', async () => {
    for (const body of ['{"tenantId":', '{tenantId: "a"}', "{'a':1}", '{"a":1}}', 'nul']) {
      await expectError('POST', '/api/v1/dev/token', { body, contentType: JSON_TYPE }, 400, 'invalid_json');
    }
  });

  it('POST /classes 400 invalid_json on malformed JSON with a valid token', async () => {
    await expectError(
      'POST',
      '/api/v1/classes',
      { token, body: '{"name":"x",}', contentType: JSON_TYPE },
      400,
      'invalid_json',
    );
  });

  it('POST /classes 400 invalid_json on a body that is not valid UTF-8; real U+FFFD and emoji pass', async () => {
    const bytes = (...parts: Array<string | number[]>) =>
      Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Uint8Array.from(p))));
    const invalid = [
      [0xff], // never valid
      [0xc0, 0xaf], // overlong '/'
      [0xf0, 0x9f, 0x98], // a 4-byte sequence cut short: as long as the U+FFFD that would replace it
      [0xed, 0xa0, 0x80], // an encoded surrogate
    ];
    for (const seq of invalid) {
      const body = bytes('{"name":"Physics ', seq, '"}');
      await expectError(
        'POST',
        '/api/v1/classes',
        { token, body, contentType: JSON_TYPE },
        400,
        'invalid_json',
      );
    }
    const res = await rawRequest(t.url, 'POST', '/api/v1/classes', {
      token,
      // A JSON escape of U+FFFD, its UTF-8 bytes, and an emoji: all legitimate.
      body: bytes('{"name":"Physics \\uFFFD ', [0xef, 0xbf, 0xbd], ' 😀"}'),
      contentType: JSON_TYPE,
    });
    expect(res.status).toBe(201);
    expect((res.json as { name: string }).name).toBe('Physics \uFFFD \uFFFD 😀');
  });

  it('POST /classes 413 payload_too_large on a body over LIMITS.maxBodyBytes', async () => {
    const body = JSON.stringify({ name: 'x'.repeat(LIMITS.maxBodyBytes) });
    await expectError(
      'POST',
      '/api/v1/classes',
      { token, body, contentType: JSON_TYPE },
      413,
      'payload_too_large',
    );
    const justUnder = JSON.stringify({ name: 'x'.repeat(LIMITS.maxBodyBytes - 100) });
    await expectError(
      'POST',
      '/api/v1/classes',
      { token, body: justUnder, contentType: JSON_TYPE },
      400,
      'validation_failed',
    );
  });

  it('POST /dev/token 413 payload_too_large before anything else is looked at', async () => {
    const body = `{"x":"${'y'.repeat(LIMITS.maxBodyBytes + 10)}"}`;
    await expectError(
      'POST',
      '/api/v1/dev/token',
      { body, contentType: JSON_TYPE },
      413,
      'payload_too_large',
    );
  });

  it('POST /classes 415 unsupported_media_type on text/plain, forms and a missing content type', async () => {
    const body = JSON.stringify({ name: 'Physics' });
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const req: RawRequest = { token, body };
      if (contentType) req.contentType = contentType;
      await expectError('POST', '/api/v1/classes', req, 415, 'unsupported_media_type');
    }
  });

  it('POST /dev/token 415 unsupported_media_type on text/plain', async () => {
    const body = JSON.stringify(buildUser());
    await expectError(
      'POST',
      '/api/v1/dev/token',
      { body, contentType: 'text/plain' },
      415,
      'unsupported_media_type',
    );
  });

  it('POST /classes 201 accepts application/json with a charset', async () => {
    const res = await rawRequest(t.url, 'POST', '/api/v1/classes', {
      token,
      body: JSON.stringify({ name: 'Charset' }),
      contentType: 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(201);
  });

  it('GET /api/v1/unknown 404 route_not_found for unknown routes, inside and outside the API', async () => {
    for (const path of ['/api/v1/unknown', '/api/v2/classes', '/nothing-here', '/api/v1/classes/a/b/c/d']) {
      await expectError('GET', path, { token }, 404, 'route_not_found');
    }
  });

  it('DELETE /classes 405 method_not_allowed on a known path with the wrong method', async () => {
    await expectError('DELETE', '/api/v1/classes', { token }, 405, 'method_not_allowed');
    await expectError('PUT', '/api/v1/me', { token }, 405, 'method_not_allowed');
    await expectError('GET', '/api/v1/dev/token', {}, 405, 'method_not_allowed');
  });

  it('POST /classes 400 validation_failed on JSON null, arrays, scalars and deeply nested values', async () => {
    const depth = 50_000;
    const deep = `{"name":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const deepObject = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    for (const body of ['null', '[]', '[{"name":"x"}]', '"Physics"', '42', 'true', deep, deepObject]) {
      const error = await expectError(
        'POST',
        '/api/v1/classes',
        { token, body, contentType: JSON_TYPE },
        400,
        'validation_failed',
      );
      expect(JSON.stringify(error).length).toBeLessThan(4096);
    }
  });

  it('POST /classes 400 validation_failed on a __proto__ key, which never reaches the class', async () => {
    const body = '{"name":"Proto","__proto__":{"myRole":"owner"}}';
    await expectError(
      'POST',
      '/api/v1/classes',
      { token, body, contentType: JSON_TYPE },
      400,
      'validation_failed',
    );
  });

  it('GET /classes 400 validation_failed on repeated and bracketed query parameters', async () => {
    for (const q of ['limit=1&limit=2', 'limit[a]=1', 'cursor[]=x']) {
      await expectError('GET', `/api/v1/classes?${q}`, { token }, 400, 'validation_failed');
    }
  });

  it('GET /classes 401 unauthenticated for a non-bearer Authorization header', async () => {
    const req = { headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } };
    await expectError('GET', '/api/v1/classes', req, 401, 'unauthenticated');
    await expectError(
      'GET',
      '/api/v1/classes',
      { headers: { authorization: 'Bearer' } },
      401,
      'unauthenticated',
    );
  });
});

describe.each(backends)('internal errors on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('GET /classes 500 internal_error on a database error, every time, without its message', async () => {
    const token = (await t.anonymous().call('createDevToken', { body: buildUser() })).token;
    const { db } = t.service.context.storage.database;
    await db.schema.alterTable('classes').renameTo('classes_moved').execute();
    try {
      // Twice: the first database error once left the request hanging (see service.ts listen()).
      for (let i = 0; i < 2; i += 1) {
        const res = await rawRequest(t.url, 'GET', '/api/v1/classes', { token });
        const error = errorBody(res);
        expect({ status: res.status, id: error.id }).toEqual({ status: 500, id: 'internal_error' });
        expect(error.details).toBeUndefined();
        expect(res.text).not.toMatch(/classes|relation|sqlite|table|select/i);
      }
    } finally {
      await db.schema.alterTable('classes_moved').renameTo('classes').execute();
    }
    expect((await rawRequest(t.url, 'GET', '/api/v1/classes', { token })).status).toBe(200);
  });

  it('GET /classes 500 internal_error once the database is closed, while /healthz still answers', async () => {
    const token = (await t.anonymous().call('createDevToken', { body: buildUser() })).token;
    await t.service.context.storage.database.close();
    const res = await rawRequest(t.url, 'GET', '/api/v1/classes', { token });
    const error = errorBody(res);
    expect({ status: res.status, id: error.id }).toEqual({ status: 500, id: 'internal_error' });
    expect(error.message).toBe('Something went wrong on our side. It has been logged.');
    expect(res.text).not.toMatch(/destroyed|driver|pool|database/i);
    const health = await rawRequest(t.url, 'GET', '/healthz');
    expect(health.status).toBe(200);
    const ready = await rawRequest(t.url, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({ status: 'degraded', checks: { [backend]: 'failing' } });
  });
});
