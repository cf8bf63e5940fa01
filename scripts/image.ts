/**
 * `npm run image:check`: builds and starts the Dockerfile's image without a Docker engine (none runs on
 * our machines). Every stage's steps are executed as written, from the Dockerfile itself, in a temporary
 * directory per stage (container paths map below it); then the runtime stage's CMD and compose.yaml's bot
 * command start there with plain node, the image's HEALTHCHECK must pass, /healthz, /readyz and the tab
 * answer, and both stop cleanly on SIGTERM. Not reproduced: the base images (this machine's node and
 * toolchain stand in) and USER/--chown (everything runs as the current user).
 *
 * `npm ci` steps are cached like Docker's layer cache, keyed by the lock file, package.json, the command
 * and the node version (`~/.cache/stoa-image`, or STOA_IMAGE_CACHE): a cold run compiles better-sqlite3
 * and takes minutes on a loaded machine. `--seed-from-checkout` (CI) fills the cache from this checkout's
 * node_modules, which CI has just made with `npm ci` from the same lock file: as is for a full install, and
 * pruned with `npm prune --omit=dev` for a production one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { dockerIgnore, parseDockerfile, type Stage } from './dockerfile';
import { freePort } from './ports';

const ROOT = resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const seedFromCheckout = argv.includes('--seed-from-checkout');
const keep = argv.includes('--keep');
const CACHE = process.env.STOA_IMAGE_CACHE ?? join(homedir(), '.cache', 'stoa-image');
const started = Date.now();
const log = (msg: string) => console.log(`[image +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  const r = spawnSync('sh', ['-c', command], { cwd, env, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`step failed (${r.status ?? r.signal}): ${command}`);
}

/** cp -a, or hard links (-l) for trees only read afterwards: node_modules copies are then instant. */
function copy(from: string, to: string, link = false): void {
  mkdirSync(dirname(to), { recursive: true });
  const r = spawnSync('cp', [link ? '-al' : '-a', from, to], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`cp ${from} ${to} failed`);
}

