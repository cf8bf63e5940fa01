import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserCases, screenshot } from './browser';
import { roundPanel, startRoundsFixture, type RoundsFixture } from './roundsFixture';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the keyboard e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 120_000;

/** The accessible name of the focused element, roughly: its label, aria-label or text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelled = el.getAttribute('aria-labelledby');
    const byId = labelled ? document.getElementById(labelled.split(' ')[0] ?? '')?.textContent : null;
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    return (el.getAttribute('aria-label') ?? byId ?? label ?? el.textContent ?? '').trim();
  });
}

/** Presses Tab (only) until the focused element is called `name`. */
async function tabTo(page: Page, name: string | RegExp): Promise<void> {
  const matches = (text: string) => (typeof name === 'string' ? text === name : name.test(text));
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const text = (await focusedName(page)).replace(/\s*\*$/, ''); // required fields end in *
    if (matches(text)) return;
    seen.push(text);
  }
  throw new Error(`Tab never reached "${String(name)}"; focus went through: ${seen.join(' | ')}`);
}

describe.each(browsers)('a round with the keyboard alone in %s', () => {
  let fx: RoundsFixture;

  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-rounds-kb', ['Eva Falk']);
  }, 240_000);

  afterAll(async () => {
    await fx?.close();
  });

  it(
    'a facilitator starts and runs a round and a student answers with Tab, Enter and Space only',
    async () => {
      const fac = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath('sidePanel'), 320);
      const facPanel = await roundPanel(fac);
      const stu = await fx.open(fx.students[0]!, 'student', fx.sessionPath('sidePanel'), 320);
      const stuPanel = await roundPanel(stu);

      await tabTo(fac, 'Start a round');
      await fac.keyboard.press('Enter');
      await tabTo(fac, 'Question');
      await fac.keyboard.type('Which force keeps the Moon in orbit?');
      await tabTo(fac, 'Option A');
      await fac.keyboard.type('Gravity');
      await tabTo(fac, 'Option B');
      await fac.keyboard.type('Magnetism');
      await screenshot(fac, 'rounds-start-form-320px');
      await tabTo(fac, 'Start round');
      await fac.keyboard.press('Enter');
      await facPanel.locator('[data-testid="round"][data-phase="answering"]').waitFor();

      await stuPanel.getByTestId('vote-form').waitFor();
      await tabTo(stu, 'A. Gravity');
      await stu.keyboard.press('Space');
      await tabTo(stu, 'Very sure');
      await stu.keyboard.press('Space');
      await tabTo(stu, 'Send answer');
      await stu.keyboard.press('Enter');
      await stuPanel.getByTestId('my-first-vote').getByText('You answered A (Very sure).').waitFor();
      await facPanel.getByTestId('answer-counts').getByText('1 answered').waitFor();

      await tabTo(fac, '+30 s');
      await fac.keyboard.press('Space');
      await tabTo(fac, 'Close the vote');
      await fac.keyboard.press('Enter');
      await facPanel.locator('[data-testid="round"][data-phase="gate"]').waitFor();
      // The pressed button went with its phase; focus stays in the controls, on the next step.
      await expect.poll(() => focusedName(fac)).toBe('Start discussion');
      // The student's screen reader hears the phase change.
      await stuPanel
        .getByTestId('round-announcer')
        .getByText('Peer Instruction: First vote closed')
        .waitFor();

      await tabTo(fac, 'Reveal results');
      await fac.keyboard.press('Enter');
      await stuPanel.getByTestId('pi-results').waitFor();
      // The chart's numbers are one keyboard step away as a table.
      await tabTo(stu, 'Show as table');
      await stu.keyboard.press('Enter');
      await stuPanel.getByRole('table').getByText('A. Gravity').waitFor();

      await tabTo(fac, 'End round');
      await fac.keyboard.press('Space');
      await facPanel.locator('[data-testid="round"][data-phase="ended"]').waitFor();
    },
    FLOW_TIMEOUT,
  );
});
