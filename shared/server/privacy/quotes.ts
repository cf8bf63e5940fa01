import { REMOVED_TEXT } from '../../contract/removedText';
import { QUOTE_MIN_CHARS, isCutQuote, removeQuotes } from '../rounds/writeBackLines';
import type { PrivacyDeps } from './deps';

/**
 * Derived copies of an erased person's texts: other rounds and events quote them. A classmate's later
 * question that matched a notes heading keeps that heading (the erased question) as `answeredInNotes`; an
 * ask stores the notes passage it was reduced with (`round_events.context`), which may hold muddiest points
 * word for word; views sent on the event stream carry both. These helpers find and replace such quotes.
 * Only texts of `QUOTE_MIN_CHARS` or more are looked for outside the person's own items: a short phrase
 * ("Gravity") is as likely someone else's words, or a Peer Instruction option.
 */

/** The texts worth looking for in other people's data. */
export function quotable(texts: Iterable<string>): Set<string> {
  return new Set([...texts].filter((t) => t.length >= QUOTE_MIN_CHARS));
}

/**
 * LIKE patterns that find a stored JSON text quoting one of `texts`, whole or cut short: the start of each
 * text as JSON writes it (escapes included). `_` and `%` in a text only widen the match; rows are parsed
 * and checked before anything is changed.
 */
export function quoteNeedles(texts: ReadonlySet<string>): string[] {
  return [...texts].map((t) => `%${JSON.stringify(t.slice(0, QUOTE_MIN_CHARS)).slice(1, -1)}%`);
}

/** A JSON value with every quote of one of `texts` in its strings replaced by the removal marker. */
export function scrubQuotes(value: unknown, texts: ReadonlySet<string>): unknown {
  if (texts.size === 0) return value;
  if (typeof value === 'string') {
    if (texts.has(value) || isCutQuote(value, texts)) return REMOVED_TEXT;
    return removeQuotes(value, texts);
  }
  if (Array.isArray(value)) return value.map((v) => scrubQuotes(v, texts));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubQuotes(v, texts)]));
  }
  return value;
}

/** `scrubQuotes` over a stored JSON text; the same text when nothing changed. */
export function scrubQuotesText(json: string, texts: ReadonlySet<string>): string {
  if (texts.size === 0) return json;
  const next = JSON.stringify(scrubQuotes(JSON.parse(json), texts));
  return next === JSON.stringify(JSON.parse(json)) ? json : next;
}

/** Rounds of the tenant whose stored state or events (with their notes context) quote one of `texts`. */
export async function roundsQuoting(
  deps: PrivacyDeps,
  tenantId: string,
  texts: ReadonlySet<string>,
): Promise<{ id: string; session_id: string }[]> {
  const likes = quoteNeedles(texts);
  if (likes.length === 0) return [];
  const fromRows = await deps.db
    .selectFrom('rounds')
    .select(['id', 'session_id'])
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or(likes.map((l) => eb('snapshot', 'like', l))))
    .execute();
  const fromEvents = await deps.db
    .selectFrom('round_events')
    .innerJoin('rounds', 'rounds.id', 'round_events.round_id')
    .select(['rounds.id as id', 'rounds.session_id as session_id'])
    .distinct()
    .where('rounds.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or(
        likes.flatMap((l) => [eb('round_events.event', 'like', l), eb('round_events.context', 'like', l)]),
      ),
    )
    .execute();
  return [...new Map([...fromRows, ...fromEvents].map((r) => [r.id, r])).values()];
}
