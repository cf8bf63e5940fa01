/**
 * `npm run package -- --env local|dev|prod`: fills appPackage/manifest.json from env/.env.<env>,
 * validates it offline and writes appPackage/build/stoa-<env>.zip. Exit code 1 with a list of problems,
 * each naming its field and its fix, when anything is wrong.
 */
import { pathToFileURL } from 'node:url';
import { buildPackage, shortPath } from './lib/packageBuilder';
import { PackageError } from './lib/problems';

/** Reads `--env NAME` or `--env=NAME` (default `local`); anything else is a usage error. */
export function parseArgs(argv: string[]): { env: string } | { error: string } {
  let env = 'local';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--env' && argv[i + 1] && !argv[i + 1]!.startsWith('-')) env = argv[++i]!;
    else if (arg.startsWith('--env=') && arg.length > 6) env = arg.slice(6);
    else return { error: `unknown argument "${arg}"` };
  }
  return { env };
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: string[], shell: Record<string, string | undefined>): Promise<number> {
  const args = parseArgs(argv);
  if ('error' in args) {
    console.error(`${args.error}\nUsage: npm run package -- --env local|dev|prod`);
    return 2;
  }
  try {
    const built = await buildPackage({ env: args.env, shell });
    for (const n of built.notices) console.warn(`note: ${n}`);
    console.log(`Wrote ${shortPath(built.zipPath)} (${[...built.files.keys()].sort().join(', ')}).`);
    return 0;
  } catch (err) {
    if (err instanceof PackageError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('Packaging failed unexpectedly:', err);
      process.exit(1);
    },
  );
}
