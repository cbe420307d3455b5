import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, openDatabase } from '../../../main/store/db.ts';
import { migrations } from '../../../main/store/migrations.ts';
import { ReadingWriter } from '../../../main/store/readings-repo.ts';
import { SeriesQuery } from '../../../main/store/series-query.ts';
import { seededRandom } from '../../../native/sim/random.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

const upTo5 = migrations.filter((m) => m.version <= 5);

describe('migration 6: time-series blocks stored series by series', () => {
  const tempDir = useTempDirs();

  it('an upgraded store keeps every block byte for byte, reads a series in key order, and keeps ingesting', () => {
    const file = join(tempDir(), 'show.db');
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    migrate(old, upTo5);
    old.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
    for (let s = 1; s <= 3; s++) old.prepare("INSERT INTO series (id, device_id, metric, unit) VALUES (?, 'd', ?, 'u')").run(s, `m${s}`);
    // Three series over two days through the real writer, in time order (as a live site fills it).
    const writer = new ReadingWriter(old);
    const rnd = seededRandom(6);
    const t0 = Date.UTC(2026, 10, 1);
    for (let t = t0; t < t0 + 2 * 86_400_000; t += 30_000) for (let s = 1; s <= 3; s++) writer.add(s, t, Math.round(rnd() * 1000) / 10);
    writer.flush();
    const blocksBefore = old.prepare('SELECT * FROM series_blocks ORDER BY series_id, start').all();
    const readingsBefore = old.prepare('SELECT * FROM readings ORDER BY series_id, ts').all();
    const minutesBefore = old.prepare('SELECT * FROM rollup_1m ORDER BY series_id, bucket').all();
    expect(blocksBefore.length).toBe(3 * 288);
    old.close();

    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    // The old copy's pages went back to the disk (VACUUM once), and the store is in WAL again.
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare('SELECT * FROM series_blocks ORDER BY series_id, start').all()).toEqual(blocksBefore);
    expect(db.prepare('SELECT * FROM readings ORDER BY series_id, ts').all()).toEqual(readingsBefore);
    expect(db.prepare('SELECT * FROM rollup_1m ORDER BY series_id, bucket').all()).toEqual(minutesBefore);
    // One series' range is a primary-key range now (neighbouring rows), and retention's window walk has its index.
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 2, 3) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan('SELECT start, minutes FROM series_blocks WHERE series_id = ? AND start >= ? AND start < ? ORDER BY start')).toMatch(/USING PRIMARY KEY \(series_id=\? AND start>\? AND start<\?\)/);
    expect(plan('SELECT series_id FROM series_blocks WHERE start >= ? AND start <= ? AND series_id <> ?')).toMatch(/USING (COVERING )?INDEX series_blocks_by_start/);

    // Still a working store: a new reading lands in its block, a duplicate is refused, queries see both.
    const w = new ReadingWriter(db);
    w.add(2, t0 + 15_000, 42);
    w.add(2, t0, 1);
    w.flush();
    expect(w.duplicates).toBe(1);
    const q = new SeriesQuery(db);
    const points = q.points(2, q.plan(t0, t0 + 2 * 86_400_000, 500));
    expect(points.reduce((n, p) => n + p.count, 0)).toBe(2 * 2880 + 1);
    db.close();
  });

  it('a new store is made series by series from the start', () => {
    const db = openDatabase(join(tempDir(), 'new.db'));
    const sql = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE name = 'series_blocks'").get()!.sql;
    expect(sql).toMatch(/PRIMARY KEY \(series_id, start\)/);
    db.close();
  });
});
