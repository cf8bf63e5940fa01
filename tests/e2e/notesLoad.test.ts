import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAB_ROUTES } from '../../shared/contract/tabRoutes';
import { buildUser, startTestService, type TestService } from '../../shared/server/test/testService';
import { CHROMIUM_PATH, browserCases, buildTabOnce, closeChromium, launchChromium } from './browser';

const browsers = browserCases();

if (browsers.length === 0) {
  it('Chromium is not installed here, so the notes load check did not run', () => {
    expect(existsSync(CHROMIUM_PATH)).toBe(false);
  });
}

/**
 * What opening a session's notes costs: every script the page fetches until the editor is synced,
 * gzip-compressed (zlib default level) from the production build. Printed for the tab-load benchmark
 * (target <= 250 kB); the test itself checks that the maths renderer stays out of it.
 */
describe.each(browsers)('notes view load in %s', () => {
  let svc: TestService;
  let dist = '';

  beforeAll(async () => {
    dist = await buildTabOnce();
    svc = await startTestService({ env: { TAB_DIST: dist } });
  }, 240_000);

  afterAll(async () => {
    await closeChromium();
    await svc?.close();
  });

  it('loads the editor as lazy chunks, without KaTeX, and reports the gzip size', async () => {
    const ada = buildUser({ name: 'Ada Lind' });
    const owner = await svc.as(ada);
    const cls = await owner.call('createClass', { body: { name: 'Load' } });
    const session = await owner.call('createSession', {
      params: { classId: cls.id },
      body: { title: 'Load' },
    });
    const { token, expiresAt } = await svc.anonymous().call('createDevToken', { body: ada });

    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const scripts = new Set<string>();
    context.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('.js')) scripts.add(path);
    });
    const stored = JSON.stringify({ ...ada, intent: 'facilitator', token, expiresAt });
    await context.addInitScript((value) => sessionStorage.setItem('stoa.devSession', value), stored);
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`${svc.url}${TAB_ROUTES.channel}?classId=${cls.id}&sessionId=${session.id}`);
    await page.locator('[data-testid="connection-state"][data-phase="synced"]').waitFor({ timeout: 20_000 });
    const syncedMs = Date.now() - started;
    await context.close();

    const sizes = [...scripts].map((p) => ({
      file: p.replace('/assets/', ''),
      gzip: gzipSync(readFileSync(join(dist, p))).length,
    }));
    const total = sizes.reduce((n, s) => n + s.gzip, 0);
    console.log(
      `[tab-load] notes view: ${(total / 1000).toFixed(1)} kB of JS gzip in ${sizes.length} files, ` +
        `synced editor ${syncedMs} ms after navigation\n` +
        sizes
          .sort((a, b) => b.gzip - a.gzip)
          .map((s) => `  ${(s.gzip / 1000).toFixed(1).padStart(6)} kB  ${s.file}`)
          .join('\n'),
    );
    // The notes open inside the session page (notes and the live round panel).
    expect(sizes.some((s) => /^(NotesView|SessionPage)/.test(s.file))).toBe(true);
    expect(sizes.some((s) => s.file.startsWith('katex'))).toBe(false);
    expect(sizes.some((s) => /DiscussionPanel|HistoryPanel|InsertForms/.test(s.file))).toBe(false);
  }, 120_000);
});
