import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SERVER_ENTRIES } from '../../scripts/buildEntries';
import { dockerIgnore, parseDockerfile } from '../../scripts/dockerfile';
import { ROOT } from './tools';

const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const stages = parseDockerfile(read('Dockerfile'));
const runtime = stages.at(-1)!;
const built = new Set(Object.keys(SERVER_ENTRIES).map((k) => `dist/${k}.js`));
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};
interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
}
const compose = parseYaml(read('compose.yaml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};

describe('the Dockerfile, compose.yaml and the build agree', () => {
  it('the image runs built entries as a non-root user, with a health check', () => {
    const step = <T extends string>(op: T) => runtime.steps.find((s) => s.op === op);
    const cmd = step('CMD');
    const health = step('HEALTHCHECK');
    const user = step('USER');
    expect(cmd?.op === 'CMD' && cmd.command).toEqual(['node', 'dist/server/main.js']);
    expect(health?.op === 'HEALTHCHECK' && built.has(health.command[1]!)).toBe(true);
    expect(user?.op === 'USER' && user.user).not.toMatch(/^(root|0)?$/);
    for (const s of runtime.steps)
      expect(s.op === 'RUN' && /npm ci(?!.*--omit=dev)/.test(s.command)).toBe(false);
  });

  it('compose runs two service instances, the bot from the same image, PostgreSQL, Redis and a balancer', () => {
    const services = Object.entries(compose.services);
    const instances = services.filter(([, s]) => s.image === 'stoa:latest' && !s.command);
    expect(instances.length).toBeGreaterThanOrEqual(2);
    for (const [, s] of instances) {
      expect(s.environment?.DATABASE_URL).toMatch(/^postgres:\/\//);
      expect(s.environment?.REDIS_URL).toMatch(/^redis:\/\//);
    }
    const bot = compose.services.bot!;
    expect(bot.image).toBe('stoa:latest');
    expect(built.has(bot.command![1]!)).toBe(true);
    expect(built.has(bot.healthcheck!.test[2]!)).toBe(true);
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'balancer']));
    const nginx = read('deploy/nginx.conf');
    for (const [name] of instances) expect(nginx).toContain(`server ${name}:3000`);
  });

  it('the package scripts run what the build makes, and CI runs the image check', () => {
    for (const name of ['start:prod', 'backup', 'restore']) {
      const file = /^node (\S+)/.exec(pkg.scripts[name] ?? '')?.[1];
      expect(built.has(file ?? ''), `${name}: ${pkg.scripts[name]}`).toBe(true);
    }
    expect(read('.ci/run')).toMatch(/npm run image:check/);
  });

  it('the mirror refuses Dockerfile syntax it cannot run, and .dockerignore keeps build output out', () => {
    expect(() => parseDockerfile('FROM node:22 AS a\nADD x y\n')).toThrow(/not supported/);
    expect(() => parseDockerfile('FROM node:22\n')).toThrow(/name every stage/);
    const ignored = dockerIgnore(read('.dockerignore'));
    for (const p of [
      'node_modules/x',
      'dist/server/main.js',
      'tab/dist/index.html',
      'data/stoa.db',
      '.env',
    ]) {
      expect(ignored(p), p).toBe(true);
    }
    for (const p of ['package.json', 'shared/server/main.ts', 'tab/src/main.tsx', 'env/.env.dev']) {
      expect(ignored(p), p).toBe(false);
    }
  });
});

it('everything the built service, bot and tools import at run time is a production dependency', async () => {
  const result = await build({
    entryPoints: Object.values(SERVER_ENTRIES).map((e) => join(ROOT, e)),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    outdir: join(ROOT, 'dist-check'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const imported = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external || builtinModules.includes(imp.path.replace(/^node:/, ''))) continue;
      imported.add(/^(@[^/]+\/[^/]+|[^/]+)/.exec(imp.path)?.[1] ?? imp.path);
    }
  }
  expect(imported.size).toBeGreaterThan(5);
  const missing = [...imported].filter((p) => !(p in pkg.dependencies));
  // A package here would be missing from `npm ci --omit=dev` (the image): move it to "dependencies".
  expect(missing).toEqual([]);
});
