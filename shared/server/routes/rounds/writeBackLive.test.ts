import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noteClient, typeParagraph, waitFor } from '../../notes/test/collabClient';
import { storedText } from '../../notes/test/stored';
import { PI_ROUND, buildRoundWorld, send } from '../../rounds/test/roundWorld';
import { storageBackends } from '../../test/backends';
import { startTestService, type TestService } from '../../test/testService';

const backends = await storageBackends();

describe.each(backends)('round outcomes reach open note editors on %s', (backend) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ backend });
  });
  afterAll(() => t.close());

  it('a revealed Peer Instruction round appears live in every connected editor, beside what they type', async () => {
    const w = await buildRoundWorld(t, 4);
    const token = async (user: typeof w.student.user) =>
      (await t.anonymous().call('createDevToken', { body: user })).token;
    // Two students have the lecture notes open in the tab while the round runs.
    const editors = [
      noteClient(t.url, w.session.id, await token(w.student.user)),
      noteClient(t.url, w.session.id, await token(w.students[0]!.user)),
    ];
    for (const e of editors) await waitFor(() => e.provider.synced, 'an editor to sync');
    typeParagraph(editors[0]!.doc, 'My own note typed before the round');

    const started = await w.facilitator.client.call('startRound', {
      params: { sessionId: w.session.id },
      body: { round: PI_ROUND },
    });
    const roundId = started.roundId;
    const votes = [1, 1, 0, 2];
    await Promise.all(
      w.students.map((s, i) => send(s, roundId, { type: 'answer', option: votes[i]!, confidence: 'medium' })),
    );
    await send(w.facilitator, roundId, { type: 'closePhase', phase: 'answering' });
    await send(w.facilitator, roundId, { type: 'advance', to: 'discussion' });
    // Typed while the round runs: the write-back must merge with it, not replace it.
    typeParagraph(editors[1]!.doc, 'Typed during the discussion');
    await send(w.facilitator, roundId, { type: 'advance', to: 'revote' });
    await Promise.all(
      w.students.map((s) => send(s, roundId, { type: 'revote', option: 1, confidence: 'high' })),
    );
    await send(w.facilitator, roundId, { type: 'advance', to: 'revealed' });

    // Without reloading, both editors receive the summary over their open connection.
    for (const e of editors)
      await waitFor(
        () => e.text().includes(PI_ROUND.question) && e.text().includes('Normalized change'),
        'the round summary to arrive in an open editor',
      );
    const [a, b] = editors.map((e) => e.text());
    expect(a).toBe(b);
    expect(a).toContain('My own note typed before the round');
    expect(a).toContain('Typed during the discussion');
    for (const e of editors) expect(e.closes).toEqual([]);
    // And what they see is what storage holds.
    await waitFor(() => !editors[1]!.provider.hasUnsyncedChanges, 'the editors to be acknowledged');
    expect(await storedText(t, w.session.id)).toBe(a);
    for (const e of editors) e.destroy();
  });
});
