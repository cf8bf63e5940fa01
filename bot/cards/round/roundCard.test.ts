import { describe, expect, it } from 'vitest';
import type { Actor, RoundEventInput } from '../../../shared/contract/rounds/events';
import type { RoundKind } from '../../../shared/contract/rounds/phases';
import type { RoundState } from '../../../shared/contract/rounds/state';
import { buildRound, drive, facilitator, student } from '../../../shared/contract/rounds/test/factories';
import { phasesOf, roundIn } from '../../../shared/contract/rounds/test/phaseStates';
import { viewRound } from '../../../shared/contract/rounds/views';
import { roundCard, type RoundCardOptions } from './roundCard';

const FAC = { userId: facilitator.userId, role: 'facilitator' as const };
const asStudent = (n: number) => ({ userId: student(n).userId, role: 'student' as const });
const opts = { fullyAnonymous: false };
const personal: RoundCardOptions = { audience: 'personal', refreshUserIds: ['29:me'], showMyView: false };
/** A facilitator who pressed "Show private details" on their own card. */
const detailed: RoundCardOptions = { ...personal, privateDetails: true };
const shared: RoundCardOptions = { audience: 'shared', refreshUserIds: ['29:a', '29:b'], showMyView: false };

const text = (card: unknown) => JSON.stringify(card);
const titles = (card: unknown) =>
  [...text(card).matchAll(/"type":"Action\.Execute","title":"([^"]+)","verb":"([^"]+)"/g)].map(
    (m) => `${m[2]}:${m[1]}`,
  );

/** A PI round with 10 students (3 answer A, 7 answer B, the correct one), driven by `more` steps. */
function pi(more: Array<[RoundEventInput, Actor]> = []): RoundState {
  const steps: Array<[RoundEventInput, Actor]> = [[{ type: 'start' }, facilitator]];
  for (let i = 1; i <= 10; i++)
    steps.push([{ type: 'answer', option: i <= 3 ? 0 : 1, confidence: 'medium' }, student(i)]);
  return drive(buildRound('peer_instruction'), [...steps, ...more]).state;
}

