import type { Db } from './db.ts';
import { MINUTE_MS, RAW_BLOCK_MS, alignDown, tierResolutionMs, tierState, tiers, type MinuteEntry, type TierName, type TierState } from './tiers.ts';

/** One bucket [t, t + step) of a series: the envelope (min, max), the mean and how many readings it holds. */
export interface SeriesPoint {
  t: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

export interface RangePlan {
  tier: TierName;
  /** Bucket width in ms: a whole number of the tier's own buckets, aligned to the epoch. */
  step: number;
  /** First bucket's start (from, aligned down to step). */
  from: number;
  /** End of the last bucket (to, aligned up to step). */
  to: number;
}

/**
 * A tier may answer when its buckets are at most this much wider than the ideal (span / maxPoints): a day at
 * 1000 points then reads 2-minute buckets from the 1-minute tier (720 points) instead of 8 640 raw readings.
 */
const coarserSlack = 1.5;

/**
 * Which tier answers [from, to) in at most maxPoints buckets, and how wide the buckets are. Prefers the
 * coarsest tier fine enough for the requested detail; if that tier was pruned past `from`, a coarser one
 * (kept longer) answers. Pure: `prunedBefore` says from when each tier is complete.
 */
export function planRange(from: number, to: number, maxPoints: number, prunedBefore: Readonly<Record<TierName, number>>): RangePlan {
  const ideal = (to - from) / maxPoints;
  let preferred = 0;
  for (let i = tiers.length - 1; i >= 0; i--) {
    if (tierResolutionMs[tiers[i]!] <= ideal * coarserSlack) {
      preferred = i;
      break;
    }
  }
  let chosen: TierName | undefined;
  for (let i = preferred; i < tiers.length && !chosen; i++) {
    const t = tiers[i]!;
    if (alignDown(from, tierResolutionMs[t]) >= prunedBefore[t]) chosen = t;
  }
  if (!chosen) {
    // No tier covers the whole range: the one that reaches furthest back answers what is left.
    chosen = tiers[preferred]!;
    for (let i = preferred + 1; i < tiers.length; i++) if (prunedBefore[tiers[i]!] < prunedBefore[chosen]) chosen = tiers[i]!;
  }
  const res = tierResolutionMs[chosen];
  let step = res * Math.max(1, Math.ceil(ideal / res));
  const buckets = (w: number) => Math.floor((to - 1) / w) - Math.floor(from / w) + 1;
  // Alignment can add one bucket at the edges: widen by whole tier buckets until it fits.
  while (buckets(step) > maxPoints) step += res * Math.max(1, Math.floor(step / res / 64));
  return { tier: chosen, step, from: alignDown(from, step), to: alignDown(to - 1, step) + step };
}

/** Folds time-ordered buckets into output buckets of `step` ms. */
class Downsampler {
  readonly points: SeriesPoint[] = [];
  private t = NaN;
  private min = 0;
  private max = 0;
  private sum = 0;
  private count = 0;
  private readonly step: number;
  constructor(step: number) {
    this.step = step;
  }

  add(ts: number, min: number, max: number, sum: number, count: number): void {
    const t = alignDown(ts, this.step);
    if (t !== this.t) {
      this.emit();
      this.t = t;
      this.min = min;
      this.max = max;
      this.sum = sum;
      this.count = count;
      return;
    }
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    this.sum += sum;
    this.count += count;
  }

  finish(): SeriesPoint[] {
    this.emit();
    return this.points;
  }

  private emit(): void {
    // A mean is within its envelope; rounding in the sum must not put it a hair outside.
    if (this.count > 0) this.points.push({ t: this.t, min: this.min, max: this.max, avg: Math.min(this.max, Math.max(this.min, this.sum / this.count)), count: this.count });
    this.count = 0;
  }
}

/** Range reads over the three tiers (raw blocks, minute blocks, hour rows). */
export class SeriesQuery {
  private readonly state: TierState;
  private readonly rawBlocks;
  private readonly minuteBlocks;
  private readonly hourRows;
  private readonly firstHour;
  private readonly lastBlock;

