import type { MetricStatus } from './tile-state.ts';

/**
 * What the charts draw, computed from series.query's buckets: gaps where data is missing, a row table for
 * recharts, one axis per unit, threshold bands and per-bucket states. Pure.
 */

/** One bucket of a series (series.query's SeriesPoint). */
export interface Bucket {
  t: number;
  min: number;
  max: number;
  avg: number;
}

/** Limits as thresholds and panels write them. */
export interface Limits {
  warnAbove?: number;
  alarmAbove?: number;
  warnBelow?: number;
  alarmBelow?: number;
}

/** A missing stretch longer than this many expected steps is drawn as a gap, not a line across it. */
export const GAP_FACTOR = 3;

/**
 * The spacing a series' points normally have: the query's bucket width, or — when the series reports less
 * often than one point per bucket (a raw query of a sensor sending every 10 s) — the median spacing of its
 * points. A median, so the gaps themselves do not stretch what counts as normal.
 */
export function expectedSpacing(points: readonly Pick<Bucket, 't'>[], step: number): number {
  if (points.length < 3) return step;
  const deltas: number[] = [];
  for (let i = 1; i < points.length; i++) deltas.push(points[i]!.t - points[i - 1]!.t);
  deltas.sort((a, b) => a - b);
  const median = deltas[Math.floor(deltas.length / 2)]!;
  return Math.max(step, median);
}

/**
 * Longest distance between neighbouring points still drawn as one line. When the series' stale time is
 * known (how long the console waits before calling its value stale), a gap is exactly a stretch in which
 * it would have shown stale — but never less than 3 buckets (buckets may be wider than that time). Without
 * it, 3 × the normal spacing.
 */
export function gapThreshold(points: readonly Pick<Bucket, 't'>[], step: number, staleAfterMs?: number): number {
  if (staleAfterMs !== undefined && staleAfterMs > 0) return Math.max(GAP_FACTOR * step, staleAfterMs);
  return GAP_FACTOR * expectedSpacing(points, step);
}

/** The points split where they are further apart than `threshold` (each run is drawn as one line). */
export function splitRuns<P extends Pick<Bucket, 't'>>(points: readonly P[], threshold: number): P[][] {
  const runs: P[][] = [];
  let run: P[] = [];
  for (const p of points) {
    const prev = run[run.length - 1];
    if (prev && p.t - prev.t > threshold) {
      runs.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length) runs.push(run);
  return runs;
}

export interface ChartSeriesInput {
  points: readonly Bucket[];
  /** The series' stale time, when known (see gapThreshold). */
  staleAfterMs?: number;
}

/** A row of the chart table: time, then per series i `v<i>` (mean) and `b<i>` ([min, max] envelope); null = gap. */
export type ChartRow = { t: number } & Record<string, number | [number, number] | null>;

export const valueKey = (i: number) => `v${i}`;
export const bandKey = (i: number) => `b${i}`;

const lerp = (a: number, b: number, f: number) => a + (b - a) * f;

/**
 * One table for several series (recharts draws every series from the same rows). Rows are the union of the
 * series' times. Where a series has no bucket at a row's time but has points close on both sides, its value
 * is interpolated (the same straight line the chart would draw); across a gap longer than its threshold it
 * is null, and a null row is added just after the gap starts so even a lone series breaks its line there.
 */
export function chartRows(series: readonly ChartSeriesInput[], step: number): ChartRow[] {
  const thresholds = series.map((s) => gapThreshold(s.points, step, s.staleAfterMs));
  const times = new Set<number>();
  series.forEach((s, i) => {
    for (let k = 0; k < s.points.length; k++) {
      const p = s.points[k]!;
      times.add(p.t);
      const next = s.points[k + 1];
      if (next && next.t - p.t > thresholds[i]!) times.add(p.t + Math.min(step, (next.t - p.t) / 2));
    }
  });
  const sorted = [...times].sort((a, b) => a - b);
  const rows: ChartRow[] = sorted.map((t) => ({ t }) as ChartRow);
  series.forEach((s, i) => {
    const pts = s.points;
    const vk = valueKey(i);
    const bk = bandKey(i);
    let k = 0; // index of the first point at or after the row's time
    for (const row of rows) {
      while (k < pts.length && pts[k]!.t < row.t) k++;
      const at = pts[k];
      if (at && at.t === row.t) {
        row[vk] = at.avg;
        row[bk] = [at.min, at.max];
        continue;
      }
      const before = pts[k - 1];
      if (!before || !at || at.t - before.t > thresholds[i]!) {
        row[vk] = null;
        row[bk] = null;
        continue;
      }
      const f = (row.t - before.t) / (at.t - before.t);
      row[vk] = lerp(before.avg, at.avg, f);
      row[bk] = [lerp(before.min, at.min, f), lerp(before.max, at.max, f)];
    }
  });
  return rows;
}

/** The stored bucket nearest `t` within `maxDistance` (for a tooltip that shows real values, never interpolated ones). */
export function nearestPoint<P extends Pick<Bucket, 't'>>(points: readonly P[], t: number, maxDistance: number): P | undefined {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]!.t < t) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [points[lo - 1], points[lo]].filter((p): p is P => p !== undefined && Math.abs(p.t - t) <= maxDistance);
  return candidates.sort((a, b) => Math.abs(a.t - t) - Math.abs(b.t - t))[0];
}

