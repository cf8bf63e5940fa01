import type { RoundState } from '../../contract/rounds';
import { REMOVED_TEXT } from '../../contract/removedText';
import { replay } from '../rounds/roundLog';
import type { RoundEventRow, RoundRow } from '../rounds/roundStore';
import { newId } from '../storage/ids';
import type { PrivacyDeps } from './deps';
import { quotable, quoteNeedles, roundsQuoting, scrubQuotes, scrubQuotesText } from './quotes';
import { ERASED_NAME, rewriteJson, rewriteJsonText, type Replacement } from './pseudonymize';

/** The person to erase: their ids and names; each round gets its own pseudonym for them. */
export type Person = Pick<Replacement, 'ids' | 'names'>;

/** What an erasure does to a tenant's rounds. */
export interface RoundErasure {
  roundIds: string[];
  /** The pseudonym each round now uses for the person. */
  pseudonyms: Map<string, string>;
  /** Per round, the texts the person wrote there (questions, peer answers, muddiest points), now removed. */
  texts: Map<string, Set<string>>;
  /** Per round, its session. */
  sessionOf: Map<string, string>;
  /**
   * Every text of the person that other people's data may quote (see `quotes.ts`): replaced wherever a
   * planned round, its events or a session event quotes it. The rounds that only quote them are planned too.
   */
  quoted: Set<string>;
}

/** Events whose `text` is the sender's own words. */
const TEXT_EVENTS = new Set(['ask', 'answerQuestion', 'submitMuddy', 'submitWord']);

/** LIKE patterns for a person's id and names (`_` matching any character only adds rows that are parsed and skipped). */
export const patterns = (p: Person) =>
  [...p.ids, ...p.names.filter((n) => n.length >= 3)].map((n) => `%${n}%`);

/** A fresh replacement for one round, note or row: nothing links two of them. */
export const freshReplacement = (p: Person): Replacement => ({
  ...p,
  pseudonym: newId('erased'),
  name: ERASED_NAME,
});

/** Replaces the text of the person's questions, peer answers, muddiest points and words; returns the old texts. */
export function removeTexts(state: RoundState, ids: ReadonlySet<string>): string[] {
  const removed: string[] = [];
  const items =
    state.kind === 'question_round'
      ? [...state.questions, ...state.answers]
      : state.kind === 'muddiest_point'
        ? state.points
        : state.kind === 'wordcloud'
          ? state.entries
          : [];
  for (const item of items) {
    if (!ids.has(item.authorId) || item.text === REMOVED_TEXT) continue;
    removed.push(item.text);
    item.text = REMOVED_TEXT;
  }
  return removed;
}

async function roundsMentioning(deps: PrivacyDeps, tenantId: string, p: Person): Promise<string[]> {
  const likes = patterns(p);
  const fromRows = await deps.db
    .selectFrom('rounds')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where((eb) => eb.or([eb('created_by', 'in', p.ids), ...likes.map((l) => eb('snapshot', 'like', l))]))
    .execute();
  const fromEvents = await deps.db
    .selectFrom('round_events')
    .innerJoin('rounds', 'rounds.id', 'round_events.round_id')
    .select('rounds.id as id')
    .distinct()
    .where('rounds.tenant_id', '=', tenantId)
    .where((eb) =>
      eb.or([
        eb('round_events.actor_id', 'in', p.ids),
        ...likes.flatMap((l) => [eb('round_events.event', 'like', l), eb('round_events.actor', 'like', l)]),
      ]),
    )
    .execute();
  return [...new Set([...fromRows, ...fromEvents].map((x) => x.id))];
}

/** A round's state as of its last stored event, with that event's seq. */
async function currentState(
  db: PrivacyDeps['db'],
  roundId: string,
): Promise<{ row: RoundRow; events: RoundEventRow[]; state: RoundState; seq: number } | null> {
  const row = await db.selectFrom('rounds').selectAll().where('id', '=', roundId).executeTakeFirst();
  if (!row) return null;
  const events = await db
    .selectFrom('round_events')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('seq')
    .execute();
  let state = JSON.parse(row.snapshot) as RoundState;
  let seq = row.snapshot_seq;
  for (const e of events) {
    if (e.seq <= seq) continue;
    state = replay(state, e);
    seq = e.seq;
  }
  return { row, events, state, seq };
}

