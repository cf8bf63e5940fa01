import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import { startTestService, type TestService, type TestUser } from '../../shared/server/test/testService';
import { CHROMIUM_PATH, browserCases, buildTabOnce, closeChromium, launchChromium } from './browser';
import { buildDashboardWorld, type DashboardWorld } from './dashboardWorld';
import {
  THEMES,
  horizontalOverflow,
  openPage,
  saveScreenshot,
  seriousViolations,
  signedInContext,
  type ThemeName,
} from './signedInPage';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the accessibility e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

/** Eight views, two people, three themes, an axe run each: slow on a shared 2-core machine. */
const THEME_TIMEOUT = 300_000;

interface View {
  name: string;
  who: 'facilitator' | 'student';
  path: (w: DashboardWorld) => string;
  /** Waits until the view shows its content (not its loading state). */
  ready: (page: Page) => Promise<unknown>;
  /** Checked at 280 px too: the views whose layout is this part's. */
  narrow?: boolean;
}

const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
const synced = (page: Page) =>
  page.locator('[data-testid="connection-state"][data-phase="synced"]').first().waitFor();

const VIEWS: View[] = [
  {
    name: 'home',
    who: 'facilitator',
    path: () => '/',
    ready: (p) => p.getByTestId('class-list').waitFor(),
  },
  {
    name: 'class',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.channel}${q({ classId: w.classId })}`,
    ready: (p) => p.getByTestId('join-code').waitFor(),
  },
  {
    name: 'notes',
    who: 'student',
    path: (w) => `${TAB_ROUTES.channel}${q({ classId: w.classId, sessionId: w.sessionId })}`,
    ready: synced,
  },
  {
    name: 'side-panel',
    who: 'student',
    path: (w) => `${TAB_ROUTES.sidePanel}${q({ classId: w.classId, sessionId: w.sessionId })}`,
    ready: synced,
  },
  {
    name: 'stage',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.stage}${q({ sessionId: w.sessionId })}`,
    ready: (p) => p.getByRole('heading', { level: 1 }).waitFor(),
  },
  {
    name: 'config',
    who: 'facilitator',
    path: () => TAB_ROUTES.config,
    ready: (p) => p.getByRole('radio', { name: 'The facilitator dashboard' }).waitFor(),
    narrow: true,
  },
  {
    name: 'personal',
    who: 'student',
    path: () => TAB_ROUTES.personal,
    ready: (p) => p.getByTestId('my-questions').waitFor(),
    narrow: true,
  },
  {
    name: 'dashboard-class',
    who: 'facilitator',
    path: (w) => `${TAB_ROUTES.channel}${q({ classId: w.classId, view: 'dashboard' })}`,
    ready: (p) => p.getByTestId('sessions-table').waitFor(),
    narrow: true,
  },
  {
    name: 'dashboard-session',
    who: 'facilitator',
    path: (w) =>
      `${TAB_ROUTES.channel}${q({ classId: w.classId, sessionId: w.sessionId, view: 'dashboard' })}`,
    ready: (p) => p.getByTestId('heatmap').waitFor(),
    narrow: true,
  },
];

describe.each(browsers)('accessibility of every view in %s', () => {
  let svc: TestService;
  let browser: Browser;
  let w: DashboardWorld;
  const contexts: BrowserContext[] = [];

  async function context(user: TestUser, who: View['who'], theme: ThemeName, width?: number) {
    const c = await signedInContext(browser, svc, user, who, { theme, width });
    contexts.push(c);
    return c;
  }

  beforeAll(async () => {
    const [dist, b] = await Promise.all([buildTabOnce(), launchChromium()]);
    browser = b;
    svc = await startTestService({ env: { TAB_DIST: dist } });
    w = await buildDashboardWorld(svc, 'tenant-e2e-a11y');
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeChromium();
    await svc?.close();
  });

  it.each(THEMES)(
    'no serious or critical axe violation on any view in the %s theme; screenshots saved',
    async (theme) => {
      const people = {
        facilitator: await context(w.facilitator, 'facilitator', theme),
        student: await context(w.students[0]!, 'student', theme),
      };
      const found: Record<string, string[]> = {};
      for (const view of VIEWS) {
        const page = await openPage(people[view.who], svc, view.path(w));
        await view.ready(page);
        expect(await page.locator('[data-theme]').first().getAttribute('data-theme')).toBe(
          theme === 'light' ? 'default' : theme,
        );
        const violations = await seriousViolations(page);
        if (violations.length > 0) found[view.name] = violations;
        await saveScreenshot(page, `${view.name}-${theme}`);
        await page.close();
      }
      expect(found).toEqual({});
    },
    THEME_TIMEOUT,
  );

  it(
    'the configuration page, personal tab and dashboards fit 280 px without sideways scrolling',
    async () => {
      const people = {
        facilitator: await context(w.facilitator, 'facilitator', 'light', 280),
        student: await context(w.students[0]!, 'student', 'light', 280),
      };
      const overflow: Record<string, number> = {};
      for (const view of VIEWS.filter((v) => v.narrow)) {
        const page = await openPage(people[view.who], svc, view.path(w));
        await view.ready(page);
        const px = await horizontalOverflow(page);
        if (px > 0) overflow[view.name] = px;
        await saveScreenshot(page, `${view.name}-light-280px`);
        await page.close();
      }
      expect(overflow).toEqual({});
    },
    THEME_TIMEOUT,
  );
});
