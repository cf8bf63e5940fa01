import { useCallback, useEffect, useRef, useState } from 'react';

export type LoadState<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/**
 * Runs `load` when `key` changes and tracks loading, data and error. Answers of a superseded load
 * are dropped, so a slow first response cannot overwrite a newer one.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const generation = useRef(0);
  const loadRef = useRef(load);
  // Declared before the loading effect so a new key loads with the closure of the same render.
  useEffect(() => {
    loadRef.current = load;
  });

  const run = useCallback(() => {
    const mine = ++generation.current;
    setState({ status: 'loading' });
    loadRef.current().then(
      (data) => {
        if (mine === generation.current) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ status: 'error', error });
      },
    );
  }, []);

  useEffect(() => {
    run();
    return () => {
      generation.current += 1;
    };
  }, [run, key]);

  return { state, reload: run, setState };
}
