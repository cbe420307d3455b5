import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { seededRandom } from '../../../native/sim/random.ts';
import Database from 'better-sqlite3';
import { migrate, openDatabase } from '../../../main/store/db.ts';
import { migrations } from '../../../main/store/migrations.ts';
import { ReadingWriter, SeriesRepo } from '../../../main/store/readings-repo.ts';
import { SeriesQuery } from '../../../main/store/series-query.ts';
import { useTempDirs } from '../../helpers/tmp.ts';
import { closeTo, ReadingModel } from './tier-model.ts';

const before = migrations.filter((m) => m.version < 4);

describe('migration 4: readings move into tiers', () => {
  const tempDir = useTempDirs();

  it('an upgraded site keeps every reading exactly, gets both rollups at once, and keeps ingesting', () => {
    const file = join(tempDir(), 'show.db');
    // A store as earlier builds made it: 4 KB pages, WAL.
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    migrate(old, before);
    expect(old.pragma('page_size', { simple: true })).toBe(4096);
    old.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
    old.prepare("INSERT INTO series (id, device_id, metric, unit) VALUES (1, 'd', 'a', 'u'), (2, 'd', 'b', 'u')").run();
    const insert = old.prepare('INSERT INTO readings (series_id, ts, value) VALUES (?, ?, ?)');
    const model = new ReadingModel();
    const rnd = seededRandom(99);
    const t0 = Date.UTC(2025, 11, 30, 22, 59, 1);
    for (let i = 0; i < 3000; i++) {
      const s = 1 + (i % 2);
      const ts = t0 + Math.floor(rnd() * 2 * 86_400_000);
      const v = rnd() < 0.5 ? Math.round(rnd() * 400) / 10 : 0.1 + rnd() * 1e-7; // short decimals and full 17-digit doubles
      if (model.add(s, ts, v)) insert.run(s, ts, v);
    }
    old.prepare("INSERT INTO settings (key, value) VALUES ('settings.telemetry', ?)").run(JSON.stringify({ staleAfterS: 300, rawRetentionDays: 45 }));
    old.close();

    const db = openDatabase(file);
    // Rebuilt with the store's page size, so the blocks need no overflow pages.
    expect(db.pragma('page_size', { simple: true })).toBe(16_384);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    for (const s of [1, 2]) {
      expect(db.prepare('SELECT ts, value FROM readings WHERE series_id = ? ORDER BY ts').all(s)).toEqual(model.sorted(s));
      for (const [table, size] of [
        ['rollup_1m', 60_000],
        ['rollup_1h', 3_600_000],
      ] as const) {
        const rows = db.prepare<[number], { bucket: number; min: number; max: number; sum: number; count: number; last: number; last_ts: number }>(`SELECT * FROM ${table} WHERE series_id = ? ORDER BY bucket`).all(s);
        const want = [...model.buckets(s, size).entries()].sort((a, b) => a[0] - b[0]);
        expect(rows.map((r) => r.bucket)).toEqual(want.map(([b]) => b));
        rows.forEach((r, i) => {
          const w = want[i]![1];
          expect([r.min, r.max, r.count, r.last, r.last_ts]).toEqual([w.min, w.max, w.count, w.last, w.lastTs]);
          expect(closeTo(r.sum, w.sum)).toBe(true);
        });
      }
    }
    // The setting moved: raw keeps what the operator chose, minutes at least 90 days, hours forever.
    const setting = (key: string) => JSON.parse((db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key)?.value ?? 'null')) as unknown;
    expect(setting('settings.telemetry')).toEqual({ staleAfterS: 300 });
    expect(setting('settings.retention')).toEqual({ rawDays: 45, minuteDays: 90, hourDays: null });

    // New readings land in the migrated blocks, duplicates of migrated ones are refused.
    const series = new SeriesRepo(db);
    const w = new ReadingWriter(db);
    const first = model.sorted(1)[0]!;
    w.add(1, first.ts, 123);
    w.add(1, first.ts + 1, 456);
    model.add(1, first.ts + 1, 456);
    w.flush();
    expect(w.duplicates).toBe(1);
    expect(db.prepare('SELECT ts, value FROM readings WHERE series_id = 1 ORDER BY ts').all()).toEqual(model.sorted(1));
    const q = new SeriesQuery(db);
    const plan = q.plan(t0 - 3_600_000, t0 + 3 * 86_400_000, 100);
    expect(q.points(1, plan).reduce((n, p) => n + p.count, 0)).toBe(model.sorted(1).length);
    expect(series.newestPoint(2)).toEqual(model.sorted(2).at(-1));
    db.close();
  });

  it('an untouched database (no stored telemetry settings) gets no retention row: the defaults apply', () => {
    const file = join(tempDir(), 'show.db');
    openDatabase(file, before).close();
    const db = openDatabase(file);
    expect(db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'settings.retention'").get()).toEqual({ n: 0 });
    db.close();
  });
});
