import type { Db } from './db.ts';
import { HOUR_MS, MINUTE_MS, RAW_BLOCK_MS, alignDown, tierState, type BlockCache, type MinuteEntry, type TierState } from './tiers.ts';

/** Readings as parallel columns (no object per reading: the ingest path is benchmarked). */
export interface ReadingColumns {
  readonly series: Int32Array;
  readonly ts: Float64Array;
  readonly value: Float64Array;
  readonly length: number;
}

export interface TierWriteResult {
  inserted: number;
  /** Same series and timestamp as a stored reading, or as an earlier one in the batch: the first one stands. */
  duplicates: number;
  /** Older than what raw retention has already pruned: it may be a re-sent reading whose twin is gone, so it is refused. */
  expired: number;
  /** Not a finite value, or not a whole-millisecond timestamp. */
  invalid: number;
}

/** Growable columns that collect the readings actually inserted, for listeners (the forwarder). */
export class InsertedReadings implements ReadingColumns {
  series = new Int32Array(1024);
  ts = new Float64Array(1024);
  value = new Float64Array(1024);
  length = 0;

  push(s: number, t: number, v: number): void {
    if (this.length === this.series.length) {
      const cap = this.length * 2;
      const series = new Int32Array(cap);
      series.set(this.series);
      const ts = new Float64Array(cap);
      ts.set(this.ts);
      const value = new Float64Array(cap);
      value.set(this.value);
      this.series = series;
      this.ts = ts;
      this.value = value;
    }
    this.series[this.length] = s;
    this.ts[this.length] = t;
    this.value[this.length] = v;
    this.length++;
  }
}

interface HourAgg {
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastTs: number;
}

/**
 * Writes a batch into all three tiers. Must run inside a transaction (ReadingWriter.flush): the rollups
 * only ever count readings this call actually stored, so a duplicate or a replayed batch never counts twice.
 * Readings of one series are handled in timestamp order, so a late or out-of-order reading lands in its own
 * raw block, minute and hour like any other.
 */
export class TierWriter {
  private readonly state: TierState;
  private readonly getBlock;
  private readonly putBlock;
  private readonly mergeHour;
  /** Reused per block: one minute aggregate per 7 slots (minute start, min, max, sum, count, last, lastTs). */
  private aggs = new Float64Array(7 * 16);
  /** false: raw readings only (a merge folding rollups it already has); set per write(). */
  private rollups = true;

  constructor(db: Db) {
    this.state = tierState(db);
    this.getBlock = db.prepare<[number, number], { count: number; last_ts: number; minutes: string; data: string | null }>(
      'SELECT count, last_ts, minutes, data FROM series_blocks WHERE start = ? AND series_id = ?',
    );
    this.putBlock = db.prepare<[number, number, number, number, string, string]>(
      `INSERT INTO series_blocks (start, series_id, count, last_ts, minutes, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(start, series_id) DO UPDATE SET count = excluded.count, last_ts = excluded.last_ts, minutes = excluded.minutes, data = excluded.data`,
    );
    this.mergeHour = db.prepare<[number, number, number, number, number, number, number, number]>(
      `INSERT INTO rollup_1h (bucket, series_id, min, max, sum, count, last, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(bucket, series_id) DO UPDATE SET min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum,
         count = count + excluded.count, last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END, last_ts = max(last_ts, excluded.last_ts)`,
    );
  }

  /**
   * Store `batch`; when `inserted` is given, every reading actually stored is appended to it. On an exception
   * the caller's transaction rolls back and the caches are cleared here, so memory never disagrees with disk.
   */
  write(batch: ReadingColumns, inserted?: InsertedReadings, options: { rollups?: boolean } = {}): TierWriteResult {
    try {
      this.rollups = options.rollups ?? true;
      return this.writeAll(batch, inserted);
    } catch (error) {
      this.state.clearCaches();
      throw error;
    }
  }