describe('round cards', () => {
  it.each(
    (['peer_instruction', 'question_round', 'muddiest_point'] as RoundKind[]).flatMap((k) =>
      phasesOf(k).map((p) => [k, p] as const),
    ),
  )('renders %s in %s as an Adaptive Card 1.5 with a per-user refresh, for every audience', (kind, phase) => {
    const { state } = roundIn(kind, phase);
    for (const [viewer, o] of [
      [FAC, personal],
      [FAC, shared],
      [asStudent(1), personal],
      [asStudent(2), personal],
    ] as const) {
      const card = roundCard(viewRound(state, viewer, opts), o);
      expect(card).toMatchObject({
        type: 'AdaptiveCard',
        version: '1.5',
        refresh: { userIds: o.refreshUserIds },
      });
      expect(card.refresh?.action).toMatchObject({
        type: 'Action.Execute',
        verb: 'refresh',
        data: { roundId: state.id },
      });
      // Teams refuses cards beyond about 28 KB.
      expect(text(card).length).toBeLessThan(28_000);
    }
  });

  it('lets a student answer with confidence, and shows the count but no results in the shared card', () => {
    const state = pi();
    const mine = roundCard(viewRound(state, asStudent(11), opts), personal);
    expect(text(mine)).toContain('"id":"option"');
    expect(text(mine)).toContain('"id":"confidence"');
    expect(titles(mine)).toEqual(['answer:Submit answer', 'refresh:Refresh']);
    expect(text(roundCard(viewRound(state, asStudent(1), opts), personal))).toContain(
      'Your answer: **A. Quicksort**',
    );

    const everyone = roundCard(viewRound(state, FAC, opts), shared);
    expect(text(everyone)).toContain('10 answered');
    expect(text(everyone)).not.toMatch(/%|✓|Student \d/);
    expect(titles(everyone)).not.toContain('closePhase:Close answering');

    // The facilitator's card is on a shared screen: counts only, until they ask for more.
    const fac = roundCard(viewRound(state, FAC, opts), personal);
    expect(titles(fac)).toEqual(
      expect.arrayContaining([
        'closePhase:Close answering',
        'advance:End round',
        'refresh:Refresh',
        'refresh:Show private details',
      ]),
    );
    expect(text(fac)).toContain('10 of 10 answered');
    expect(text(fac)).not.toMatch(/%|✓|correct"|Student \d/);
    expect(text(fac)).toContain('Live results stay hidden until you reveal them.');
    const shown = roundCard(viewRound(state, FAC, opts), detailed);
    expect(text(shown)).toContain('B ✓ ███████░░░  70% (7)');
    expect(text(shown)).toContain('B. Merge sort  ✓ correct');
    expect(titles(shown)).toContain('refresh:Hide private details');
    // Its automatic refresh asks for the plain view again: the details last until the next update.
    expect(shown.refresh?.action.data).toEqual({ roundId: state.id });
  });

  it('never gives private details to a student who forges the button', () => {
    const card = text(roundCard(viewRound(pi(), asStudent(1), opts), detailed));
    expect(card).not.toMatch(/%|✓|Private details/i);
  });

  it('shows the gate advice to the facilitator only, with the three ways on', () => {
    const state = pi([[{ type: 'closePhase', phase: 'answering' }, facilitator]]);
    const fac = roundCard(viewRound(state, FAC, opts), personal);
    expect(text(fac)).toContain('Discuss: the class is split');
    expect(text(fac)).not.toContain('70%');
    expect(text(roundCard(viewRound(state, FAC, opts), detailed))).toContain('(70% correct)');
    expect(titles(fac)).toEqual(
      expect.arrayContaining([
        'advance:Start discussion',
        'advance:Re-vote now',
        'advance:Reveal',
        'advance:End round',
      ]),
    );
    const stu = roundCard(viewRound(state, asStudent(4), opts), personal);
    expect(text(stu)).not.toMatch(/Discuss: the class|Start discussion|70%/);
  });

  it("tells each student their partners and nobody else anyone's partner", () => {
    const state = pi([
      [{ type: 'closePhase', phase: 'answering' }, facilitator],
      [{ type: 'advance', to: 'discussion' }, facilitator],
    ]);
    const view = viewRound(state, asStudent(1), opts);
    const partners = view.kind === 'peer_instruction' ? (view.me?.group?.partners ?? []) : [];
    expect(partners.length).toBeGreaterThan(0);
    const card = text(roundCard(view, personal));
    for (const p of partners) expect(card).toContain(p.name);
    const everyone = text(roundCard(viewRound(state, FAC, { ...opts }), shared));
    expect(everyone).not.toMatch(/Student \d+ Name/);
    expect(everyone).toContain('Your own card shows who to talk to');
    expect(text(roundCard(viewRound(state, FAC, opts), { ...shared, showMyView: true }))).toContain(
      'Show my view',
    );
  });

  it('reveals the correct answer, the bars before and after and the normalized change to everyone', () => {
    const revotes: Array<[RoundEventInput, Actor]> = [];
    for (let i = 1; i <= 10; i++)
      revotes.push([{ type: 'revote', option: i <= 1 ? 0 : 1, confidence: 'high' }, student(i)]);
    const state = pi([
      [{ type: 'closePhase', phase: 'answering' }, facilitator],
      [{ type: 'advance', to: 'revote' }, facilitator],
      ...revotes,
      [{ type: 'advance', to: 'revealed' }, facilitator],
    ]);
    const everyone = text(roundCard(viewRound(state, FAC, opts), shared));
    expect(everyone).toContain('Correct answer: **B. Merge sort**');
    expect(everyone).toContain('B ✓ ███████░░░  70% (7) → █████████░  90% (9)');
    // (0.9 - 0.7) / (1 - 0.7) = 0.67
    expect(everyone).toContain('+0.67');
    expect(everyone).toContain('70% → 90%');
    expect(text(roundCard(viewRound(state, asStudent(2), opts), personal))).toContain(
      'You answered A. Quicksort ✗, then B. Merge sort ✓.',
    );
  });

  it('never shows the author of an anonymous question to classmates, even when built from the facilitator view', () => {
    const { state } = drive(buildRound('question_round'), [
      [{ type: 'start' }, facilitator],
      [{ type: 'ask', text: 'Why do threads share memory?', anonymous: true }, student(1)],
      [{ type: 'ask', text: 'What is a context switch?', anonymous: false }, student(2)],
    ]);
    const fac = text(roundCard(viewRound(state, FAC, opts), detailed));
    expect(fac).toContain('asked by Student 1 Name (anonymous to classmates)');
    for (const card of [
      roundCard(viewRound(state, FAC, opts), personal),
      roundCard(viewRound(state, FAC, opts), shared),
      roundCard(viewRound(state, asStudent(2), opts), personal),
      roundCard(viewRound(state, asStudent(3), opts), personal),
    ]) {
      expect(text(card)).not.toContain('Student 1 Name');
      expect(text(card)).toContain('Why do threads share memory?');
    }
    expect(text(roundCard(viewRound(state, asStudent(3), opts), personal))).toContain(
      'asked by Student 2 Name',
    );
    const own = roundCard(viewRound(state, asStudent(1), opts), personal);
    expect(titles(own).filter((t) => t.startsWith('vote:'))).toHaveLength(1);
  });

  it('gives the muddiest point a text box for students and the grouped list to the facilitator', () => {
    const { state } = roundIn('muddiest_point', 'collecting');
    expect(text(roundCard(viewRound(state, asStudent(2), opts), personal))).toContain('"id":"muddyText"');
    expect(text(roundCard(viewRound(state, asStudent(1), opts), personal))).toContain(
      'You said: _Page tables_',
    );
    const fac = roundCard(viewRound(state, FAC, opts), personal);
    expect(text(fac)).toContain('1. Page tables (1)');
    expect(text(roundCard(viewRound(state, FAC, opts), shared))).not.toContain('Page tables');
  });

  it('keeps the facilitator card of a 2,000-student round small', () => {
    const steps: Array<[RoundEventInput, Actor]> = [[{ type: 'start' }, facilitator]];
    for (let i = 1; i <= 2000; i++)
      steps.push([{ type: 'answer', option: i % 4, confidence: 'low' }, student(i)]);
    steps.push(
      [{ type: 'closePhase', phase: 'answering' }, facilitator],
      [{ type: 'advance', to: 'discussion' }, facilitator],
    );
    const { state } = drive(buildRound('peer_instruction'), steps);
    const card = text(roundCard(viewRound(state, FAC, opts), detailed));
    expect(card.length).toBeLessThan(28_000);
    expect(card).toMatch(/… and \d+ more groups/);
    const plain = text(roundCard(viewRound(state, FAC, opts), personal));
    expect(plain).toContain('discussion groups; each student sees their own partners');
    expect(plain).not.toMatch(/Student \d/);
  });
});