  constructor(db: Db) {
    this.state = tierState(db);
    // Rows as arrays (raw mode): no object per row on the query path.
    this.rawBlocks = db
      .prepare<[number, number, number], [start: number, data: string | null]>('SELECT start, data FROM series_blocks WHERE series_id = ? AND start >= ? AND start < ? ORDER BY start')
      .raw(true);
    this.minuteBlocks = db
      .prepare<[number, number, number], [start: number, minutes: string]>('SELECT start, minutes FROM series_blocks WHERE series_id = ? AND start >= ? AND start < ? ORDER BY start')
      .raw(true);
    this.hourRows = db
      .prepare<[number, number, number], [bucket: number, min: number, max: number, sum: number, count: number]>(
        'SELECT bucket, min, max, sum, count FROM rollup_1h WHERE series_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket',
      )
      .raw(true);
    this.firstHour = db.prepare<[number], { bucket: number }>('SELECT bucket FROM rollup_1h WHERE series_id = ? ORDER BY bucket LIMIT 1');
    this.lastBlock = db.prepare<[number], { ts: number }>('SELECT last_ts AS ts FROM series_blocks WHERE series_id = ? ORDER BY start DESC LIMIT 1');
  }

  /** From when each tier is complete (what retention has pruned). */
  get prunedBefore(): Readonly<Record<TierName, number>> {
    return this.state.prunedBefore;
  }

  plan(from: number, to: number, maxPoints: number): RangePlan {
    return planRange(from, to, maxPoints, this.state.prunedBefore);
  }

  /** The series' buckets for a plan; empty buckets are left out (a gap, never a line across missing data). */
  points(seriesId: number, plan: RangePlan): SeriesPoint[] {
    const out = new Downsampler(plan.step);
    const { from, to } = plan;
    if (plan.tier === 'raw') {
      for (const [start, data] of this.rawBlocks.iterate(seriesId, alignDown(from, RAW_BLOCK_MS), to)) {
        if (data === null) continue;
        for (const [dt, v] of JSON.parse(data) as [number, number][]) {
          const ts = start + dt;
          if (ts >= from && ts < to) out.add(ts, v, v, v, 1);
        }
      }
    } else if (plan.tier === '1m') {
      for (const [start, minutes] of this.minuteBlocks.iterate(seriesId, alignDown(from, RAW_BLOCK_MS), to)) {
        for (const e of JSON.parse(minutes) as MinuteEntry[]) {
          const bucket = start + e[0] * MINUTE_MS;
          if (bucket >= from && bucket < to) out.add(bucket, e[1], e[2], e[3], e[4]);
        }
      }
    } else {
      for (const [bucket, min, max, sum, count] of this.hourRows.iterate(seriesId, from, to)) out.add(bucket, min, max, sum, count);
    }
    return out.finish();
  }

  /**
   * Every stored raw reading in [from, to), oldest first, at most `limit` (the caller asks for one more than it
   * allows to learn that a range is too big).
   */
  raw(seriesId: number, from: number, to: number, limit: number): { ts: number; value: number }[] {
    const rows: { ts: number; value: number }[] = [];
    for (const [start, data] of this.rawBlocks.iterate(seriesId, alignDown(from, RAW_BLOCK_MS), to)) {
      if (data === null) continue;
      for (const [dt, v] of JSON.parse(data) as [number, number][]) {
        const ts = start + dt;
        if (ts < from || ts >= to) continue;
        rows.push({ ts, value: v });
        if (rows.length >= limit) return rows;
      }
    }
    return rows;
  }

  /**
   * Oldest and newest stored time of a series: the start of its oldest hour (the hour tier is kept longest)
   * and its newest reading (null when nothing is stored).
   */
  extent(seriesId: number): { first: number | null; last: number | null } {
    return { first: this.firstHour.get(seriesId)?.bucket ?? null, last: this.lastBlock.get(seriesId)?.ts ?? null };
  }
}
