/**
 * tab-load: a production build of the tab; the gzip size of the JS the notes view needs (the entry chunk
 * and everything it imports statically, plus the route chunks down to the notes view with their static
 * imports, read from Vite's manifest), then, in headless Chromium against a real service on loopback,
 * the time from navigation to an editable editor whose note is synced. Cold runs use a fresh browser
 * context each (empty cache); warm runs reload in the same context. The wire: cold loads under Chromium's
 * network emulation (20 Mbit/s down, 5 up, 40 ms) count the bytes transferred as the service compresses them
 * (Brotli from the build's precompressed files) and the time to the synced editor.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { StoaClient } from '../shared/client/client';
import { TAB_ROUTES } from '../shared/contract/tabRoutes';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/e2e/browser';
import { stop } from './lib/proc';
import { parseArgs, percentile, report } from './lib/report';
import { startBenchService } from './lib/service';
import { deadline, own } from './lib/watchdog';

const args = parseArgs();
const RUNS = args.quick ? 3 : 7;
const TARGET_GZIP_KB = 250;
const TARGET_MS = 800;
/** The wire: bytes the notes view transfers with the service's own compression, and a campus network. */
const TARGET_TRANSFER_KB = 250;
const TARGET_CAMPUS_MS = 1500;
/** Chromium's network emulation: 20 Mbit/s down, 5 Mbit/s up, 40 ms latency (a busy campus Wi-Fi). */
const CAMPUS_NETWORK = {
  offline: false,
  latency: 40,
  downloadThroughput: (20 * 1000 * 1000) / 8,
  uploadThroughput: (5 * 1000 * 1000) / 8,
};
/** The notes view's module, as source maps name it. */
const NOTES_VIEW = 'src/notes/NotesView.tsx';
deadline(args.quick ? 240_000 : 600_000, 'tab-load');
const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '..');

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

/** Builds the tab for production into a temp folder, with Vite's manifest; returns the folder. */
async function buildTab(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'stoa-tab-load-'));
  await run(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'tab/vite.config.ts',
      '--outDir',
      out,
      '--emptyOutDir',
      '--manifest',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } },
  );
  return out;
}

const gzipKb = (dir: string, file: string) =>
  gzipSync(readFileSync(join(dir, file)), { level: 9 }).length / 1024;

/** A chunk and everything it imports statically, as manifest keys. */
function staticClosure(manifest: Manifest, key: string, into = new Set<string>()): Set<string> {
  if (into.has(key)) return into;
  into.add(key);
  for (const dep of manifest[key]?.imports ?? []) staticClosure(manifest, dep, into);
  return into;
}

/** The chain of dynamically imported chunks from the entry to `target` (breadth first, shortest). */
function routeTo(manifest: Manifest, entry: string, target: string): string[] {
  const previous = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  while (queue.length > 0) {
    const key = queue.shift()!;
    const loaded = staticClosure(manifest, key);
    if (loaded.has(target)) {
      const chain: string[] = [];
      for (let k: string | null = key; k !== null; k = previous.get(k) ?? null) chain.unshift(k);
      return chain;
    }
    for (const k of loaded) {
      for (const next of manifest[k]?.dynamicImports ?? []) {
        if (!previous.has(next)) {
          previous.set(next, key);
          queue.push(next);
        }
      }
    }
  }
  throw new Error(`${target} is not reachable from ${entry} in the build`);
}

/**
 * The manifest key of the chunk holding the notes view. A module imported statically by a route chunk is
 * bundled into it and has no manifest entry of its own, so the chunks' source maps tell where it went.
 */
function chunkHolding(dir: string, manifest: Manifest, module: string): string {
  const key = Object.keys(manifest).find((k) => {
    const file = manifest[k]!.file;
    if (!file.endsWith('.js') || !existsSync(join(dir, `${file}.map`))) return false;
    const map = JSON.parse(readFileSync(join(dir, `${file}.map`), 'utf8')) as { sources: string[] };
    return map.sources.some((source) => source.endsWith(module));
  });
  if (!key) throw new Error(`no chunk of the build holds ${module}`);
  return key;
}

