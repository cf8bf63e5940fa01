import type { Principal } from '../auth/principal';
import type { ServiceEnv } from '../env';
import { ServiceError } from '../errors';

/**
 * Whether the principal administers their own tenant: named in TENANT_ADMINS as `tenantId:userId`, or
 * holding the TENANT_ADMIN_ROLE app role in their Entra token. Never through the bot: an act-as token
 * proves only that the bot saw the person in Teams.
 */
export function isTenantAdmin(principal: Principal, env: ServiceEnv): boolean {
  if (principal.via !== 'user') return false;
  if (principal.roles.includes(env.TENANT_ADMIN_ROLE)) return true;
  return env.TENANT_ADMINS.includes(`${principal.tenantId}:${principal.userId}`);
}

/** Throws `insufficient_role` unless the principal administers their tenant. */
export function requireTenantAdmin(principal: Principal, env: ServiceEnv): void {
  if (!isTenantAdmin(principal, env)) {
    throw new ServiceError('insufficient_role', 'This needs an administrator of your tenant.');
  }
}

/** Whether the tenant lets people erase their own data (PRIVACY_SELF_ERASURE). */
export function selfErasureAllowed(tenantId: string, env: ServiceEnv): boolean {
  return env.PRIVACY_SELF_ERASURE.includes('*') || env.PRIVACY_SELF_ERASURE.includes(tenantId);
}
