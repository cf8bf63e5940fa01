import { operations } from '../../../contract/api';
import { signUserToken } from '../../auth/tokens';
import type { AppContext } from '../../context';
import { ServiceError } from '../../errors';
import { bindOperation } from '../../http/route';

/** Dev sign-in and "who am I". */
export function authRoutes(app: AppContext): void {
  bindOperation(app.server, app.routeDeps, operations.createDevToken, async ({ body }) => {
    if (!app.devKey) throw new ServiceError('dev_auth_disabled', 'Dev sign-in is off on this deployment.');
    const { token, expiresAt } = await signUserToken(app.devKey, {
      tenantId: body.tenantId,
      userId: body.userId,
      name: body.name,
      audience: app.env.AAD_APP_CLIENT_ID,
    });
    return { token, expiresAt: expiresAt.toISOString() };
  });

  bindOperation(app.server, app.routeDeps, operations.getMe, async ({ principal }) => ({
    tenantId: principal.tenantId,
    userId: principal.userId,
    name: principal.name,
    via: principal.via,
  }));
}
