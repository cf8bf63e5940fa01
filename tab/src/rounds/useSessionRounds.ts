import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { openEventStream, type StreamState } from '../../../shared/client/eventStream';
import type { SessionId } from '../../../shared/contract/ids';
import type { RoundView } from '../../../shared/contract/rounds/viewSchemas';
import type { TabApi } from '../api/tabApi';
import {
  applyList,
  applyView,
  emptyRounds,
  type RoundRole,
  type RoundsState,
  type ViewSource,
} from './roundState';

type Action =
  | { type: 'view'; view: RoundView; source: ViewSource; from: 'stream' | 'rest' }
  | { type: 'list'; views: RoundView[] };

function reducer(state: RoundsState, action: Action): RoundsState {
  return action.type === 'list'
    ? applyList(state, action.views)
    : applyView(state, action.view, action.source, action.from);
}

export type ListState = { status: 'loading' } | { status: 'ready' } | { status: 'error'; error: unknown };

export interface SessionRounds {
  rounds: RoundsState;
  list: ListState;
  /** The event stream: `open` is live; `reconnecting` after a drop; `closed` when it gave up (sign-in). */
  stream: StreamState;
  /** Loads the list again and, when the stream gave up, opens it again. */
  retry: () => void;
  /** Applies the view a round action answered with (the caller's own view). */
  applyOwn: (view: RoundView) => void;
  /** True once the stream said the session ended (no new rounds then). */
  sessionEnded: boolean;
  /** Service clock minus this device's clock, from the events' timestamps; deadlines are on the service clock. */
  clockSkewMs: number;
}

/**
 * A session's rounds, live: the list from REST, then every `round_updated` of the session's event stream.
 * The stream reconnects by itself after a network drop and resumes from its last event id; each time it
 * is open again the list is read once more, so nothing is missed even when the drop was long.
 */
export function useSessionRounds(api: TabApi, sessionId: SessionId, role: RoundRole): SessionRounds {
  const [rounds, dispatch] = useReducer(reducer, role, emptyRounds);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [stream, setStream] = useState<StreamState>('connecting');
  const [generation, setGeneration] = useState(0);
  const [sessionEnded, setSessionEnded] = useState(false);
  const [clockSkewMs, setClockSkewMs] = useState<number | null>(null);
  const loads = useRef(0);

  const load = useCallback(() => {
    const mine = ++loads.current;
    api.call('listRounds', { params: { sessionId } }).then(
      (res) => {
        if (mine !== loads.current) return;
        dispatch({ type: 'list', views: res.items });
        setList({ status: 'ready' });
      },
      (error: unknown) => {
        if (mine === loads.current) setList({ status: 'error', error });
      },
    );
  }, [api, sessionId]);

  useEffect(() => {
    let stopped = false;
    const handle = openEventStream({
      baseUrl: api.baseUrl,
      sessionId,
      getToken: () => api.token(),
      onEvent: ({ event, at }) => {
        if (stopped) return;
        // An event is stamped before it reaches us, so `at - now` never exceeds the true offset; replayed
        // events only lower it. The largest value seen is therefore the best estimate.
        const skew = Date.parse(at) - Date.now();
        if (Number.isFinite(skew)) setClockSkewMs((prev) => (prev === null ? skew : Math.max(prev, skew)));
        if (event.type === 'session_updated') setSessionEnded(event.session.status === 'ended');
        if (event.type !== 'round_updated') return;
        dispatch({
          type: 'view',
          view: event.view,
          source: event.change === 'mine' ? 'own' : 'shared',
          from: 'stream',
        });
      },
      onState: (state) => {
        if (stopped) return;
        setStream(state);
        if (state === 'open') load();
      },
    });
    return () => {
      stopped = true;
      handle.close();
    };
  }, [api, sessionId, load, generation]);

  // Without a stream the list still shows; read it once at start so the page does not wait for the stream.
  useEffect(() => load(), [load]);

  const retry = useCallback(() => {
    setList({ status: 'loading' });
    load();
    if (stream === 'closed') void api.refreshToken().finally(() => setGeneration((g) => g + 1));
  }, [api, load, stream]);

  const applyOwn = useCallback(
    (view: RoundView) => dispatch({ type: 'view', view, source: 'own', from: 'rest' }),
    [],
  );

  return { rounds, list, stream, retry, applyOwn, sessionEnded, clockSkewMs: clockSkewMs ?? 0 };
}
