import type { Db } from './db.ts';
import { HOUR_MS, MINUTE_MS, tierState, type MinuteEntry } from './tiers.ts';
import { TierWriter } from './tier-writer.ts';

/**
 * Move everything stored for series `from` into series `into` (two identities of one sensor merged), then
 * delete `from`'s data. Call inside a transaction, after the writer flushed, and clear the writer's caches
 * after (tierState(db).clearCaches()). Exact wherever the finer tiers still hold the data:
 *
 * - raw readings go through the tier writer (a reading at a millisecond `into` already has is dropped, and
 *   `into`'s minutes and hours gain exactly the ones kept);
 * - minutes that begin before the raw tier is complete (retention pruned some or all of their readings) are
 *   folded into `into`'s minutes as they are (the readings of such a minute that raw still holds are not
 *   replayed, so nothing counts twice);
 * - hours the minute tier still covers are recomputed from `into`'s merged minutes; older hours are folded.
 */
export function mergeSeriesTiers(db: Db, from: number, into: number): { readings: number } {
  const state = tierState(db);
  const blocks = db.prepare<[number], { start: number; minutes: string; data: string | null }>('SELECT start, minutes, data FROM series_blocks WHERE series_id = ? ORDER BY start').all(from);
  const getBlock = db.prepare<[number, number], { minutes: string }>('SELECT minutes FROM series_blocks WHERE start = ? AND series_id = ?');
  const putMinutes = db.prepare<[number, number, string]>(
    'INSERT INTO series_blocks (start, series_id, count, last_ts, minutes, data) VALUES (?, ?, 0, 0, ?, NULL) ON CONFLICT(start, series_id) DO UPDATE SET minutes = excluded.minutes',
  );
  // The first minute whose readings are all still raw.
  const whole = Math.ceil(state.prunedBefore.raw / MINUTE_MS) * MINUTE_MS;
  // Raw readings: through the writer, so duplicates and rollups are handled as for any reading.
  const ts: number[] = [];
  const values: number[] = [];
  const early: [number, number][] = []; // raw, but in the minute the cutoff splits: stored raw-only, its minute is folded below
  for (const b of blocks) {
    if (b.data === null) continue;
    for (const [dt, v] of JSON.parse(b.data) as [number, number][]) {
      if (b.start + dt < whole) early.push([b.start + dt, v]);
      else {
        ts.push(b.start + dt);
        values.push(v);
      }
    }
  }
  const writer = new TierWriter(db);
  const columns = (t: number[], v: number[]) => ({ series: new Int32Array(t.length).fill(into), ts: Float64Array.from(t), value: Float64Array.from(v), length: t.length });
  // The writer refuses readings older than the raw mark; these are stored ones, so they are all newer.
  if (ts.length > 0) writer.write(columns(ts, values));
  if (early.length > 0) writer.write(columns(early.map((e) => e[0]), early.map((e) => e[1])), undefined, { rollups: false });
  // Minutes that raw readings cannot rebuild whole.
  for (const b of blocks) {
    if (b.start >= whole) continue;
    const old = (JSON.parse(b.minutes) as MinuteEntry[]).filter((e) => b.start + e[0] * MINUTE_MS < whole);
    if (old.length === 0) continue;
    const mine = getBlock.get(b.start, into);
    putMinutes.run(b.start, into, JSON.stringify(mergeMinuteEntries(mine ? (JSON.parse(mine.minutes) as MinuteEntry[]) : [], old)));
  }
  // Hours.
  const hours = db.prepare<[number], { bucket: number; min: number; max: number; sum: number; count: number; last: number; last_ts: number }>('SELECT * FROM rollup_1h WHERE series_id = ?').all(from);
  const minutesOf = db.prepare<[number, number, number], { start: number; minutes: string }>('SELECT start, minutes FROM series_blocks WHERE series_id = ? AND start >= ? AND start < ?');
  const replaceHour = db.prepare<[number, number, number, number, number, number, number, number]>(
    'INSERT OR REPLACE INTO rollup_1h (bucket, series_id, min, max, sum, count, last, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const foldHour = db.prepare<[number, number, number, number, number, number, number, number]>(
    `INSERT INTO rollup_1h (bucket, series_id, min, max, sum, count, last, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(bucket, series_id) DO UPDATE SET min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum,
       count = count + excluded.count, last = CASE WHEN excluded.last_ts >= last_ts THEN excluded.last ELSE last END, last_ts = max(last_ts, excluded.last_ts)`,
  );
  for (const h of hours) {
    if (h.bucket >= state.prunedBefore['1m']) {
      let min = Infinity;
      let max = -Infinity;
      let sum = 0;
      let count = 0;
      let last = 0;
      let lastTs = -Infinity;
      for (const b of minutesOf.all(into, h.bucket, h.bucket + HOUR_MS)) {
        for (const e of JSON.parse(b.minutes) as MinuteEntry[]) {
          min = Math.min(min, e[1]);
          max = Math.max(max, e[2]);
          sum += e[3];
          count += e[4];
          const t = b.start + e[0] * MINUTE_MS + e[6];
          if (t >= lastTs) {
            lastTs = t;
            last = e[5];
          }
        }
      }
      if (count > 0) replaceHour.run(h.bucket, into, min, max, sum, count, last, lastTs);
    } else foldHour.run(h.bucket, into, h.min, h.max, h.sum, h.count, h.last, h.last_ts);
  }
  db.prepare('DELETE FROM series_blocks WHERE series_id = ?').run(from);
  db.prepare('DELETE FROM rollup_1h WHERE series_id = ?').run(from);
  state.clearCaches();
  return { readings: ts.length + early.length };
}

/** Two windows' minute aggregates as one: per minute min of mins, max of maxes, sums and counts added, the later last. */
export function mergeMinuteEntries(a: readonly MinuteEntry[], b: readonly MinuteEntry[]): MinuteEntry[] {
  const byMinute = new Map<number, MinuteEntry>();
  for (const e of a) byMinute.set(e[0], [...e]);
  for (const e of b) {
    const had = byMinute.get(e[0]);
    if (!had) byMinute.set(e[0], [...e]);
    else byMinute.set(e[0], [e[0], Math.min(had[1], e[1]), Math.max(had[2], e[2]), had[3] + e[3], had[4] + e[4], e[6] >= had[6] ? e[5] : had[5], Math.max(had[6], e[6])]);
  }
  return [...byMinute.values()].sort((x, y) => x[0] - y[0]);
}
