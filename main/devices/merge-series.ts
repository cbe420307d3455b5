import type { Db } from '../store/db.ts';
import { TierWriter } from '../store/tier-writer.ts';

const HOUR = 3_600_000;

/**
 * Move every series of `from` to `into` (inside the caller's transaction). A metric only `from` has is
 * reassigned as it is (its id, blocks and rollups stay). A metric both have is merged into `into`'s
 * series: the raw readings go through the tier writer (duplicates of the same millisecond dropped, the
 * minute and hour rollups rebuilt for them), and the rollups of hours older than `from`'s oldest raw
 * reading — history raw retention already pruned — are added to `into`'s rollups. Then `from`'s series
 * is deleted.
 */
export function mergeSeriesInto(db: Db, from: string, into: string): { moved: number; merged: number } {
  const fromSeries = db.prepare<[string], { id: number; metric: string; unit: string }>('SELECT id, metric, unit FROM series WHERE device_id = ?').all(from);
  const intoByMetric = new Map(db.prepare<[string], { id: number; metric: string }>('SELECT id, metric FROM series WHERE device_id = ?').all(into).map((r) => [r.metric, r.id]));
  let moved = 0;
  let merged = 0;
  const tiers = new TierWriter(db);
  for (const s of fromSeries) {
    const target = intoByMetric.get(s.metric);
    if (target === undefined) {
      db.prepare('UPDATE series SET device_id = ? WHERE id = ?').run(into, s.id);
      moved++;
      continue;
    }
    merged++;
    const raw = db.prepare<[number], { ts: number; value: number }>('SELECT ts, value FROM readings WHERE series_id = ? ORDER BY ts').all(s.id);
    if (raw.length > 0) {
      const n = raw.length;
      const cols = { series: new Int32Array(n).fill(target), ts: new Float64Array(n), value: new Float64Array(n), length: n };
      raw.forEach((r, i) => {
        cols.ts[i] = r.ts;
        cols.value[i] = r.value;
      });
      tiers.write(cols);
    }
    const firstRaw = raw[0]?.ts ?? Number.POSITIVE_INFINITY;
    mergeOldRollups(db, s.id, target, firstRaw);
    deleteSeriesData(db, s.id);
    db.prepare('DELETE FROM series WHERE id = ?').run(s.id);
  }
  return { moved, merged };
}

type MinuteEntry = [m: number, min: number, max: number, sum: number, count: number, last: number, lastDt: number];

/**
 * Aggregates of periods that end at or before `before` (no raw readings left for them) added into `to`'s:
 * hour rollups are combined; minute aggregates are combined where stored as minute blocks, and in any
 * other aggregate table a period `to` has no row for is handed over as it is (one `to` already has wins).
 */
function mergeOldRollups(db: Db, from: number, to: number, before: number): void {
  const limit = Number.isFinite(before) ? before : Number.MAX_SAFE_INTEGER;
  const tables = seriesTables(db);
  if (tables.includes('rollup_1h')) {
    db.prepare(
      `INSERT INTO rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts)
         SELECT ?, bucket, min, max, sum, count, last, last_ts FROM rollup_1h WHERE series_id = ? AND bucket + ${HOUR} <= ?
       ON CONFLICT DO UPDATE SET min = min(rollup_1h.min, excluded.min), max = max(rollup_1h.max, excluded.max), sum = rollup_1h.sum + excluded.sum,
         count = rollup_1h.count + excluded.count, last = CASE WHEN excluded.last_ts >= rollup_1h.last_ts THEN excluded.last ELSE rollup_1h.last END, last_ts = max(rollup_1h.last_ts, excluded.last_ts)`,
    ).run(to, from, limit);
  }
  if (tables.includes('minute_blocks')) {
    const blocks = db.prepare<[number, number], { start: number; data: string }>(`SELECT start, data FROM minute_blocks WHERE series_id = ? AND start + ${HOUR} <= ?`).all(from, limit);
    const get = db.prepare<[number, number], { data: string }>('SELECT data FROM minute_blocks WHERE series_id = ? AND start = ?');
    const put = db.prepare<[number, number, string]>('INSERT INTO minute_blocks (series_id, start, data) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data');
    for (const b of blocks) {
      const mine = get.get(to, b.start);
      put.run(to, b.start, mine ? JSON.stringify(mergeMinuteEntries(parseEntries(mine.data), parseEntries(b.data))) : b.data);
    }
  }
  for (const t of tables) {
    if (t === 'rollup_1h' || t === 'minute_blocks') continue;
    const cols = columnsOf(db, t);
    const time = cols.includes('start') ? 'start' : cols.includes('bucket') ? 'bucket' : undefined;
    if (!time) continue;
    db.prepare(`UPDATE OR IGNORE "${t}" SET series_id = ? WHERE series_id = ? AND ${time} + ${HOUR} <= ?`).run(to, from, limit);
  }
}

function columnsOf(db: Db, table: string): string[] {
  return db.prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table.replace(/'/g, "''")}')`).all().map((c) => c.name);
}

function parseEntries(text: string): MinuteEntry[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v.filter((e) => Array.isArray(e) && e.length === 7 && e.every((x) => typeof x === 'number')) as MinuteEntry[]) : [];
  } catch {
    return [];
  }
}

/** Two hours of minute aggregates as one: per minute min of mins, max of maxes, sums and counts added, the later last. */
export function mergeMinuteEntries(a: readonly MinuteEntry[], b: readonly MinuteEntry[]): MinuteEntry[] {
  const byMinute = new Map<number, MinuteEntry>();
  for (const e of a) byMinute.set(e[0], [...e]);
  for (const e of b) {
    const had = byMinute.get(e[0]);
    if (!had) {
      byMinute.set(e[0], [...e]);
      continue;
    }
    const laterIsB = e[6] >= had[6];
    byMinute.set(e[0], [e[0], Math.min(had[1], e[1]), Math.max(had[2], e[2]), had[3] + e[3], had[4] + e[4], laterIsB ? e[5] : had[5], Math.max(had[6], e[6])]);
  }
  return [...byMinute.values()].sort((x, y) => x[0] - y[0]);
}

/** Every table holding a series' readings or rollups (raw blocks, minute blocks, hours…): found by their series_id column. */
export function seriesTables(db: Db): string[] {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('series') AND name NOT LIKE 'sqlite_%'").all();
  return tables.filter((t) => columnsOf(db, t.name).includes('series_id')).map((t) => t.name);
}

/** Delete everything stored for one series; returns how many raw readings went. */
export function deleteSeriesData(db: Db, seriesId: number): number {
  const readings = (db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM readings WHERE series_id = ?').get(seriesId)?.n ?? 0) as number;
  for (const t of seriesTables(db)) db.prepare(`DELETE FROM "${t.replace(/"/g, '""')}" WHERE series_id = ?`).run(seriesId);
  return readings;
}
