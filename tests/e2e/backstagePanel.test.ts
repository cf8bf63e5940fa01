import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserCases, screenshot } from './browser';
import { seriousViolations, startRoundsFixture, type RoundsFixture } from './roundsFixture';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the backstage panel e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

/** The backstage panel of a session page, once its event stream is open. */
async function backstage(page: Page) {
  const panel = page.getByTestId('backstage');
  await panel.and(page.locator('[data-stream="open"]')).waitFor();
  return panel;
}

const question = (page: Page, text: string) =>
  page.getByTestId('backstage-question').filter({ hasText: text });

describe.each(browsers)('the backstage panel in %s', () => {
  let fx: RoundsFixture;
  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-bstab', ['Alva Berg', 'Bo Lind']);
  }, 240_000);
  afterAll(() => fx?.close());

  it('students ask and up-vote live; the facilitator pins, hides and approves', async () => {
    const [alvaUser, boUser] = fx.students as [typeof fx.facilitator, typeof fx.facilitator];
    const alva = await fx.open(alvaUser, 'student', fx.sessionPath(), 1280);
    const bo = await fx.open(boUser, 'student', fx.sessionPath(), 390);
    const ada = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath(), 1280);
    const alvaPanel = await backstage(alva);
    const boPanel = await backstage(bo);
    const adaPanel = await backstage(ada);

    // Alva asks twice through the form; each lands on every open page over the event stream.
    for (const text of ['Why do heavier objects not fall faster?', 'Can we get the slides before class?']) {
      await alvaPanel.getByLabel('Your question').fill(text);
      await alvaPanel.getByRole('button', { name: 'Ask', exact: true }).click();
      await alvaPanel.getByTestId('backstage-notice').getByText('Your question is on the list.').waitFor();
      await question(bo, text).waitFor();
      await question(ada, text).waitFor();
    }
    // Her own question has no up-vote button; Bo's vote reaches Alva's page live.
    expect(await question(alva, 'heavier objects').getByRole('button', { name: 'Up-vote' }).count()).toBe(0);
    await question(bo, 'heavier objects').getByRole('button', { name: 'Up-vote' }).click();
    await question(bo, 'heavier objects').getByRole('button', { name: 'Up-voted' }).waitFor();
    await question(alva, 'heavier objects').getByText('▲ 1').waitFor();

    // Bo answers Alva's question anonymously: nobody sees his name next to it.
    await question(bo, 'heavier objects').getByRole('button', { name: 'Answer', exact: true }).click();
    await question(bo, 'heavier objects')
      .getByLabel('Your answer')
      .fill('Air resistance aside, gravity pulls on every kilogram alike.');
    await question(bo, 'heavier objects').getByLabel('Answer anonymously').check();
    await question(bo, 'heavier objects').getByRole('button', { name: 'Send answer' }).click();
    await question(alva, 'heavier objects').getByText('every kilogram alike').waitFor();
    expect(await alvaPanel.textContent()).not.toContain('Bo Lind');

    // Bo reports the slides question: the facilitator's queue counts the report.
    await question(bo, 'slides before class').getByRole('button', { name: 'Report' }).click();
    await boPanel.getByText('Reported to the facilitators. Thank you.').waitFor();
    await adaPanel
      .getByTestId('backstage-queue-reported')
      .filter({ hasText: 'slides before class' })
      .getByText(/Reports: 1/)
      .waitFor();

    // The facilitator pins one and hides the other: the hidden one leaves the students' pages.
    await question(ada, 'heavier objects').getByRole('button', { name: 'Pin', exact: true }).click();
    await question(alva, 'heavier objects').getByText('Pinned').waitFor();
    await question(ada, 'slides before class').getByRole('button', { name: 'Hide' }).click();
    await question(alva, 'slides before class').waitFor({ state: 'detached' });
    await question(bo, 'slides before class').waitFor({ state: 'detached' });
    await adaPanel.getByTestId('backstage-queue-hidden').getByText('slides before class').waitFor();
    await screenshot(alva, 'backstage-student-1280');
    await screenshot(bo, 'backstage-student-390');

    // With the approval queue on, Bo's anonymous question waits; his author shows only with private details.
    const owner = await fx.svc.as(fx.facilitator);
    await owner.call('setModerationSettings', {
      params: { classId: fx.classId },
      body: { queueAll: true, words: [] },
    });
    await boPanel.getByLabel('Your question').fill('Is the exam open book?');
    await boPanel.getByLabel(/Ask anonymously/).check();
    await boPanel.getByRole('button', { name: 'Ask', exact: true }).click();
    await boPanel.getByText("Your question waits for the facilitator's approval.").waitFor();
    const waiting = adaPanel.getByTestId('backstage-queue-pending').filter({ hasText: 'exam open book' });
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('Anonymous');
    expect(await waiting.textContent()).not.toContain('Bo Lind');
    expect(await alvaPanel.textContent()).not.toContain('exam open book');
    await ada.getByTestId('private-details').click();
    await waiting.getByText(/Bo Lind/).waitFor();
    await ada.getByTestId('private-details').click();
    await screenshot(ada, 'backstage-facilitator-1280');
    await waiting.getByRole('button', { name: 'Approve' }).click();
    await question(alva, 'exam open book').waitFor();
    expect(await question(alva, 'exam open book').textContent()).not.toContain('Bo Lind');

    // Marked answered and restored: both reach the students' pages live.
    await question(ada, 'heavier objects').getByRole('button', { name: 'Mark answered' }).click();
    await question(alva, 'heavier objects').getByText('Answered', { exact: true }).waitFor();
    await adaPanel
      .getByTestId('backstage-queue-hidden')
      .filter({ hasText: 'slides before class' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await question(bo, 'slides before class').waitFor();
    expect(await seriousViolations(alva)).toEqual([]);
    expect(await seriousViolations(ada)).toEqual([]);
  }, 240_000);
});
