import type { SessionEvent, SessionEventEnvelope } from '../../../../shared/contract/events';
import type { RoundKind, RoundPhase } from '../../../../shared/contract/rounds/phases';
import { roundIn } from '../../../../shared/contract/rounds/test/phaseStates';
import type { RoundView, Viewer } from '../../../../shared/contract/rounds/viewSchemas';
import { viewRound } from '../../../../shared/contract/rounds/views';

/** Viewers as the service presents them: a student of the contract's test rounds, the public, facilitators. */
export const STUDENT_1: Viewer = { userId: 's-1-x', role: 'student' };
export const PUBLIC: Viewer = { userId: 'stoa:public', role: 'student' };
export const FACILITATORS: Viewer = { userId: 'stoa:facilitators', role: 'facilitator' };

/** A real view (the contract's own reducer and presenter) of a round of `kind` driven into `phase`. */
export function viewIn(
  kind: RoundKind,
  phase: RoundPhase,
  viewer: Viewer,
  fullyAnonymous = false,
): RoundView {
  const { state, now } = roundIn(kind, phase);
  return viewRound(state, viewer, { fullyAnonymous, now });
}

/**
 * The session event stream as the service sends it (`text/event-stream` with `id`/`data` frames and a
 * `ready` event), one controllable connection per request, so a test can push events and cut the line.
 */
export function sseFeed() {
  const connections: ReadableStreamDefaultController<Uint8Array>[] = [];
  const requests: { lastEventId: string | null }[] = [];
  const encoder = new TextEncoder();
  let nextId = 1;
  let refusal: number | null = null;
  const live = () => connections[connections.length - 1];
  return {
    requests,
    /** Answers the next connection with this status (401: the token expired) instead of a stream. */
    refuseNext(status: number) {
      refusal = status;
    },
    connect(headers: Headers): Response {
      requests.push({ lastEventId: headers.get('last-event-id') });
      if (refusal !== null) {
        const status = refusal;
        refusal = null;
        const body = { error: { id: 'invalid_token', message: 'expired' } };
        return new Response(JSON.stringify(body), {
          status,
          headers: { 'content-type': 'application/json' },
        });
      }
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          connections.push(controller);
          controller.enqueue(encoder.encode(`event: ready\ndata: {"lastEventId":${nextId - 1}}\n\n`));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    },
    push(event: SessionEvent) {
      const envelope: SessionEventEnvelope = {
        id: nextId++,
        sessionId: 'ses_1',
        at: '2026-01-01T10:00:00Z',
        event,
      };
      live()?.enqueue(encoder.encode(`id: ${envelope.id}\ndata: ${JSON.stringify(envelope)}\n\n`));
    },
    /** The network drops: the open connection fails mid-stream. */
    drop() {
      live()?.error(new TypeError('network error'));
    },
  };
}
