import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserCases, screenshot } from './browser';
import { roundPanel, seriousViolations, startRoundsFixture, type RoundsFixture } from './roundsFixture';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the Peer Instruction e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 120_000;

describe.each(browsers)('a Peer Instruction round from the tab in %s', () => {
  let fx: RoundsFixture;

  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-rounds-pi', ['Bo Berg', 'Cy Dahl', 'Di Ek']);
  }, 240_000);

  afterAll(async () => {
    await fx?.close();
  });

  /** A student votes through the panel's buttons. */
  const vote = async (page: Page, option: string, confidence: string, submit: string) => {
    const panel = page.getByTestId('round-panel');
    const form = panel.getByTestId('vote-form');
    await form.getByRole('button', { name: option }).click();
    await form.getByRole('button', { name: confidence }).click();
    await form.getByRole('button', { name: submit }).click();
    await form.waitFor({ state: 'detached' });
  };

  it(
    'the facilitator runs it while three students answer and the stage follows',
    async () => {
      const fac = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath());
      const facPanel = await roundPanel(fac);
      await facPanel.getByText('No round running').waitFor();
      const stage = await fx.open(fx.facilitator, 'facilitator', fx.stagePath(), 1280);
      await stage.getByText('No round running').waitFor();

      // Start the round from the tab.
      await facPanel.getByRole('button', { name: 'Start a round' }).click();
      await facPanel
        .getByLabel('Question')
        .fill('A ball is thrown straight up. At the top, its acceleration is');
      await facPanel.getByRole('textbox', { name: 'Option A' }).fill('zero');
      await facPanel.getByRole('textbox', { name: 'Option B' }).fill('g, downwards');
      await facPanel.getByRole('button', { name: 'Add an option' }).click();
      await facPanel.getByRole('textbox', { name: 'Option C' }).fill('g, upwards');
      await facPanel.getByLabel('Correct option').selectOption('B');
      await facPanel.getByRole('button', { name: 'Start round', exact: true }).click();
      await facPanel.locator('[data-testid="round"][data-phase="answering"]').waitFor();
      await facPanel.getByTestId('countdown').waitFor();

      // The stage shows the question and the count, and no distribution before the reveal.
      await stage.getByRole('heading', { level: 1, name: /acceleration is/ }).waitFor();
      await stage.getByTestId('stage-count').getByText('0 answered').waitFor();

      const [bo, cy, di] = await Promise.all(
        fx.students.map((s) => fx.open(s, 'student', fx.sessionPath('sidePanel'), 320)),
      );
      const students = [bo!, cy!, di!];
      for (const page of students) await (await roundPanel(page)).getByTestId('vote-form').waitFor();
      await vote(bo!, 'B. g, downwards', 'Very sure', 'Send answer');
      await stage.getByTestId('stage-count').getByText('1 answered').waitFor();
      await vote(cy!, 'A. zero', 'Fairly sure', 'Send answer');
      await vote(di!, 'A. zero', 'Guessing', 'Send answer');
      await stage.getByTestId('stage-count').getByText('3 answered').waitFor();
      await facPanel.getByTestId('answer-counts').getByText('3 answered').waitFor();
      expect(await stage.getByTestId('stage-results').count()).toBe(0);
      await bo!.getByTestId('my-first-vote').getByText('You answered B').waitFor();

      // Gate: the advice, then discussion in groups that every student learns about.
      await facPanel.getByRole('button', { name: 'Close the vote' }).click();
      await facPanel.getByTestId('gating').waitFor();
      expect(await facPanel.getByTestId('gating').textContent()).not.toContain('%');
      await facPanel.getByRole('switch', { name: 'Show private details' }).check();
      await facPanel.getByTestId('gating').getByText('33% correct').waitFor();
      await facPanel.getByRole('button', { name: 'Start discussion' }).click();
      await facPanel.getByTestId('groups').waitFor();
      for (const page of students)
        await page.getByTestId('my-group').getByText('Discuss your answer with').waitFor();
      // Students hear about the phase change through the live region.
      await bo!.getByTestId('round-announcer').getByText('Peer Instruction: Discussion').waitFor();
      await screenshot(bo!, 'rounds-pi-student-discussion-320px');
      expect(await seriousViolations(bo!)).toEqual([]);

      await facPanel.getByRole('button', { name: 'Open the re-vote' }).click();
      await vote(bo!, 'B. g, downwards', 'Very sure', 'Send re-vote');
      await vote(cy!, 'B. g, downwards', 'Fairly sure', 'Send re-vote');
      await vote(di!, 'B. g, downwards', 'Fairly sure', 'Send re-vote');
      await facPanel.getByTestId('answer-counts').getByText('3 re-voted').waitFor();
      await stage.getByTestId('stage-count').getByText('3 re-voted').waitFor();

      await facPanel.getByRole('button', { name: 'Reveal results' }).click();
      const results = stage.getByTestId('stage-results');
      await results.waitFor();
      await results.getByText('Correct: 33% before discussion, 100% after.').waitFor();
      const chart = await results.getByRole('img').getAttribute('aria-labelledby');
      expect(await stage.locator(`[id="${chart}"]`).textContent()).toContain('B 33% before, 100% after');
      await screenshot(stage, 'stage-pi-revealed');
      expect(await seriousViolations(stage)).toEqual([]);

      // Students see the results too, with their own answers.
      await cy!.getByTestId('pi-results').getByText('Correct answer: B').waitFor();
      await cy!.getByTestId('my-second-vote').getByText('Your re-vote: B').waitFor();
      await facPanel.getByTestId('switch-matrix').waitFor();
      expect(await facPanel.getByTestId('switch-matrix').textContent()).toContain('Wrong → right2');
      await screenshot(fac, 'rounds-pi-facilitator-revealed');
      expect(await seriousViolations(fac)).toEqual([]);

      await facPanel.getByRole('button', { name: 'End round' }).click();
      await facPanel.locator('[data-testid="round"][data-phase="ended"]').waitFor();
      await stage.getByTestId('stage-phase').getByText('Ended').waitFor();
      await facPanel.getByRole('button', { name: 'Start a round' }).waitFor();
    },
    FLOW_TIMEOUT,
  );
});
