import { useActiveAlerts } from '../hooks/useActiveAlerts.ts';
import { countsText, type AlertCounts } from '../lib/active-alerts.ts';
import { activeAlertsHref, hrefFor, routes, shortcutFor, type RouteId } from '../lib/routes.ts';

/** The Alerts item's badge: how many are active now, red with any alarm, amber with warnings only. */
function AlertsBadge({ counts }: { counts: AlertCounts }) {
  const total = counts.alarm + counts.warn;
  if (total === 0) return null;
  return (
    <span className={`nav__badge nav__badge--${counts.alarm > 0 ? 'alarm' : 'warn'}`} data-testid="alerts-badge" data-count={total}>
      {total}
      <span className="sr-only"> active: {countsText(counts)}</span>
    </span>
  );
}

export function Nav({ current }: { current: RouteId }) {
  const { counts } = useActiveAlerts();
  const active = counts.alarm + counts.warn > 0;
  return (
    <nav className="nav" aria-label="Pages">
      <ul className="nav__list">
        {routes.map((r, i) => (
          <li key={r.id}>
            <a
              className="nav__link"
              // With something active, Alerts opens at the "Active now" list.
              href={r.id === 'alerts' && active ? activeAlertsHref : hrefFor(r.id)}
              aria-current={r.id === current ? 'page' : undefined}
              aria-keyshortcuts={shortcutFor(i)}
              title={`${r.label} (${shortcutFor(i)})`}
              data-route={r.id}
            >
              <span className="nav__label">{r.label}</span>
              {r.id === 'alerts' && <AlertsBadge counts={counts} />}
              <kbd className="nav__key" aria-hidden="true">
                {shortcutFor(i)}
              </kbd>
            </a>
          </li>
        ))}
      </ul>
      <p className="nav__help">
        Keys: <kbd>Alt</kbd>+<kbd>1</kbd>…<kbd>{routes.length}</kbd> jump to a page; <kbd>Tab</kbd> moves between controls.
      </p>
    </nav>
  );
}
