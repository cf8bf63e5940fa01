import { Link as FluentLink } from '@fluentui/react-components';
import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { TAB_ROUTES } from '../../../shared/contract/tabRoutes';

/** Every page of the tab: the manifest's routes plus the browser home page. */
export type RouteName = keyof typeof TAB_ROUTES | 'home' | 'join' | 'notFound';

const BY_PATH = new Map<string, RouteName>(
  Object.entries(TAB_ROUTES).map(([name, path]) => [path, name as RouteName]),
);

const JOIN_PATH = /^\/join\/[0-9a-z]{1,64}$/;

/** The token of a `/join/<token>` path, or null. */
export function joinTokenOf(pathname: string): string | null {
  const path = pathname.replace(/\/+$/, '');
  return JOIN_PATH.test(path) ? path.slice('/join/'.length) : null;
}

/** Finds the route for a pathname; a trailing slash is tolerated because Teams admins type URLs. */
export function matchRoute(pathname: string): RouteName {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  if (path === '/' || path === '' || path === '/index.html') return 'home';
  // A class's join link: `/join/<token>` (see JoinPage).
  if (JOIN_PATH.test(path)) return 'join';
  return BY_PATH.get(path) ?? 'notFound';
}

const NAVIGATE_EVENT = 'stoa:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export interface TabLocation {
  route: RouteName;
  path: string;
  query: URLSearchParams;
}

/** The current location, re-rendering on back/forward and on `navigate`. */
export function useTabLocation(): TabLocation {
  const href = useSyncExternalStore(subscribe, snapshot, snapshot);
  const url = new URL(href, 'http://stoa.local');
  return { route: matchRoute(url.pathname), path: url.pathname, query: url.searchParams };
}

/** Moves to a same-origin path without reloading the page. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo?.(0, 0);
}

/** A path with a query string, skipping empty values. */
export function pathWith(path: string, query: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** A real link (keyboard, middle-click and "copy link" work) that navigates in place on a plain click. */
export function RouterLink({
  to,
  children,
  className,
}: {
  to: string;
  children: ReactNode;
  className?: string;
}) {
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
    // Move focus to the new page, as a full page load would, so screen readers and Tab start there.
    document.getElementById('main')?.focus({ preventScroll: true });
  };
  return (
    <FluentLink href={to} onClick={handleClick} className={className}>
      {children}
    </FluentLink>
  );
}
