import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDomains, checkIds, checkSso, checkTabRoutes, NIL_GUID, type FixHint } from './checks';
import { checkCommands, injectCommands } from './commands';
import { loadEnvironment, type Environment } from './envFiles';
import { checkIcon } from './icons';
import { defaultLanguageFile, parseLocaleSource, translatedFile } from './localization';
import type { LocalizationFile, Manifest } from './manifestTypes';
import { fillPlaceholders, placeholderNames } from './placeholders';
import { throwIfAny, type Problem } from './problems';
import { validateLocalizationSchema, validateManifestSchema } from './schema';
import { checkZipLayout, writeZip } from './zip';

const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Ids that provision creates. In the `local` environment they may still be empty on a fresh clone; the
 * nil GUID stands in so the package builds and validates offline (it cannot be sideloaded until provisioned).
 */
export const UNPROVISIONED_IDS = ['TEAMS_APP_ID', 'BOT_ID', 'AAD_APP_CLIENT_ID'] as const;

/** Variables that may legitimately be empty (prod has no name suffix). */
const MAY_BE_EMPTY: ReadonlySet<string> = new Set(['APP_NAME_SUFFIX']);

/** What to tell someone whose variable is missing. */
function helpFor(name: string): string {
  if (name.endsWith('_ENDPOINT'))
    return 'the public HTTPS URL of your deployment, e.g. https://stoa.example.edu';
  if (name.endsWith('_DOMAIN')) return 'the public host name of your deployment, e.g. stoa.example.edu';
  if (name.endsWith('_ID')) return 'run provision, which writes it, or paste the id your IT registered';
  return 'see docs/deploy.md';
}

export interface BuildOptions {
  /** Agents Toolkit environment: reads `env/.env.<env>` (and `.user`). */
  env: string;
  /** Repository root; default: the folder above appPackage. */
  rootDir?: string;
  /** Folder with manifest.json, icons and locales/; default: this appPackage. */
  appDir?: string;
  /** Folder with the env files; default: `<rootDir>/env`. */
  envDir?: string;
  /** Where the zip goes; default: `<appDir>/build`. */
  outDir?: string;
  /** Variables that override the env files, as the shell's do; default: none. */
  shell?: Record<string, string | undefined>;
}

export interface ComposedPackage {
  environment: Environment;
  manifest: Manifest;
  /** File name at the zip root -> content. */
  files: Map<string, Uint8Array>;
  /** Things the user should know that do not stop the build. */
  notices: string[];
}

export interface BuiltPackage extends ComposedPackage {
  zipPath: string;
  zip: Uint8Array;
}

/** The environment's variables with the local stand-ins applied, as the package build sees them. */
export function resolveVariables(environment: Environment, notices: string[] = []): Record<string, string> {
  const vars = { ...environment.values };
  if (environment.name === 'local') {
    const stand = UNPROVISIONED_IDS.filter((k) => !vars[k]);
    for (const k of stand) vars[k] = NIL_GUID;
    if (stand.length > 0) {
      notices.push(
        `${stand.join(', ')} not provisioned yet: using ${NIL_GUID}. The package validates but cannot be ` +
          'sideloaded until you provision (Agents Toolkit: Provision, or `atk provision --env local`).',
      );
    }
  }
  return vars;
}

function readJson(path: string, field: string, problems: Problem[]): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (err) {
    problems.push({
      field,
      message: `cannot be read as JSON (${(err as Error).message})`,
      fix: `fix ${field}`,
    });
    return undefined;
  }
}

