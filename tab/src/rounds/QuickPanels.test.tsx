// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  accept,
  buildRound,
  ctx,
  drive,
  facilitator,
  student,
} from '../../../shared/contract/rounds/test/factories';
import { viewRound } from '../../../shared/contract/rounds/views';
import RoundPanel from './RoundPanel';
import { centreOut, sizeFor } from './charts/WordCloud';
import { FACILITATORS, PUBLIC, STUDENT_1, viewIn } from './test/roundFakes';
import { renderSignedIn } from './test/renderPanel';

configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panel = <RoundPanel sessionId="ses_1" />;

describe('a quick poll in the round panel', () => {
  it('lets a student pick and send an answer, shows it, and shows no results before the reveal', async () => {
    const own = viewIn('poll', 'answering', STUDENT_1);
    const { calls } = renderSignedIn(panel, {
      role: 'student',
      rounds: [viewIn('poll', 'answering', { userId: 's-7-x', role: 'student' })],
      onEvent: () => ({ status: 200, body: { view: own, duplicate: false } }),
    });
    const form = await screen.findByTestId('poll-form');
    fireEvent.click(within(form).getByRole('button', { name: 'Paging' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Send' }));
    await screen.findByText(/Your answer: Paging\./);
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      event: { type: 'pollAnswer', option: 0 },
    });
    expect(screen.queryByTestId('poll-chart')).toBeNull();
  });

  it('shows the facilitator only the count while answering, and a private preview once answers close', async () => {
    const { feed } = renderSignedIn(panel, {
      role: 'owner',
      rounds: [viewIn('poll', 'answering', FACILITATORS)],
    });
    await screen.findByText('1 answered');
    expect(screen.queryByTestId('poll-chart')).toBeNull();
    expect(screen.getByRole('button', { name: 'Close answers' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('round-stream').dataset.state).toBe('open'));
    feed.push({ type: 'round_updated', change: 'phase', view: viewIn('poll', 'gate', FACILITATORS) });
    await screen.findByText('Only you see these results until you reveal them.');
    const bars = within(screen.getByTestId('poll-chart')).getAllByRole('listitem');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Paging: 1 (100%)',
      'Threads: 0 (0%)',
      'Locks: 0 (0%)',
    ]);
  });
});

describe('a word cloud in the round panel', () => {
  it('lets the facilitator approve a held word and hide another', async () => {
    let state = drive(buildRound('wordcloud'), [
      [{ type: 'start' }, facilitator],
      [{ type: 'submitWord', text: 'Entropy' }, student(1)],
    ]).state;
    state = accept(
      state,
      { type: 'submitWord', text: 'damn it' },
      { ...ctx(student(2), 1_750_000_000_100), held: true },
    ).state;
    const view = viewRound(state, FACILITATORS, { fullyAnonymous: false });
    const { calls } = renderSignedIn(panel, {
      role: 'owner',
      rounds: [view],
      onEvent: () => ({ status: 200, body: { view, duplicate: false } }),
    });
    const held = await screen.findByTestId('held-words');
    expect(within(held).getByText('Waiting for approval (1)')).toBeTruthy();
    fireEvent.click(within(held).getByRole('button', { name: 'Approve “damn it”' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toContainEqual(
        expect.objectContaining({ event: { type: 'moderateWord', entryId: 'w2', visible: true } }),
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Hide “Entropy”' }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toContainEqual(
        expect.objectContaining({ event: { type: 'moderateWord', entryId: 'w1', visible: false } }),
      ),
    );
  });

  it('draws the revealed cloud for a student with a table of every word', async () => {
    renderSignedIn(panel, { role: 'student', rounds: [viewIn('wordcloud', 'revealed', PUBLIC)] });
    const cloud = await screen.findByTestId('word-cloud');
    expect(within(cloud).getByTestId('word-cloud-words').getAttribute('aria-hidden')).toBe('true');
    expect(
      within(cloud)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['WordNamed', 'Paging1']);
  });
});

describe('word cloud layout', () => {
  it('puts the most named word in the middle and sizes by area', () => {
    expect(centreOut(['a', 'b', 'c', 'd', 'e'])).toEqual(['d', 'b', 'a', 'c', 'e']);
    expect(sizeFor(1, 1, 9, [1, 3])).toBe(1);
    expect(sizeFor(9, 1, 9, [1, 3])).toBe(3);
    expect(sizeFor(3, 1, 9, [1, 3])).toBeCloseTo(2);
    expect(sizeFor(4, 4, 4, [1, 3])).toBe(2);
  });
});
