import { useEffect, useSyncExternalStore } from 'react';
import { anchorOf, hrefFor, parseHash, routeForKey, type RouteId } from '../lib/routes.ts';

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

/** Current page from the URL hash (#/devices). */
export function useRoute(): RouteId {
  return useSyncExternalStore(subscribe, () => parseHash(window.location.hash));
}

/** The section named after the page in the hash ("#/alerts/active" → "active"), kept current. */
export function useRouteAnchor(): string | null {
  return useSyncExternalStore(subscribe, () => anchorOf(window.location.hash));
}

export function navigate(id: RouteId): void {
  window.location.hash = hrefFor(id);
}

/** Alt+1…Alt+6 jump to pages from anywhere, including inside a text field. */
export function usePageShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const id = routeForKey(e);
      if (!id) return;
      e.preventDefault();
      navigate(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
