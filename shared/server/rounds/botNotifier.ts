import { SignJWT } from 'jose';
import type { Logger } from 'pino';
import { SERVICE_TOKEN_AUDIENCE, SERVICE_TOKEN_ISSUER, type BotNotification } from '../../contract/botNotify';

export interface BotNotifierOptions {
  /** Full URL of the bot's notify endpoint; null turns notifications off. */
  url: string | null;
  secret: string;
  log: Logger;
  /** Attempts per notification (the first plus retries). */
  attempts?: number;
  /** Shortest gap between two `tally` notifications of one round: a Teams card is not a live counter. */
  tallyIntervalMs?: number;
  timeoutMs?: number;
}

const TOKEN_TTL_S = 120;

/**
 * Tells the bot that a round changed without a Teams action (a deadline fired, a facilitator acted in the
 * tab), so it can update the round's card. Best effort: sent in the background, retried with backoff,
 * logged when it finally fails, and never in the way of a request.
 */
export class BotNotifier {
  private token: { value: string; until: number } | null = null;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly tallies = new Map<
    string,
    { last: number; timer: NodeJS.Timeout | null; next: BotNotification | null }
  >();
  private closed = false;

  constructor(private readonly o: BotNotifierOptions) {}

  get enabled(): boolean {
    return this.o.url !== null;
  }

  /** Sends a notification; `tally` changes of a round are thinned to one per interval (the last one wins). */
  send(n: BotNotification): void {
    if (!this.enabled || this.closed) return;
    if (n.type === 'round_changed' && n.change === 'tally') return this.tally(n);
    if (n.type === 'round_changed') this.dropTally(n.roundId);
    this.track(this.deliver(n));
  }

  /** Waits for notifications in flight (bounded by their timeouts) and stops sending. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.tallies.values()) if (t.timer) clearTimeout(t.timer);
    this.tallies.clear();
    await Promise.all([...this.inFlight]);
  }

  private tally(n: Extract<BotNotification, { type: 'round_changed' }>): void {
    const interval = this.o.tallyIntervalMs ?? 1000;
    const t = this.tallies.get(n.roundId) ?? { last: 0, timer: null, next: null };
    this.tallies.set(n.roundId, t);
    const now = Date.now();
    if (now - t.last >= interval && !t.timer) {
      t.last = now;
      this.track(this.deliver(n));
      return;
    }
    t.next = n;
    t.timer ??= setTimeout(
      () => {
        t.timer = null;
        t.last = Date.now();
        const next = t.next;
        t.next = null;
        if (next && !this.closed) this.track(this.deliver(next));
      },
      Math.max(0, t.last + interval - now),
    );
  }

  /** A phase change supersedes a pending tally of the same round. */
  private dropTally(roundId: string): void {
    const t = this.tallies.get(roundId);
    if (t?.timer) clearTimeout(t.timer);
    this.tallies.delete(roundId);
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async bearer(): Promise<string> {
    const now = Date.now();
    if (this.token && this.token.until > now) return this.token.value;
    const iat = Math.floor(now / 1000);
    const value = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(SERVICE_TOKEN_ISSUER)
      .setAudience(SERVICE_TOKEN_AUDIENCE)
      .setSubject('stoa-service')
      .setIssuedAt(iat)
      .setExpirationTime(iat + TOKEN_TTL_S)
      .sign(new TextEncoder().encode(this.o.secret));
    // Renewed well before it expires, so a token is never sent seconds before its end.
    this.token = { value, until: now + (TOKEN_TTL_S / 2) * 1000 };
    return value;
  }

  private async deliver(n: BotNotification): Promise<void> {
    const attempts = this.o.attempts ?? 3;
    let lastError = '';
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 250 * 4 ** (i - 1)));
      try {
        const res = await fetch(this.o.url as string, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await this.bearer()}` },
          body: JSON.stringify(n),
          signal: AbortSignal.timeout(this.o.timeoutMs ?? 5000),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return;
        lastError = `status ${res.status}`;
        // The bot refused the notification itself: sending it again will not help.
        if (res.status >= 400 && res.status < 500 && res.status !== 429) break;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    this.o.log.warn({ notification: n, error: lastError }, 'rounds: bot notification not delivered');
  }
}
