import { describe, expect, it } from 'vitest';
import type { Threshold } from '../../preload/contract/index.ts';
import {
  axesByUnit,
  bucketState,
  chartRows,
  expectedSpacing,
  extent,
  gapThreshold,
  nearestPoint,
  splitRuns,
  stateSegments,
  thresholdBands,
  valueState,
  type Bucket,
} from '../../renderer/src/lib/chart-data.ts';
import { evaluate } from '../../renderer/src/lib/thresholds.ts';

const pt = (t: number, avg: number, min = avg, max = avg): Bucket => ({ t, min, max, avg });
const MIN = 60_000;

describe('gaps', () => {
  it('the normal spacing is the bucket width, or the median spacing when a series reports less often', () => {
    const everyBucket = [0, 1, 2, 3, 4].map((i) => pt(i * MIN, 1));
    expect(expectedSpacing(everyBucket, MIN)).toBe(MIN);
    // Raw query at 1 s buckets of a sensor that reports every 10 s, with one 2-minute hole.
    const sparse = [0, 10, 20, 30, 150, 160, 170].map((s) => pt(s * 1000, 1));
    expect(expectedSpacing(sparse, 1000)).toBe(10_000);
    expect(gapThreshold(sparse, 1000)).toBe(30_000);
  });

  it('with a known stale time, a gap is a stretch the console would have shown stale (but at least 3 buckets)', () => {
    // History every 60 s, then live readings every 5 s: with the stale time (90 s) neither cadence breaks the line.
    const mixed = [...[0, 60, 120, 180].map((s) => pt(s * 1000, 1)), ...Array.from({ length: 40 }, (_, i) => pt(185_000 + i * 5000, 1))];
    expect(gapThreshold(mixed, 1000, 90_000)).toBe(90_000);
    expect(chartRows([{ points: mixed, staleAfterMs: 90_000 }], 1000).every((r) => r.v0 !== null)).toBe(true);
    // Without it, the median spacing (5 s) makes each 60 s step of history a gap.
    expect(chartRows([{ points: mixed }], 1000).some((r) => r.v0 === null)).toBe(true);
    // Buckets wider than the stale time: 3 buckets.
    expect(gapThreshold(mixed, 600_000, 90_000)).toBe(1_800_000);
  });

  it('splits a series where points are further apart than the threshold', () => {
    const pts = [0, 1, 2, 10, 11].map((i) => pt(i * MIN, i));
    const runs = splitRuns(pts, 3 * MIN);
    expect(runs.map((r) => r.map((p) => p.t / MIN))).toEqual([
      [0, 1, 2],
      [10, 11],
    ]);
    expect(splitRuns([], MIN)).toEqual([]);
  });
});

describe('chart rows', () => {
  it('one series with a long hole gets a null row inside the hole, so the line breaks there', () => {
    const pts = [0, 1, 2, 3, 10, 11, 12].map((i) => pt(i * MIN, i, i - 0.5, i + 0.5));
    const rows = chartRows([{ points: pts }], MIN);
    const nulls = rows.filter((r) => r.v0 === null);
    expect(nulls).toHaveLength(1);
    expect(nulls[0]!.t).toBeGreaterThan(3 * MIN);
    expect(nulls[0]!.t).toBeLessThan(10 * MIN);
    expect(nulls[0]!.b0).toBeNull();
    // Every real bucket is there with its mean and envelope.
    expect(rows.filter((r) => r.v0 !== null).map((r) => [r.t / MIN, r.v0, r.b0])).toEqual(pts.map((p) => [p.t / MIN, p.avg, [p.min, p.max]]));
  });

  it('a short hole (within 3 steps) is bridged: no null row', () => {
    const pts = [0, 1, 3, 4].map((i) => pt(i * MIN, i));
    const rows = chartRows([{ points: pts }], MIN);
    expect(rows.every((r) => r.v0 !== null)).toBe(true);
  });

  it('two series reporting at different times share rows: between close points a series is interpolated, not broken', () => {
    const a = [0, 10, 20, 30].map((s) => pt(s * 1000, s)); // value = seconds
    const b = [5, 15, 25].map((s) => pt(s * 1000, 100));
    const rows = chartRows([{ points: a }, { points: b }], 1000);
    expect(rows.map((r) => r.t / 1000)).toEqual([0, 5, 10, 15, 20, 25, 30]);
    const at5 = rows.find((r) => r.t === 5000)!;
    expect(at5.v0).toBeCloseTo(5); // halfway between 0 and 10
    expect(at5.v1).toBe(100);
    // Before b's first point and after its last there is no line for b.
    expect(rows[0]!.v1).toBeNull();
    expect(rows[rows.length - 1]!.v1).toBeNull();
  });

  it('an interpolated value never bridges a real gap of that series', () => {
    const a = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => pt(i * MIN, 1));
    const b = [0, 1, 2, 7, 8].map((i) => pt(i * MIN, 2));
    const rows = chartRows([{ points: a }, { points: b }], MIN);
    for (const i of [3, 4, 5, 6]) expect(rows.find((r) => r.t === i * MIN)!.v1).toBeNull();
    expect(rows.find((r) => r.t === 7 * MIN)!.v1).toBe(2);
  });
});

