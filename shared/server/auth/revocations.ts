import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseSchema } from '../storage/schema';

/**
 * How long a revocation is kept: the longest lifetime of a token we accept. Entra ID access tokens live 60
 * to 90 minutes, up to 28 hours under continuous access evaluation; dev tokens 8 hours; the bot's act-as
 * tokens minutes. After that every token issued before the revocation has expired on its own.
 */
export const REVOCATION_KEEP_MS = 28 * 3600_000;
/** How often an instance re-reads the table, in case it missed a revocation announced by another. */
const REFRESH_MS = 30_000;

/** Row of `token_revocations` (migration 012). Times are epoch milliseconds. */
export type TokenRevocationsTable = {
  /** `subjectHash(tenantId, userId)`: the table never holds the person's id. */
  subject_hash: string;
  revoked_at: number;
  expires_at: number;
};
type RevocationDb = Kysely<DatabaseSchema & { token_revocations: TokenRevocationsTable }>;

/** One revocation as it travels between instances. */
export interface Revocation {
  hash: string;
  at: number;
  until: number;
}

/**
 * A person's key in the revocation list and on the wire: a hash of tenant and user id, so neither the
 * table nor the messages between instances name the erased person.
 */
export function subjectHash(tenantId: string, userId: string): string {
  return createHash('sha256').update(`stoa-revocation\n${tenantId}\n${userId}`).digest('hex');
}

/**
 * Per-person token revocation (an erasure ends the person's sessions): every token of theirs issued at or
 * before the revocation is refused until it could have expired anyway. Stored durably so every instance
 * and every restart refuses it; held in memory so the check costs nothing per request; other instances
 * learn of a new one at once through the privacy forget channel, and by re-reading the table at worst.
 * A token issued after the revocation is a new sign-in and is accepted: the person has no data left.
 */
export class Revocations {
  private readonly revoked = new Map<string, Revocation>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly log: Logger,
    private readonly clock: () => number = Date.now,
  ) {}

  private get rdb(): RevocationDb {
    return this.db.withTables<{ token_revocations: TokenRevocationsTable }>();
  }

  /** Reads the unexpired revocations (and drops expired rows); then keeps re-reading them. */
  async start(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((err: unknown) => this.log.warn({ err }, 'auth: could not re-read revocations'));
    }, REFRESH_MS);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async refresh(): Promise<void> {
    const now = this.clock();
    await this.rdb.deleteFrom('token_revocations').where('expires_at', '<=', now).execute();
    const rows = await this.rdb.selectFrom('token_revocations').selectAll().execute();
    for (const [hash, r] of this.revoked) if (r.until <= now) this.revoked.delete(hash);
    for (const row of rows) {
      this.remember({ hash: row.subject_hash, at: row.revoked_at, until: row.expires_at });
    }
  }

  /** Records a revocation another instance (or this one) announced. */
  remember(r: Revocation): void {
    const known = this.revoked.get(r.hash);
    if (!known || known.at < r.at) this.revoked.set(r.hash, r);
  }

  /** Revokes every token of the person issued up to now; durable before it returns. */
  async revoke(tenantId: string, userId: string): Promise<Revocation> {
    const at = this.clock();
    const r: Revocation = { hash: subjectHash(tenantId, userId), at, until: at + REVOCATION_KEEP_MS };
    await this.rdb
      .insertInto('token_revocations')
      .values({ subject_hash: r.hash, revoked_at: r.at, expires_at: r.until })
      .onConflict((oc) => oc.column('subject_hash').doUpdateSet({ revoked_at: r.at, expires_at: r.until }))
      .execute();
    this.remember(r);
    return r;
  }

  /**
   * Whether a token of the person issued at `issuedAtS` (its `iat`, seconds) is revoked. A token without
   * `iat` is refused while a revocation stands. Logged without the person's id.
   */
  isRevoked(tenantId: string, userId: string, issuedAtS: number | undefined): boolean {
    if (this.revoked.size === 0) return false;
    const r = this.revoked.get(subjectHash(tenantId, userId));
    if (!r || r.until <= this.clock()) return false;
    // `iat` is rounded down to the second, so a token issued before the revocation always passes this.
    const revoked = issuedAtS === undefined || issuedAtS * 1000 <= r.at;
    if (revoked) this.log.info({ tenantId }, 'auth: refused a token of an erased person');
    return revoked;
  }
}
