import { describe, expect, it } from 'vitest';
import { StoaApiError, StoaNetworkError } from '../../../shared/client/errors';
import { REFUSAL_REASONS } from '../../../shared/contract/rounds/refusals';
import { describeFailure, phaseMessage } from './roundMessages';

describe('round messages', () => {
  it('has a distinct sentence for every refusal reason and never repeats the service message', () => {
    const sentences = REFUSAL_REASONS.map((reason) =>
      describeFailure(new StoaApiError('round_refused', 409, 'SECRET internal text', { reason })),
    );
    expect(new Set(sentences).size).toBe(REFUSAL_REASONS.length);
    for (const s of sentences) expect(s).not.toContain('SECRET');
  });

  it('maps error ids, a network failure and unknown errors to polite sentences', () => {
    expect(describeFailure(new StoaApiError('insufficient_role', 403, 'x'))).toMatch(/Only facilitators/);
    expect(describeFailure(new StoaApiError('not_found', 404, 'x'))).toMatch(/can't find that round/);
    expect(describeFailure(new StoaApiError('round_refused', 409, 'x', { reason: 'nonsense' }))).toMatch(
      /didn't look right/,
    );
    expect(describeFailure(new StoaNetworkError('down'))).toMatch(/can't reach Stoa/);
    expect(describeFailure(new Error('at Object.<anonymous> (/srv/x.ts:1)'))).toMatch(/something went wrong/);
  });

  it('sends a chat message only for the phases where students must act', () => {
    expect(phaseMessage('peer_instruction', 'discussion', true)).toMatch(/Show my view/);
    expect(phaseMessage('peer_instruction', 'discussion', false)).not.toMatch(/Show my view/);
    expect(phaseMessage('peer_instruction', 'revote', false)).toMatch(/Vote again/);
    expect(phaseMessage('peer_instruction', 'gate', false)).toBeNull();
    expect(phaseMessage('peer_instruction', 'ended', false)).toBeNull();
    expect(phaseMessage('question_round', 'answering', false)).toMatch(/top questions/);
    expect(phaseMessage('muddiest_point', 'ended', false)).toBeNull();
  });
});
