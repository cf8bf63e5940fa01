import { useCallback, useState } from 'react';
import type { Class } from '../../../shared/contract/classes';
import { useSession } from '../auth/session';
import { useLoad } from './useLoad';

/** The caller's classes, page by page, with a way to show one just created or joined without a reload. */
export function useMyClasses() {
  const { api } = useSession();
  const { state, reload, setState } = useLoad(() => api.call('listClasses', {}), 'classes');
  const [moreError, setMoreError] = useState<unknown>(null);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.data.nextCursor) return;
    const current = state.data;
    setMoreError(null);
    api.call('listClasses', { query: { cursor: current.nextCursor ?? undefined } }).then(
      (page) =>
        setState({
          status: 'ready',
          data: { items: [...current.items, ...page.items], nextCursor: page.nextCursor },
        }),
      (err: unknown) => setMoreError(err),
    );
  }, [api, state, setState]);

  /** Puts a class at the top (newest first, like the service), replacing an older copy. */
  const upsert = useCallback(
    (cls: Class) => {
      setState((s) =>
        s.status === 'ready'
          ? {
              status: 'ready',
              data: { ...s.data, items: [cls, ...s.data.items.filter((c) => c.id !== cls.id)] },
            }
          : { status: 'ready', data: { items: [cls], nextCursor: null } },
      );
    },
    [setState],
  );

  return { state, reload, loadMore, moreError, upsert };
}
