import { describe, expect, it } from 'vitest';
import type { RoundId } from '../../../shared/contract/rounds/ids';
import { applyList, applyView, currentRound, emptyRounds, roundView } from './roundState';
import { FACILITATORS, PUBLIC, STUDENT_1, viewIn } from './test/roundFakes';

describe('round views as the tab keeps them', () => {
  it('a facilitator keeps facilitators’ views and ignores the public one sent to everybody', () => {
    const fac = viewIn('peer_instruction', 'answering', FACILITATORS);
    const pub = viewIn('peer_instruction', 'gate', PUBLIC);
    let s = applyView(emptyRounds('facilitator'), fac, 'shared', 'stream');
    s = applyView(s, pub, 'shared', 'stream');
    const shown = roundView(s, fac.roundId);
    expect(shown?.phase).toBe('answering');
    expect(shown?.viewer.role).toBe('facilitator');
  });

  it('a student sees a newer public view with their own vote and group laid over it', () => {
    const own = viewIn('peer_instruction', 'discussion', STUDENT_1);
    const pub = viewIn('peer_instruction', 'revote', PUBLIC);
    let s = applyView(emptyRounds('student'), own, 'own', 'rest');
    s = applyView(s, pub, 'shared', 'stream');
    const shown = roundView(s, own.roundId);
    if (shown?.kind !== 'peer_instruction' || own.kind !== 'peer_instruction') throw new Error('kind');
    expect(shown.phase).toBe('revote');
    expect(shown.revotedCount).toBe(pub.kind === 'peer_instruction' ? pub.revotedCount : -1);
    expect(shown.me).toEqual(own.me);
    expect(shown.me?.group?.partners.map((p) => p.name)).toEqual(['Student 2 Name']);
  });

  it('keeps a student’s authorship and votes in a question round when the public view arrives', () => {
    const own = viewIn('question_round', 'asking', STUDENT_1);
    const pub = viewIn('question_round', 'asking', PUBLIC);
    let s = applyView(emptyRounds('student'), own, 'own', 'rest');
    s = applyView(s, pub, 'shared', 'stream');
    const shown = roundView(s, own.roundId);
    if (shown?.kind !== 'question_round') throw new Error('kind');
    expect(shown.questions.some((q) => q.mine)).toBe(true);
    expect(pub.kind === 'question_round' && pub.questions.some((q) => q.mine)).toBe(false);
  });

  it('drops a REST answer that is behind what the stream already said', () => {
    const later = viewIn('peer_instruction', 'revealed', FACILITATORS);
    const earlier = viewIn('peer_instruction', 'answering', FACILITATORS);
    let s = applyView(emptyRounds('facilitator'), later, 'shared', 'stream');
    s = applyList(s, [earlier]);
    expect(roundView(s, later.roundId)?.phase).toBe('revealed');
    // The stream is in order, so an event always wins, even one that moves to cancelled.
    s = applyView(s, viewIn('peer_instruction', 'cancelled', FACILITATORS), 'shared', 'stream');
    expect(roundView(s, later.roundId)?.phase).toBe('cancelled');
  });

  it('shows the newest running round, else the newest finished one, else none', () => {
    expect(currentRound(emptyRounds('student'))).toBeNull();
    const ended = { ...viewIn('muddiest_point', 'ended', STUDENT_1), roundId: 'r_old' as RoundId };
    const running = { ...viewIn('question_round', 'asking', STUDENT_1), roundId: 'r_new' as RoundId };
    const s = applyList(emptyRounds('student'), [ended]);
    expect(currentRound(s)?.roundId).toBe('r_old');
    const both = applyView(s, running, 'own', 'stream');
    expect(currentRound(both)?.roundId).toBe('r_new');
    expect(both.order).toEqual(['r_new', 'r_old']);
  });
});
