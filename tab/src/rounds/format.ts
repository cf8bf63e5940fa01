import { StoaApiError } from '../../../shared/client/errors';
import { REFUSAL_REASONS } from '../../../shared/contract/rounds/refusalReasons';
import type { Language, MessageKey, Translate } from '../i18n';
import type { RoundKind, RoundPhase } from '../../../shared/contract/rounds/phases';

/** Options are lettered A, B, C… as on the bot's card. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** A share 0..1 as a whole percentage. */
export function pct(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)}%`;
}

/** Mean confidence (1..3) with one decimal. */
export function meanText(mean: number | null | undefined): string {
  return mean === null || mean === undefined ? '–' : mean.toFixed(1);
}

/** The phase as people say it; a poll's or word cloud's gate is simply "answers closed". */
export function phaseKey(phase: RoundPhase, kind?: RoundKind): MessageKey {
  if (phase === 'gate' && (kind === 'poll' || kind === 'wordcloud')) return 'rounds.phase.gate.quick';
  return `rounds.phase.${phase}`;
}

export function kindKey(kind: RoundKind): MessageKey {
  return `rounds.kind.${kind}`;
}

/** Seconds left as `m:ss`. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** A refused round event's reason (`round_refused` details), as a message key; null for other errors. */
export function refusalKey(err: unknown): MessageKey | null {
  if (!(err instanceof StoaApiError) || err.id !== 'round_refused') return null;
  // `{ reason }` as in `RoundRefusalDetailsSchema`, checked by hand so the round panel needs no zod.
  const reason: unknown = (err.details as { reason?: unknown } | null | undefined)?.reason;
  const known = REFUSAL_REASONS.find((r) => r === reason);
  return known ? `rounds.refused.${known}` : null;
}

type Counted = 'stage.votes' | 'stage.count.questions' | 'rounds.q.youAreAssigned';

/** A counted phrase in the language's plural form (`.one` / `.other` keys). */
export function tPlural(t: Translate, language: Language, base: Counted, count: number): string {
  const form = new Intl.PluralRules(language).select(count) === 'one' ? 'one' : 'other';
  return t(`${base}.${form}`, { count });
}