function contextFiles(): string[] {
  const ignored = dockerIgnore(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (ignored(path)) continue;
      if (e.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk('');
  return out;
}

/** `npm ci …` with a cache of the resulting node_modules (what a Docker layer cache would keep). */
function npmCi(command: string, cwd: string, env: NodeJS.ProcessEnv): void {
  const key = createHash('sha256')
    .update(process.version)
    .update(command)
    .update(readFileSync(join(cwd, 'package-lock.json')))
    .update(readFileSync(join(cwd, 'package.json')))
    .digest('hex')
    .slice(0, 16);
  const cached = join(CACHE, key, 'node_modules');
  const fullInstall = !/--omit=dev/.test(command);
  if (!existsSync(cached) && fullInstall && seedFromCheckout && existsSync(join(ROOT, 'node_modules'))) {
    log(`  ${command}: seeded from this checkout's node_modules (same lock file, just installed)`);
    copy(join(ROOT, 'node_modules'), cached, true);
  }
  if (!existsSync(cached) && !fullInstall && seedFromCheckout && existsSync(join(ROOT, 'node_modules'))) {
    // The checkout's tree pruned to production is the tree `npm ci --omit=dev` makes from the same lock,
    // without compiling better-sqlite3 again (minutes on a loaded machine).
    log(
      `  ${command}: seeded from this checkout's node_modules, pruned to production (npm prune --omit=dev)`,
    );
    copy(join(ROOT, 'node_modules'), join(cwd, 'node_modules'), true);
    sh('npm prune --omit=dev --no-audit --no-fund', cwd, env);
    copy(join(cwd, 'node_modules'), cached, true);
    return;
  }
  if (existsSync(cached)) {
    log(`  ${command}: cached (${key})`);
    copy(cached, join(cwd, 'node_modules'), true);
    return;
  }
  sh(command, cwd, env);
  rmSync(join(CACHE, key), { recursive: true, force: true });
  copy(join(cwd, 'node_modules'), cached, true);
}

interface Built {
  root: string;
  workdir: string;
  env: Record<string, string>;
  healthcheck?: string[];
  cmd?: string[];
  user?: string;
}

function buildStage(stage: Stage, tmp: string, built: Map<string, Built>, files: string[]): Built {
  const parent = built.get(stage.base);
  const root = join(tmp, stage.name);
  const state: Built = parent ? { ...parent, root, env: { ...parent.env } } : { root, workdir: '/', env: {} };
  if (parent) copy(parent.root, root);
  mkdirSync(root, { recursive: true });
  const at = (p: string) => join(root, posix.resolve(state.workdir, p));
  const runEnv = () => ({ PATH: process.env.PATH, HOME: process.env.HOME, ...state.env });
  for (const step of stage.steps) {
    switch (step.op) {
      case 'ENV':
        Object.assign(state.env, step.vars);
        break;
      case 'WORKDIR':
        state.workdir = posix.resolve(state.workdir, step.path);
        mkdirSync(at('.'), { recursive: true });
        break;
      case 'COPY': {
        log(`  COPY ${step.from ? `--from=${step.from} ` : ''}${step.sources.join(' ')} ${step.dest}`);
        for (const src of step.sources) {
          if (step.from) {
            const other = built.get(step.from);
            if (!other) throw new Error(`COPY --from=${step.from}: no such stage before ${stage.name}`);
            copy(join(other.root, src), at(step.dest), src.endsWith('node_modules'));
          } else if (src === '.') {
            for (const f of files) {
              mkdirSync(dirname(join(at(step.dest), f)), { recursive: true });
              copyFileSync(join(ROOT, f), join(at(step.dest), f));
            }
          } else {
            const dest = step.dest.endsWith('/') ? join(at(step.dest), src) : at(step.dest);
            copy(join(ROOT, src), dest);
          }
        }
        break;
      }
      case 'RUN':
        log(`  RUN ${step.command}`);
        for (const part of step.command.split(' && ')) {
          if (/^npm ci\b/.test(part)) npmCi(part, at('.'), runEnv());
          else sh(part, at('.'), runEnv());
        }
        break;
      case 'USER':
        state.user = step.user;
        break;
      case 'HEALTHCHECK':
        state.healthcheck = step.command;
        break;
      case 'CMD':
        state.cmd = step.command;
        break;
      case 'EXPOSE':
        break;
    }
  }
  return state;
}

function startCommand(command: string[], image: Built, env: Record<string, string>, name: string) {
  const [exe, ...args] = command;
  if (exe !== 'node') throw new Error(`${name}: the mirror runs node commands only, not ${exe}`);
  const child = spawn(process.execPath, args, {
    cwd: join(image.root, image.workdir),
    env: { PATH: process.env.PATH, ...image.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keepOut = (b: Buffer) => (out = (out + b.toString()).slice(-6000));
  child.stdout.on('data', keepOut);
  child.stderr.on('data', keepOut);
  return { child, output: () => out, name };
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  proc: { child: ChildProcess; output(): string },
) {
  const end = Date.now() + 60_000;
  while (!(await check())) {
    if (proc.child.exitCode !== null) throw new Error(`${what}: the process exited:\n${proc.output()}`);
    if (Date.now() > end) throw new Error(`${what}: not within 60 s:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function runs(command: string[], image: Built, env: Record<string, string>): Promise<boolean> {
  return new Promise((ok) => {
    const p = startCommand(command, image, env, 'healthcheck');
    p.child.once('exit', (code) => ok(code === 0));
  });
}

async function expectStatus(url: string, status: number, contains?: string): Promise<void> {
  const res = await fetch(url);
  const body = await res.text();
  if (res.status !== status || (contains && !body.includes(contains))) {
    throw new Error(
      `${url}: expected ${status}${contains ? ` with "${contains}"` : ''}, got ${res.status}: ${body.slice(0, 200)}`,
    );
  }
  log(`  ${url.replace(/^http:\/\/127\.0\.0\.1:\d+/, '')} -> ${res.status}`);
}

function stop(proc: { child: ChildProcess; name: string; output(): string }): Promise<void> {
  return new Promise((ok, fail) => {
    if (proc.child.exitCode !== null) return fail(new Error(`${proc.name} had exited:\n${proc.output()}`));
    const timer = setTimeout(() => {
      proc.child.kill('SIGKILL');
      fail(new Error(`${proc.name} did not stop within 15 s of SIGTERM`));
    }, 15_000);
    proc.child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) ok();
      else fail(new Error(`${proc.name} exited with ${code} on SIGTERM:\n${proc.output()}`));
    });
    proc.child.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
  const compose = parseYaml(readFileSync(join(ROOT, 'compose.yaml'), 'utf8')) as {
    services: Record<string, { command?: string[]; healthcheck?: { test: string[] } }>;
  };
  const botService = compose.services.bot;
  if (!botService?.command || !botService.healthcheck)
    throw new Error('compose.yaml: bot needs command and healthcheck');
  const tmp = mkdtempSync(join(tmpdir(), 'stoa-image-'));
  const built = new Map<string, Built>();
  try {
    const files = contextFiles();
    for (const stage of stages) {
      log(`stage ${stage.name} (FROM ${stage.base})`);
      built.set(stage.name, buildStage(stage, tmp, built, files));
    }
    const image = built.get(stages.at(-1)?.name ?? '');
    if (!image?.cmd || !image.healthcheck) throw new Error('the last stage needs CMD and HEALTHCHECK');
    if (!image.user || image.user === 'root') throw new Error('the image must run as a non-root USER');
    for (const dev of ['tsx', 'vite', 'pino-pretty', 'typescript', 'esbuild']) {
      if (existsSync(join(image.root, image.workdir, 'node_modules', dev))) {
        throw new Error(`the image holds the dev dependency ${dev}`);
      }
    }
    log(
      `image: ${spawnSync('du', ['-sh', image.root]).stdout.toString().split('\t')[0]} (without the base image)`,
    );

    const [port, botPort] = [await freePort(), await freePort()];
    // What an operator passes with `docker run -e` / the env file; the image's ENV supplies the rest.
    const env = {
      PORT: String(port),
      BOT_PORT: String(botPort),
      HOST: '127.0.0.1',
      BOT_HOST: '127.0.0.1',
      BOT_SERVICE_SECRET: randomBytes(32).toString('base64'),
      MicrosoftAppId: randomUUID(),
      MicrosoftAppPassword: randomBytes(16).toString('hex'),
      STOA_SERVICE_URL: `http://127.0.0.1:${port}`,
      BOT_NOTIFY_URL: `http://127.0.0.1:${botPort}/api/stoa/notify`,
    };
    log(`run: ${image.cmd.join(' ')}`);
    const service = startCommand(image.cmd, image, env, 'service');
    const bot = startCommand(botService.command, image, env, 'bot');
    try {
      await until('service HEALTHCHECK', () => runs(image.healthcheck ?? [], image, env), service);
      log(`  HEALTHCHECK ${image.healthcheck.join(' ')} -> healthy`);
      const base = `http://127.0.0.1:${port}`;
      await expectStatus(`${base}/healthz`, 200);
      await expectStatus(`${base}/readyz`, 200);
      await expectStatus(`${base}/`, 200, '<div id="root"');
      await expectStatus(`${base}/api/v1/openapi.json`, 200, '"openapi"');
      log(`run: ${botService.command.join(' ')}`);
      const botCheck = botService.healthcheck.test.slice(1);
      await until('bot healthcheck', () => runs(botCheck, image, env), bot);
      log(`  healthcheck ${botCheck.join(' ')} -> healthy`);
    } finally {
      await Promise.allSettled([stop(service), stop(bot)]).then((r) => {
        const failed = r.find((x) => x.status === 'rejected');
        if (failed) throw failed.reason;
      });
    }
    log('SIGTERM: service and bot stopped with exit code 0');
  } finally {
    if (keep) log(`kept ${tmp}`);
    // Hundreds of thousands of hard links take tens of seconds to unlink: left to a detached rm.
    else spawn('rm', ['-rf', tmp], { detached: true, stdio: 'ignore' }).unref();
  }
  log(`image check passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((err: unknown) => {
  console.error(`[image] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
