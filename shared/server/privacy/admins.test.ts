import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal';
import { parseServiceEnv } from '../env';
import { isTenantAdmin, selfErasureAllowed } from './admins';

const env = parseServiceEnv({
  NODE_ENV: 'test',
  TENANT_ADMINS: 'tenant-a:alice, tenant-b:bob',
  PRIVACY_SELF_ERASURE: 'tenant-b',
});
const person = (p: Partial<Principal>): Principal => ({
  tenantId: 'tenant-a',
  userId: 'carol',
  name: 'Carol',
  via: 'user',
  roles: [],
  ...p,
});

describe('tenant administrators', () => {
  it('are named per tenant in TENANT_ADMINS, for that tenant only', () => {
    expect(isTenantAdmin(person({ userId: 'alice' }), env)).toBe(true);
    expect(isTenantAdmin(person({ userId: 'bob' }), env)).toBe(false);
    expect(isTenantAdmin(person({ tenantId: 'tenant-b', userId: 'bob' }), env)).toBe(true);
    expect(isTenantAdmin(person({}), env)).toBe(false);
  });

  it('hold the Stoa.Admin app role of their Entra token, or the role TENANT_ADMIN_ROLE names', () => {
    expect(isTenantAdmin(person({ roles: ['Stoa.Admin'] }), env)).toBe(true);
    expect(isTenantAdmin(person({ roles: ['Other.Role'] }), env)).toBe(false);
    const custom = parseServiceEnv({ NODE_ENV: 'test', TENANT_ADMIN_ROLE: 'Privacy.Officer' });
    expect(isTenantAdmin(person({ roles: ['Privacy.Officer'] }), custom)).toBe(true);
    expect(isTenantAdmin(person({ roles: ['Stoa.Admin'] }), custom)).toBe(false);
  });

  it('are never recognised through the bot, which only acts for people it saw in Teams', () => {
    expect(isTenantAdmin(person({ userId: 'alice', via: 'bot' }), env)).toBe(false);
    expect(isTenantAdmin(person({ roles: ['Stoa.Admin'], via: 'bot' }), env)).toBe(false);
  });

  it('decide self-service erasure per tenant, or for all with *', () => {
    expect(selfErasureAllowed('tenant-b', env)).toBe(true);
    expect(selfErasureAllowed('tenant-a', env)).toBe(false);
    expect(selfErasureAllowed('any', parseServiceEnv({ NODE_ENV: 'test', PRIVACY_SELF_ERASURE: '*' }))).toBe(
      true,
    );
  });
});
