/**
 * A reader for the subset of Dockerfile syntax Stoa's Dockerfile uses (FROM … AS, ARG, ENV, WORKDIR, COPY
 * [--from] [--chown], RUN, USER, EXPOSE, HEALTHCHECK, CMD), so scripts/image.ts can run its steps where
 * no Docker engine runs. Anything else is refused, so the Dockerfile cannot drift past what CI executes.
 */
export type Step =
  | { op: 'ENV'; vars: Record<string, string> }
  | { op: 'WORKDIR'; path: string }
  | { op: 'COPY'; from?: string; chown?: string; sources: string[]; dest: string }
  | { op: 'RUN'; command: string }
  | { op: 'USER'; user: string }
  | { op: 'EXPOSE'; ports: number[] }
  | { op: 'HEALTHCHECK'; command: string[] }
  | { op: 'CMD'; command: string[] };

export interface Stage {
  name: string;
  /** The base image (`node:22-bookworm`) or an earlier stage's name. */
  base: string;
  steps: Step[];
}

/** Joins continued lines, drops comments and blank lines; keeps each instruction's first line number. */
function logicalLines(text: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  let buf = '';
  let start = 0;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trimEnd();
    if (!buf && (line.trim() === '' || line.trim().startsWith('#'))) return;
    if (!buf) start = i + 1;
    if (line.endsWith('\\')) buf += line.slice(0, -1) + ' ';
    else {
      out.push({ line: start, text: (buf + line).trim() });
      buf = '';
    }
  });
  return out;
}

function substitute(value: string, args: Record<string, string>): string {
  return value.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, a: string | undefined, b: string | undefined) => {
    const name = a ?? b ?? '';
    return name in args ? (args[name] ?? '') : m;
  });
}

function execForm(rest: string, where: string): string[] {
  const parsed: unknown = JSON.parse(rest);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) {
    throw new Error(`${where}: use the JSON (exec) form, e.g. ["node", "dist/server/main.js"]`);
  }
  return parsed;
}

function parseEnv(rest: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of rest.split(/\s+/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`ENV ${rest}: write NAME=value pairs`);
    vars[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return vars;
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const args: Record<string, string> = {};
  for (const { line, text: instr } of logicalLines(text)) {
    const [, opRaw = '', restRaw = ''] = /^(\S+)\s*(.*)$/.exec(instr) ?? [];
    const op = opRaw.toUpperCase();
    const rest = substitute(restRaw, args);
    const where = `Dockerfile:${line} ${op}`;
    const stage = stages.at(-1);
    if (op === 'ARG') {
      const [name = '', value = ''] = restRaw.split('=', 2);
      args[name] = value;
      continue;
    }
    if (op === 'FROM') {
      const m = /^(\S+)\s+AS\s+(\S+)$/i.exec(rest);
      if (!m) throw new Error(`${where}: name every stage (FROM <image> AS <name>)`);
      stages.push({ base: m[1] ?? '', name: m[2] ?? '', steps: [] });
      continue;
    }
    if (!stage) throw new Error(`${where}: before the first FROM`);
    const words = rest.split(/\s+/);
    switch (op) {
      case 'ENV':
        stage.steps.push({ op, vars: parseEnv(rest) });
        break;
      case 'WORKDIR':
        stage.steps.push({ op, path: rest });
        break;
      case 'COPY': {
        const flags = words.filter((w) => w.startsWith('--'));
        const paths = words.filter((w) => !w.startsWith('--'));
        const flag = (n: string) => flags.find((f) => f.startsWith(`--${n}=`))?.slice(n.length + 3);
        const unknown = flags.filter((f) => !/^--(from|chown)=/.test(f));
        if (unknown.length || paths.length < 2) throw new Error(`${where}: unsupported form`);
        const from = flag('from');
        const chown = flag('chown');
        stage.steps.push({
          op,
          ...(from ? { from } : {}),
          ...(chown ? { chown } : {}),
          sources: paths.slice(0, -1),
          dest: paths.at(-1) ?? '',
        });
        break;
      }
      case 'RUN':
        if (rest.startsWith('[')) throw new Error(`${where}: use the shell form`);
        stage.steps.push({ op, command: rest });
        break;
      case 'USER':
        stage.steps.push({ op, user: rest });
        break;
      case 'EXPOSE':
        stage.steps.push({ op, ports: words.map(Number) });
        break;
      case 'HEALTHCHECK': {
        const at = rest.indexOf('CMD ');
        if (at < 0) throw new Error(`${where}: HEALTHCHECK [options] CMD [...]`);
        stage.steps.push({ op, command: execForm(rest.slice(at + 4).trim(), where) });
        break;
      }
      case 'CMD':
        stage.steps.push({ op, command: execForm(rest, where) });
        break;
      default:
        throw new Error(`${where}: not supported by scripts/image.ts; add it there first`);
    }
  }
  return stages;
}

/** `.dockerignore` patterns (paths from the context root, `*` within a name) as one matcher. */
export function dockerIgnore(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`));
  return (path) => patterns.some((re) => re.test(path));
}