/** The JS files the notes view needs, with their gzip sizes, largest first. */
function notesViewJs(dir: string): { file: string; kb: number }[] {
  const manifest = JSON.parse(readFileSync(join(dir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('the build has no entry chunk');
  const keys = new Set<string>();
  const target = chunkHolding(dir, manifest, NOTES_VIEW);
  for (const step of routeTo(manifest, entry, target)) staticClosure(manifest, step, keys);
  const files = [...new Set([...keys].map((k) => manifest[k]!.file))].filter((f) => f.endsWith('.js'));
  return files.map((file) => ({ file, kb: gzipKb(dir, file) })).sort((a, b) => b.kb - a.kb);
}

/** Navigates and returns ms from navigation start until the editor is editable and its note synced. */
async function timeToEditable(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () =>
      document.querySelector('[data-testid="connection-state"][data-phase="synced"]') &&
      document.querySelector('.ProseMirror[contenteditable="true"]')
        ? performance.now()
        : null,
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * A cold load in a fresh context under the campus network: ms to an editable synced editor, and the bytes
 * that crossed the wire for it (encoded, i.e. as compressed by the service, headers included), from CDP.
 */
async function campusRun(
  browser: Browser,
  stored: string,
  url: string,
): Promise<{ ms: number; transferKb: number; scriptKb: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript((value) => sessionStorage.setItem('stoa.devSession', value), stored);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', CAMPUS_NETWORK);
    const types = new Map<string, string>();
    let bytes = 0;
    let scriptBytes = 0;
    cdp.on('Network.responseReceived', (e) => types.set(e.requestId, e.type));
    cdp.on('Network.loadingFinished', (e) => {
      bytes += e.encodedDataLength;
      if (types.get(e.requestId) === 'Script') scriptBytes += e.encodedDataLength;
    });
    const ms = await timeToEditable(page, url);
    return { ms, transferKb: bytes / 1024, scriptKb: scriptBytes / 1024 };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const dist = await buildTab();
  const files = notesViewJs(dist);
  const totalKb = files.reduce((s, f) => s + f.kb, 0);
  console.log('JS of the notes view (gzip -9):');
  for (const f of files) console.log(`  ${f.kb.toFixed(1).padStart(7)} KB  ${f.file}`);

  const svc = await startBenchService({ TAB_DIST: dist });
  own(svc.child);
  let browser: Browser | null = null;
  try {
    const anon = new StoaClient({ baseUrl: svc.url });
    const who = { tenantId: 'bench-tenant', userId: 'bench-owner', name: 'Bench Owner' };
    const dev = await anon.call('createDevToken', { body: who });
    const owner = new StoaClient({ baseUrl: svc.url, getToken: () => dev.token });
    const cls = await owner.call('createClass', { body: { name: 'Tab load' } });
    const session = await owner.call('createSession', { params: { classId: cls.id }, body: { title: 'L1' } });
    const url = `${svc.url}${TAB_ROUTES.channel}?classId=${cls.id}&sessionId=${session.id}`;
    const stored = JSON.stringify({
      ...who,
      intent: 'facilitator',
      token: dev.token,
      expiresAt: dev.expiresAt,
    });

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    const cold: number[] = [];
    const warm: number[] = [];
    const loadedJs = new Set<string>();
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript((value) => sessionStorage.setItem('stoa.devSession', value), stored);
      const page = await context.newPage();
      page.on('response', (res) => {
        const path = new URL(res.url()).pathname;
        if (path.endsWith('.js')) loadedJs.add(path.replace(/^\//, ''));
      });
      cold.push(await timeToEditable(page, url));
      warm.push(await timeToEditable(page, url));
      await context.close();
    }
    const loadedKb = [...loadedJs].reduce((s, f) => s + gzipKb(dist, f), 0);
    const p50 = percentile(cold, 50);
    const campus: Awaited<ReturnType<typeof campusRun>>[] = [];
    for (let i = 0; i < RUNS; i++) campus.push(await campusRun(browser, stored, url));
    const campusP50 = percentile(
      campus.map((c) => c.ms),
      50,
    );
    const transferKb = percentile(
      campus.map((c) => c.transferKb),
      50,
    );
    report(
      'tab-load',
      [
        {
          case: 'notes view',
          gzip_kb: Number(totalKb.toFixed(1)),
          gzip_target_kb: TARGET_GZIP_KB,
          loaded_js_gzip_kb: Number(loadedKb.toFixed(1)),
          cold_p50_ms: Math.round(p50),
          cold_max_ms: Math.round(Math.max(...cold)),
          warm_p50_ms: Math.round(percentile(warm, 50)),
          load_target_ms: TARGET_MS,
          transfer_kb: Number(transferKb.toFixed(1)),
          transfer_js_kb: Number(
            percentile(
              campus.map((c) => c.scriptKb),
              50,
            ).toFixed(1),
          ),
          transfer_target_kb: TARGET_TRANSFER_KB,
          campus_cold_p50_ms: Math.round(campusP50),
          campus_cold_max_ms: Math.round(Math.max(...campus.map((c) => c.ms))),
          campus_target_ms: TARGET_CAMPUS_MS,
          runs: RUNS,
        },
      ],
      `notes view JS ${totalKb.toFixed(1)} KB gzip (target <= ${TARGET_GZIP_KB}, ${
        totalKb <= TARGET_GZIP_KB ? 'met' : 'missed'
      }); navigation to editable synced editor p50 ${Math.round(p50)} ms cold (target <= ${TARGET_MS}, ${
        p50 <= TARGET_MS ? 'met' : 'missed'
      }); on the wire ${transferKb.toFixed(1)} KB (target <= ${TARGET_TRANSFER_KB}, ${
        transferKb <= TARGET_TRANSFER_KB ? 'met' : 'missed'
      }); campus network (20/5 Mbit/s, 40 ms) cold p50 ${Math.round(campusP50)} ms (target <= ${TARGET_CAMPUS_MS}, ${
        campusP50 <= TARGET_CAMPUS_MS ? 'met' : 'missed'
      })`,
      args,
    );
  } finally {
    await browser?.close();
    await stop(svc.child);
    rmSync(dist, { recursive: true, force: true });
    rmSync(svc.dir, { recursive: true, force: true });
  }
}

await main();
