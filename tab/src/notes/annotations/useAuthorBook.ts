import { useEffect, useMemo } from 'react';
import type * as Y from 'yjs';
import type { TabApi } from '../../api/tabApi';
import { AuthorBook } from './authorBook';
import { annotationsMap } from './model';

/** How long a facilitator's view waits after annotations change before asking who wrote the new ones. */
const REFRESH_MS = 1500;

/**
 * The author book of a note, loaded from the service (facilitators: every author; students: their own),
 * refreshed for facilitators as annotations come and go, and `claim` to record this user as the author of
 * an anonymous item they just made.
 */
export function useAuthorBook(
  api: TabApi,
  sessionId: string,
  doc: Y.Doc | null,
  me: { userId: string; name: string },
  facilitator: boolean,
) {
  const book = useMemo(() => new AuthorBook(), []);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      api.call('listAnnotationAuthors', { params: { sessionId } }).then(
        (r) => !stopped && book.merge(r.items),
        // Authors are extra: without them the notes still work, anonymous items just stay unnamed.
        () => undefined,
      );
    };
    load();
    if (!facilitator || !doc) return () => void (stopped = true);
    const map = annotationsMap(doc);
    const changed = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, REFRESH_MS);
    };
    map.observeDeep(changed);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      map.unobserveDeep(changed);
    };
  }, [api, sessionId, doc, facilitator, book]);

  const claim = useMemo(
    () => (annotationId: string, commentId: string | null) => {
      book.merge([{ annotationId, commentId, userId: me.userId, name: me.name }]);
      api
        .call('claimAnnotationAuthor', { params: { sessionId, annotationId }, body: { commentId } })
        .catch(() => undefined);
    },
    [api, sessionId, book, me.userId, me.name],
  );
  return { book, claim };
}
