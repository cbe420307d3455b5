import { useMemo } from 'react';
import { stateSegments, type Bucket, type Limits } from '../../lib/chart-data.ts';
import { statusLabel } from '../../lib/tile-state.ts';
import { timeTickFormatter, timeTicks } from '../../lib/time-range.ts';

export interface TimelineSeries {
  key: string;
  label: string;
  points: readonly Bucket[];
  limits: Limits | undefined;
  staleAfterMs?: number;
}

const pct = (t: number, from: number, to: number) => `${(((t - from) / (to - from)) * 100).toFixed(3)}%`;

/** One bar per series: ok / warn / alarm / stale over the range, each stretch with its times as a tooltip. */
export function StateTimeline({ series, step, from, to, now }: { series: readonly TimelineSeries[]; step: number; from: number; to: number; now: number }) {
  const rows = useMemo(() => series.map((s) => ({ s, segs: stateSegments(s.points, step, s.limits, { from, to }, Math.min(now, to), s.staleAfterMs) })), [series, step, from, to, now]);
  const ticks = timeTicks(from, to, 5, -new Date(to).getTimezoneOffset() * 60_000);
  const fmt = timeTickFormatter(to - from);
  const clock = (t: number) => new Date(t).toLocaleString(undefined, { hour12: false });
  return (
    <div className="state-tl">
      {rows.map(({ s, segs }) => (
        <div key={s.key} className="state-tl__row">
          <span className="state-tl__label" title={s.label}>
            {s.label}
          </span>
          <div className="state-tl__bar" data-testid="timeline-bar">
            {segs.map((g) => (
              <span
                key={g.from}
                className={`state-tl__seg state-tl__seg--${g.state}`}
                style={{ left: pct(g.from, from, to), width: pct(g.to - g.from + from, from, to) }}
                title={`${statusLabel[g.state]} ${clock(g.from)} → ${clock(g.to)}`}
                data-state={g.state}
              />
            ))}
          </div>
        </div>
      ))}
      <div className="state-tl__axis" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} style={{ left: pct(t, from, to) }}>
            {fmt(t)}
          </span>
        ))}
      </div>
    </div>
  );
}
