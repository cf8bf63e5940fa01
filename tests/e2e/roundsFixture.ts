import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import {
  buildUser,
  startTestService,
  type TestService,
  type TestUser,
} from '../../shared/server/test/testService';
import { buildTabOnce, closeChromium, launchChromium } from './browser';

export type Intent = 'facilitator' | 'student';

/**
 * A real service serving a production build of the tab, a class with one facilitator and some students
 * (joined with the class code), one live session, and signed-in browser contexts on demand.
 */
export interface RoundsFixture {
  svc: TestService;
  facilitator: TestUser;
  students: TestUser[];
  classId: string;
  sessionId: string;
  /** A new browser context signed in as `user` (dev session), opened at `path` (null: not navigated yet). */
  open(user: TestUser, intent: Intent, path: string | null, width?: number): Promise<Page>;
  sessionPath(route?: 'channel' | 'sidePanel'): string;
  stagePath(): string;
  close(): Promise<void>;
}

/** Starts the service and browser and builds the class; `tenant` keeps users of different files apart. */
export async function startRoundsFixture(tenant: string, studentNames: string[]): Promise<RoundsFixture> {
  const [dist, browser] = await Promise.all([buildTabOnce(), launchChromium()]);
  const svc = await startTestService({ env: { TAB_DIST: dist } });
  const facilitator = buildUser({ tenantId: tenant, name: 'Ada Lind' });
  const students = studentNames.map((name) => buildUser({ tenantId: tenant, name }));
  const owner = await svc.as(facilitator);
  const cls = await owner.call('createClass', { body: { name: 'Mechanics 101' } });
  const session = await owner.call('createSession', {
    params: { classId: cls.id },
    body: { title: 'Lecture 3: Forces' },
  });
  for (const s of students) {
    await (
      await svc.as(s)
    ).call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
  }
  const contexts: BrowserContext[] = [];
  const fixture: RoundsFixture = {
    svc,
    facilitator,
    students,
    classId: cls.id,
    sessionId: session.id,
    async open(user, intent, path, width = 1100) {
      return openPage(browser, svc, contexts, user, intent, path, width);
    },
    sessionPath(route = 'channel') {
      const q = new URLSearchParams({ classId: cls.id, sessionId: session.id });
      return `${TAB_ROUTES[route]}?${q.toString()}`;
    },
    stagePath() {
      return `${TAB_ROUTES.stage}?sessionId=${session.id}`;
    },
    async close() {
      for (const c of contexts) await c.close();
      await closeChromium();
      await svc.close();
    },
  };
  return fixture;
}

async function openPage(
  browser: Browser,
  svc: TestService,
  contexts: BrowserContext[],
  user: TestUser,
  intent: Intent,
  path: string | null,
  width: number,
): Promise<Page> {
  const { token, expiresAt } = await svc.anonymous().call('createDevToken', { body: user });
  const context = await browser.newContext({ viewport: { width, height: 900 }, reducedMotion: 'reduce' });
  contexts.push(context);
  const session = JSON.stringify({ ...user, intent, token, expiresAt });
  await context.addInitScript((value) => sessionStorage.setItem('stoa.devSession', value), session);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  if (path !== null) await page.goto(`${svc.url}${path}`);
  return page;
}

/** The live round panel of a page, once its event stream is open. */
export async function roundPanel(page: Page) {
  const panel = page.getByTestId('round-panel');
  await panel.locator('[data-testid="round-stream"][data-state="open"]').waitFor();
  return panel;
}

/** Serious and critical axe findings on the page, as `rule: target` lines so a failure says what to fix. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
