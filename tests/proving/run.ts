/**
 * `npm run test:proving [-- --full]`: the proving-ground suites (bad input, isolation, tokens, limits, the
 * cluster) and the older suites they build on. CI runs them all with small counts in `npm test`; `--full`
 * sets PROVING_FULL=1 for the large ones. Other arguments go to vitest.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const full = process.argv.includes('--full');
const rest = process.argv.slice(2).filter((a) => a !== '--full');
const suites = [
  'tests/proving',
  'tests/cluster',
  // Parts of the proving ground that existed before it, run here too rather than repeated:
  'tests/notes/fuzz.test.ts', // /collab frames
  'tests/notes/cluster.test.ts', // notes converge across instances
  'tests/notes/durability.test.ts', // SIGKILL loses no acknowledged update
  'tests/bot/auth.test.ts', // the bot endpoint with MicrosoftAppId set refuses unsigned activities
  'shared/server/auth/verifier.test.ts', // every token rule, one by one
  'shared/server/http/rateLimit.test.ts', // per-user budgets
  'shared/server/notes/limits.test.ts', // /collab message size, rate and connection limits
];
const result = spawnSync(
  process.execPath,
  [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...suites, ...rest],
  { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...(full ? { PROVING_FULL: '1' } : {}) } },
);
process.exit(result.status ?? 1);