/**
 * What erasing the person from the tenant's rounds will do, before anything is written: the rounds that
 * mention them, a fresh pseudonym for each, and the texts they wrote there. The notes and the session
 * events are cleaned with this first and the rounds last, so an interrupted erasure that is sent again
 * still finds every round (and with it the texts to look for).
 */
export async function planRoundErasure(
  deps: PrivacyDeps,
  tenantId: string,
  p: Person,
): Promise<RoundErasure> {
  const ids = new Set(p.ids);
  const out: RoundErasure = {
    roundIds: [],
    pseudonyms: new Map(),
    texts: new Map(),
    sessionOf: new Map(),
    quoted: new Set(),
  };
  for (const roundId of await roundsMentioning(deps, tenantId, p)) {
    const current = await currentState(deps.db, roundId);
    if (!current) continue;
    out.roundIds.push(roundId);
    out.pseudonyms.set(roundId, freshReplacement(p).pseudonym);
    out.texts.set(roundId, new Set(removeTexts(current.state, ids)));
    out.sessionOf.set(roundId, current.row.session_id);
  }
  out.quoted = quotable([...out.texts.values()].flatMap((t) => [...t]));
  // Rounds that only quote the person's texts (a later question matched their heading in the notes).
  for (const round of await roundsQuoting(deps, tenantId, out.quoted)) {
    if (out.pseudonyms.has(round.id)) continue;
    out.roundIds.push(round.id);
    out.pseudonyms.set(round.id, freshReplacement(p).pseudonym);
    out.texts.set(round.id, new Set());
    out.sessionOf.set(round.id, round.session_id);
  }
  return out;
}

/**
 * Erases the person from the planned rounds. Per round, under that round's pseudonym: the state is brought
 * up to its last event and stored as the snapshot with the person's texts removed and their identity
 * replaced, and the stored events get the same treatment. Answers, votes, ratings and confidence stay, so
 * distributions, switches and counts are unchanged; the snapshot now covers every event, so the changed
 * texts are never replayed (duplicate detection ran on the originals). Returns how many texts went.
 */
export async function eraseFromRounds(deps: PrivacyDeps, p: Person, plan: RoundErasure): Promise<number> {
  const ids = new Set(p.ids);
  let removed = 0;
  // Rounds that only quote the person first, theirs last: an interrupted erasure sent again finds the
  // texts to look for in the person's rounds as long as those are not rewritten yet.
  const order = [...plan.roundIds].sort(
    (a, b) => (plan.texts.get(a)?.size ?? 0) - (plan.texts.get(b)?.size ?? 0),
  );
  for (const roundId of order) {
    const r = { ...freshReplacement(p), pseudonym: plan.pseudonyms.get(roundId) ?? newId('erased') };
    await deps.db.transaction().execute(async (trx) => {
      const current = await currentState(trx, roundId);
      if (!current) return;
      const { row, events, state, seq } = current;
      removed += removeTexts(state, ids).length;
      await trx
        .updateTable('rounds')
        .set({
          snapshot: JSON.stringify(rewriteJson(scrubQuotes(state, plan.quoted), r)),
          snapshot_seq: seq,
          created_by: ids.has(row.created_by) ? r.pseudonym : row.created_by,
        })
        .where('id', '=', roundId)
        .execute();
      for (const e of events) {
        const own = ids.has(e.actor_id);
        let eventText = e.event;
        if (own) {
          const event = JSON.parse(e.event) as { type?: unknown; text?: unknown };
          if (TEXT_EVENTS.has(String(event.type)) && typeof event.text === 'string') {
            eventText = JSON.stringify({ ...event, text: REMOVED_TEXT });
          }
        }
        eventText = scrubQuotesText(eventText, plan.quoted);
        const event = rewriteJsonText(eventText, r) ?? eventText;
        const actor = rewriteJsonText(e.actor, r) ?? e.actor;
        const scrubbed = e.context === null ? null : scrubQuotesText(e.context, plan.quoted);
        const context = scrubbed === null ? null : (rewriteJsonText(scrubbed, r) ?? scrubbed);
        const actorId = own ? r.pseudonym : e.actor_id;
        if (event === e.event && actor === e.actor && context === e.context && actorId === e.actor_id)
          continue;
        await trx
          .updateTable('round_events')
          .set({ event, actor, context, actor_id: actorId })
          .where('round_id', '=', roundId)
          .where('seq', '=', e.seq)
          .execute();
      }
    });
  }
  // The engine replays from storage from now on; its cached states still hold the old identity.
  await deps.forgetRounds(plan.roundIds);
  return removed;
}

