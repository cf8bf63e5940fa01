import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoaApiError } from '../../../client/errors';
import { storageBackends } from '../../test/backends';
import { buildUser, startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('classes on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('POST /classes 201 makes the caller owner and lists it', async () => {
    const owner = await t.as(buildUser());
    const cls = await owner.call('createClass', { body: { name: 'Physics 101' } });
    expect(cls.myRole).toBe('owner');
    expect(cls.joinCode).toMatch(/^[0-9A-Z]{8}$/);
    const page = await owner.call('listClasses', {});
    expect(page.items.map((c) => c.id)).toContain(cls.id);
  });

  it('POST /classes 400 validation_failed on a wrong-typed name', async () => {
    const owner = await t.as(buildUser());
    const err = await owner
      .call('createClass', { body: { name: 3 as unknown as string } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoaApiError);
    expect((err as StoaApiError).id).toBe('validation_failed');
    expect((err as StoaApiError).status).toBe(400);
  });
});
