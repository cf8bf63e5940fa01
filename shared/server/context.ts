import type { Logger } from 'pino';
import type { Server } from 'restify';
import type { SigningKey } from './auth/devKeys';
import type { ServiceEnv } from './env';
import type { SessionEvents } from './events/sessionEvents';
import type { RouteDeps } from './http/route';
import type { Principal } from './auth/principal';
import type { Revocations } from './auth/revocations';
import type { NoteService } from './notes/noteService';
import type { Privacy } from './privacy';
import type { Rounds } from './rounds';
import type { Storage } from './storage/stores';
import type { TeamsAsker } from './teams/teamsAsker';

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
  /** Per-person token revocation (erasure), checked by the verifier on every request. */
  revocations: Revocations;
  /** Extra readiness checks (Redis, ...) that `/readyz` runs. */
  readinessChecks: Map<string, () => Promise<void>>;
  /** Asks Teams, through the bot, what it says about a person in a conversation (own tokens only). */
  askTeams: TeamsAsker;
  /** Verifies a bearer token the way REST does (the notes WebSocket gets its token in a message). */
  verifyToken(token: string): Promise<Principal>;
  /** Notes: metadata, versions, export, and `appendToNote` for server-side edits; set by `attachCollaboration`. */
  notes?: NoteService;
  /** Rounds: the engine, its store and timers; set by `createRounds`. */
  rounds?: Rounds;
  /** Export, erasure, retention and the audit trail; set by `createPrivacy`. */
  privacy?: Privacy;
}