/** A JSON value with every string equal to one of `texts` replaced by the removal marker. */
function removeStrings(value: unknown, texts: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return texts.has(value) ? REMOVED_TEXT : value;
  if (Array.isArray(value)) return value.map((v) => removeStrings(v, texts));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, removeStrings(v, texts)]));
  }
  return value;
}

/**
 * Deletes the person's private session events and rewrites the rest: a round's views get that round's
 * pseudonym and lose the texts its erasure removed; any other event mentioning the person gets a pseudonym
 * of its own.
 */
export async function eraseFromSessionEvents(
  deps: PrivacyDeps,
  tenantId: string,
  p: Person,
  rounds: RoundErasure,
): Promise<{ deleted: number; rewritten: number }> {
  const inTenant = deps.db.selectFrom('sessions').select('id').where('tenant_id', '=', tenantId);
  const res = await deps.db
    .deleteFrom('session_events')
    .where('session_id', 'in', inTenant)
    .where(
      'audience',
      'in',
      p.ids.map((id) => `user:${id}`),
    )
    .executeTakeFirst();
  const mentioning = await deps.db
    .selectFrom('session_events')
    .select(['id', 'payload'])
    .where('session_id', 'in', inTenant)
    .where((eb) => eb.or(patterns(p).map((l) => eb('payload', 'like', l))))
    .execute();
  // Views of an anonymous item name nobody, so a round's views are all looked at for its removed texts.
  const withTexts = [...rounds.texts].filter(([, texts]) => texts.size > 0).map(([roundId]) => roundId);
  const sessions = [...new Set(withTexts.map((id) => rounds.sessionOf.get(id) ?? ''))];
  const views =
    withTexts.length === 0
      ? []
      : await deps.db
          .selectFrom('session_events')
          .select(['id', 'payload'])
          .where('session_id', 'in', sessions)
          .where((eb) => eb.or(withTexts.map((id) => eb('payload', 'like', `%${id}%`))))
          .execute();
  // Views of other rounds that quote the person's texts (a question matched their heading in the notes).
  const quoting =
    rounds.quoted.size === 0
      ? []
      : await deps.db
          .selectFrom('session_events')
          .select(['id', 'payload'])
          .where('session_id', 'in', inTenant)
          .where((eb) => eb.or(quoteNeedles(rounds.quoted).map((l) => eb('payload', 'like', l))))
          .execute();
  const rows = [...new Map([...mentioning, ...views, ...quoting].map((row) => [row.id, row])).values()];
  let rewritten = 0;
  for (const row of rows) {
    const parsed = JSON.parse(row.payload) as { type?: unknown; view?: { roundId?: unknown } };
    const roundId = parsed.type === 'round_updated' ? String(parsed.view?.roundId) : '';
    const pseudonym = rounds.pseudonyms.get(roundId);
    const r = pseudonym ? { ...freshReplacement(p), pseudonym } : freshReplacement(p);
    const texts = rounds.texts.get(roundId) ?? new Set<string>();
    const payload = JSON.stringify(rewriteJson(scrubQuotes(removeStrings(parsed, texts), rounds.quoted), r));
    if (payload === row.payload) continue;
    await deps.db.updateTable('session_events').set({ payload }).where('id', '=', row.id).execute();
    rewritten += 1;
  }
  return { deleted: Number(res.numDeletedRows), rewritten };
}
