import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { SigningKey } from './auth/devKeys';
import type { ServiceEnv } from './env';
import type { SessionEvents } from './events/sessionEvents';
import type { RouteDeps } from './http/route';
import type { Storage } from './storage/stores';

/** What route modules and extensions are given: one object, built once in `createService`. */
export interface AppContext {
  server: Server;
  routeDeps: RouteDeps;
  storage: Storage;
  env: ServiceEnv;
  log: Logger;
  /** Set in dev auth mode only. */
  devKey: SigningKey | null;
  /** Session event log and fan-out (server-sent events). */
  events: SessionEvents;
  /** Extra readiness checks (Redis, ...) that `/readyz` runs. */
  readinessChecks: Map<string, () => Promise<void>>;
}
