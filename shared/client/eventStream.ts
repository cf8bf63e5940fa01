import type { SessionEventEnvelope } from '../contract/events';

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface EventStreamOptions {
  baseUrl: string;
  sessionId: string;
  getToken: () => string | null | Promise<string | null>;
  onEvent: (envelope: SessionEventEnvelope) => void;
  onState?: (state: StreamState) => void;
  /** Resume after this event id (e.g. after a page reload). */
  lastEventId?: number;
  fetch?: typeof fetch;
  /** Longest wait between reconnect attempts, in ms. */
  maxBackoffMs?: number;
}

export interface EventStreamHandle {
  close(): void;
  readonly lastEventId: number;
}

/** Splits an SSE byte stream into events (`id` and `data` lines, blank-line separated). */
function* parseFrames(
  buffer: string,
): Generator<{ id?: string; event?: string; data: string; rest: string }> {
  let rest = buffer;
  let idx: number;
  while ((idx = rest.indexOf('\n\n')) >= 0) {
    const block = rest.slice(0, idx);
    rest = rest.slice(idx + 2);
    let id: string | undefined;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') id = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    yield { id, event, data: data.join('\n'), rest };
  }
}

/**
 * Follows a session's server-sent events with fetch (so the bearer token goes in a header), reconnecting
 * with backoff and resuming from the last event id, so a network drop loses nothing.
 */
export function openEventStream(opts: EventStreamOptions): EventStreamHandle {
  const fetchImpl = opts.fetch ?? globalThis.fetch.bind(globalThis);
  let lastEventId = opts.lastEventId ?? -1;
  let closed = false;
  let controller: AbortController | null = null;
  let attempt = 0;

  const run = async () => {
    while (!closed) {
      opts.onState?.(attempt === 0 ? 'connecting' : 'reconnecting');
      controller = new AbortController();
      try {
        const token = await opts.getToken();
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (token) headers.authorization = `Bearer ${token}`;
        if (lastEventId >= 0) headers['last-event-id'] = String(lastEventId);
        const res = await fetchImpl(
          `${opts.baseUrl}/api/v1/sessions/${encodeURIComponent(opts.sessionId)}/events`,
          {
            headers,
            signal: controller.signal,
          },
        );
        if (res.status === 401 || res.status === 403 || res.status === 404) {
          // Not allowed or gone: retrying will not help.
          closed = true;
          break;
        }
        if (!res.ok || !res.body) throw new Error(`event stream answered ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          for (const f of parseFrames(buffer)) {
            buffer = f.rest;
            if (f.event === 'ready') {
              attempt = 0;
              opts.onState?.('open');
              const ready = JSON.parse(f.data) as { lastEventId: number };
              if (lastEventId < 0) lastEventId = ready.lastEventId;
              continue;
            }
            if (!f.data) continue;
            const envelope = JSON.parse(f.data) as SessionEventEnvelope;
            lastEventId = envelope.id;
            opts.onEvent(envelope);
          }
        }
      } catch {
        // network drop or abort: fall through to the backoff below
      }
      if (closed) break;
      attempt += 1;
      // Say so during the backoff too, not only once the next attempt starts: the UI must not show "live".
      opts.onState?.('reconnecting');
      const wait =
        Math.min(opts.maxBackoffMs ?? 10_000, 250 * 2 ** Math.min(attempt, 6)) * (0.5 + Math.random() / 2);
      await new Promise((r) => setTimeout(r, wait));
    }
    opts.onState?.('closed');
  };
  void run();

  return {
    close() {
      closed = true;
      controller?.abort();
    },
    get lastEventId() {
      return lastEventId;
    },
  };
}
