/** Argument and environment handling shared by `npm run backup` and `npm run restore`. */
export interface OpsArgs {
  /** Positional arguments (the restore's file). */
  files: string[];
  out?: string;
  schema?: string;
}

export function parseOpsArgs(argv: string[]): OpsArgs {
  const args: OpsArgs = { files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.split('=', 2);
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--out') args.out = value();
    else if (flag === '--schema') args.schema = value();
    else if (a.startsWith('--')) throw new Error(`Unknown option ${a}`);
    else args.files.push(a);
  }
  return args;
}

/** Where the data is: the service's own variables (DATABASE_URL, else SQLITE_PATH), same defaults. */
export function storageFromEnv(env: NodeJS.ProcessEnv): { databaseUrl?: string; sqlitePath: string } {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return { ...(databaseUrl ? { databaseUrl } : {}), sqlitePath: env.SQLITE_PATH || 'data/stoa.db' };
}

/** Runs a tool's main: one JSON line with the result on success, the message and exit code 1 on failure. */
export function runTool(name: string, main: () => Promise<object>): void {
  main().then(
    (result) => console.log(JSON.stringify(result)),
    (err: unknown) => {
      console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
