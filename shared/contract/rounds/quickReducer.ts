import type { RoundEffect, WriteBackSummary } from './effects';
import type { RoundEvent } from './events';
import type { WordEntryId } from './ids';
import { ROUND_LIMITS } from './limits';
import { removeByUser } from './lists';
import type { RoundPhase } from './phases';
import { pollAnalytics, wordcloudAnalytics } from './quickAnalytics';
import { refuse } from './refusals';
import type { PollAnswer, PollState, WordEntry, WordcloudState } from './state';
import { pastDeadline, touchRoster, type Accepted, type Ctx, type ReduceResult } from './transition';
import { wordKey } from './wordcloud';

type Ev<T extends RoundEvent['type']> = Extract<RoundEvent, { type: T }>;

/**
 * A student picks an answer of a quick poll, or changes it while answering is open: one counted answer per
 * student, so the counts always add up to the number of students who answered.
 */
export function reducePollAnswer(
  state: PollState,
  event: Ev<'pollAnswer'>,
  ctx: Ctx,
): ReduceResult<PollState> {
  if (state.phase !== 'answering') return refuse('wrong_phase', 'This poll is not taking answers.');
  if (event.option >= state.options.length)
    return refuse('unknown_option', 'That is not one of the answers.');
  const uid = ctx.actor.userId;
  const prior = state.answers.find((a) => a.userId === uid);
  if (prior && prior.option === event.option) return { state, effects: [] };
  if (pastDeadline(state, ctx.now)) return refuse('deadline_passed', 'Time is up for this poll.');
  const answer: PollAnswer = {
    userId: uid,
    option: event.option,
    at: ctx.now,
    key: event.idempotencyKey ?? null,
  };
  // The latest answer goes last: the list stays in the order answers were last given.
  const answers = [...removeByUser(state.answers, uid), answer];
  return { state: { ...touchRoster(state, ctx), answers }, effects: [] };
}

/**
 * A student adds a word to the cloud. The service's word filter may hold it back (`ctx.held`): it then
 * waits, uncounted and unseen by classmates, until a facilitator approves it.
 */
export function reduceSubmitWord(
  state: WordcloudState,
  event: Ev<'submitWord'>,
  ctx: Ctx,
): ReduceResult<WordcloudState> {
  if (state.phase !== 'collecting') return refuse('wrong_phase', 'This word cloud is not taking words.');
  const uid = ctx.actor.userId;
  const mine = state.entries.filter((e) => e.authorId === uid);
  if (event.idempotencyKey !== undefined) {
    const prior = mine.find((e) => e.key === event.idempotencyKey);
    if (prior && prior.text === event.text) return { state, effects: [] };
    if (prior) return refuse('invalid', 'This idempotency key was already used for another word.');
  }
  if (pastDeadline(state, ctx.now)) return refuse('deadline_passed', 'Time is up for this word cloud.');
  const key = wordKey(event.text);
  if (key === '') return refuse('invalid', 'Write a word that carries meaning (not only "the" or "och").');
  if (mine.some((e) => wordKey(e.text) === key))
    return refuse('already_answered', 'You already added that word.');
  if (mine.length >= state.settings.entriesPerStudent)
    return refuse('already_answered', `You can add at most ${state.settings.entriesPerStudent} words.`);
  if (state.entries.length >= ROUND_LIMITS.wordcloudEntriesMax)
    return refuse('invalid', 'This word cloud is full.');
  const entry: WordEntry = {
    id: `w${state.entries.length + 1}` as WordEntryId,
    authorId: uid,
    authorName: ctx.actor.name,
    text: event.text,
    status: ctx.held ? 'held' : 'visible',
    createdAt: ctx.now,
    key: event.idempotencyKey ?? null,
  };
  return { state: { ...touchRoster(state, ctx), entries: [...state.entries, entry] }, effects: [] };
}

/** A facilitator hides an entry, or shows it again (restoring a hidden one, approving a held one). */
export function reduceModerateWord(
  state: WordcloudState,
  event: Ev<'moderateWord'>,
  _ctx: Ctx,
): ReduceResult<WordcloudState> {
  if (state.phase === 'ready') return refuse('wrong_phase', 'The word cloud has not started.');
  const i = state.entries.findIndex((e) => e.id === event.entryId);
  const entry = state.entries[i];
  if (!entry) return refuse('unknown_question', 'There is no such entry in this word cloud.');
  const status = event.visible ? 'visible' : 'hidden';
  if (entry.status === status) return { state, effects: [] };
  const entries = state.entries.slice();
  entries[i] = { ...entry, status };
  return { state: { ...state, entries }, effects: [] };
}

const started: RoundEffect = { type: 'notify', to: { kind: 'students' }, message: { type: 'round_started' } };
const revealed: RoundEffect = { type: 'notify', to: { kind: 'students' }, message: { type: 'revealed' } };
const done: RoundEffect = { type: 'notify', to: { kind: 'facilitators' }, message: { type: 'round_ended' } };

/** Work on entering a phase of a poll or word cloud: tell students, and write the results into the notes. */
export function enterQuick<S extends PollState | WordcloudState>(
  state: S,
  to: RoundPhase,
  ctx: Ctx,
): Accepted<S> {
  if (to === 'answering' || to === 'collecting') return { state, effects: [started] };
  if (to === 'revealed') return { state, effects: [revealed] };
  if (to !== 'ended') return { state, effects: [] };
  const summary: WriteBackSummary | null =
    state.kind === 'poll'
      ? state.answers.length === 0
        ? null
        : { kind: 'poll', roundId: state.id, at: ctx.now, analytics: pollAnalytics(state) }
      : state.entries.every((e) => e.status !== 'visible')
        ? null
        : { kind: 'wordcloud', roundId: state.id, at: ctx.now, analytics: wordcloudAnalytics(state) };
  if (!summary) return { state, effects: [done] };
  return { state: { ...state, writtenBack: true }, effects: [{ type: 'write_back', summary }, done] };
}
