import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerRefusal,
  applyBackstageEvent,
  EMPTY_BACKSTAGE,
  rankBackstage,
  rankedPublished,
  replayBackstage,
  tally,
  voteRefusal,
  type BackstageEvent,
} from './model';

const USERS = ['u1', 'u2', 'u3', 'u4', 'u5'];
const QIDS = ['q1', 'q2', 'q3', 'q4'];
const T0 = 1_700_000_000_000;

const arbEvent: fc.Arbitrary<BackstageEvent> = fc.oneof(
  fc.record({
    type: fc.constant('ask' as const),
    id: fc.constantFrom(...QIDS),
    authorId: fc.constantFrom(...USERS),
    anonymous: fc.boolean(),
    text: fc.string({ maxLength: 20 }),
    status: fc.constantFrom('published' as const, 'pending' as const),
    duplicateOf: fc.option(fc.constantFrom(...QIDS), { nil: null }),
    at: fc.integer({ min: T0, max: T0 + 3_600_000 }),
  }),
  fc.record({
    type: fc.constant('vote' as const),
    questionId: fc.constantFrom(...QIDS),
    userId: fc.constantFrom(...USERS),
    value: fc.constantFrom(-1 as const, 0 as const, 1 as const),
    at: fc.constant(T0),
  }),
  fc.record({
    type: fc.constant('facilitate' as const),
    questionId: fc.constantFrom(...QIDS),
    pinned: fc.option(fc.boolean(), { nil: undefined }),
    answered: fc.option(fc.boolean(), { nil: undefined }),
    at: fc.constant(T0),
  }),
  fc.record({
    type: fc.constant('moderate' as const),
    item: fc.constant('question' as const),
    id: fc.constantFrom(...QIDS),
    action: fc.constantFrom('approve' as const, 'hide' as const, 'restore' as const),
    at: fc.constant(T0),
  }),
);

/** Events as the service logs them: a question is asked once, before anything refers to it. */
function wellFormed(events: BackstageEvent[]): BackstageEvent[] {
  const asked = new Set<string>();
  return events.filter((e) => {
    if (e.type === 'ask') {
      if (asked.has(e.id) || (e.duplicateOf !== null && !asked.has(e.duplicateOf))) return false;
      asked.add(e.id);
      return true;
    }
    return e.type === 'vote' || e.type === 'facilitate' ? asked.has(e.questionId) : asked.has(e.id);
  });
}

const arbLog = fc.array(arbEvent, { maxLength: 60 }).map(wellFormed);

describe('always-on question model (properties)', () => {
  it('replay never mutates a state and is deterministic', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        let s = EMPTY_BACKSTAGE;
        for (const e of log) {
          const before = JSON.stringify(s);
          const next = applyBackstageEvent(s, e);
          expect(JSON.stringify(s)).toBe(before);
          s = next;
        }
        expect(replayBackstage(log)).toEqual(s);
      }),
    );
  });

  it('the public ranking holds only published, distinct questions: pinned first, answered last', () => {
    fc.assert(
      fc.property(arbLog, fc.integer({ min: 0, max: 7_200_000 }), (log, later) => {
        const s = replayBackstage(log);
        const ids = rankedPublished(s, T0 + later);
        const qs = ids.map((id) => s.questions[id]!);
        expect(qs.every((q) => q.status === 'published' && q.duplicateOf === null)).toBe(true);
        expect(ids.length).toBe(
          Object.values(s.questions).filter((q) => q.status === 'published' && q.duplicateOf === null).length,
        );
        const group = qs.map((q) => (q.pinned ? 0 : q.answered ? 2 : 1));
        expect([...group].sort((a, b) => a - b)).toEqual(group);
      }),
    );
  });

  it('the ranking does not depend on the order rows arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            id: fc.uuid(),
            up: fc.nat(50),
            down: fc.nat(50),
            createdAt: fc.integer({ min: T0, max: T0 + 3_600_000 }),
            pinned: fc.boolean(),
            answered: fc.boolean(),
          }),
          { maxLength: 30 },
        ),
        (items) => {
          const now = T0 + 4_000_000;
          const a = rankBackstage(items, now).map((q) => q.id);
          const b = rankBackstage([...items].reverse(), now).map((q) => q.id);
          expect(a).toEqual(b);
        },
      ),
    );
  });

  it('one vote per person and question: counts equal the distinct voters, whatever the order of votes', () => {
    fc.assert(
      fc.property(arbLog, (log) => {
        const s = replayBackstage(log);
        for (const q of Object.values(s.questions)) {
          const { up, down } = tally(q.votes);
          expect(up + down).toBe(Object.keys(q.votes).length);
          expect(up + down).toBeLessThanOrEqual(USERS.length);
        }
      }),
    );
  });

  it('nobody votes on or answers their own question, a hidden one, or one assigned to others', () => {
    fc.assert(
      fc.property(arbLog, fc.constantFrom(...USERS), (log, user) => {
        const s = replayBackstage(log);
        for (const q of Object.values(s.questions)) {
          const vote = voteRefusal(q, user);
          if (q.status === 'hidden') expect(vote).toBe('unknown_question');
          else if (q.status === 'pending') expect(vote).toBe('not_published');
          else expect(vote).toBe(q.authorId === user ? 'own_question' : null);
          const assigned = { ...q, assignedTo: ['someone-else'] };
          const answer = answerRefusal(assigned, { userId: user, facilitator: false });
          if (q.status === 'published' && q.authorId !== user) expect(answer).toBe('not_assigned');
          expect(answerRefusal(q, { userId: user, facilitator: true })).toBe(
            q.status === 'hidden' ? 'unknown_question' : null,
          );
        }
      }),
    );
  });
});
