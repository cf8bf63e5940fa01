import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserCases } from './browser';
import { roundPanel, startRoundsFixture, type RoundsFixture } from './roundsFixture';
import { saveScreenshot } from './signedInPage';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the shared-screen e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 120_000;
/** The narrowest the note's text may get with a panel open (the drawer rule in NoteWorkspace). */
const MIN_EDITOR = 600;

const editorWidth = async (page: Page) => (await page.getByTestId('note-editor').boundingBox())!.width;

describe.each(browsers)('a lecture on a shared screen and on phones in %s', () => {
  let fx: RoundsFixture;
  let roundId = '';

  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-shared-screen', ['Bo Student', 'Cy Dahl', 'Di Ek']);
  }, 240_000);

  afterAll(async () => {
    await fx?.close();
  });

  const roster = () => ({
    roster: fx.students.map((s) => ({ userId: s.userId, name: s.name })),
    eligibleCount: fx.students.length,
  });

  it(
    'keeps the text at least 600 px wide at 1280×800 whichever panel is open',
    async () => {
      const fac = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath(), 1280);
      await fac.setViewportSize({ width: 1280, height: 800 });
      await fac.locator('.stoa-note[contenteditable="true"]').waitFor();
      expect(await editorWidth(fac)).toBeGreaterThanOrEqual(MIN_EDITOR);
      // Some text and a comment thread on it, so the panels have content.
      await fac.locator('.stoa-note').click();
      await fac.keyboard.type('Newton’s second law: the net force equals mass times acceleration.');
      await fac.keyboard.press('Shift+Home');
      await fac.getByRole('button', { name: 'Comment', exact: true }).click();
      await fac.getByTestId('discussion-panel').waitFor();
      expect(await editorWidth(fac)).toBeGreaterThanOrEqual(MIN_EDITOR);
      await saveScreenshot(fac, 'layout-thread-1280');
      await fac.getByRole('button', { name: 'Flags and comments', exact: true }).click();
      await fac.getByTestId('discussion-panel').waitFor({ state: 'detached' });
      for (const [name, testId] of [
        ['Flags and comments', 'discussion-panel'],
        ['History', 'history-panel'],
      ] as const) {
        await fac.getByRole('button', { name, exact: true }).click();
        await fac.getByTestId(testId).waitFor();
        const width = await editorWidth(fac);
        expect(width, `${name} open`).toBeGreaterThanOrEqual(MIN_EDITOR);
        await saveScreenshot(fac, `layout-${testId}-1280`);
        await fac.getByRole('button', { name, exact: true }).click();
        await fac.getByTestId(testId).waitFor({ state: 'detached' });
      }
      // Wide enough for both: the panel sits beside the text.
      await fac.setViewportSize({ width: 1920, height: 1080 });
      await fac.getByRole('button', { name: 'History', exact: true }).click();
      await fac.getByTestId('side-panel').getByTestId('history-panel').waitFor();
      expect(await editorWidth(fac)).toBeGreaterThanOrEqual(MIN_EDITOR);
      await saveScreenshot(fac, 'layout-history-1920');
      await fac.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'shows a running round at the top of a 390×844 phone, one tap from the answer form',
    async () => {
      const owner = await fx.svc.as(fx.facilitator);
      const view = await owner.call('startRound', {
        params: { sessionId: fx.sessionId },
        body: {
          round: {
            kind: 'peer_instruction',
            question: 'A ball is thrown straight up. At the top, its acceleration is',
            options: ['zero', 'g, downwards', 'g, upwards'],
            correctOption: 1,
          },
          ...roster(),
        },
      });
      roundId = view.roundId;
      const phone = await fx.open(fx.students[1]!, 'student', null, 390);
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${fx.svc.url}${fx.sessionPath()}`);
      const banner = phone.getByTestId('round-banner');
      await banner.getByText('Peer Instruction: Answering').waitFor();
      await banner.getByTestId('countdown').waitFor();
      const box = (await banner.boundingBox())!;
      expect(await phone.evaluate(() => window.scrollY)).toBe(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      await saveScreenshot(phone, 'banner-student-390');
      await banner.getByRole('button', { name: 'Answer now' }).click();
      const form = phone.getByTestId('vote-form');
      await expect
        .poll(async () => {
          const f = await form.boundingBox();
          return f !== null && f.y < 844 && f.y + 40 > 0;
        })
        .toBe(true);
      // Still at the top after scrolling down to the form.
      const after = (await banner.boundingBox())!;
      expect(after.y).toBeGreaterThanOrEqual(-1);
      expect(after.y).toBeLessThan(40);
      await phone.close();
    },
    FLOW_TIMEOUT,
  );

  it(
    'shows the lecturer no correct answer, no distribution and no anonymous asker until the switch is on',
    async () => {
      // Two students answer the Peer Instruction round started above.
      for (const [i, option] of [
        [0, 1],
        [2, 0],
      ] as const) {
        const client = await fx.svc.as(fx.students[i]!);
        await client.call('sendRoundEvent', {
          params: { roundId },
          body: { event: { type: 'answer', option, confidence: 'high' } },
        });
      }
      const fac = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath(), 1280);
      const panel = await roundPanel(fac);
      await panel.getByTestId('answer-counts').getByText('2 answered').waitFor();
      await panel.getByTestId('results-hidden').waitFor();
      expect(await panel.textContent()).not.toContain('(correct)');
      expect(await fac.getByTestId('distribution-chart').count()).toBe(0);
      expect(await fac.getByTestId('pi-results').count()).toBe(0);
      await saveScreenshot(fac, 'private-pi-hidden-1280');
      await panel.getByRole('switch', { name: 'Show private details' }).check();
      await panel.getByTestId('pi-results').waitFor();
      expect(await panel.textContent()).toContain('(correct)');
      await saveScreenshot(fac, 'private-pi-shown-1280');

      // A new round starts safe again: a question round with an anonymous question by Bo.
      const owner = await fx.svc.as(fx.facilitator);
      await owner.call('sendRoundEvent', { params: { roundId }, body: { event: { type: 'cancel' } } });
      const qr = await owner.call('startRound', {
        params: { sessionId: fx.sessionId },
        body: { round: { kind: 'question_round', topic: 'Forces' }, ...roster() },
      });
      const bo = await fx.svc.as(fx.students[0]!);
      await bo.call('sendRoundEvent', {
        params: { roundId: qr.roundId },
        body: {
          event: { type: 'ask', text: 'Why is the acceleration not zero at the top?', anonymous: true },
        },
      });
      const list = panel.getByTestId('question-list');
      await list.getByText('Why is the acceleration not zero at the top?').waitFor();
      expect(await panel.getByRole('switch', { name: 'Show private details' }).isChecked()).toBe(false);
      expect(await fac.locator('main').textContent()).not.toContain('Bo Student');
      await saveScreenshot(fac, 'private-question-hidden-1280');
      await panel.getByRole('switch', { name: 'Show private details' }).check();
      await list.getByText('Asked by Bo Student').waitFor();

      // A reload turns the switch off again.
      await fac.reload();
      const again = await roundPanel(fac);
      await again.getByTestId('question-list').waitFor();
      expect(await again.getByRole('switch', { name: 'Show private details' }).isChecked()).toBe(false);
      expect(await fac.locator('main').textContent()).not.toContain('Bo Student');
      await fac.close();
    },
    FLOW_TIMEOUT,
  );
});
