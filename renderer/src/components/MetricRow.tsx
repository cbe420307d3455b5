import type { LiveReading } from '../../../preload/contract/index.ts';
import { formatAge, formatValue, metricLabel } from '../lib/format.ts';
import { metricStatus } from '../lib/tile-state.ts';
import { StatusBadge } from './StatusBadge.tsx';

/** DOM order label → value → age (how a screen reader should say it); CSS puts age and badge beside the label. */
export function MetricRow({ reading, serverNow, badge = true }: { reading: LiveReading; serverNow: number; badge?: boolean }) {
  const status = metricStatus(reading, serverNow);
  return (
    <div className={`metric metric--${status}`} data-status={status}>
      <dt className="metric__label">{metricLabel(reading.metric)}</dt>
      <dd className="metric__value" data-testid="tile-value" data-metric={reading.metric} data-ts={reading.ts}>
        {formatValue(reading.metric, reading.value, reading.unit)}
      </dd>
      <dd className="metric__meta">
        <span className="metric__age">{formatAge(serverNow - reading.ts)}</span>
        {badge && <StatusBadge status={status} />}
      </dd>
    </div>
  );
}
