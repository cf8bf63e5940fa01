import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Debian's chromium (`apt-get install -y chromium`); playwright's own download does not work offline. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const ARTIFACTS_DIR = join(ROOT, 'tests/artifacts');

/**
 * The browsers to run end-to-end tests in: `['chromium']` when it is installed. Without it the list is
 * empty and a message says why, except under `CI=true`, where a missing browser fails the run.
 */
export function browserCases(): 'chromium'[] {
  if (existsSync(CHROMIUM_PATH)) return ['chromium'];
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but Chromium is missing at ${CHROMIUM_PATH}: run apt-get install -y chromium`);
  }
  console.warn(
    `[e2e] Chromium not found at ${CHROMIUM_PATH}: browser tests not run (apt-get install -y chromium).`,
  );
  return [];
}

let browserPromise: Promise<Browser> | null = null;

/** One headless Chromium per test file; each test makes its own contexts (separate storage, separate users). */
export function launchChromium(): Promise<Browser> {
  browserPromise ??= chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  return browserPromise;
}

/** Closes the shared browser if one was launched. */
export async function closeChromium(): Promise<void> {
  const b = browserPromise;
  browserPromise = null;
  if (b) await (await b).close();
}

const BUILD_INPUTS = ['tab', 'shared/contract', 'shared/client', 'package-lock.json'];
const SKIP = new Set(['dist', 'node_modules']);

function hashInputs(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!SKIP.has(name)) visit(join(path, name));
    } else if (!/\.test\.tsx?$/.test(path)) {
      hash.update(relative(ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
    }
  };
  for (const input of BUILD_INPUTS) if (existsSync(join(ROOT, input))) visit(join(ROOT, input));
  return hash.digest('hex').slice(0, 16);
}

let buildPromise: Promise<string> | null = null;

/**
 * A production build of the tab, made once per content of its sources: the output is cached under
 * `node_modules/.cache` by a hash of the inputs, so several e2e files (in parallel workers) and repeated
 * runs share one build. Built in a child process so vitest's own Vite instance and NODE_ENV stay out of it.
 */
export function buildTabOnce(): Promise<string> {
  buildPromise ??= (async () => {
    const cacheRoot = join(ROOT, 'node_modules/.cache/stoa-tab-e2e');
    const dir = join(cacheRoot, hashInputs());
    if (existsSync(join(dir, 'index.html'))) return dir;
    mkdirSync(cacheRoot, { recursive: true });
    const tmp = `${dir}.tmp-${process.pid}`;
    await run(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        'tab/vite.config.ts',
        '--outDir',
        tmp,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
    );
    try {
      renameSync(tmp, dir); // atomic: a parallel worker either wins this or finds the finished build
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    // Builds of older sources are never read again; keep the cache to one build.
    for (const name of readdirSync(cacheRoot)) {
      const path = join(cacheRoot, name);
      if (path !== dir && !name.includes('.tmp-')) rmSync(path, { recursive: true, force: true });
    }
    return dir;
  })();
  return buildPromise;
}

/** Saves a full-page screenshot under tests/artifacts/ (ignored by git) for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
