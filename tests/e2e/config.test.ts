import { existsSync } from 'node:fs';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import {
  buildUser,
  startTestService,
  type TestService,
  type TestUser,
} from '../../shared/server/test/testService';
import { CHROMIUM_PATH, browserCases, buildTabOnce, closeChromium, launchChromium } from './browser';
import { openPage, saveScreenshot, signedInContext } from './signedInPage';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the configuration page e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 120_000;
const TENANT = 'tenant-e2e-config';

/**
 * The configuration page in a plain browser (dev sign-in): there is no Teams conversation, so it creates
 * a new class or picks one of the person's classes, and shows the address Teams would save. The Teams
 * save handshake itself (`pages.config`) is covered by the component tests with teams-js mocked.
 */
describe.each(browsers)('configuration page end to end in %s', () => {
  let svc: TestService;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const context = async (user: TestUser, intent: 'facilitator' | 'student') => {
    const c = await signedInContext(browser, svc, user, intent);
    contexts.push(c);
    return c;
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
    'a facilitator creates a class for the tab, sees the address Teams will open, and opens it',
    async () => {
      const ada = buildUser({ tenantId: TENANT, name: 'Ada Lind' });
      const page = await openPage(await context(ada, 'facilitator'), svc, TAB_ROUTES.config);
      await page.getByRole('heading', { name: 'Set up Stoa' }).waitFor();
      expect(await page.getByRole('radio', { name: 'A new class' }).isChecked()).toBe(true);

      await page.getByRole('button', { name: 'Use this class' }).click();
      await page.getByText('Please fill in “Class name”.').waitFor();
      await page.getByLabel('Class name').fill('Thermodynamics');
      await page.getByRole('button', { name: 'Use this class' }).click();
      const ready = page.getByTestId('config-ready');
      await ready.getByText('Ready: “Thermodynamics”.', { exact: false }).waitFor();
      const url = (await page.getByTestId('config-url').textContent()) ?? '';
      expect(url).toMatch(new RegExp(`^${svc.url}/tab/class\\?classId=cls_[\\w-]+$`));

      await page.getByRole('radio', { name: 'The facilitator dashboard' }).check();
      expect(await page.getByTestId('config-url').textContent()).toBe(`${url}&view=dashboard`);
      await saveScreenshot(page, 'config-ready-light');

      await page.getByRole('link', { name: 'Open the tab' }).click();
      await page.getByRole('heading', { name: 'Dashboard of “Thermodynamics”' }).waitFor();
      const classes = await (await svc.as(ada)).call('listClasses', {});
      expect(classes.items.map((c) => [c.name, c.myRole])).toEqual([['Thermodynamics', 'owner']]);
    },
    FLOW_TIMEOUT,
  );

  it(
    'picks one of the classes the person facilitates, and never offers one they only study in',
    async () => {
      const bo = buildUser({ tenantId: TENANT, name: 'Bo Berg' });
      const boClient = await svc.as(bo);
      const mine = await boClient.call('createClass', { body: { name: 'Optics' } });
      const other = await (
        await svc.as(buildUser({ tenantId: TENANT, name: 'Cy' }))
      ).call('createClass', { body: { name: 'Acoustics' } });
      await boClient.call('joinClass', {
        params: { classId: other.id },
        body: { joinCode: other.joinCode! },
      });

      const page = await openPage(await context(bo, 'facilitator'), svc, TAB_ROUTES.config);
      await page.getByRole('radio', { name: 'One of my classes' }).check();
      const select = page.getByLabel('My class', { exact: true });
      await select.locator('option', { hasText: 'Optics' }).waitFor({ state: 'attached' });
      expect(await select.locator('option').allTextContents()).toEqual(['—', 'Optics']);
      await select.selectOption({ label: 'Optics' });
      expect(await page.getByTestId('config-url').textContent()).toBe(
        `${svc.url}/tab/class?classId=${mine.id}`,
      );
    },
    FLOW_TIMEOUT,
  );
});
