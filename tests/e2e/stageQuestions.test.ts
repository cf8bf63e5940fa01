import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserCases, screenshot } from './browser';
import { startRoundsFixture, type RoundsFixture } from './roundsFixture';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the stage questions e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

describe.each(browsers)('the stage questions in %s', () => {
  let fx: RoundsFixture;
  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-stageq', ['Alva Berg', 'Bo Lind']);
  }, 240_000);
  afterAll(() => fx?.close());

  it('shows the top questions live, without anonymous authors, and drops a hidden one at once', async () => {
    const owner = await fx.svc.as(fx.facilitator);
    const alva = await fx.svc.as(fx.students[0]!);
    const bo = await fx.svc.as(fx.students[1]!);
    const params = { sessionId: fx.sessionId };
    const first = await alva.call('askBackstage', {
      params,
      body: { text: 'Why is the sky blue and not violet?', anonymous: true },
    });
    const stage = await fx.open(fx.students[1]!, 'student', null, 1920);
    await stage.goto(`${fx.svc.url}${fx.stagePath()}`);
    await stage.getByTestId('stage-backstage').getByText('Why is the sky blue and not violet?').waitFor();
    // Asked after the stage opened: arrives over the event stream.
    const abuse = await bo.call('askBackstage', {
      params,
      body: { text: 'This lecture is a waste of everyone’s time', anonymous: true },
    });
    await stage.getByText('This lecture is a waste of everyone’s time').waitFor();
    await bo.call('voteBackstage', {
      params: { ...params, questionId: first.question.id },
      body: { value: 1 },
    });
    await stage.getByTestId('stage-backstage-question').first().getByText('▲ 1').waitFor();
    expect(await stage.getByTestId('stage-backstage').textContent()).not.toContain('Alva');
    await screenshot(stage, 'stage-questions-1920');

    await owner.call('moderatePost', {
      params,
      body: { kind: 'backstage_question', itemId: abuse.question.id, action: 'hide' },
    });
    await stage.getByText('This lecture is a waste of everyone’s time').waitFor({ state: 'detached' });
    await owner.call('facilitateBackstage', {
      params: { ...params, questionId: first.question.id },
      body: { pinned: true },
    });
    await stage.getByText('Pinned:').waitFor();
    await stage.setViewportSize({ width: 390, height: 844 });
    await screenshot(stage, 'stage-questions-390');
    expect(await stage.content()).not.toContain('waste of everyone');
  }, 180_000);
});
