import { ERROR_IDS } from '../../shared/contract/errors';

/** `npm run test:proving -- --full` (or PROVING_FULL=1): the large counts; CI runs the small ones. */
export const FULL = process.env.PROVING_FULL === '1';

/** What came back for one input. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** Sends one raw request; an event stream that opens is closed at once (its headers are the answer). */
export async function send(
  baseUrl: string,
  method: string,
  url: string,
  opts: { token?: string; body?: string | Buffer; contentType?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await fetch(`${baseUrl}${url}`, {
    method: method.toUpperCase(),
    headers,
    body:
      typeof opts.body === 'string' || opts.body === undefined
        ? (opts.body ?? null)
        : new Uint8Array(opts.body),
  });
  const contentType = res.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream')) {
    await res.body?.cancel();
    return { status: res.status, contentType, text: '' };
  }
  return { status: res.status, contentType, text: await res.text() };
}

const KNOWN_IDS = new Set<string>(ERROR_IDS);
/** Signs of an internal detail in a body: stack frames, file paths, driver and parser messages. */
const LEAK =
  /\bat [^\s]+ \(|node_modules|\.ts:\d+|SyntaxError|TypeError|RangeError|Unexpected token|sqlite|postgres/i;

/** The error id of an error body, or null when the body is not our error model. */
export function errorId(a: Answer): string | null {
  try {
    const id = (JSON.parse(a.text) as { error?: { id?: unknown } }).error?.id;
    return typeof id === 'string' && KNOWN_IDS.has(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Why an answer breaks the rules, or null when it keeps them: never a 5xx, never an internal detail;
 * a refused input gets a 4xx with a known error id.
 */
export function judge(expect: 'refused' | 'tolerated', a: Answer): string | null {
  if (a.status >= 500) return `${a.status} ${a.text.slice(0, 160)}`;
  if (LEAK.test(a.text)) return `leaks an internal detail: ${a.text.slice(0, 160)}`;
  if (expect === 'tolerated') return null;
  if (a.status < 400) return `accepted with ${a.status}: ${a.text.slice(0, 160)}`;
  if (!errorId(a)) return `${a.status} without an error id: ${a.text.slice(0, 160)}`;
  return null;
}

/** Runs `task` over `items` with `width` at a time. */
export async function pool<T>(items: T[], width: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}
