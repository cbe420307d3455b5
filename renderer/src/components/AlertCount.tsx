import { useActiveAlerts } from '../hooks/useActiveAlerts.ts';
import { countsText } from '../lib/active-alerts.ts';
import { activeAlertsHref } from '../lib/routes.ts';

/**
 * "2 alarm · 1 warn" in the header of every page, so a rack in alarm is seen from Devices or Settings too.
 * Links to the Alerts page's "Active now" list. Nothing is shown while all is well.
 */
export function AlertCount() {
  const { counts } = useActiveAlerts();
  const text = countsText(counts);
  if (!text) return null;
  const level = counts.alarm > 0 ? 'alarm' : 'warn';
  return (
    <a
      className={`alert-count alert-count--${level}`}
      href={activeAlertsHref}
      data-testid="alert-count"
      data-alarm={counts.alarm}
      data-warn={counts.warn}
      aria-label={`${text} now: see the active list on the Alerts page`}
      title="Active now: open the list on the Alerts page"
    >
      {counts.alarm > 0 && <span className="alert-count__alarm">{counts.alarm} alarm</span>}
      {counts.alarm > 0 && counts.warn > 0 && (
        <span className="alert-count__sep" aria-hidden="true">
          ·
        </span>
      )}
      {counts.warn > 0 && <span className="alert-count__warn">{counts.warn} warn</span>}
    </a>
  );
}
