import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/db.ts';
import { ReadingWriter, SeriesRepo } from '../../../main/store/readings-repo.ts';
import { RetentionJob } from '../../../main/store/retention.ts';
import { mergeSeriesTiers } from '../../../main/store/series-merge.ts';
import { SeriesQuery } from '../../../main/store/series-query.ts';
import { closeTo, ReadingModel } from './tier-model.ts';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1, 0, 3, 7);

describe('merging two series', () => {
  it('raw readings deduplicated, pruned windows’ minutes folded, hours exact where minutes remain', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('a', 'other', 'm', 'sim', 0, 0), ('b', 'other', 'm', 'sim', 0, 0)").run();
    const series = new SeriesRepo(db);
    const into = series.resolve('a', 'temperature', '°C').id;
    const from = series.resolve('b', 'temperature', '°C').id;
    const w = new ReadingWriter(db);
    const truth = new ReadingModel();
    const add = (s: number, ts: number, v: number) => {
      w.add(s, ts, v);
      if (s === into) truth.add(into, ts, v);
    };
    for (let ts = T0; ts < T0 + 3 * DAY; ts += 10_000) add(into, ts, Math.round(Math.sin(ts / 1e7) * 1000) / 10);
    const fromReadings: [number, number][] = [];
    for (let ts = T0 + 5_000; ts < T0 + 3 * DAY; ts += 10_000) fromReadings.push([ts, Math.round(Math.cos(ts / 1e7) * 1000) / 10]);
    // The same millisecond as `into` has, in the part raw retention keeps: `into`'s reading stands.
    for (let ts = T0 + 2.5 * DAY; ts < T0 + 2.5 * DAY + 500_000; ts += 10_000) fromReadings.push([ts, 999]);
    for (const [ts, v] of fromReadings) w.add(from, ts, v);
    w.flush();
    for (const [ts, v] of fromReadings) truth.add(into, ts, v);
    const now = T0 + 3 * DAY;
    new RetentionJob(db, () => ({ rawDays: 1, minuteDays: 2, hourDays: null }), () => now).run();

    const moved = db.transaction(() => mergeSeriesTiers(db, from, into))();
    const cut = { raw: now - DAY, minute: now - 2 * DAY };
    expect(moved.readings).toBe(fromReadings.filter(([ts]) => ts >= cut.raw).length);
    expect(new SeriesQuery(db).raw(into, 0, Number.MAX_SAFE_INTEGER, 1e9)).toEqual(truth.sorted(into, cut.raw));
    for (const [table, size, keep] of [
      ['rollup_1m', 60_000, cut.minute],
      ['rollup_1h', 3_600_000, -Infinity],
    ] as const) {
      const rows = db.prepare<[number], { bucket: number; min: number; max: number; sum: number; count: number; last: number; last_ts: number }>(`SELECT * FROM ${table} WHERE series_id = ? ORDER BY bucket`).all(into);
      const want = [...truth.buckets(into, size).entries()].filter(([b]) => b + size > keep).sort((a, b) => a[0] - b[0]);
      expect(rows.map((r) => r.bucket)).toEqual(want.map(([b]) => b));
      rows.forEach((r, i) => {
        const x = want[i]![1];
        expect([r.min, r.max, r.count, r.last, r.last_ts], `${table} @${r.bucket}`).toEqual([x.min, x.max, x.count, x.last, x.lastTs]);
        expect(closeTo(r.sum, x.sum)).toBe(true);
      });
    }
    expect(db.prepare('SELECT count(*) AS n FROM series_blocks WHERE series_id = ?').get(from)).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM rollup_1h WHERE series_id = ?').get(from)).toEqual({ n: 0 });
  });
});