  private writeAll(batch: ReadingColumns, inserted: InsertedReadings | undefined): TierWriteResult {
    const result: TierWriteResult = { inserted: 0, duplicates: 0, expired: 0, invalid: 0 };
    const { series, ts, value, length } = batch;
    const floor = this.state.prunedBefore.raw;
    // Group by series, keeping arrival order (the first of two equal timestamps stands).
    const groups = new Map<number, number[]>();
    for (let i = 0; i < length; i++) {
      const t = ts[i]!;
      const v = value[i]!;
      if (!Number.isSafeInteger(t) || !Number.isFinite(v)) {
        result.invalid++;
        continue;
      }
      if (t < floor) {
        result.expired++;
        continue;
      }
      const s = series[i]!;
      let g = groups.get(s);
      if (!g) groups.set(s, (g = []));
      g.push(i);
    }
    for (const [s, idx] of groups) {
      let sorted = true;
      for (let k = 1; k < idx.length; k++) {
        if (ts[idx[k]!]! < ts[idx[k - 1]!]!) {
          sorted = false;
          break;
        }
      }
      if (!sorted) idx.sort((a, b) => ts[a]! - ts[b]! || a - b);
      this.writeSeries(s, idx, batch, result, inserted);
    }
    return result;
  }

  /**
   * One series' readings, sorted by timestamp, window by window: merge into the block's raw entries, fold
   * what was stored into its minutes, write the block once, and add the same to the hour rows.
   */
  private writeSeries(s: number, idx: number[], batch: ReadingColumns, result: TierWriteResult, inserted: InsertedReadings | undefined): void {
    const { ts, value } = batch;
    let hour: HourAgg | undefined;
    let k = 0;
    while (k < idx.length) {
      const start = alignDown(ts[idx[k]!]!, RAW_BLOCK_MS);
      let end = k + 1;
      while (end < idx.length && ts[idx[end]!]! < start + RAW_BLOCK_MS) end++;
      const block = this.block(s, start);
      const fresh = this.mergeRaw(block, idx, k, end, batch);
      result.inserted += fresh.length;
      result.duplicates += end - k - fresh.length;
      k = end;
      if (fresh.length === 0) continue;
      if (!this.rollups) {
        this.putBlock.run(block.start, s, block.count, block.lastTs, JSON.stringify(block.minutes), `[${block.text}]`);
        for (const i of fresh) inserted?.push(s, ts[i]!, value[i]!);
        continue;
      }
      // Minute aggregates of what was stored (timestamps ascend, so minutes arrive in order).
      let n = 0;
      const a = this.aggs;
      for (const i of fresh) {
        const t = ts[i]!;
        const v = value[i]!;
        const m = alignDown(t, MINUTE_MS);
        const o = 7 * (n - 1);
        if (n > 0 && a[o] === m) {
          if (v < a[o + 1]!) a[o + 1] = v;
          if (v > a[o + 2]!) a[o + 2] = v;
          a[o + 3] = a[o + 3]! + v;
          a[o + 4] = a[o + 4]! + 1;
          a[o + 5] = v;
          a[o + 6] = t;
        } else {
          const p = 7 * n++;
          a[p] = m;
          a[p + 1] = v;
          a[p + 2] = v;
          a[p + 3] = v;
          a[p + 4] = 1;
          a[p + 5] = v;
          a[p + 6] = t;
        }
        inserted?.push(s, t, v);
      }
      for (let j = 0; j < n; j++) {
        const o = 7 * j;
        const m = a[o]!;
        mergeMinute(block.minutes, (m - start) / MINUTE_MS, a[o + 1]!, a[o + 2]!, a[o + 3]!, a[o + 4]!, a[o + 5]!, a[o + 6]! - m);
        const h = alignDown(m, HOUR_MS);
        if (hour && hour.bucket !== h) {
          this.writeHour(s, hour);
          hour = undefined;
        }
        hour ??= { bucket: h, min: Infinity, max: -Infinity, sum: 0, count: 0, last: 0, lastTs: -Infinity };
        if (a[o + 1]! < hour.min) hour.min = a[o + 1]!;
        if (a[o + 2]! > hour.max) hour.max = a[o + 2]!;
        hour.sum += a[o + 3]!;
        hour.count += a[o + 4]!;
        if (a[o + 6]! >= hour.lastTs) {
          hour.lastTs = a[o + 6]!;
          hour.last = a[o + 5]!;
        }
      }
      this.putBlock.run(block.start, s, block.count, block.lastTs, JSON.stringify(block.minutes), `[${block.text}]`);
    }
    if (hour) this.writeHour(s, hour);
  }

