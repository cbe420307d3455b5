import { useEffect, useRef } from 'react';
import { useActiveAlerts } from '../hooks/useActiveAlerts.ts';
import { useRouteAnchor } from '../hooks/useRoute.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { countsText } from '../lib/active-alerts.ts';
import { formatAge, formatValue, metricLabel, withUnit } from '../lib/format.ts';
import { StatusBadge } from './StatusBadge.tsx';

/**
 * Every device + metric in warning or alarm right now, with its value and the limit it crossed: the list
 * the header count and the Alerts badge open ("#/alerts/active"). Stale readings are not listed.
 */
export function ActiveAlerts() {
  const { alerts, counts } = useActiveAlerts();
  const serverNow = useServerNow(1000);
  const anchor = useRouteAnchor();
  const section = useRef<HTMLElement>(null);

  // Opened from the header or the badge: land on this list.
  useEffect(() => {
    if (anchor !== 'active' || !section.current) return;
    section.current.scrollIntoView({ block: 'start' });
    section.current.focus({ preventScroll: true });
  }, [anchor]);

  return (
    <section className="card active" id="alerts-active" aria-labelledby="alerts-active-title" data-testid="active-alerts" ref={section} tabIndex={-1}>
      <h2 className="card__title" id="alerts-active-title">
        Active now {alerts.length > 0 && <span className="active__counts">{countsText(counts)}</span>}
      </h2>
      {alerts.length === 0 ? (
        <p className="muted active__none" data-testid="active-none">
          Nothing in warning or alarm. Values that stopped updating show as STALE on the Dashboard, not here.
        </p>
      ) : (
        <ul className="active__list">
          {alerts.map((a) => (
            <li key={a.seriesId} className={`active__item active__item--${a.state}`} data-testid="active-alert" data-device-id={a.deviceId} data-metric={a.metric} data-state={a.state}>
              <StatusBadge status={a.state} className="active__badge" />
              <span className="active__name">{a.name}</span>
              <span className="active__metric">{metricLabel(a.metric)}</span>
              <span className="active__value">{formatValue(a.metric, a.value, a.unit)}</span>
              <span className="active__limit">
                {a.limit ? `${a.state} limit: ${a.limit.kind} ${withUnit(String(a.limit.value), a.unit)}` : 'the rules have changed since'}
              </span>
              <span className="active__age muted">{formatAge(serverNow - a.ts)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
