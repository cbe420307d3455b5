import type { LiveReading, Threshold } from '../../../preload/contract/index.ts';
import { formatAge, formatValue, metricLabel } from '../lib/format.ts';
import type { SparkPoint } from '../lib/sparkline.ts';
import { metricStatus } from '../lib/tile-state.ts';
import { limitsLine, limitsSentence } from '../lib/thresholds.ts';
import { Sparkline } from './charts/Sparkline.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  reading: LiveReading;
  serverNow: number;
  badge?: boolean;
  /** The threshold rule that applies to this reading, if any: shown as a small limits line. */
  rule?: Threshold;
  /** Recent history (e.g. the last hour) drawn as a sparkline under the value. */
  spark?: { points: readonly SparkPoint[]; from: number; to: number; gapMs: number };
}

/** DOM order label → value → age (how a screen reader should say it); CSS puts age and badge beside the label. */
export function MetricRow({ reading, serverNow, badge = true, rule, spark }: Props) {
  const status = metricStatus(reading, serverNow);
  const limits = limitsLine(rule, reading.unit);
  return (
    <div className={`metric metric--${status}${spark ? ' metric--with-spark' : ''}`} data-status={status}>
      <dt className="metric__label">{metricLabel(reading.metric)}</dt>
      <dd className="metric__value" data-testid="tile-value" data-metric={reading.metric} data-ts={reading.ts}>
        {formatValue(reading.metric, reading.value, reading.unit)}
      </dd>
      <dd className="metric__meta">
        <span className="metric__age">{formatAge(serverNow - reading.ts)}</span>
        {badge && <StatusBadge status={status} />}
      </dd>
      {spark && spark.points.length > 1 && (
        <dd className="metric__spark">
          <Sparkline className="tile__spark" points={spark.points} from={spark.from} to={spark.to} gapMs={spark.gapMs} label={`${metricLabel(reading.metric)}, last hour`} />
        </dd>
      )}
      {limits && (
        <dd className="metric__limits" data-testid="tile-limits" title={limitsSentence(rule, reading.unit) ?? undefined}>
          {limits}
        </dd>
      )}
    </div>
  );
}
