import { openEventStream, type EventStreamHandle } from '../../shared/client/eventStream';
import type { SessionEventEnvelope } from '../../shared/contract/events';
import type { RoundView } from '../../shared/contract/rounds';

/** What one subscriber of a session's event stream received. */
export interface Subscriber {
  got: SessionEventEnvelope[];
  handle: EventStreamHandle;
  /** How many times the stream had to reconnect. */
  reconnects(): number;
  /** The round views delivered, with what changed. */
  rounds(): Array<{ change: string; view: RoundView }>;
}

/** Polls until `check` holds, or fails after `ms`. */
export async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Follows a session's events on one instance, from the start of its log. */
export async function subscribe(baseUrl: string, token: string, sessionId: string): Promise<Subscriber> {
  const got: SessionEventEnvelope[] = [];
  let open = false;
  let reconnects = 0;
  const handle = openEventStream({
    baseUrl,
    sessionId,
    getToken: () => token,
    onEvent: (e) => got.push(e),
    onState: (s) => {
      open ||= s === 'open';
      if (s === 'reconnecting') reconnects += 1;
    },
    lastEventId: 0,
  });
  await until(() => open, `the event stream on ${baseUrl} to open`);
  return {
    got,
    handle,
    reconnects: () => reconnects,
    rounds: () =>
      got.flatMap((e) =>
        e.event.type === 'round_updated' ? [{ change: e.event.change, view: e.event.view }] : [],
      ),
  };
}