/** Fills, checks and assembles the package in memory; throws a PackageError listing every problem. */
export async function composePackage(opts: BuildOptions): Promise<ComposedPackage> {
  const appDir = opts.appDir ?? APP_DIR;
  const rootDir = opts.rootDir ?? resolve(APP_DIR, '..');
  const envDir = opts.envDir ?? join(rootDir, 'env');
  const problems: Problem[] = [];
  const notices: string[] = [];

  const environment = loadEnvironment(opts.env, { rootDir, envDir }, opts.shell ?? {}, problems);
  const template = readJson(join(appDir, 'manifest.json'), 'appPackage/manifest.json', problems) as Manifest;
  throwIfAny(opts.env, problems);
  const env = environment!;

  const templateText = JSON.stringify(template);
  for (const name of new Set(placeholderNames(templateText).filter((n) => n.startsWith('SECRET_')))) {
    problems.push({
      field: `\${{${name}}}`,
      message: 'is a secret; a Teams package is readable by anyone who installs it',
      fix: 'remove it from appPackage/manifest.json',
    });
  }
  const vars = resolveVariables(env, notices);
  const filled = fillPlaceholders(template, vars, MAY_BE_EMPTY);
  for (const m of filled.missing) {
    problems.push({
      field: m.path,
      message: `\${{${m.name}}} has no value`,
      fix: `set ${m.name} in ${env.file}: ${helpFor(m.name)}`,
    });
  }
  throwIfAny(env.name, problems);

  const hint: FixHint = (path, fallback) => {
    const names = filled.origins.get(path);
    if (!names) return fallback;
    const where = names.map((n) => `${n} (from ${env.sourceOf[n] ?? 'the local stand-in'})`);
    return `check ${where.join(' and ')}; the manifest builds this field from it`;
  };
  const manifest = injectCommands(filled.value);
  const files = new Map<string, Uint8Array>();
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v, null, 2) + '\n');

  const locales = new Map<string, LocalizationFile>();
  const info = manifest.localizationInfo;
  if (info?.defaultLanguageFile) locales.set(info.defaultLanguageFile, defaultLanguageFile(manifest));
  for (const { file } of info?.additionalLanguages ?? []) {
    const path = join(appDir, 'locales', file);
    if (!existsSync(path)) {
      problems.push({
        field: `locales/${file}`,
        message: 'is listed in localizationInfo but missing',
        fix: `create appPackage/locales/${file}`,
      });
      continue;
    }
    const source = parseLocaleSource(readFileSync(path, 'utf8'), file, problems);
    if (!source) continue;
    const filledSource = fillPlaceholders(source, vars, MAY_BE_EMPTY).value;
    locales.set(file, translatedFile(manifest, filledSource, file, problems));
  }

  problems.push(
    ...(await validateManifestSchema(manifest, (p) =>
      hint(p, 'add or correct it in appPackage/manifest.json'),
    )),
  );
  for (const [file, content] of locales) {
    problems.push(...(await validateLocalizationSchema(file, content)));
    files.set(file, json(content));
  }
  problems.push(
    ...checkIds(manifest, hint, env.name === 'local'),
    ...checkDomains(manifest, hint),
    ...checkTabRoutes(manifest),
    ...checkSso(manifest),
    ...checkCommands(manifest),
  );
  for (const kind of ['color', 'outline'] as const) {
    const file = manifest.icons?.[kind];
    if (!file) continue;
    const path = join(appDir, file);
    if (/[\\/]/.test(file) || !existsSync(path)) {
      problems.push({
        field: `icons.${kind}`,
        message: `"${file}" is not a file next to appPackage/manifest.json`,
        fix: 'name a PNG in appPackage/ (no folders: Teams reads icons from the zip root)',
      });
      continue;
    }
    const bytes = readFileSync(path);
    problems.push(...checkIcon(kind, file, bytes));
    files.set(file, bytes);
  }
  throwIfAny(env.name, problems);
  files.set('manifest.json', json(manifest));
  return { environment: env, manifest, files, notices };
}

/** Builds `<outDir>/stoa-<env>.zip`, re-reads it to check its layout, and returns what it wrote. */
export async function buildPackage(opts: BuildOptions): Promise<BuiltPackage> {
  const composed = await composePackage(opts);
  const zip = writeZip(composed.files);
  throwIfAny(opts.env, checkZipLayout(zip));
  const outDir = opts.outDir ?? join(opts.appDir ?? APP_DIR, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, `stoa-${composed.environment.name}.zip`);
  writeFileSync(zipPath, zip);
  return { ...composed, zip, zipPath };
}

/** A path relative to the working directory, for messages. */
export function shortPath(path: string): string {
  return relative(process.cwd(), path) || path;
}
