import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import { storedText } from '../../shared/server/notes/test/stored';
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
  it('Chromium is not installed here, so the notes safety e2e suite did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

const FLOW_TIMEOUT = 180_000;

describe.each(browsers)('notes that cannot be lost in %s', () => {
  let svc: TestService;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const ada = buildUser({ tenantId: 'tenant-safe', name: 'Ada Lind' });
  const bo = buildUser({ tenantId: 'tenant-safe', name: 'Bo Berg' });
  let classId = '';

  const open = async (user: TestUser, intent: 'facilitator' | 'student', width: number, path: string) => {
    const { token, expiresAt } = await svc.anonymous().call('createDevToken', { body: user });
    const context = await browser.newContext({ viewport: { width, height: 844 } });
    contexts.push(context);
    const session = JSON.stringify({ ...user, intent, token, expiresAt });
    await context.addInitScript((value) => sessionStorage.setItem('stoa.devSession', value), session);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${svc.url}${path}`);
    await page.locator('[data-testid="connection-state"][data-phase="synced"]').waitFor();
    return page;
  };
  const notesPath = (sessionId: string) => `${TAB_ROUTES.channel}?classId=${classId}&sessionId=${sessionId}`;
  const editorOf = (page: Page) => page.locator('.stoa-note');
  const typeAtEnd = async (page: Page, text: string) => {
    await editorOf(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(text, { delay: 5 });
  };
  const newSession = async (title: string) =>
    (await svc.as(ada)).call('createSession', { params: { classId }, body: { title } });

  beforeAll(async () => {
    const [dist, b] = await Promise.all([buildTabOnce(), launchChromium()]);
    browser = b;
    // Automatic versions every second of activity, so a test sees them without waiting ten minutes.
    svc = await startTestService({ env: { TAB_DIST: dist, NOTES_AUTO_VERSION_MS: '1000' } });
    const cls = await (await svc.as(ada)).call('createClass', { body: { name: 'Optics 101' } });
    await (
      await svc.as(bo)
    ).call('joinClass', { params: { classId: cls.id }, body: { joinCode: cls.joinCode! } });
    classId = cls.id;
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeChromium();
    await svc?.close();
  });

  it(
    'a restore after a student wiped the notes brings the flags back on their passages',
    async () => {
      const s = await newSession('Lecture 2: Mirrors');
      const fac = await open(ada, 'facilitator', 1280, notesPath(s.id));
      const stu = await open(bo, 'student', 1280, notesPath(s.id));
      await typeAtEnd(stu, 'Light bends at the boundary.');
      await editorOf(stu).locator('p', { hasText: 'Light bends at the boundary.' }).click();
      await stu.getByRole('button', { name: 'I’m confused here' }).click();
      await fac.locator('.stoa-heat[data-flag-count="1"]').waitFor();

      await fac.getByRole('button', { name: 'History', exact: true }).click();
      await fac.getByLabel('Version name').fill('Before the wipe');
      await fac.getByRole('button', { name: 'Save version' }).click();
      await fac.getByTestId('version-list').getByText('Before the wipe').waitFor();

      // A student selects everything and deletes it: the flag has no text left.
      await editorOf(stu).click();
      await stu.keyboard.press('Control+A');
      await stu.keyboard.press('Delete');
      await stu.keyboard.type('oops', { delay: 5 });
      await expect.poll(() => editorOf(fac).textContent()).toBe('oops');
      await fac.locator('.stoa-heat').waitFor({ state: 'detached' });

      const item = fac
        .getByTestId('version-list')
        .getByRole('listitem')
        .filter({ hasText: 'Before the wipe' });
      await item.getByRole('button', { name: 'Restore' }).click();
      await item.getByRole('button', { name: 'Restore for everyone' }).click();
      await expect.poll(() => editorOf(stu).textContent()).toContain('Light bends at the boundary.');
      // The flag is on its passage again, for both, and not "on text deleted since".
      await fac.locator('.stoa-heat[data-flag-count="1"]').waitFor();
      await stu.locator('.stoa-heat[data-flag-count="1"]').waitFor();
      expect(await fac.locator('.stoa-heat').textContent()).toContain('Light bends');
      await stu.getByRole('button', { name: 'Flags and comments' }).click();
      await stu.getByTestId('passage').getByText('1 flag (yours)').waitFor();
      await fac.getByTestId('version-list').getByText('Automatic backup').waitFor();
      await screenshot(fac, 'notes-restore-keeps-flags-1280');
    },
    FLOW_TIMEOUT,
  );

  it(
    'a facilitator locks the notes: the service refuses the student, both see the lock; unlock and end the session',
    async () => {
      const s = await newSession('Lecture 3: Prisms');
      const fac = await open(ada, 'facilitator', 1280, notesPath(s.id));
      const stu = await open(bo, 'student', 1280, notesPath(s.id));
      const phone = await open(bo, 'student', 390, notesPath(s.id));
      await typeAtEnd(stu, 'Prisms split white light.');
      await expect.poll(() => editorOf(fac).textContent()).toContain('Prisms split white light.');

      await fac.getByRole('button', { name: 'Lock notes' }).click();
      for (const page of [stu, phone, fac]) {
        await page.getByTestId('lock-banner').getByText('Notes locked by the facilitator').waitFor();
      }
      // The service switched the student's connections to read-only: the editor no longer takes input.
      await expect.poll(() => editorOf(stu).getAttribute('contenteditable')).toBe('false');
      await editorOf(stu).click();
      await stu.keyboard.type(' student tries', { delay: 5 });
      await typeAtEnd(fac, ' The facilitator still writes.');
      await expect.poll(() => editorOf(stu).textContent()).toContain('The facilitator still writes.');
      expect(await storedText(svc, s.id)).not.toContain('student tries');
      await screenshot(stu, 'notes-lock-banner-student-1280');
      await screenshot(phone, 'notes-lock-banner-student-390');
      await screenshot(fac, 'notes-lock-banner-facilitator-1280');

      await fac.getByRole('button', { name: 'Unlock notes' }).click();
      await stu.getByTestId('lock-banner').waitFor({ state: 'detached' });
      await expect.poll(() => editorOf(stu).getAttribute('contenteditable')).toBe('true');
      await typeAtEnd(stu, ' Back again.');
      await expect.poll(() => editorOf(fac).textContent()).toContain('Back again.');

      // Ending the session from the tab asks first, then saves a version and makes the notes read-only.
      await fac.getByRole('button', { name: 'End session' }).click();
      await fac.getByTestId('end-confirm').getByRole('button', { name: 'End session' }).click();
      await stu.getByTestId('read-only').waitFor();
      const versions = await (await svc.as(ada)).call('listNoteVersions', { params: { sessionId: s.id } });
      expect(versions.items.some((v) => v.kind === 'session_end')).toBe(true);
    },
    FLOW_TIMEOUT,
  );

  it(
    'automatic versions appear in History after activity',
    async () => {
      const s = await newSession('Lecture 4: Colour');
      const stu = await open(bo, 'student', 1280, notesPath(s.id));
      await typeAtEnd(stu, 'Red bends least.');
      await new Promise((r) => setTimeout(r, 1200));
      await typeAtEnd(stu, ' Violet bends most.');
      await new Promise((r) => setTimeout(r, 1200));
      await typeAtEnd(stu, ' Hence rainbows.');
      await svc.service.context.notes!.auto.settled();
      await stu.getByRole('button', { name: 'History', exact: true }).click();
      const autos = stu
        .getByTestId('version-list')
        .getByRole('listitem')
        .filter({ hasText: 'Automatic version' });
      await autos.first().waitFor();
      expect(await autos.first().getByText('Saved automatically').count()).toBe(1);
      await screenshot(stu, 'notes-history-automatic-1280');
      const phone = await open(bo, 'student', 390, notesPath(s.id));
      await phone.getByRole('button', { name: 'History', exact: true }).click();
      await phone.getByTestId('version-list').getByText('Automatic version').first().waitFor();
      await screenshot(phone, 'notes-history-automatic-390');
    },
    FLOW_TIMEOUT,
  );
});