describe('nearest point (tooltips show stored values)', () => {
  const pts = [0, 10, 20].map((s) => pt(s * 1000, s));
  it('finds the closest bucket within reach, or none', () => {
    expect(nearestPoint(pts, 12_000, 5_000)?.avg).toBe(10);
    expect(nearestPoint(pts, 16_000, 5_000)?.avg).toBe(20);
    expect(nearestPoint(pts, -3_000, 5_000)?.avg).toBe(0);
    expect(nearestPoint(pts, 40_000, 5_000)).toBeUndefined();
    expect(nearestPoint([], 0, 5_000)).toBeUndefined();
  });
});

describe('axes', () => {
  it('one axis per unit, in order of appearance, alternating sides', () => {
    const axes = axesByUnit(['°C', '%', '°C', 'bit/s']);
    expect(axes.map((a) => [a.unit, a.series, a.orientation])).toEqual([
      ['°C', [0, 2], 'left'],
      ['%', [1], 'right'],
      ['bit/s', [3], 'left'],
    ]);
    expect(new Set(axes.map((a) => a.id)).size).toBe(3);
  });
});

describe('thresholds', () => {
  it('bands: alarm beyond the alarm limit, warn between warn and alarm limits, open-ended at the chart edge', () => {
    expect(thresholdBands({ warnAbove: 30, alarmAbove: 35 })).toEqual([
      { y1: 35, state: 'alarm' },
      { y1: 30, y2: 35, state: 'warn' },
    ]);
    expect(thresholdBands({ warnBelow: 5, alarmBelow: 0 })).toEqual([
      { y2: 0, state: 'alarm' },
      { y1: 0, y2: 5, state: 'warn' },
    ]);
    expect(thresholdBands({ warnAbove: 30 })).toEqual([{ y1: 30, state: 'warn' }]);
    expect(thresholdBands(undefined)).toEqual([]);
  });

  it('judges a value the same way as the site rules do', () => {
    const rule: Threshold = { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 };
    for (const v of [-1, 0, 2, 5, 20, 30, 31, 35, 36]) expect(valueState(v, rule)).toBe(evaluate([rule], 'd', 'temperature', v).state);
  });

  it('a bucket whose envelope crosses a limit counts, even when its mean does not', () => {
    expect(bucketState({ min: 20, max: 36 }, { warnAbove: 30, alarmAbove: 35 })).toBe('alarm');
    expect(bucketState({ min: -2, max: 10 }, { warnBelow: 5 })).toBe('warn');
    expect(bucketState({ min: 20, max: 25 }, { warnAbove: 30 })).toBe('ok');
  });
});

describe('state timeline', () => {
  const limits = { warnAbove: 30, alarmAbove: 35 };
  it('states hold from bucket to bucket, merge when equal, and missing data is stale', () => {
    const pts = [pt(0, 20), pt(MIN, 21), pt(2 * MIN, 32), pt(3 * MIN, 40), pt(10 * MIN, 20), pt(11 * MIN, 20)];
    const segs = stateSegments(pts, MIN, limits, { from: 0, to: 12 * MIN });
    expect(segs.map((s) => [s.from / MIN, s.to / MIN, s.state])).toEqual([
      [0, 2, 'ok'],
      [2, 3, 'warn'],
      [3, 4, 'alarm'],
      [4, 10, 'stale'],
      [10, 12, 'ok'],
    ]);
  });

  it('before the first bucket and long after the last one the series is stale; segments cover the range exactly', () => {
    const pts = [pt(5 * MIN, 20), pt(6 * MIN, 20)];
    const segs = stateSegments(pts, MIN, limits, { from: 0, to: 20 * MIN });
    expect(segs.map((s) => [s.from / MIN, s.to / MIN, s.state])).toEqual([
      [0, 5, 'stale'],
      [5, 7, 'ok'],
      [7, 20, 'stale'],
    ]);
  });

  it('with no data at all the whole range is stale', () => {
    expect(stateSegments([], MIN, limits, { from: 0, to: 10 })).toEqual([{ from: 0, to: 10, state: 'stale' }]);
  });
});

describe('extent', () => {
  it('spans the envelopes of every series', () => {
    expect(extent([{ points: [pt(0, 5, 1, 9)] }, { points: [pt(0, 0, -3, 2)] }])).toEqual({ min: -3, max: 9 });
    expect(extent([{ points: [] }])).toBeNull();
  });
});
