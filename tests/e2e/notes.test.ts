import { existsSync, readFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import {
  buildUser,
  startTestService,
  type TestService,
  type TestUser,
} from '../../shared/server/test/testService';
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
  it('Chromium is not installed here, so the notes e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

/** Browser flows on a shared 2-core machine: generous, but a hang still fails. */
const FLOW_TIMEOUT = 180_000;

type Intent = 'facilitator' | 'student';

describe.each(browsers)('live notes end to end in %s', () => {
  let svc: TestService;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const ada = buildUser({ tenantId: 'tenant-notes', name: 'Ada Lind' });
  const bo = buildUser({ tenantId: 'tenant-notes', name: 'Bo Berg' });
  let classId = '';
  let sessionId = '';

  /** A browser context signed in as `user` (the dev session the sign-in page would store). */
  const open = async (user: TestUser, intent: Intent, width: number, path: string): Promise<Page> => {
    const { token, expiresAt } = await svc.anonymous().call('createDevToken', { body: user });
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const session = JSON.stringify({ ...user, intent, token, expiresAt });
    await context.addInitScript((value) => sessionStorage.setItem('stoa.devSession', value), session);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${svc.url}${path}`);
    return page;
  };
  const synced = (page: Page) =>
    page.locator('[data-testid="connection-state"][data-phase="synced"]').waitFor();
  const notesPath = () => `${TAB_ROUTES.channel}?classId=${classId}&sessionId=${sessionId}`;
  const editorOf = (page: Page) => page.locator('.stoa-note');
  const typeAtEnd = async (page: Page, text: string) => {
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text, { delay: 5 });
  };

  beforeAll(async () => {
    const [dist, b] = await Promise.all([buildTabOnce(), launchChromium()]);
    browser = b;
    svc = await startTestService({ env: { TAB_DIST: dist } });
    const owner = await svc.as(ada);
    const cls = await owner.call('createClass', { body: { name: 'Optics 101' } });
    const session = await owner.call('createSession', {
      params: { classId: cls.id },
      body: { title: 'Lecture 1: Lenses' },
    });
    await (
      await svc.as(bo)
    ).call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
    classId = cls.id;
    sessionId = session.id;
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeChromium();
    await svc?.close();
  });

  it(
    'a facilitator and a student co-edit, see each other, flag, restore a version and export',
    async () => {
      // The facilitator arrives through the class page's "Notes" link; the student by a deep link.
      const fac = await open(ada, 'facilitator', 1100, `${TAB_ROUTES.channel}?classId=${classId}`);
      await fac.getByTestId('session-list').getByRole('link', { name: 'Notes' }).click();
      await synced(fac);
      const stu = await open(bo, 'student', 1100, notesPath());
      await synced(stu);

      await typeAtEnd(fac, 'Ada writes about optics.');
      await expect.poll(() => editorOf(stu).textContent()).toContain('Ada writes about optics.');
      await fac.keyboard.press('Enter');
      await typeAtEnd(stu, 'Bo asks why lenses bend light.');
      await expect.poll(() => editorOf(fac).textContent()).toContain('Bo asks why lenses bend light.');

      // Carets carry the other person's name; the presence list shows both.
      await fac.locator('.stoa-caret-label[data-name="Bo Berg"]').waitFor();
      await stu.locator('.stoa-caret-label[data-name="Ada Lind"]').waitFor();
      await fac.getByTestId('presence').getByText('Bo Berg').waitFor();
      await stu.getByTestId('presence').getByText('Ada Lind (you)').waitFor({ state: 'detached' });
      await stu.getByTestId('presence').getByText('Bo Berg (you)').waitFor();

      // The student flags the passage; the facilitator's margin heat map counts it.
      await editorOf(stu).locator('p', { hasText: 'Bo asks why lenses bend light.' }).click();
      await stu.getByRole('button', { name: 'I’m confused here' }).click();
      await stu.getByRole('status').getByText('Flagged.', { exact: false }).waitFor();
      await fac.locator('.stoa-heat[data-flag-count="1"]').waitFor();
      await stu.locator('.stoa-heat[data-flag-count="1"]').waitFor();
      expect(await fac.locator('.stoa-heat').textContent()).toContain('Bo asks');

      // Facilitators see who flagged once they ask for private details; the student sees counts only.
      await fac.getByRole('switch', { name: 'Show private details' }).check();
      await fac.getByRole('button', { name: 'Flags and comments' }).click();
      await fac.getByTestId('passage').getByText('Flagged by Bo Berg').waitFor();
      await stu.getByRole('button', { name: 'Flags and comments' }).click();
      await stu.getByTestId('passage').getByText('1 flag (yours)').waitFor();
      expect(await stu.getByTestId('discussion-panel').textContent()).not.toContain('Bo Berg');
      await screenshot(fac, 'notes-light');

      // A version saved, then changed, then restored by the facilitator reaches the student live.
      await fac.getByRole('button', { name: 'History', exact: true }).click();
      await fac.getByLabel('Version name').fill('After the first question');
      await fac.getByRole('button', { name: 'Save version' }).click();
      await fac.getByTestId('version-list').getByText('After the first question').waitFor();
      await typeAtEnd(fac, ' A temporary sentence.');
      await expect.poll(() => editorOf(stu).textContent()).toContain('A temporary sentence.');
      const item = fac
        .getByTestId('version-list')
        .getByRole('listitem')
        .filter({ hasText: 'After the first question' });
      await item.getByRole('button', { name: 'Restore' }).click();
      await item.getByRole('button', { name: 'Restore for everyone' }).click();
      await expect.poll(() => editorOf(stu).textContent()).not.toContain('A temporary sentence.');
      expect(await editorOf(stu).textContent()).toContain('Ada writes about optics.');
      expect(await editorOf(fac).textContent()).not.toContain('A temporary sentence.');
      await fac.getByTestId('version-list').getByText('Automatic backup').waitFor();

      // Undo is per person: the student's Ctrl+Z takes back only the student's own typing.
      await typeAtEnd(stu, ' Student draft.');
      await expect.poll(() => editorOf(fac).textContent()).toContain('Student draft.');
      await typeAtEnd(fac, ' Teacher remark.');
      await expect.poll(() => editorOf(stu).textContent()).toContain('Teacher remark.');
      await editorOf(stu).focus();
      await stu.keyboard.press('Control+z');
      await expect.poll(() => editorOf(fac).textContent()).not.toContain('Student draft.');
      expect(await editorOf(stu).textContent()).toContain('Teacher remark.');

      // Export downloads the service's Markdown with the text in it.
      const [download] = await Promise.all([
        fac.waitForEvent('download'),
        fac.getByRole('button', { name: 'Export Markdown' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('lecture-1-lenses.md');
      const markdown = readFileSync(await download.path(), 'utf8');
      expect(markdown).toContain('Ada writes about optics.');
      expect(markdown).toContain('Bo asks why lenses bend light.');

      // The print view is the text alone: no header, toolbar, panels or margin counts.
      await fac.emulateMedia({ media: 'print' });
      expect(await fac.getByRole('toolbar').isVisible()).toBe(false);
      expect(await fac.locator('header').isVisible()).toBe(false);
      expect(await fac.getByTestId('history-panel').isVisible()).toBe(false);
      expect(await editorOf(fac).isVisible()).toBe(true);
      await fac.emulateMedia({ media: 'screen' });
    },
    FLOW_TIMEOUT,
  );

  it(
    'comment threads with anonymous replies, resolving flags and threads, formulas, and read-only after the end',
    async () => {
      const owner = await svc.as(ada);
      const lecture = await owner.call('createSession', {
        params: { classId },
        body: { title: 'Lecture 2: Refraction' },
      });
      const path = `${TAB_ROUTES.channel}?classId=${classId}&sessionId=${lecture.id}`;
      const fac = await open(ada, 'facilitator', 1100, path);
      await synced(fac);
      // The facilitator asks to see who wrote anonymous replies (off by default on a shared screen).
      await fac.getByRole('switch', { name: 'Show private details' }).check();
      await typeAtEnd(fac, 'Snell’s law relates the angles.');
      const stu = await open(bo, 'student', 1100, path);
      await synced(stu);
      await editorOf(stu).locator('p', { hasText: 'Snell’s law' }).waitFor();

      // The facilitator comments on the sentence; the student sees the highlight and the thread.
      await editorOf(fac).locator('p', { hasText: 'Snell’s law' }).click({ clickCount: 3 });
      await fac.getByRole('button', { name: 'Comment', exact: true }).click();
      await fac.getByRole('textbox', { name: /New comment on/ }).fill('Measured from what?');
      await fac.getByRole('button', { name: 'Post comment' }).click();
      await stu.locator('.stoa-thread').waitFor();
      await stu.getByRole('button', { name: 'Flags and comments' }).click();
      const thread = stu.getByTestId('thread');
      await thread.getByText('Measured from what?').waitFor();
      expect(await thread.textContent()).toContain('Ada Lind');

      // The student replies anonymously: the facilitator sees who, marked as hidden from classmates.
      await thread.getByRole('button', { name: 'Reply' }).click();
      await thread.getByRole('textbox', { name: 'Reply to this comment' }).fill('From the normal.');
      await thread.getByRole('checkbox', { name: 'Anonymous to classmates' }).check();
      await thread.getByRole('button', { name: 'Reply' }).click();
      await thread.getByText('You', { exact: true }).waitFor();
      await fac.getByTestId('thread').getByText('Bo Berg (anonymous to classmates)').waitFor();

      // A flag resolved by the facilitator leaves the student's margin; so does a resolved thread.
      await editorOf(stu).locator('p', { hasText: 'Snell’s law' }).click();
      await stu.getByRole('button', { name: 'I’m confused here' }).click();
      await fac.locator('.stoa-heat[data-flag-count="1"]').waitFor();
      await fac.getByTestId('passage').getByRole('button', { name: 'Mark resolved' }).click();
      await stu.locator('.stoa-heat').waitFor({ state: 'detached' });
      await fac.getByTestId('thread').getByRole('button', { name: 'Resolve' }).click();
      await stu.getByRole('button', { name: 'Resolved comments (1)' }).waitFor();
      await stu.locator('.stoa-thread').waitFor({ state: 'detached' });

      // A formula renders with KaTeX, loaded on first use, on both sides.
      await editorOf(fac).click();
      await fac.keyboard.press('Control+End');
      await fac.getByRole('button', { name: 'Formula' }).click();
      await fac.getByLabel('Formula (LaTeX)').fill('n_1 \\sin\\theta_1 = n_2 \\sin\\theta_2');
      await fac.getByRole('button', { name: 'Insert formula' }).click();
      await fac.locator('.stoa-math .katex').waitFor();
      await stu.locator('.stoa-math .katex').waitFor();

      // A table: inserted from the toolbar, Tab moves between cells, a row is added; the student sees it.
      await fac.keyboard.press('Control+End');
      await fac.getByRole('button', { name: 'Insert table' }).click();
      await fac.getByRole('button', { name: 'Insert a 3 × 3 table' }).click();
      // The toolbar hands focus back to the editor a frame later: click into the cell rather than race it.
      await editorOf(fac).locator('th').first().click();
      await fac.keyboard.type('Medium');
      await fac.keyboard.press('Tab');
      await fac.keyboard.type('Index');
      await fac.getByRole('button', { name: 'Add row below' }).click();
      await editorOf(fac).locator('tr').nth(1).locator('td').first().click();
      await fac.keyboard.type('Glass');
      await stu.locator('.stoa-note table tr').nth(3).waitFor();
      expect(await editorOf(stu).locator('th').first().textContent()).toBe('Medium');
      expect(await editorOf(stu).locator('th').nth(1).textContent()).toBe('Index');
      await editorOf(stu).locator('td', { hasText: 'Glass' }).waitFor();

      // Once the session has ended the notes are read-only, with a notice and no toolbar.
      await owner.call('endSession', { params: { sessionId: lecture.id }, body: {} });
      const late = await open(bo, 'student', 800, path);
      await synced(late);
      await late.getByTestId('read-only').waitFor();
      expect(await late.getByRole('toolbar').count()).toBe(0);
      expect(await editorOf(late).getAttribute('contenteditable')).toBe('false');
      // A note that already holds a table and a formula opens with both (the schema has them from the start).
      expect(await editorOf(late).locator('tr').count()).toBe(4);
      await editorOf(late).locator('.stoa-math .katex').waitFor();
    },
    FLOW_TIMEOUT,
  );

  it(
    'fits a 280 px meeting side panel, keyboard first, with no serious accessibility findings',
    async () => {
      const page = await open(bo, 'student', 280, `${TAB_ROUTES.sidePanel}?sessionId=${sessionId}`);
      await synced(page);
      await typeAtEnd(page, ' Typed in the side panel.');
      await editorOf(page).locator('p', { hasText: 'Typed in the side panel.' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(280);

      // The connection state follows the network: offline, then saved again once it is back.
      await page.context().setOffline(true);
      await page
        .locator('[data-testid="connection-state"][data-phase="offline"]')
        .getByText('Offline', { exact: true })
        .waitFor();
      await page.context().setOffline(false);
      await synced(page);

      // Alt+F10 moves from the text to the toolbar, arrows move inside it, Escape goes back.
      await editorOf(page).click();
      await page.keyboard.press('Alt+F10');
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
      expect(await focused()).not.toBe('');
      const first = await focused();
      await page.keyboard.press('ArrowRight');
      expect(await focused()).not.toBe(first);
      await page.keyboard.press('Escape');
      // TipTap focuses on the next animation frame: wait for it rather than read at once.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('stoa-note') ?? false))
        .toBe(true);

      const { violations } = await new AxeBuilder({ page }).analyze();
      const serious = violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
      expect(serious).toEqual([]);
      await screenshot(page, 'notes-panel-280');
    },
    FLOW_TIMEOUT,
  );
});
