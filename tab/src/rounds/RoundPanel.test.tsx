// @vitest-environment happy-dom
import { cleanup, configure, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RoundPanel from './RoundPanel';
import { FACILITATORS, PUBLIC, STUDENT_1, viewIn } from './test/roundFakes';
import { SESSION, renderSignedIn } from './test/renderPanel';

configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panel = <RoundPanel sessionId="ses_1" />;

describe('the round panel for a student', () => {
  it('shows the empty state, then a round from the stream; the vote is sent with a key and announced phases follow', async () => {
    const own = viewIn('peer_instruction', 'answering', STUDENT_1);
    const { feed, calls } = renderSignedIn(panel, {
      role: 'student',
      onEvent: () => ({ status: 200, body: { view: own, duplicate: false } }),
    });
    await screen.findByText(/No round running\. When your facilitator starts one/);
    await waitFor(() => expect(screen.getByTestId('round-stream').dataset.state).toBe('open'));

    const fresh = viewIn('peer_instruction', 'answering', PUBLIC);
    feed.push({ type: 'round_updated', change: 'phase', view: fresh });
    const form = await screen.findByTestId('vote-form');
    const send = within(form).getByRole('button', { name: 'Send answer' });
    expect(send).toHaveProperty('disabled', true);
    fireEvent.click(within(form).getByRole('button', { name: /^B\./ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Very sure' }));
    fireEvent.click(send);

    await screen.findByText('You answered A (Guessing).'); // the service's answer is what counts
    expect(screen.getByText('Sent.').getAttribute('role')).toBe('status');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe(`/api/v1/rounds/${own.roundId}/events`);
    expect(post?.body).toMatchObject({ event: { type: 'answer', option: 1, confidence: 'high' } });
    expect((post?.body as { idempotencyKey?: string }).idempotencyKey).toMatch(/.{8,}/);

    feed.push({ type: 'round_updated', change: 'phase', view: viewIn('peer_instruction', 'gate', PUBLIC) });
    await waitFor(() =>
      expect(screen.getByTestId('round-announcer').textContent).toBe('Peer Instruction: First vote closed'),
    );
    // The public view has no `me`; the student's own vote stays on screen.
    expect(screen.getByTestId('my-first-vote').textContent).toBe('You answered A (Guessing).');
  });

  it('turns a refused event into the reason in words, not the server text', async () => {
    renderSignedIn(panel, {
      role: 'student',
      rounds: [viewIn('peer_instruction', 'answering', { userId: 'someone-new', role: 'student' })],
      onEvent: () => ({
        status: 409,
        body: { error: { id: 'round_refused', message: 'x', details: { reason: 'deadline_passed' } } },
      }),
    });
    const form = await screen.findByTestId('vote-form');
    fireEvent.click(within(form).getByRole('button', { name: /^A\./ }));
    fireEvent.click(within(form).getByRole('button', { name: 'Guessing' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Send answer' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Time is up for this phase.');
  });

  it('says when the stream drops, reconnects by itself and resumes after the last event', async () => {
    const { feed } = renderSignedIn(panel, { role: 'student' });
    await waitFor(() => expect(screen.getByTestId('round-stream').dataset.state).toBe('open'));
    feed.push({
      type: 'round_updated',
      change: 'phase',
      view: viewIn('muddiest_point', 'collecting', PUBLIC),
    });
    await screen.findByRole('textbox', { name: 'What is still unclear to you?' });

    feed.drop();
    await waitFor(() => expect(screen.getByTestId('round-stream').textContent).toContain('Reconnecting…'));
    await waitFor(() => expect(screen.getByTestId('round-stream').textContent).toContain('Live'));
    expect(feed.requests.map((r) => r.lastEventId)).toEqual([null, '1']);
  });

  it('sends a muddiest point anonymously by default when the round allows it', async () => {
    const { calls } = renderSignedIn(panel, {
      role: 'student',
      rounds: [viewIn('muddiest_point', 'collecting', { userId: 'someone-new', role: 'student' })],
      onEvent: () => ({
        status: 200,
        body: { view: viewIn('muddiest_point', 'collecting', STUDENT_1), duplicate: false },
      }),
    });
    const box = await screen.findByRole('textbox', { name: 'What is still unclear to you?' });
    expect(screen.getByRole('checkbox', { name: 'Anonymous to classmates' })).toHaveProperty('checked', true);
    fireEvent.change(box, { target: { value: 'Why TLB misses cost so much' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await screen.findByTestId('my-muddy');
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      event: { type: 'submitMuddy', text: 'Why TLB misses cost so much', anonymous: true },
    });
  });

  it('asks anonymously when chosen and up-votes a classmate’s question', async () => {
    const asking = viewIn('question_round', 'asking', { userId: 'someone-new', role: 'student' });
    const { calls } = renderSignedIn(panel, {
      role: 'student',
      rounds: [asking],
      onEvent: () => ({ status: 200, body: { view: asking, duplicate: false } }),
    });
    fireEvent.change(await screen.findByRole('textbox', { name: 'Your question' }), {
      target: { value: 'What is a TLB?' },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /Ask anonymously/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Ask' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')?.body).toMatchObject({
      event: { type: 'ask', text: 'What is a TLB?', anonymous: true },
    });
    const question = screen.getByTestId('question');
    expect(question.textContent).toContain('Asked by Student 1 Name'); // asked openly in the fixture
    fireEvent.click(within(question).getByRole('button', { name: 'Up-vote' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1]?.body).toMatchObject({
      event: { type: 'vote', value: 1 },
    });
  });

  it('says when live updates stopped (sign-in expired) and reconnects on request', async () => {
    const { feed } = renderSignedIn(panel, { role: 'student', refuseStream: 401 });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Live updates stopped');
    expect(screen.getByTestId('round-stream').dataset.state).toBe('closed');
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByTestId('round-stream').dataset.state).toBe('open'));
    expect(feed.requests).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a load failure as a friendly error with a retry', async () => {
    renderSignedIn(<RoundPanel sessionId="ses_missing" />, { role: 'student' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This version of the tab does not match the service');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});

describe('the round panel for a facilitator', () => {
  it('starts a Peer Instruction round from the form, then moves it on with the controls', async () => {
    const started = viewIn('peer_instruction', 'answering', FACILITATORS);
    const { calls } = renderSignedIn(panel, {
      role: 'owner',
      onStart: () => ({ status: 201, body: started }),
      onEvent: () => ({
        status: 200,
        body: { view: viewIn('peer_instruction', 'gate', FACILITATORS), duplicate: false },
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start a round' }));
    fireEvent.click(screen.getByRole('button', { name: 'Start round' }));
    await screen.findByText('Please fill in “Question”.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    fireEvent.change(screen.getByRole('textbox', { name: /Question/ }), {
      target: { value: 'Which falls faster?' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Option A/ }), {
      target: { value: 'The heavy ball' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: /Option B/ }), { target: { value: 'Neither' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Correct option' }), { target: { value: '1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start round' }));

    await screen.findByTestId('round-controls');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      round: {
        kind: 'peer_instruction',
        question: 'Which falls faster?',
        options: ['The heavy ball', 'Neither'],
        correctOption: 1,
      },
      // The class's students go along, so participation and pairing know who could take part.
      roster: [
        { userId: 's-1-x', name: 'Student 1 Name' },
        { userId: 's-2-x', name: 'Student 2 Name' },
      ],
      eligibleCount: 2,
    });
    expect(calls.some((c) => c.path === '/api/v1/classes/cls_1/members?limit=200')).toBe(true);
    expect(screen.getByTestId('answer-counts').textContent).toBe('2 answered · 0 re-voted');

    fireEvent.click(screen.getByRole('button', { name: 'Close the vote' }));
    await screen.findByTestId('gating');
    expect(calls.filter((c) => c.method === 'POST')[1]?.body).toEqual({
      event: { type: 'advance', to: 'gate' },
    });
    for (const name of [
      'Start discussion',
      'Open the re-vote',
      'Reveal results',
      'End round',
      'Cancel round',
    ]) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
  });

  it('starts a question round with the anonymity choice', async () => {
    const { calls } = renderSignedIn(panel, {
      role: 'owner',
      onStart: () => ({ status: 201, body: viewIn('question_round', 'asking', FACILITATORS) }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start a round' }));
    fireEvent.click(screen.getByRole('button', { name: 'Question round' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Topic/ }), { target: { value: 'Paging' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /post anonymously/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Start round' }));
    await screen.findByTestId('question-list');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      round: { kind: 'question_round', topic: 'Paging', settings: { allowAnonymous: false } },
      roster: [
        { userId: 's-1-x', name: 'Student 1 Name' },
        { userId: 's-2-x', name: 'Student 2 Name' },
      ],
      eligibleCount: 2,
    });
  });

  it('stops offering new rounds when the stream says the session ended', async () => {
    const { feed } = renderSignedIn(panel, { role: 'owner' });
    await screen.findByRole('button', { name: 'Start a round' });
    await waitFor(() => expect(screen.getByTestId('round-stream').dataset.state).toBe('open'));
    feed.push({
      type: 'session_updated',
      session: { ...SESSION, status: 'ended', endedAt: SESSION.startedAt },
    });
    await screen.findByText('This session has ended; no new rounds can start.');
    expect(screen.queryByRole('button', { name: 'Start a round' })).toBeNull();
  });

  it('does not offer a start while a round runs, and sees who asked anonymously when the class allows it', async () => {
    renderSignedIn(panel, { role: 'owner', rounds: [viewIn('question_round', 'asking', FACILITATORS)] });
    await screen.findByTestId('question-list');
    expect(screen.queryByRole('button', { name: 'Start a round' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Close asking, start answering' })).toBeTruthy();
  });
});
