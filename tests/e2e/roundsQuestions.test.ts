import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, browserCases, screenshot } from './browser';
import { roundPanel, seriousViolations, startRoundsFixture, type RoundsFixture } from './roundsFixture';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the question round e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 120_000;

/**
 * Records what the page receives over HTTP: every response body Playwright sees, plus the event stream,
 * which never finishes, so the page's own `fetch` hands a copy of each chunk to the test as it arrives.
 */
async function recordTraffic(page: Page): Promise<() => string> {
  const bodies: string[] = [];
  await page.exposeFunction('__stoaRecord', (chunk: string) => bodies.push(chunk));
  await page.addInitScript(() => {
    const record = (window as unknown as { __stoaRecord: (c: string) => void }).__stoaRecord;
    const original = window.fetch.bind(window);
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const res = await original(...args);
      if (res.headers.get('content-type')?.includes('text/event-stream') && res.body) {
        const [mine, copy] = res.body.tee();
        void (async () => {
          const reader = copy.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            record(value);
          }
        })();
        return new Response(mine, { status: res.status, statusText: res.statusText, headers: res.headers });
      }
      return res;
    };
  });
  page.on('response', (res) => {
    if (res.headers()['content-type']?.includes('text/event-stream')) return;
    res.text().then(
      (text) => bodies.push(text),
      () => undefined, // bodies of redirects and aborted requests are not available
    );
  });
  return () => bodies.join('\n');
}

describe.each(browsers)('a question round with anonymous questions in %s', () => {
  let fx: RoundsFixture;

  beforeAll(async () => {
    fx = await startRoundsFixture('tenant-rounds-qr', ['Anna Secret', 'Bo Berg', 'Cy Dahl']);
  }, 240_000);

  afterAll(async () => {
    await fx?.close();
  });

  it(
    'no other student page or HTTP response names the anonymous asker, and peers answer',
    async () => {
      const [anna, bo, cy] = fx.students as [
        (typeof fx.students)[0],
        (typeof fx.students)[0],
        (typeof fx.students)[0],
      ];
      const fac = await fx.open(fx.facilitator, 'facilitator', fx.sessionPath());
      const facPanel = await roundPanel(fac);
      await facPanel.getByRole('button', { name: 'Start a round' }).click();
      await facPanel.getByRole('button', { name: 'Question round' }).click();
      await facPanel.getByRole('textbox', { name: 'Topic' }).fill('Newton’s third law');
      await facPanel.getByRole('button', { name: 'Start round', exact: true }).click();
      await facPanel.locator('[data-testid="round"][data-phase="asking"]').waitFor();
      const stage = await fx.open(fx.facilitator, 'facilitator', fx.stagePath(), 1280);
      await stage.getByRole('heading', { level: 1, name: 'Newton’s third law' }).waitFor();

      // Bo and Cy record their traffic from the first request on.
      const observers: { page: Page; traffic: () => string }[] = [];
      for (const who of [bo, cy]) {
        const page = await fx.open(who, 'student', null, 320);
        const traffic = await recordTraffic(page);
        await page.goto(`${fx.svc.url}${fx.sessionPath('sidePanel')}`);
        await roundPanel(page);
        observers.push({ page, traffic });
      }
      const boPage = observers[0]!.page;
      const cyPage = observers[1]!.page;

      const annaPage = await fx.open(anna, 'student', fx.sessionPath('sidePanel'), 320);
      const annaPanel = await roundPanel(annaPage);
      await annaPanel
        .getByRole('textbox', { name: 'Your question' })
        .fill('Why do the two forces not cancel out?');
      await annaPanel.getByRole('checkbox', { name: /Ask anonymously/ }).check();
      await annaPanel.getByRole('button', { name: 'Ask', exact: true }).click();
      await annaPanel.getByTestId('question').getByText('Yours').waitFor();

      const boPanel = boPage.getByTestId('round-panel');
      const annaQuestion = boPanel.getByTestId('question').filter({ hasText: 'forces not cancel' });
      await annaQuestion.getByText('Anonymous').waitFor();
      await annaQuestion.getByRole('button', { name: 'Up-vote' }).click();
      await annaQuestion.getByText('▲ 1 ▼ 0').waitFor();
      await boPanel.getByRole('textbox', { name: 'Your question' }).fill('Does it hold for magnets too?');
      await boPanel.getByRole('button', { name: 'Ask', exact: true }).click();
      await cyPage.getByTestId('round-panel').getByText('Asked by Bo Berg').waitFor();

      // The stage lists the top questions without any author.
      const stageQuestions = stage.getByTestId('stage-questions');
      await stageQuestions.getByText('Does it hold for magnets too?').waitFor();
      expect(await stageQuestions.textContent()).not.toMatch(/Anna|Bo Berg/);
      await screenshot(stage, 'stage-question-round');

      // The class is not fully anonymous, so the facilitator may see who asked: behind the switch.
      expect(await facPanel.textContent()).not.toContain('Anna Secret');
      await facPanel.getByRole('switch', { name: 'Show private details' }).check();
      await facPanel.getByText('Asked by Anna Secret').waitFor();

      await facPanel.getByRole('button', { name: 'Close asking, start answering' }).click();
      await facPanel.locator('[data-testid="round"][data-phase="answering"]').waitFor();
      // Anna's question went to peer answerers (never to Anna herself); whoever got it answers.
      const assigned = async (page: Page) =>
        (await page
          .getByTestId('question')
          .filter({ hasText: 'forces not cancel' })
          .getByText('Assigned to you')
          .count()) > 0;
      await expect.poll(async () => (await assigned(boPage)) || (await assigned(cyPage))).toBe(true);
      const answerer = (await assigned(boPage)) ? boPage : cyPage;
      const item = answerer.getByTestId('question').filter({ hasText: 'forces not cancel' });
      await item.getByRole('textbox', { name: 'Your answer' }).fill('They act on different bodies.');
      await item.getByRole('button', { name: 'Send answer' }).click();

      const facItem = facPanel.getByTestId('question').filter({ hasText: 'forces not cancel' });
      await facItem.getByText('They act on different bodies.').waitFor();
      await facItem.getByRole('button', { name: 'Endorse' }).click();
      const annaItem = annaPanel.getByTestId('question').filter({ hasText: 'forces not cancel' });
      await annaItem.getByText('Endorsed').waitFor();
      await annaItem.getByRole('button', { name: 'Helpful', exact: true }).click();
      await annaItem.getByText('Helpful 1 · not helpful 0').waitFor();
      await screenshot(annaPage, 'rounds-question-student-320px');
      expect(await seriousViolations(annaPage)).toEqual([]);
      expect(await seriousViolations(fac)).toEqual([]);

      await facPanel.getByRole('button', { name: 'End round' }).click();
      for (const { page } of observers) {
        await page.locator('[data-testid="round"][data-phase="ended"]').waitFor();
      }

      for (const { page, traffic } of observers) {
        const panelText = (await page.getByTestId('round-panel').textContent()) ?? '';
        expect(panelText).toContain('forces not cancel');
        expect(panelText).not.toContain('Anna');
        const received = traffic();
        expect(received).toContain('forces not cancel'); // the recording did see the question
        expect(received).not.toContain(anna.userId);
        expect(received).not.toContain('Anna Secret');
      }
    },
    FLOW_TIMEOUT,
  );
});
