import { existsSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_CSV_COLUMNS } from '../../shared/contract/dashboard';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import { startTestService, type TestService, type TestUser } from '../../shared/server/test/testService';
import { CHROMIUM_PATH, browserCases, buildTabOnce, closeChromium, launchChromium } from './browser';
import { buildDashboardWorld, type DashboardWorld } from './dashboardWorld';
import {
  horizontalOverflow,
  openPage,
  saveScreenshot,
  signedInContext,
  type PageOptions,
} from './signedInPage';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the dashboard e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 120_000;

describe.each(browsers)('facilitator dashboard end to end in %s', () => {
  let svc: TestService;
  let browser: Browser;
  let w: DashboardWorld;
  const contexts: BrowserContext[] = [];
  const context = async (user: TestUser, intent: 'facilitator' | 'student', opts?: PageOptions) => {
    const c = await signedInContext(browser, svc, user, intent, opts);
    contexts.push(c);
    return c;
  };
  const classDashboard = () => `${TAB_ROUTES.channel}?classId=${w.classId}&view=dashboard`;

  beforeAll(async () => {
    const [dist, b] = await Promise.all([buildTabOnce(), launchChromium()]);
    browser = b;
    svc = await startTestService({ env: { TAB_DIST: dist } });
    w = await buildDashboardWorld(svc, 'tenant-e2e-dashboard');
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeChromium();
    await svc?.close();
  });

  it(
    'shows the round’s numbers, the heat map, and exports the round results as CSV',
    async () => {
      const fac = await openPage(await context(w.facilitator, 'facilitator'), svc, classDashboard());
      await fac.getByRole('heading', { name: `Dashboard of “${w.className}”` }).waitFor();
      expect(await fac.getByTestId('stat-students').textContent()).toContain('3');
      // first vote 1 of 3 right, revote 3 of 3
      expect(await fac.getByTestId('stat-before').textContent()).toContain('33 %');
      expect(await fac.getByTestId('stat-after').textContent()).toContain('100 %');
      expect(await fac.getByTestId('stat-openFlags').textContent()).toContain('2');

      await fac.getByTestId('sessions-table').getByRole('link', { name: w.sessionTitle }).click();
      await fac.getByRole('heading', { name: `Dashboard of “${w.sessionTitle}”` }).waitFor();
      const pi = fac.getByTestId('pi-table').getByRole('row', { name: /Which force keeps the Moon/ });
      expect(await pi.getByRole('cell').allTextContents()).toEqual(['100 %', '33 %', '100 %', '1', '2', '2']);
      const qr = fac.getByTestId('qr-table').getByRole('row', { name: /Orbits/ });
      expect((await qr.getByRole('cell').allTextContents())[0]).toBe('1');
      const heat = fac.getByTestId('heatmap');
      expect(
        await heat
          .getByRole('row', { name: /Orbits/ })
          .getByRole('cell')
          .allTextContents(),
      ).toEqual(['2', '0']);
      expect(
        await heat
          .getByRole('row', { name: /Newton’s laws/ })
          .getByRole('cell')
          .allTextContents(),
      ).toEqual(['0', '1']);
      // The dashboard names nobody: not the anonymous asker, not who flagged.
      const text = (await fac.locator('main').textContent()) ?? '';
      for (const s of w.students) expect(text).not.toContain(s.name);

      const [download] = await Promise.all([
        fac.waitForEvent('download'),
        fac.getByRole('button', { name: 'Download round results (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('lecture-3-forces-rounds.csv');
      const csv = readFileSync(await download.path(), 'utf8');
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe(ROUND_CSV_COLUMNS.join(','));
      expect(lines.filter((l) => l.includes(',option,'))).toHaveLength(4);
      expect(csv).toContain('Why is the orbit an ellipse?');
      await fac.getByRole('status').getByText('Downloaded lecture-3-forces-rounds.csv.').waitFor();
    },
    FLOW_TIMEOUT,
  );

  it(
    'a student who opens the dashboard address is told only facilitators can, and gets no figures',
    async () => {
      const page = await openPage(await context(w.students[0]!, 'student'), svc, classDashboard());
      await page.getByRole('alert').getByText('Only facilitators of this class can do that.').waitFor();
      expect(await page.getByTestId('stat-students').count()).toBe(0);
      const session = `${classDashboard()}&sessionId=${w.sessionId}`;
      await page.goto(`${svc.url}${session}`);
      await page.getByRole('alert').getByText('Only facilitators of this class can do that.').waitFor();
      expect(await page.getByTestId('heatmap').count()).toBe(0);
    },
    FLOW_TIMEOUT,
  );

  it(
    'fits a 280 px side panel: tables scroll inside their own region, the page does not',
    async () => {
      const page = await openPage(
        await context(w.facilitator, 'facilitator', { width: 280 }),
        svc,
        `${classDashboard()}&sessionId=${w.sessionId}`,
      );
      await page.getByTestId('heatmap').waitFor();
      console.log(
        await page.evaluate(() =>
          [...document.querySelectorAll('*')]
            .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === 'visible')
            .slice(0, 20)
            .map(
              (e) =>
                `${e.tagName}.${e.className} sw=${e.scrollWidth} cw=${e.clientWidth} ${(e.textContent ?? '').slice(0, 40)}`,
            )
            .join('\n'),
        ),
      );
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await saveScreenshot(page, 'dashboard-session-light-280px');
    },
    FLOW_TIMEOUT,
  );
});
