import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TestService, TestUser } from '../../shared/server/test/testService';
import { ARTIFACTS_DIR } from './browser';

/**
 * The three Teams themes. Light and dark come from the browser's colour scheme, as the tab follows the OS
 * outside Teams; high contrast is Teams' own theme (`teamsHighContrastTheme`, as inside Teams), chosen
 * with the tab's theme preview. (Under the OS's forced colours the browser repaints everything with system
 * colours; axe cannot judge that rendering, so it is not what the contrast case scans.)
 */
export const THEMES = ['light', 'dark', 'contrast'] as const;
export type ThemeName = (typeof THEMES)[number];

export interface PageOptions {
  theme?: ThemeName;
  width?: number;
}

/**
 * A new browser context signed in as `user` (a dev session put in sessionStorage before the tab loads),
 * with the theme asked for through the browser's colour settings, as the tab follows them outside Teams.
 */
export async function signedInContext(
  browser: Browser,
  svc: TestService,
  user: TestUser,
  intent: 'facilitator' | 'student',
  opts: PageOptions = {},
): Promise<BrowserContext> {
  const { token, expiresAt } = await svc.anonymous().call('createDevToken', { body: user });
  const theme = opts.theme ?? 'light';
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1100, height: 900 },
    colorScheme: theme === 'dark' ? 'dark' : 'light',
    reducedMotion: 'reduce',
    acceptDownloads: true,
  });
  const session = JSON.stringify({ ...user, intent, token, expiresAt });
  await context.addInitScript(
    ([value, preview]) => {
      sessionStorage.setItem('stoa.devSession', value);
      if (preview) sessionStorage.setItem('stoa.previewTheme', preview);
    },
    [session, theme === 'contrast' ? 'contrast' : ''] as const,
  );
  return context;
}

/** Opens `path` in a new page of the context. */
export async function openPage(context: BrowserContext, svc: TestService, path: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${svc.url}${path}`);
  return page;
}

/** Serious and critical axe findings, as `rule: target` lines so a failure says what to fix. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** A full-page screenshot under tests/artifacts/screenshots/ (ignored by git), for review. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const dir = join(ARTIFACTS_DIR, 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}

/** How far the page is wider than its viewport (0 when nothing overflows sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
