import type { LiveReading, Threshold } from '../../../preload/contract/index.ts';
import { formatAge, formatValue, metricLabel } from '../lib/format.ts';
import { metricStatus } from '../lib/tile-state.ts';
import { limitsLine, limitsSentence } from '../lib/thresholds.ts';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  reading: LiveReading;
  serverNow: number;
  badge?: boolean;
  /** The threshold rule that applies to this reading, if any: shown as a small limits line. */
  rule?: Threshold;
}

/** DOM order label → value → age (how a screen reader should say it); CSS puts age and badge beside the label. */
export function MetricRow({ reading, serverNow, badge = true, rule }: Props) {
  const status = metricStatus(reading, serverNow);
  const limits = limitsLine(rule, reading.unit);
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
      {limits && (
        <dd className="metric__limits" data-testid="tile-limits" title={limitsSentence(rule, reading.unit) ?? undefined}>
          {limits}
        </dd>
      )}
    </div>
  );
}
