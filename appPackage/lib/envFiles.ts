import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Problem } from './problems';

/** Variables of one Agents Toolkit environment, and where each came from (for error messages). */
export interface Environment {
  name: string;
  values: Record<string, string>;
  /** Variable name -> the file (relative to the repo root) or `shell` it was read from. */
  sourceOf: Record<string, string>;
  /** The committed env file, relative to the repo root, e.g. `env/.env.dev`. */
  file: string;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.]*$/;

/**
 * Parses a dotenv file as the Agents Toolkit writes them: `KEY=value`, `#` comments, optional quotes,
 * and ` #` comments after unquoted values.
 */
export function parseDotenv(text: string, file: string, problems: Problem[]): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/^export\s+/, '');
    if (line === '' || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (!KEY.test(key)) {
      problems.push({
        field: `${file}:${i + 1}`,
        message: `cannot read "${raw.trim()}"`,
        fix: 'write one KEY=value per line; start comments with #',
      });
      return;
    }
    let value = line.slice(eq + 1).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.indexOf(quote, 1) > 0) {
      value = value.slice(1, value.indexOf(quote, 1));
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    out[key] = value;
  });
  return out;
}

/** The environments that have a committed env file (`env/.env.<name>`, not `.user`). */
export function listEnvironments(envDir: string): string[] {
  if (!existsSync(envDir)) return [];
  return readdirSync(envDir)
    .filter((f) => f.startsWith('.env.') && !f.endsWith('.user'))
    .map((f) => f.slice('.env.'.length))
    .sort();
}

/**
 * Loads `env/.env.<name>`, then `env/.env.<name>.user` (secrets, never committed), then the shell's
 * variables, later ones winning, as the Agents Toolkit does. Empty values count as unset.
 */
export function loadEnvironment(
  name: string,
  paths: { rootDir: string; envDir: string },
  shell: Record<string, string | undefined>,
  problems: Problem[],
): Environment | undefined {
  const file = relative(paths.rootDir, join(paths.envDir, `.env.${name}`)) || `.env.${name}`;
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(name) || !existsSync(join(paths.envDir, `.env.${name}`))) {
    const known = listEnvironments(paths.envDir);
    problems.push({
      field: file,
      message: `there is no environment "${name}"`,
      fix: `pick one of ${known.map((k) => `--env ${k}`).join(', ') || '--env local'}, or create ${file}`,
    });
    return undefined;
  }
  const values: Record<string, string> = {};
  const sourceOf: Record<string, string> = {};
  const layer = (vars: Record<string, string | undefined>, source: string) => {
    for (const [k, v] of Object.entries(vars)) {
      if (v === undefined || v === '') continue;
      values[k] = v;
      sourceOf[k] = source;
    }
  };
  const committed = parseDotenv(readFileSync(join(paths.envDir, `.env.${name}`), 'utf8'), file, problems);
  layer(committed, file);
  const userPath = join(paths.envDir, `.env.${name}.user`);
  if (existsSync(userPath)) {
    layer(parseDotenv(readFileSync(userPath, 'utf8'), `${file}.user`, problems), `${file}.user`);
  }
  const declared = new Set(Object.keys(committed));
  // Only variables the env file declares (or secrets) come from the shell, so that an unrelated
  // BOT_ID exported for another project cannot leak into this package.
  layer(
    Object.fromEntries(Object.entries(shell).filter(([k]) => declared.has(k) || k.startsWith('SECRET_'))),
    'shell',
  );
  return { name, values, sourceOf, file };
}
