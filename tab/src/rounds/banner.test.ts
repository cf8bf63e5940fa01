import { describe, expect, it } from 'vitest';
import { bannerFor } from './banner';
import { FACILITATORS, STUDENT_1, viewIn } from './test/roundFakes';

describe('the round banner for students', () => {
  it('asks a student to answer while a Peer Instruction vote is open', () => {
    const view = viewIn('peer_instruction', 'answering', { ...STUDENT_1, userId: 'nobody-yet' });
    expect(bannerFor(view)).toMatchObject({
      kind: 'peer_instruction',
      phase: 'answering',
      actionNeeded: true,
    });
  });

  it('shows a running question round and a collecting muddiest point as needing action', () => {
    expect(bannerFor(viewIn('question_round', 'asking', STUDENT_1))?.actionNeeded).toBe(true);
    expect(
      bannerFor(viewIn('muddiest_point', 'collecting', { ...STUDENT_1, userId: 'new' }))?.actionNeeded,
    ).toBe(true);
  });

  it('says nothing to facilitators, nor about ended or cancelled rounds', () => {
    expect(bannerFor(viewIn('peer_instruction', 'answering', FACILITATORS))).toBeNull();
    expect(bannerFor(viewIn('peer_instruction', 'ended', STUDENT_1))).toBeNull();
    expect(bannerFor(viewIn('question_round', 'cancelled', STUDENT_1))).toBeNull();
    expect(bannerFor(null)).toBeNull();
  });

  it('keeps the banner but asks nothing during discussion', () => {
    const info = bannerFor(viewIn('peer_instruction', 'discussion', STUDENT_1));
    expect(info).toMatchObject({ phase: 'discussion', actionNeeded: false });
  });
});
