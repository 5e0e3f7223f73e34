import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';
import { parseRoute, routePath, type Route } from './routes';

// A tiny History API router: the URL is the only routing state, so reloads and shared links just work.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

function currentUrl(): string {
  return window.location.pathname + window.location.search;
}

/** Asked before the app leaves the current page; false keeps the user where they are. */
type NavigationGuard = () => boolean;
let guard: NavigationGuard | undefined;
let shownUrl = typeof window === 'undefined' ? '' : currentUrl();

/**
 * Lets a page with unsaved work confirm in-app navigation (links, `navigate`, Back and Forward)
 * before it happens. Returns the function that removes the guard again.
 */
export function setNavigationGuard(check: NavigationGuard): () => void {
  guard = check;
  return () => {
    if (guard === check) guard = undefined;
  };
}

// Registered before any page subscribes, so a refused Back restores the URL before pages re-read it.
if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    if (guard && currentUrl() !== shownUrl && !guard()) window.history.pushState(null, '', shownUrl);
    else shownUrl = currentUrl();
  });
}

/** Goes to a URL (or route) without reloading; `state` travels in the history entry (e.g. create results). */
export function navigate(to: string | Route, options: { replace?: boolean; state?: unknown } = {}): void {
  const url = typeof to === 'string' ? to : routePath(to);
  if (url === currentUrl() && options.state === undefined) return;
  if (
    guard &&
    !options.replace &&
    new URL(url, window.location.href).pathname !== window.location.pathname &&
    !guard()
  )
    return;
  if (options.replace) window.history.replaceState(options.state ?? null, '', url);
  else window.history.pushState(options.state ?? null, '', url);
  shownUrl = currentUrl();
  for (const listener of listeners) listener();
}

/** The current route and query string; re-renders on navigation. */
export function useRoute(): { route: Route; search: URLSearchParams } {
  const url = useSyncExternalStore(subscribe, currentUrl);
  const parsed = new URL(url, 'http://app');
  return { route: parseRoute(parsed.pathname), search: parsed.searchParams };
}

/** An anchor that navigates client-side, but still opens in a new tab on modified clicks. */
export function Link(props: {
  to: string | Route;
  children: ReactNode;
  className?: string;
  'aria-current'?: 'page';
}) {
  const href = typeof props.to === 'string' ? props.to : routePath(props.to);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={href} onClick={onClick} className={props.className} aria-current={props['aria-current']}>
      {props.children}
    </a>
  );
}