export interface Axis {
  /** recharts yAxisId. */
  id: string;
  unit: string;
  /** Indexes of the series drawn against it. */
  series: number[];
  orientation: 'left' | 'right';
}

/** One Y axis per unit, in order of first appearance; the first on the left, the next on the right, and so on. */
export function axesByUnit(units: readonly string[]): Axis[] {
  const axes: Axis[] = [];
  units.forEach((unit, i) => {
    let axis = axes.find((a) => a.unit === unit);
    if (!axis) {
      axis = { id: `axis-${axes.length}`, unit, series: [], orientation: axes.length % 2 === 0 ? 'left' : 'right' };
      axes.push(axis);
    }
    axis.series.push(i);
  });
  return axes;
}

export interface Band {
  /** Lower edge; undefined = the bottom of the chart. */
  y1?: number;
  /** Upper edge; undefined = the top of the chart. */
  y2?: number;
  state: 'warn' | 'alarm';
}

/** The coloured bands of a rule: alarm beyond the alarm limits, warn between warn and alarm limits. */
export function thresholdBands(limits: Limits | undefined): Band[] {
  if (!limits) return [];
  const bands: Band[] = [];
  const { warnAbove, alarmAbove, warnBelow, alarmBelow } = limits;
  if (alarmAbove !== undefined) bands.push({ y1: alarmAbove, state: 'alarm' });
  if (warnAbove !== undefined && (alarmAbove === undefined || warnAbove < alarmAbove)) bands.push({ y1: warnAbove, ...(alarmAbove !== undefined ? { y2: alarmAbove } : {}), state: 'warn' });
  if (alarmBelow !== undefined) bands.push({ y2: alarmBelow, state: 'alarm' });
  if (warnBelow !== undefined && (alarmBelow === undefined || warnBelow > alarmBelow)) bands.push({ ...(alarmBelow !== undefined ? { y1: alarmBelow } : {}), y2: warnBelow, state: 'warn' });
  return bands;
}

/** The state of one value under a rule (the same order of checks as the core's thresholds). */
export function valueState(value: number, limits: Limits | undefined): 'ok' | 'warn' | 'alarm' {
  if (!limits) return 'ok';
  if (limits.alarmAbove !== undefined && value > limits.alarmAbove) return 'alarm';
  if (limits.alarmBelow !== undefined && value < limits.alarmBelow) return 'alarm';
  if (limits.warnAbove !== undefined && value > limits.warnAbove) return 'warn';
  if (limits.warnBelow !== undefined && value < limits.warnBelow) return 'warn';
  return 'ok';
}

const rank: Record<MetricStatus, number> = { ok: 0, stale: 1, warn: 2, alarm: 3 };
export const worse = (a: MetricStatus, b: MetricStatus): MetricStatus => (rank[b] > rank[a] ? b : a);

/** A bucket's state judged on its envelope: a spike inside the bucket counts even when the mean does not cross. */
export const bucketState = (p: Pick<Bucket, 'min' | 'max'>, limits: Limits | undefined): 'ok' | 'warn' | 'alarm' =>
  worse(valueState(p.max, limits), valueState(p.min, limits)) as 'ok' | 'warn' | 'alarm';

export interface StateSegment {
  from: number;
  to: number;
  state: MetricStatus;
}

/**
 * A series as states over [from, to): each bucket's state holds until the next bucket; no data for longer
 * than the gap threshold (and before the first bucket, and after the last up to `until`) is stale.
 * Neighbours with the same state merge.
 */
export function stateSegments(points: readonly Bucket[], step: number, limits: Limits | undefined, range: { from: number; to: number }, until = range.to, staleAfterMs?: number): StateSegment[] {
  const threshold = gapThreshold(points, step, staleAfterMs);
  const spacing = expectedSpacing(points, step);
  const out: StateSegment[] = [];
  const push = (from: number, to: number, state: MetricStatus) => {
    const a = Math.max(from, range.from);
    const b = Math.min(to, range.to);
    if (b <= a) return;
    const last = out[out.length - 1];
    if (last && last.state === state && last.to >= a) last.to = Math.max(last.to, b);
    else out.push({ from: a, to: b, state });
  };
  let cursor = range.from;
  for (let k = 0; k < points.length; k++) {
    const p = points[k]!;
    if (p.t > cursor) push(cursor, p.t, 'stale');
    const next = points[k + 1];
    // Its state holds until the next bucket; across a gap, or after the last one when `until` is far past it,
    // for one normal spacing — then the series is stale.
    const end = next ? (next.t - p.t <= threshold ? next.t : p.t + spacing) : until - p.t <= threshold ? Math.max(until, p.t + step) : p.t + spacing;
    push(p.t, end, bucketState(p, limits));
    cursor = Math.max(cursor, end);
  }
  if (cursor < Math.min(until, range.to)) push(cursor, Math.min(until, range.to), 'stale');
  return out;
}

/** Lowest and highest value the buckets reach (their envelopes), or null with no data. */
export function extent(series: readonly { points: readonly Bucket[] }[]): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series)
    for (const p of s.points) {
      if (p.min < min) min = p.min;
      if (p.max > max) max = p.max;
    }
  return min <= max ? { min, max } : null;
}
