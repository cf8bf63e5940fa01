import { lazy, useEffect, useState, type ComponentType } from 'react';

export interface Preloadable<P extends object> {
  /** Renders the view: at once when its chunk is here, else `Fallback` until it arrives. */
  View: ComponentType<P>;
  /** Starts fetching the chunk now; the same fetch serves the render. */
  preload(): Promise<unknown>;
}

/**
 * A lazily loaded view that can be fetched before it is rendered, and that does not suspend while it
 * loads. With plain `lazy` a page suspends on its first render even when its chunk is nearly there, and
 * React then holds the revealed page back until its fallback has been up for a while (about 300 ms);
 * here the fallback is ordinary state, so the page shows the moment its code has run. A failed fetch is
 * handed to `lazy`, which tries again and throws to the nearest error boundary as before.
 */
export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  Fallback: ComponentType,
): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => {
    pending ??= load().then(
      (m) => {
        loaded = m.default;
        return m;
      },
      (err: unknown) => {
        pending = null; // a failed fetch (offline) may succeed on the next try
        throw err;
      },
    );
    return pending;
  };
  const Lazy = lazy(preload);
  function View(props: P) {
    const [Loaded, setLoaded] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Loaded) return;
      let live = true;
      preload().then(
        (m) => live && setLoaded(() => m.default),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, [Loaded]);
    if (Loaded) return <Loaded {...props} />;
    return failed ? <Lazy {...props} /> : <Fallback />;
  }
  return { View, preload };
}
