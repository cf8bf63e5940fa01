/** One thing wrong with the package: where it is, what is wrong, and what to do about it. */
export interface Problem {
  /** A manifest path like `bots[0].botId`, a file like `color.png`, or an env file like `env/.env.dev`. */
  field: string;
  message: string;
  fix: string;
}

/** Thrown when a package cannot be built; the message lists every problem, each with its fix. */
export class PackageError extends Error {
  constructor(
    readonly env: string,
    readonly problems: Problem[],
  ) {
    super(formatProblems(env, problems));
    this.name = 'PackageError';
  }
}

/** Renders problems as a readable list for the terminal. */
export function formatProblems(env: string, problems: Problem[]): string {
  const n = problems.length;
  const lines = problems.map((p) => `  - ${p.field}: ${p.message}\n    Fix: ${p.fix}`);
  return `Cannot build the Teams package for env "${env}" (${n} problem${n === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}

/** Throws a PackageError if any problems were collected. */
export function throwIfAny(env: string, problems: Problem[]): void {
  if (problems.length > 0) throw new PackageError(env, problems);
}

/** Turns a JSON pointer (`/bots/0/botId`) into the manifest path notation (`bots[0].botId`). */
export function pointerToPath(pointer: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out ? `.${part}` : part;
  return out || '(manifest)';
}
