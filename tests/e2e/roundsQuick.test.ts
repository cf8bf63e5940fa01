import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoaClient } from '../../shared/client/client';
import type { RoundEventInput } from '../../shared/contract/rounds/events';
import { CHROMIUM_PATH, browserCases, launchChromium, screenshot } from './browser';
import { openPage, signedInContext } from './signedInPage';
import { roundPanel, seriousViolations, startRoundsFixture, type RoundsFixture } from './roundsFixture';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the poll and word cloud e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 180_000;
const NAMES = [
  'Anna Ek',
  'Bo Berg',
  'Cy Dahl',
  'Di Falk',
  'Ed Gran',
  'Fi Holm',
  'Gus Ive',
  'Hu Jarl',
  'Io Kask',
];
/** What the class answers to "One word for Newton's laws", three words each (the first student uses the tab). */
const WORDS = [
  ['Forces', 'Gravity', 'Apple'],
  ['force', 'Inertia', 'Momentum'],
  ['Force', 'Acceleration', 'Mass'],
  ['FORCE', 'inertia', 'Friction'],
  ['force', 'Mass', 'Kraft'],
  ['Acceleration', 'Tröghet', 'Vectors'],
  ['Inertia', 'Equilibrium', 'Kraft'],
  ['Gravity', 'Action and reaction', 'fucking physics'],
];

