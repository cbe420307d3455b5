import { memo, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { axesByUnit, chartRows, bandKey, extent, gapThreshold, nearestPoint, thresholdBands, valueKey, type Bucket, type Limits } from '../../lib/chart-data.ts';
import { formatPanelValue, formatTick, sameLimits } from '../../lib/panel-values.ts';
import { timeTickFormatter, timeTicks, zoomRange, type TimeRange } from '../../lib/time-range.ts';
import { stateColors } from './palette.ts';

export interface ChartSeries {
  key: string;
  label: string;
  unit: string;
  metric: string;
  color: string;
  points: readonly Bucket[];
  limits?: Limits;
  staleAfterMs?: number;
}

interface Props {
  series: readonly ChartSeries[];
  /** Bucket width of the query (ms). */
  step: number;
  from: number;
  to: number;
  /** Panel's axis range (all axes). */
  min?: number;
  max?: number;
  decimals?: number;
  /** Drag across the chart to zoom into that span. */
  onZoom?: (range: TimeRange) => void;
}

const tzOffsetMs = (t: number) => -new Date(t).getTimezoneOffset() * 60_000;

/**
 * Several series against time: the mean as a line, the min/max envelope as a band behind it (a spike
 * survives any zoom level), one Y axis per unit, threshold bands, gaps where data is missing, a tooltip of
 * stored values, and drag-to-zoom.
 */
export const TimeSeriesChart = memo(function TimeSeriesChart({ series, step, from, to, min, max, decimals, onZoom }: Props) {
  const rows = useMemo(() => chartRows(series, step), [series, step]);
  const axes = useMemo(() => axesByUnit(series.map((s) => s.unit)), [series]);
  const thresholds = useMemo(() => series.map((s) => gapThreshold(s.points, step, s.staleAfterMs)), [series, step]);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const span = to - from;
  const ticks = useMemo(() => timeTicks(from, to, 6, tzOffsetMs(to)), [from, to]);
  const tickText = timeTickFormatter(span);

  // Bands are drawn once per axis, and only when every series on it has the same rule (else they would lie).
  // Open edges become a value far outside the data (clipped to the plot), so they reach the chart's edge.
  const far = useMemo(() => {
    const e = extent(series);
    const pad = e ? (e.max - e.min + 1) * 1000 : 1e6;
    return { lo: Math.min(e?.min ?? 0, min ?? Infinity) - pad, hi: Math.max(e?.max ?? 0, max ?? -Infinity) + pad };
  }, [series, min, max]);
  const bands = axes.flatMap((axis) => {
    const rules = axis.series.map((i) => series[i]!.limits);
    const first = rules[0];
    if (!first || !rules.every((r) => sameLimits(r, first))) return [];
    return thresholdBands(first).map((b) => ({ y1: b.y1 ?? Math.min(far.lo, b.y2! - 1), y2: b.y2 ?? Math.max(far.hi, b.y1! + 1), state: b.state, axis: axis.id }));
  });
  const lines = axes.flatMap((axis) => {
    const r = axis.series.map((i) => series[i]!.limits)[0];
    if (!r || !axis.series.every((i) => sameLimits(series[i]!.limits, r))) return [];
    return [r.warnAbove, r.alarmAbove, r.warnBelow, r.alarmBelow]
      .map((y, k) => (y === undefined ? null : { y, axis: axis.id, state: k % 2 === 0 ? ('warn' as const) : ('alarm' as const) }))
      .filter((x) => x !== null);
  });

  const xOf = (state: { activeLabel?: string | number }) => (typeof state.activeLabel === 'number' ? state.activeLabel : Number(state.activeLabel));

  return (
    <ResponsiveContainer width="100%" height="100%" minWidth={0} minHeight={0} initialDimension={{ width: 400, height: 200 }}>
      <ComposedChart
        data={rows}
        margin={{ top: 6, right: 8, bottom: 0, left: 0 }}
        onMouseDown={onZoom ? (s) => (Number.isFinite(xOf(s)) ? setDrag({ a: xOf(s), b: xOf(s) }) : undefined) : undefined}
        onMouseMove={drag ? (s) => (Number.isFinite(xOf(s)) ? setDrag({ a: drag.a, b: xOf(s) }) : undefined) : undefined}
        onMouseUp={() => {
          if (drag && onZoom) {
            const r = zoomRange(drag.a, drag.b, Math.max(10_000, step * 2));
            if (r) onZoom(r);
          }
          setDrag(null);
        }}
        onMouseLeave={() => setDrag(null)}
        style={{ cursor: onZoom ? 'crosshair' : undefined, userSelect: 'none' }}
      >
        <CartesianGrid stroke="#262b32" strokeDasharray="2 4" vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[from, to]}
          allowDataOverflow
          ticks={ticks}
          tickFormatter={tickText}
          stroke="#3a4049"
          tick={{ fill: '#8d949e', fontSize: 11 }}
          tickLine={false}
          minTickGap={24}
        />
        {axes.map((axis) => (
          <YAxis
            key={axis.id}
            yAxisId={axis.id}
            orientation={axis.orientation}
            domain={[min ?? 'auto', max ?? 'auto']}
            allowDataOverflow={min !== undefined || max !== undefined}
            tickFormatter={(v: number) => formatTick(v, axis.unit)}
            stroke="#3a4049"
            tick={{ fill: '#8d949e', fontSize: 11 }}
            tickLine={false}
            width={44}
          />
        ))}
        {bands.map((b, i) => (
          <ReferenceArea key={`band-${i}`} yAxisId={b.axis} y1={b.y1} y2={b.y2} fill={stateColors[b.state]} fillOpacity={b.state === 'alarm' ? 0.12 : 0.08} stroke="none" ifOverflow="hidden" />
        ))}
        {lines.map((l, i) => (
          <ReferenceLine key={`limit-${i}`} yAxisId={l.axis} y={l.y} stroke={stateColors[l.state]} strokeOpacity={0.6} strokeDasharray="4 3" ifOverflow="discard" />
        ))}
        {series.map((s, i) => (
          <Area
            key={`env-${s.key}`}
            yAxisId={axes.find((a) => a.series.includes(i))!.id}
            dataKey={bandKey(i)}
            stroke="none"
            fill={s.color}
            fillOpacity={0.16}
            isAnimationActive={false}
            connectNulls={false}
            activeDot={false}
            legendType="none"
            tooltipType="none"
          />
        ))}
        {series.map((s, i) => (
          <Line
            key={`line-${s.key}`}
            yAxisId={axes.find((a) => a.series.includes(i))!.id}
            dataKey={valueKey(i)}
            name={s.label}
            stroke={s.color}
            strokeWidth={1.6}
            dot={false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
            type="linear"
          />
        ))}
        <Tooltip
          isAnimationActive={false}
          cursor={{ stroke: '#69707a', strokeDasharray: '3 3' }}
          content={({ active, label }) => {
            if (!active || label === undefined) return null;
            const t = Number(label);
            const items = series
              .map((s, i) => ({ s, p: nearestPoint(s.points, t, thresholds[i]! / 2) }))
              .filter((x) => x.p !== undefined)
              .slice(0, 12);
            return (
              <div className="chart-tip">
                <p className="chart-tip__time">{new Date(t).toLocaleString(undefined, { hour12: false })}</p>
                {items.length === 0 && <p className="chart-tip__none">no data here</p>}
                {items.map(({ s, p }) => (
                  <p key={s.key} className="chart-tip__row">
                    <span className="chart-tip__swatch" style={{ background: s.color }} />
                    <span className="chart-tip__label">{s.label}</span>
                    <span className="chart-tip__value">{formatPanelValue(p!.avg, s.unit, s.metric, decimals)}</span>
                    {p!.max !== p!.min && (
                      <span className="chart-tip__range">
                        {formatPanelValue(p!.min, s.unit, s.metric, decimals)} – {formatPanelValue(p!.max, s.unit, s.metric, decimals)}
                      </span>
                    )}
                  </p>
                ))}
                {series.length > items.length && items.length === 12 && <p className="chart-tip__none">+{series.length - 12} more</p>}
              </div>
            );
          }}
        />
        {drag && Math.abs(drag.b - drag.a) > 0 && <ReferenceArea x1={Math.min(drag.a, drag.b)} x2={Math.max(drag.a, drag.b)} yAxisId={axes[0]?.id} fill="#5b9fd6" fillOpacity={0.18} stroke="#5b9fd6" strokeOpacity={0.5} />}
      </ComposedChart>
    </ResponsiveContainer>
  );
});
