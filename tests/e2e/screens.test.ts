import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import { startTestService, type TestService } from '../../shared/server/test/testService';
import {
  ARTIFACTS_DIR,
  CHROMIUM_PATH,
  browserCases,
  buildTabOnce,
  closeChromium,
  launchChromium,
} from './browser';
import { buildDashboardWorld, type DashboardWorld } from './dashboardWorld';
import { THEMES, horizontalOverflow, openPage, signedInContext, type ThemeName } from './signedInPage';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the screenshot suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

/** Every view at a laptop, a large phone and a small phone; the stage also on a 1920×1080 projector. */
const WIDTHS = [1280, 390, 320] as const;
const SCREENS_DIR = join(ARTIFACTS_DIR, 'screens');
const THEME_TIMEOUT = 420_000;

interface View {
  name: string;
  who: 'facilitator' | 'student';
  path: (w: DashboardWorld) => string;
  ready: (page: Page) => Promise<unknown>;
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
const synced = (page: Page) =>
  page.locator('[data-testid="connection-state"][data-phase="synced"]').first().waitFor();
const session = (w: DashboardWorld) => ({ classId: w.classId, sessionId: w.sessionId });

const VIEWS: View[] = [
  { name: 'home', who: 'facilitator', path: () => '/', ready: (p) => p.getByTestId('class-list').waitFor() },
  {
    name: 'class',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.channel}${q({ classId: w.classId })}`,
    ready: (p) => p.getByTestId('join-code').waitFor(),
  },
  {
    name: 'session-facilitator',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.channel}${q(session(w))}`,
    ready: async (p) => {
      await synced(p);
      await p.getByTestId('results-hidden').waitFor();
    },
  },
  {
    name: 'session-student',
    who: 'student',
    path: (w) => `${TAB_ROUTES.channel}${q(session(w))}`,
    ready: async (p) => {
      await synced(p);
      await p.getByTestId('round-banner').waitFor();
    },
  },
  {
    name: 'side-panel-student',
    who: 'student',
    path: (w) => `${TAB_ROUTES.sidePanel}${q(session(w))}`,
    ready: synced,
  },
  {
    name: 'stage',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.stage}${q({ sessionId: w.sessionId })}`,
    ready: (p) => p.getByTestId('stage-round').waitFor(),
  },
  {
    name: 'config',
    who: 'facilitator',
    path: () => TAB_ROUTES.config,
    ready: (p) => p.getByRole('radio', { name: 'The facilitator dashboard' }).waitFor(),
  },
  {
    name: 'personal',
    who: 'student',
    path: () => TAB_ROUTES.personal,
    ready: (p) => p.getByTestId('my-questions').waitFor(),
  },
  {
    name: 'dashboard-class',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.channel}${q({ classId: w.classId, view: 'dashboard' })}`,
    ready: (p) => p.getByTestId('sessions-table').waitFor(),
  },
  {
    name: 'dashboard-session',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.channel}${q({ ...session(w), view: 'dashboard' })}`,
    ready: (p) => p.getByTestId('heatmap').waitFor(),
  },
];

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

describe.each(browsers)('screenshots of every view in %s', () => {
  let svc: TestService;
  let browser: Browser;
  let w: DashboardWorld;
  let roundId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const [dist, b] = await Promise.all([buildTabOnce(), launchChromium()]);
    browser = b;
    svc = await startTestService({ env: { TAB_DIST: dist } });
    w = await buildDashboardWorld(svc, 'tenant-e2e-screens');
    // A round running while the screenshots are taken: the banner, the hidden results, the stage count.
    const owner = await svc.as(w.facilitator);
    const round = await owner.call('startRound', {
      params: { sessionId: w.sessionId },
      body: {
        round: {
          kind: 'peer_instruction',
          question: 'A ball is thrown straight up. At the top, its acceleration is',
          options: ['zero', 'g, downwards', 'g, upwards'],
          correctOption: 1,
          settings: { durations: { answering: 600_000 } },
        },
        roster: w.students.map((s) => ({ userId: s.userId, name: s.name })),
        eligibleCount: w.students.length,
      },
    });
    roundId = round.roundId;
    const bo = await svc.as(w.students[1]!);
    await bo.call('sendRoundEvent', {
      params: { roundId: round.roundId },
      body: { event: { type: 'answer', option: 1, confidence: 'high' } },
    });
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeChromium();
    await svc?.close();
  });

  async function context(who: View['who'], theme: ThemeName, width: number, height = 900) {
    const user = who === 'facilitator' ? w.facilitator : w.students[0]!;
    const c = await signedInContext(browser, svc, user, who, { theme, width });
    contexts.push(c);
    return { context: c, height };
  }

  it.each(THEMES)(
    'every view at 1280, 390 and 320 px in the %s theme, none scrolling sideways',
    async (theme) => {
      const overflow: Record<string, number> = {};
      for (const width of WIDTHS) {
        const people = {
          facilitator: await context('facilitator', theme, width),
          student: await context('student', theme, width),
        };
        for (const view of VIEWS) {
          const page = await openPage(people[view.who].context, svc, view.path(w));
          await page.setViewportSize({ width, height: width < 500 ? 844 : 800 });
          await view.ready(page);
          const px = await horizontalOverflow(page);
          if (px > 0) overflow[`${view.name}-${width}`] = px;
          await shoot(page, `${view.name}-${theme}-${width}`);
          await page.close();
        }
      }
      expect(overflow).toEqual({});
    },
    THEME_TIMEOUT,
  );

  it.each(THEMES)(
    'the stage fills a 1920×1080 projector in the %s theme',
    async (theme) => {
      const { context: c } = await context('facilitator', theme, 1920);
      const page = await openPage(c, svc, `${TAB_ROUTES.stage}${q({ sessionId: w.sessionId })}`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.getByTestId('stage-round').waitFor();
      const round = (await page.getByTestId('stage-round').boundingBox())!;
      // The round uses the screen: well over half its width, with a side column beside it.
      expect(round.width).toBeGreaterThan(1100);
      expect((await page.getByTestId('stage-side').boundingBox())!.x).toBeGreaterThan(round.x + round.width);
      const title = await page
        .getByTestId('stage-round')
        .locator('h1')
        .evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
      expect(title).toBeGreaterThanOrEqual(48);
      await shoot(page, `stage-${theme}-1920`);
      await page.close();
    },
    THEME_TIMEOUT,
  );

  // Last: it moves the running round on.
  it(
    'the revealed results fit on the stage from 1280×720 to 1920×1080, chart beside the question',
    async () => {
      const owner = await svc.as(w.facilitator);
      for (const event of [
        { type: 'closePhase', phase: 'answering' },
        { type: 'advance', to: 'revealed' },
      ] as const)
        await owner.call('sendRoundEvent', { params: { roundId }, body: { event } });
      for (const theme of THEMES) {
        for (const [width, height] of [
          [1280, 720],
          [1920, 1080],
        ] as const) {
          const { context: c } = await context('facilitator', theme, width);
          const page = await openPage(c, svc, `${TAB_ROUTES.stage}${q({ sessionId: w.sessionId })}`);
          await page.setViewportSize({ width, height });
          const results = page.getByTestId('stage-results');
          await results.waitFor();
          const box = (await results.boundingBox())!;
          expect(box.y + box.height, `${theme} ${width}×${height}`).toBeLessThanOrEqual(height);
          await shoot(page, `stage-revealed-${theme}-${width}x${height}`);
          await page.close();
        }
      }
    },
    THEME_TIMEOUT,
  );
});
