import { memo, useMemo } from 'react';
import type { Bucket } from '../../lib/chart-data.ts';
import { formatPanelValue } from '../../lib/panel-values.ts';
import type { MetricStatus } from '../../lib/tile-state.ts';
import { Sparkline } from './Sparkline.tsx';

export interface StatItem {
  key: string;
  label: string;
  unit: string;
  metric: string;
  value: number | undefined;
  state: MetricStatus;
  points: readonly Bucket[];
  gapMs: number;
}

/** Big latest value(s) with a sparkline of the range; coloured by state. */
export function StatPanel({ items, from, to, decimals }: { items: readonly StatItem[]; from: number; to: number; decimals?: number }) {
  return (
    <div className={`stat ${items.length > 1 ? 'stat--multi' : ''}`}>
      {items.map((it) => (
        <div key={it.key} className={`stat__item stat__item--${it.state}`} data-testid="stat-value" data-state={it.state}>
          {items.length > 1 && <span className="stat__label">{it.label}</span>}
          <span className="stat__value">{formatPanelValue(it.value, it.unit, it.metric, decimals)}</span>
          <BucketSparkline points={it.points} gapMs={it.gapMs} from={from} to={to} label={`${it.label} trend`} />
        </div>
      ))}
    </div>
  );
}

/** The sparkline of a series' means, redrawn only when its buckets change (not with every live value). */
const BucketSparkline = memo(function BucketSparkline({ points, gapMs, from, to, label }: { points: readonly Bucket[]; gapMs: number; from: number; to: number; label: string }) {
  const spark = useMemo(() => points.map((p) => ({ t: p.t, v: p.avg })), [points]);
  return <Sparkline className="stat__spark" points={spark} gapMs={gapMs} from={from} to={to} label={label} />;
});
