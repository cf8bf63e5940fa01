import { StoaClient } from '../../shared/client/client';
import { mintBotToken } from '../../shared/client/botToken';
import type { LogicDeps, Who } from './types';

/**
 * Teams gives the bot about 15 s to answer a turn; a service call that hangs must fail well before that
 * so the user still gets a polite reply.
 */
const SERVICE_TIMEOUT_MS = 8000;

/** Service access for the logic: every call carries a fresh act-as token for the turn's user. */
export function createStoaAccess(opts: { serviceUrl: string; secret: string }): LogicDeps {
  const baseUrl = opts.serviceUrl.replace(/\/+$/, '');
  return {
    stoaFor: (who: Who) =>
      new StoaClient({
        baseUrl,
        timeoutMs: SERVICE_TIMEOUT_MS,
        getToken: () => mintBotToken(opts.secret, who),
      }),
  };
}