describe.each(browsers)('a quick poll and a word cloud in %s', () => {
  let fx: RoundsFixture;
  let clients: StoaClient[];

  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-rounds-quick', NAMES);
    clients = await Promise.all(fx.students.slice(1).map((s) => fx.svc.as(s)));
  }, 240_000);

  afterAll(async () => {
    await fx?.close();
  });

  const send = (c: StoaClient, roundId: string, event: RoundEventInput) =>
    c.call('sendRoundEvent', { params: { roundId }, body: { event } });

  it(
    'runs a poll from the tab: a student answers on a phone, the stage shows only the count until the reveal',
    async () => {
      const fac = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath());
      const facPanel = await roundPanel(fac);
      await facPanel.getByRole('button', { name: 'Start a round' }).click();
      await facPanel.getByRole('button', { name: 'Poll', exact: true }).click();
      await facPanel.getByLabel('Question').fill('Which law should we practise more?');
      await facPanel.getByRole('textbox', { name: 'Option A' }).fill('First law (inertia)');
      await facPanel.getByRole('textbox', { name: 'Option B' }).fill('Second law (F = ma)');
      await facPanel.getByRole('button', { name: 'Add an option' }).click();
      await facPanel.getByRole('textbox', { name: 'Option C' }).fill('Third law (action and reaction)');
      await facPanel.getByRole('button', { name: 'Start round', exact: true }).click();
      await facPanel.locator('[data-testid="round"][data-kind="poll"][data-phase="answering"]').waitFor();

      const stage = await fx.open(fx.facilitator, 'facilitator', fx.stagePath());
      await stage.setViewportSize({ width: 1920, height: 1080 });
      await stage.getByRole('heading', { level: 1, name: /practise more/ }).waitFor();

      const phone = await fx.open(fx.students[0]!, 'student', fx.sessionPath('sidePanel'), 390);
      await phone.setViewportSize({ width: 390, height: 844 });
      const panel = await roundPanel(phone);
      const form = panel.getByTestId('poll-form');
      await form.getByRole('button', { name: 'Second law (F = ma)' }).click();
      await form.getByRole('button', { name: 'Send' }).click();
      await panel.getByTestId('my-poll-answer').getByText('Second law (F = ma)').waitFor();
      await screenshot(phone, 'poll-student-390');
      expect(await seriousViolations(phone)).toEqual([]);

      const roundId = await currentRoundId();
      const picks = [1, 1, 0, 2, 1, 0, 1, 2];
      await Promise.all(clients.map((c, i) => send(c, roundId, { type: 'pollAnswer', option: picks[i]! })));
      await stage.getByTestId('stage-count').getByText('9 answered').waitFor();
      expect(await stage.getByTestId('stage-round').textContent()).not.toMatch(/%/);
      await expect(facPanel.getByTestId('poll-chart').count()).resolves.toBe(0);

      await facPanel.getByRole('button', { name: 'Close answers' }).click();
      await facPanel.getByTestId('poll-chart').waitFor();
      expect(await stage.getByTestId('stage-round').textContent()).not.toMatch(/%/);
      await facPanel.getByRole('button', { name: 'Reveal results' }).click();
      const chart = stage.getByTestId('poll-chart');
      await chart.waitFor();
      expect(await chart.getByRole('listitem').first().getAttribute('aria-label')).toBe(
        'First law (inertia): 2 (22%)',
      );
      await screenshot(stage, 'stage-poll-1920');
      await panel.getByTestId('poll-chart').waitFor();
      await screenshot(phone, 'poll-student-results-390');
      await facPanel.getByRole('button', { name: 'End round' }).click();
      await facPanel.getByRole('button', { name: 'Start a round' }).waitFor();

      async function currentRoundId(): Promise<string> {
        const list = await clients[0]!.call('listRounds', { params: { sessionId: fx.sessionId } });
        return list.items[0]!.roundId;
      }
    },
    FLOW_TIMEOUT,
  );

  it(
    'runs a word cloud: a student adds words on a phone, the facilitator keeps a filtered word out, the stage draws the cloud',
    async () => {
      const fac = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath());
      const facPanel = await roundPanel(fac);
      await facPanel.getByRole('button', { name: 'Start a round' }).click();
      await facPanel.getByRole('button', { name: 'Word cloud', exact: true }).click();
      await facPanel.getByRole('textbox', { name: /answer in a word/ }).fill('One word for Newton’s laws');
      await facPanel.getByRole('button', { name: 'Start round', exact: true }).click();
      await facPanel
        .locator('[data-testid="round"][data-kind="wordcloud"][data-phase="collecting"]')
        .waitFor();
      const roundId = (await clients[0]!.call('listRounds', { params: { sessionId: fx.sessionId } }))
        .items[0]!.roundId;

      const stage = await fx.open(fx.facilitator, 'facilitator', fx.stagePath());
      await stage.setViewportSize({ width: 1920, height: 1080 });
      await stage.getByRole('heading', { level: 1, name: /Newton’s laws/ }).waitFor();

      const phone = await fx.open(fx.students[0]!, 'student', fx.sessionPath('sidePanel'), 390);
      await phone.setViewportSize({ width: 390, height: 844 });
      const panel = await roundPanel(phone);
      for (const word of ['Force', 'Acceleration']) {
        await panel.getByRole('textbox', { name: 'A word or a short phrase' }).fill(word);
        await panel.getByRole('button', { name: 'Add to the cloud' }).click();
        await panel.getByTestId('my-words').getByText(word).waitFor();
      }
      await screenshot(phone, 'wordcloud-student-390');
      expect(await seriousViolations(phone)).toEqual([]);

      for (const [i, words] of WORDS.entries())
        for (const text of words) await send(clients[i]!, roundId, { type: 'submitWord', text });
      const held = facPanel.getByTestId('held-words');
      await held.getByText('fucking physics').waitFor();
      await facPanel.getByRole('button', { name: 'Hide “fucking physics”' }).click();
      await held.waitFor({ state: 'detached' });
      await stage.getByTestId('stage-count').getByText('25 words').waitFor();
      expect(await stage.getByTestId('word-cloud').count()).toBe(0);

      await facPanel.getByRole('button', { name: 'Close answers' }).click();
      await facPanel.getByTestId('word-cloud').waitFor();
      await screenshot(fac, 'wordcloud-facilitator-1100');
      await facPanel.getByRole('button', { name: 'Reveal results' }).click();
      const cloud = stage.getByTestId('word-cloud');
      await cloud.waitFor();
      const words = cloud.getByTestId('word-cloud-words');
      expect(await words.textContent()).not.toContain('fucking');
      // "Force", "force", "Forces" and "FORCE" are one word, labelled by its most common (earliest) form.
      const biggest = words.locator('span[data-count="6"]');
      expect(await biggest.textContent()).toBe('Force');
      // The text alternative: every word with its count, most named first.
      const rows = await cloud.getByRole('row').allTextContents();
      expect(rows[1]).toBe('Force6');
      await screenshot(stage, 'stage-wordcloud-1920');
      // Projected in the dark and high-contrast themes too: every word readable (axe checks the contrast).
      for (const theme of ['dark', 'contrast'] as const) {
        const context = await signedInContext(await launchChromium(), fx.svc, fx.facilitator, 'facilitator', {
          theme,
          width: 1920,
        });
        const themed = await openPage(context, fx.svc, fx.stagePath());
        await themed.setViewportSize({ width: 1920, height: 1080 });
        await themed.getByTestId('word-cloud').waitFor();
        await screenshot(themed, `stage-wordcloud-1920-${theme}`);
        expect(await seriousViolations(themed)).toEqual([]);
        await context.close();
      }
      await panel.getByTestId('word-cloud').waitFor();
      await screenshot(phone, 'wordcloud-student-results-390');
      expect(await seriousViolations(stage)).toEqual([]);
      await facPanel.getByRole('button', { name: 'End round' }).click();
    },
    FLOW_TIMEOUT,
  );
});
