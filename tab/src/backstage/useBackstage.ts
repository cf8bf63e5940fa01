import { useCallback, useEffect, useRef, useState } from 'react';
import { openEventStream, type StreamState } from '../../../shared/client/eventStream';
import type { BackstagePage, ModerationQueue } from '../../../shared/contract/backstage/schemas';
import type { ClassId, SessionId } from '../../../shared/contract/ids';
import { useSession } from '../auth/session';

/** Enough for a lecture; the panel shows the ranked list, not pages. */
const PAGE_LIMIT = 50;
/** Events come in bursts (a vote storm): one re-read per burst keeps the list calm and the service cool. */
const RELOAD_DELAY_MS = 150;

export interface BackstageData {
  page: BackstagePage | null;
  queue: ModerationQueue | null;
  error: unknown;
  stream: StreamState;
  reload: () => void;
}

/**
 * The session's backstage for this person, kept live. Stream events carry public views only (no `mine`,
 * `myVote`, pending posts), so an event triggers a re-read of the caller's own view instead of being merged;
 * a hidden question is dropped at once, before the re-read answers. Facilitators also follow the class's
 * moderation queue.
 */
export function useBackstage(sessionId: SessionId, classId: ClassId | null, facilitator: boolean) {
  const { api } = useSession();
  const [page, setPage] = useState<BackstagePage | null>(null);
  const [queue, setQueue] = useState<ModerationQueue | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stream, setStream] = useState<StreamState>('connecting');
  const stopped = useRef(false);

  const loadPage = useCallback(() => {
    api.call('listBackstage', { params: { sessionId }, query: { limit: PAGE_LIMIT } }).then(
      (p) => {
        if (stopped.current) return;
        setPage(p);
        setError(null);
      },
      (e: unknown) => !stopped.current && setError(e),
    );
  }, [api, sessionId]);

  const loadQueue = useCallback(() => {
    if (!facilitator || !classId) return;
    api.call('getModerationQueue', { params: { classId } }).then(
      (q) => !stopped.current && setQueue(q),
      () => undefined,
    );
  }, [api, classId, facilitator]);

  useEffect(() => {
    stopped.current = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        loadPage();
        loadQueue();
      }, RELOAD_DELAY_MS);
    };
    const handle = openEventStream({
      baseUrl: api.baseUrl,
      sessionId,
      getToken: () => api.token(),
      onEvent: ({ event }) => {
        if (stopped.current) return;
        if (event.type === 'backstage_removed') {
          setPage((p) => (p ? { ...p, items: p.items.filter((q) => q.id !== event.questionId) } : p));
          later();
        } else if (event.type === 'backstage_questions' || event.type === 'moderation_changed') later();
      },
      onState: (state) => {
        setStream(state);
        if (state === 'open') later();
      },
    });
    loadPage();
    loadQueue();
    return () => {
      stopped.current = true;
      if (timer) clearTimeout(timer);
      handle.close();
    };
  }, [api, sessionId, loadPage, loadQueue]);

  const reload = useCallback(() => {
    loadPage();
    loadQueue();
  }, [loadPage, loadQueue]);

  return { page, queue, error, stream, reload } satisfies BackstageData;
}