  private writeHour(s: number, h: HourAgg): void {
    this.mergeHour.run(h.bucket, s, h.min, h.max, h.sum, h.count, h.last, h.lastTs);
  }

  /**
   * Merge readings idx[from..to) (sorted, one window) into a block's raw entries. Returns the indexes stored.
   * Appending after the block's newest reading (the usual case) only extends its text; anything else re-sorts it.
   */
  private mergeRaw(block: BlockCache, idx: number[], from: number, to: number, batch: ReadingColumns): number[] {
    const { ts, value } = batch;
    const fresh: number[] = [];
    if (block.count === 0 || ts[idx[from]!]! > block.lastTs) {
      // Everything lands after the block's newest reading: extend its text (equal timestamps are duplicates).
      let text = block.text;
      let count = block.count;
      let last = block.lastTs;
      for (let k = from; k < to; k++) {
        const i = idx[k]!;
        const t = ts[i]!;
        if (count > 0 && t === last) continue;
        text += `${count === 0 ? '' : ','}[${t - block.start},${value[i]!}]`;
        count++;
        last = t;
        fresh.push(i);
      }
      block.text = text;
      block.count = count;
      block.lastTs = last;
      return fresh;
    }
    // Some readings fall at or before the block's newest one (late, out of order, or duplicates): re-sort it.
    const byDt = new Map<number, number>();
    for (const e of JSON.parse(`[${block.text}]`) as [number, number][]) byDt.set(e[0], e[1]);
    for (let k = from; k < to; k++) {
      const i = idx[k]!;
      const dt = ts[i]! - block.start;
      if (byDt.has(dt)) continue;
      byDt.set(dt, value[i]!);
      fresh.push(i);
    }
    if (fresh.length === 0) return fresh;
    const dts = [...byDt.keys()].sort((a, b) => a - b);
    let text = '';
    for (let j = 0; j < dts.length; j++) text += `${j === 0 ? '' : ','}[${dts[j]!},${byDt.get(dts[j]!)!}]`;
    block.text = text;
    block.count = dts.length;
    block.lastTs = block.start + dts[dts.length - 1]!;
    return fresh;
  }

  /** The block for (series, window): the cached newest one, or read from disk (and cached when it is the newest). */
  private block(s: number, start: number): BlockCache {
    const cached = this.state.blocks.get(s);
    if (cached?.start === start) return cached;
    const row = this.getBlock.get(start, s);
    const block: BlockCache = row
      ? { start, text: row.data === null ? '' : row.data.slice(1, -1), count: row.data === null ? 0 : row.count, lastTs: row.last_ts, minutes: JSON.parse(row.minutes) as MinuteEntry[] }
      : { start, text: '', count: 0, lastTs: start - 1, minutes: [] };
    if (!cached || start > cached.start) this.state.blocks.set(s, block);
    return block;
  }
}

/** Fold one minute's aggregate into a block's sorted minute list. */
function mergeMinute(entries: MinuteEntry[], m: number, min: number, max: number, sum: number, count: number, last: number, lastDt: number): void {
  let pos = entries.length;
  // Usually the newest minute or the one after it: search from the end.
  while (pos > 0 && entries[pos - 1]![0] > m) pos--;
  const e = pos > 0 ? entries[pos - 1] : undefined;
  if (e && e[0] === m) {
    if (min < e[1]) e[1] = min;
    if (max > e[2]) e[2] = max;
    e[3] += sum;
    e[4] += count;
    if (lastDt >= e[6]) {
      e[5] = last;
      e[6] = lastDt;
    }
    return;
  }
  entries.splice(pos, 0, [m, min, max, sum, count, last, lastDt]);
}
