export const routes = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'scenes', label: 'Scenes' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'devices', label: 'Devices' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'settings', label: 'Settings' },
  { id: 'network', label: 'Network' },
  { id: 'dashboards', label: 'Dashboards' },
] as const;

export type RouteId = (typeof routes)[number]['id'];

export const defaultRoute: RouteId = 'dashboard';

export const hrefFor = (id: RouteId): string => `#/${id}`;

/** "#/devices" → "devices"; anything unknown → the dashboard. */
export function parseHash(hash: string): RouteId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return routes.find((r) => r.id === id)?.id ?? defaultRoute;
}

/** "#/alerts/active" → "active": a section of the page to show; null when the hash names none. */
export function anchorOf(hash: string): string | null {
  const part = hash.replace(/^#\/?/, '').split(/[?]/)[0]?.split('/')[1];
  return part ? part : null;
}

/** The Alerts page opened at its "Active now" list (the header count and the nav badge link here). */
export const activeAlertsHref = `${hrefFor('alerts')}/active`;

/** Shortcut text for route n (1-based), shown in tooltips and the help line. */
export const shortcutFor = (index: number): string => `Alt+${index + 1}`;

export interface KeyLike {
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  code: string;
}

/**
 * Alt+1…Alt+6 → page. Uses `code` (the physical key) because on macOS and some layouts Alt+digit types
 * another character; other modifiers are left alone so browser and OS shortcuts keep working.
 */
export function routeForKey(e: KeyLike): RouteId | null {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return null;
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
  if (!m) return null;
  return routes[Number(m[1]) - 1]?.id ?? null;
}
