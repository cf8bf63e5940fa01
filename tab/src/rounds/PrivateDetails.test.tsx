// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PiView, QuestionRoundView } from '../../../shared/contract/rounds/viewSchemas';
import { PrivateDetailsProvider } from '../privacy/PrivateDetails';
import RoundPanel from './RoundPanel';
import { FACILITATORS, viewIn } from './test/roundFakes';
import { renderSignedIn } from './test/renderPanel';

configure({ asyncUtilTimeout: 5000 });
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panel = (
  <PrivateDetailsProvider>
    <RoundPanel sessionId="ses_1" />
  </PrivateDetailsProvider>
);

/** A facilitator's view of a question asked anonymously in a class that lets facilitators see who. */
function anonymousQuestion(): QuestionRoundView {
  const view = viewIn('question_round', 'asking', FACILITATORS) as QuestionRoundView;
  return {
    ...view,
    questions: view.questions.map((q) => ({
      ...q,
      anonymous: true,
      author: { userId: 's-1-x', name: 'Bo Student' },
    })),
  };
}

describe('a facilitator screen that is safe to share', { timeout: 20_000 }, () => {
  it('names no anonymous asker until "Show private details" is on', async () => {
    renderSignedIn(panel, { role: 'owner', rounds: [anonymousQuestion()] });
    const list = await screen.findByTestId('question-list');
    expect(list.textContent).not.toContain('Bo Student');
    expect(list.textContent).toContain('Anonymous');
    fireEvent.click(screen.getByRole('switch', { name: 'Show private details' }));
    // The switch re-renders the whole panel: give a loaded machine more than waitFor's default second.
    await waitFor(() => expect(list.textContent).toContain('Asked by Bo Student'), { timeout: 10_000 });
  });

  it('shows no correct-answer marker and no live distribution while students answer', async () => {
    const view = viewIn('peer_instruction', 'answering', FACILITATORS) as PiView;
    expect(view.correctOption).not.toBeNull();
    renderSignedIn(panel, { role: 'owner', rounds: [view] });
    await screen.findByTestId('results-hidden');
    const round = screen.getByTestId('round');
    expect(round.textContent).not.toMatch(/\(correct\)/);
    expect(screen.queryByTestId('pi-results')).toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: 'Show private details' }));
    await screen.findByTestId('pi-results', {}, { timeout: 10_000 });
    expect(round.textContent).toMatch(/\(correct\)/);
  });

  it('shows the results to everyone once they are revealed, switch or not', async () => {
    renderSignedIn(panel, { role: 'owner', rounds: [viewIn('peer_instruction', 'revealed', FACILITATORS)] });
    await screen.findByTestId('pi-results');
    expect(screen.getByRole('switch', { name: 'Show private details' })).toHaveProperty('checked', false);
  });
});
