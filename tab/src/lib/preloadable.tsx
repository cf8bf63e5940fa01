import { lazy, type ComponentType } from 'react';

export interface Preloadable<P extends object> {
  /** Renders the view: at once when its chunk is already here, else through `lazy` (suspending). */
  View: ComponentType<P>;
  /** Starts fetching the chunk now; the same fetch serves the render. */
  preload(): Promise<unknown>;
}

/**
 * A lazily loaded view that can be fetched before it is rendered. Plain `lazy` suspends on the first
 * render even when the chunk arrived long before, and React holds a revealed boundary back until its
 * fallback has been up for a while (about 300 ms): a page that starts fetching its chunk early, beside the
 * entry, then renders without suspending at all.
 */
export function preloadable<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
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
        pending = null; // a failed fetch (offline) may succeed on the next render
        throw err;
      },
    );
    return pending;
  };
  const Lazy = lazy(preload);
  function View(props: P) {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return { View, preload };
}
