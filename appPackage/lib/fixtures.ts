/** Test helpers: provisioned-looking values for dev/prod, and a scratch copy of appPackage to break. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { PackageError, type Problem } from './problems';

export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_DIR = resolve(APP_DIR, '..');
export const ENV_DIR = join(ROOT_DIR, 'env');

/** What provision would have written for dev/prod, plus the host names IT chooses. */
export function provisioned(env: string): Record<string, string> {
  const host = env === 'prod' ? 'stoa.example.edu' : `stoa-${env}.example.edu`;
  return {
    TEAMS_APP_ID: '3f1c2b7e-8a4d-4c1e-9b2a-6d5e4f3a2b1c',
    TEAMS_APP_TENANT_ID: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    AAD_APP_CLIENT_ID: 'b8e2c6d4-1a3f-4e5b-8c7d-9f0a1b2c3d4e',
    BOT_ID: 'c4d5e6f7-0819-4a2b-bc3d-4e5f60718293',
    AAD_APP_ACCESS_AS_USER_PERMISSION_ID: 'd1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6',
    TAB_DOMAIN: host,
    TAB_ENDPOINT: `https://${host}`,
    BOT_DOMAIN: `bot.${host}`,
    BOT_ENDPOINT: `https://bot.${host}`,
  };
}

/** Secrets a `.user` file would hold, for checks that need them. */
export const SECRETS = {
  SECRET_BOT_PASSWORD: 'bot-password-from-entra',
  SECRET_BOT_SERVICE_SECRET: 'x'.repeat(48),
};

/** A scratch copy of appPackage (manifest, icons, locales) that a test may break; removed by `cleanup`. */
export function scratchAppDir(): {
  dir: string;
  cleanup: () => void;
  editManifest: (f: (m: Record<string, unknown>) => void) => void;
} {
  const dir = mkdtempSync(join(tmpdir(), 'stoa-apppackage-'));
  for (const f of ['manifest.json', 'color.png', 'outline.png', 'locales']) {
    cpSync(join(APP_DIR, f), join(dir, f), { recursive: true });
  }
  return {
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
    editManifest: (f) => {
      const path = join(dir, 'manifest.json');
      const m = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      f(m);
      writeFileSync(path, JSON.stringify(m, null, 2));
    },
  };
}

/** Awaits a build that must fail and returns its problems, checking the message lists each with a fix. */
export async function problemsOf(promise: Promise<unknown>): Promise<Problem[]> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackageError);
  const problems = (err as PackageError).problems;
  for (const p of problems)
    expect((err as PackageError).message).toContain(`${p.field}: ${p.message}\n    Fix: ${p.fix}`);
  return problems;
}

/** `expect.stringContaining`, typed as the string it stands for. */
export const containing = (text: string): string => expect.stringContaining(text) as string;
