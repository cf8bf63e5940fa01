// @vitest-environment happy-dom
import { cleanup, configure, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FACILITATORS, PUBLIC, viewIn } from '../rounds/test/roundFakes';
import { renderSignedIn } from '../rounds/test/renderPanel';
import StageView from './StageView';

configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('the meeting stage', () => {
  it('shows the question and the live count but no distribution before the reveal, even to a facilitator', async () => {
    const live = viewIn('peer_instruction', 'answering', FACILITATORS);
    expect(live.kind === 'peer_instruction' && live.results !== null).toBe(true); // the view has them…
    renderSignedIn(<StageView sessionId="ses_1" />, { role: 'owner', rounds: [live] });
    await screen.findByRole('heading', {
      level: 1,
      name: live.kind === 'peer_instruction' ? live.question : '',
    });
    expect(screen.getByTestId('stage-count').textContent).toBe('2 answered');
    expect(screen.queryByTestId('stage-results')).toBeNull(); // …the room does not see them yet
  });

  it('follows the stream to the reveal and draws the before/after distribution with a text alternative', async () => {
    const { feed } = renderSignedIn(<StageView sessionId="ses_1" />, { role: 'student' });
    await screen.findByText('No round running.');
    await waitFor(() => expect(screen.getByTestId('round-stream').dataset.state).toBe('open'));
    feed.push({
      type: 'round_updated',
      change: 'phase',
      view: viewIn('peer_instruction', 'revealed', PUBLIC),
    });
    const results = await screen.findByTestId('stage-results');
    const chart = results.querySelector('svg[role="img"]');
    const title = chart && document.getElementById(chart.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe(
      'Answers per option: A 50% before, 0% after; B 50% before, 100% after; C 0% before, 0% after; D 0% before, 0% after',
    );
    expect(results.querySelector('table')?.textContent).toContain('B. ');
  });

  it('lists the top questions without their authors', async () => {
    const qr = viewIn('question_round', 'asking', FACILITATORS);
    expect(JSON.stringify(qr)).toContain('Student 1 Name');
    renderSignedIn(<StageView sessionId="ses_1" />, { role: 'owner', rounds: [qr] });
    const list = await screen.findByTestId('stage-questions');
    expect(list.textContent).toContain('How does paging work?');
    expect(screen.getByTestId('stage').textContent).not.toContain('Student 1');
  });

  it('shows endorsed answers under their questions, beside a later Peer Instruction round', async () => {
    const qr = viewIn('question_round', 'answering', PUBLIC);
    if (qr.kind !== 'question_round') throw new Error('a question round');
    const endorsed = {
      ...qr,
      questions: qr.questions.map((q) => ({
        ...q,
        answers: q.answers.map((a) => ({ ...a, endorsed: true })),
      })),
    };
    const pi = {
      ...viewIn('peer_instruction', 'answering', PUBLIC),
      roundId: 'rnd_later' as typeof qr.roundId,
    };
    renderSignedIn(<StageView sessionId="ses_1" />, { role: 'student', rounds: [pi, endorsed] });
    const side = await screen.findByTestId('stage-side');
    await waitFor(() => expect(side.textContent).toContain('How does paging work?'));
    expect(screen.getByTestId('stage-endorsed').textContent).toBe('Endorsed answer: Pages map to frames.');
    expect(screen.getByTestId('stage-join-slot')).toBeTruthy();
  });

  it('explains itself when opened without a session', () => {
    renderSignedIn(<StageView sessionId={null} />, { role: 'student' });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Stoa on the meeting stage');
  });
});
