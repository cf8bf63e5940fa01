import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import { startTestService, type TestService } from '../../shared/server/test/testService';
import {
  CHROMIUM_PATH,
  browserCases,
  buildTabOnce,
  closeChromium,
  launchChromium,
  screenshot,
} from './browser';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the tab e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

interface Person {
  name: string;
  userId: string;
  intent: 'Facilitator (teacher)' | 'Student';
}

const TENANT = 'tenant-e2e';
/** Browser flows on a shared 2-core machine: generous, but a hang still fails. */
const FLOW_TIMEOUT = 120_000;

/** Fills the dev sign-in form the way a person would. */
async function signIn(page: Page, baseUrl: string, who: Person): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: 'Sign in to Stoa' }).waitFor();
  await page.getByLabel('Display name').fill(who.name);
  await page.getByLabel('Tenant id').fill(TENANT);
  await page.getByLabel('User id').fill(who.userId);
  await page.getByRole('radio', { name: who.intent }).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'My classes' }).waitFor();
}

/** Serious and critical axe findings, as `rule: target` lines so a failure says what to fix. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

describe.each(browsers)('tab end to end in %s', () => {
  let svc: TestService;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  const newPage = async (width = 1024, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  };

  beforeAll(async () => {
    const [dist, b] = await Promise.all([buildTabOnce(), launchChromium()]);
    browser = b;
    svc = await startTestService({ env: { TAB_DIST: dist } });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeChromium();
    await svc?.close();
  });

  it(
    'a facilitator creates a class and a student joins it with the code; both see it in My classes',
    async () => {
      const teacher = await newPage();
      await signIn(teacher, svc.url, {
        name: 'Ada Facilitator',
        userId: 'ada-e2e',
        intent: 'Facilitator (teacher)',
      });
      await teacher.getByText('You have no classes yet.', { exact: false }).waitFor();
      expect(await seriousViolations(teacher)).toEqual([]);

      await teacher.getByRole('button', { name: 'Create class' }).click();
      await teacher.getByLabel('Class name').fill('Physics 101');
      await teacher.getByRole('button', { name: 'Create', exact: true }).click();
      await teacher.getByTestId('class-list').getByRole('link', { name: 'Physics 101' }).click();

      await teacher.getByRole('heading', { name: 'Physics 101' }).waitFor();
      expect(new URL(teacher.url()).pathname).toBe(TAB_ROUTES.channel);
      const classId = (await teacher.getByTestId('class-id').textContent())?.trim() ?? '';
      const joinCode = (await teacher.getByTestId('join-code').textContent())?.trim() ?? '';
      expect(classId).not.toBe('');
      expect(joinCode).toMatch(/^[0-9A-Z]{8}$/);

      await teacher.getByLabel('Session title').fill('Lecture 1: Optics');
      await teacher.getByRole('button', { name: 'Start session' }).click();
      await teacher.getByTestId('session-list').getByText('Lecture 1: Optics').waitFor();
      // A reload of a deep link is served by the SPA fallback and keeps the dev session.
      await teacher.reload();
      await teacher.getByTestId('session-list').getByText('Lecture 1: Optics').waitFor();
      await screenshot(teacher, 'tab-class-facilitator-light');

      // The student's browser prefers dark: outside Teams the tab follows the OS theme.
      const student = await newPage(320, 'dark');
      await signIn(student, svc.url, { name: 'Bo Student', userId: 'bo-e2e', intent: 'Student' });
      expect(await student.getByRole('button', { name: 'Create class' }).count()).toBe(0);
      await student.getByRole('button', { name: 'Join with a code' }).click();
      await student.getByLabel('Class id').fill(classId);
      await student.getByLabel('Join code').fill(joinCode.toLowerCase());
      await student.getByRole('button', { name: 'Join', exact: true }).click();
      const item = student.getByTestId('class-list').getByRole('listitem').filter({ hasText: 'Physics 101' });
      await item.waitFor();
      expect(await item.textContent()).toContain('Student');
      expect(await seriousViolations(student)).toEqual([]);
      await screenshot(student, 'tab-my-classes-student-dark-320px');

      await student.getByRole('link', { name: 'Physics 101' }).click();
      await student.getByText('Your role: Student').waitFor();
      expect(await student.getByTestId('join-code').count()).toBe(0);
      await student.getByText('Lecture 1: Optics').waitFor();
    },
    FLOW_TIMEOUT,
  );

  it(
    'a wrong join code gets a friendly message, not the server text',
    async () => {
      const page = await newPage();
      await signIn(page, svc.url, { name: 'Cy Student', userId: 'cy-e2e', intent: 'Student' });
      await page.getByRole('button', { name: 'Join with a code' }).click();
      await page.getByLabel('Class id').fill('cls_does_not_exist');
      await page.getByLabel('Join code').fill('ZZZZ9999');
      await page.getByRole('button', { name: 'Join', exact: true }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toMatch(/does not exist|do not match/);

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('heading', { name: 'Sign in to Stoa' }).waitFor();
      expect(await page.evaluate(() => sessionStorage.getItem('stoa.devSession'))).toBeNull();
    },
    FLOW_TIMEOUT,
  );

  it(
    'every tab route renders a titled page, and privacy and terms need no sign-in',
    async () => {
      const anonymous = await newPage();
      for (const path of [TAB_ROUTES.privacy, TAB_ROUTES.terms]) {
        await anonymous.goto(`${svc.url}${path}`);
        const h1 = anonymous.getByRole('heading', { level: 1 });
        expect(await h1.textContent()).toMatch(/Privacy notice|Terms of use/);
      }

      const page = await newPage();
      await signIn(page, svc.url, {
        name: 'Dee Facilitator',
        userId: 'dee-e2e',
        intent: 'Facilitator (teacher)',
      });
      for (const path of Object.values(TAB_ROUTES)) {
        await page.goto(`${svc.url}${path}`);
        const h1 = page.getByRole('heading', { level: 1 });
        await h1.waitFor();
        expect(await h1.textContent(), path).not.toMatch(/Page not found|Sign in/);
      }
    },
    FLOW_TIMEOUT,
  );
});
