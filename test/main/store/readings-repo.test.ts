import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/db.ts';
import { ReadingWriter, SeriesRepo } from '../../../main/store/readings-repo.ts';

function rig() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
  const series = new SeriesRepo(db);
  const count = () => (db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
  return { db, series, count };
}

describe('series', () => {
  it('gives one id per (device, metric) and remembers it after reopen', () => {
    const { db, series } = rig();
    const a = series.resolve('d', 'temperature', '°C');
    expect(series.resolve('d', 'temperature', '°C').id).toBe(a.id);
    expect(series.resolve('d', 'humidity', '%').id).not.toBe(a.id);
    expect(new SeriesRepo(db).resolve('d', 'temperature', '°C').id).toBe(a.id);
  });
});

describe('reading writer', () => {
  it('holds rows until a flush, then writes them all', () => {
    const { db, series, count } = rig();
    const w = new ReadingWriter(db, { maxBatch: 1000 });
    const s = series.resolve('d', 't', 'u');
    for (let i = 0; i < 10; i++) w.add(s.id, 1_000 + i, i);
    expect(count()).toBe(0);
    w.flush();
    expect(count()).toBe(10);
    expect(w.written).toBe(10);
  });

  it('flushes early when a batch is full', () => {
    const { db, series, count } = rig();
    const w = new ReadingWriter(db, { maxBatch: 5 });
    const s = series.resolve('d', 't', 'u');
    for (let i = 0; i < 7; i++) w.add(s.id, 1_000 + i, i);
    expect(count()).toBe(5);
    expect(w.pendingCount).toBe(2);
  });

  it('keeps rows queued when the write fails, and writes them on the next try', () => {
    const { db, series, count } = rig();
    const errors: number[] = [];
    const w = new ReadingWriter(db, { onError: (_e, pending) => errors.push(pending) });
    const s = series.resolve('d', 't', 'u');
    w.add(s.id, 1, 1);
    db.exec('ALTER TABLE series_blocks RENAME TO series_blocks_away');
    w.flush();
    expect(errors).toEqual([1]);
    expect(w.pendingCount).toBe(1);
    db.exec('ALTER TABLE series_blocks_away RENAME TO series_blocks');
    w.flush();
    expect(count()).toBe(1);
    expect(w.pendingCount).toBe(0);
  });

  it('bounds the queue while writes keep failing, dropping the oldest and counting them', () => {
    const { db, series } = rig();
    const w = new ReadingWriter(db, { maxPending: 3, maxBatch: 100 });
    const s = series.resolve('d', 't', 'u');
    db.exec('DROP TABLE series_blocks');
    for (let i = 0; i < 5; i++) w.add(s.id, i, i);
    w.flush();
    expect(w.pendingCount).toBe(3);
    expect(w.dropped).toBe(2);
  });

  it('a second value at the same timestamp is counted as a duplicate and never stored twice (in one batch or across batches)', () => {
    const { db, series } = rig();
    const w = new ReadingWriter(db);
    const s = series.resolve('d', 't', 'u');
    w.add(s.id, 5, 1);
    w.add(s.id, 5, 2);
    w.add(s.id, 6, 3);
    w.flush();
    w.add(s.id, 6, 4);
    w.flush();
    const rows = db.prepare('SELECT ts, value FROM readings WHERE series_id = ? ORDER BY ts').all(s.id);
    expect(rows).toEqual([
      { ts: 5, value: 1 },
      { ts: 6, value: 3 },
    ]);
    expect(w.written).toBe(2);
    expect(w.duplicates).toBe(2);
  });
});

describe('reading writer: tiers and listeners', () => {
  it('a failed flush leaves nothing half-written and the retry stores each reading once, in every tier', () => {
    const { db, series, count } = rig();
    const w = new ReadingWriter(db);
    const s = series.resolve('d', 't', 'u');
    const t0 = Date.UTC(2026, 0, 1);
    w.add(s.id, t0, 1);
    w.flush();
    w.add(s.id, t0 + 1000, 2);
    // The hour tier is written last in a flush: breaking it makes the transaction fail after the blocks were updated.
    db.exec('ALTER TABLE rollup_1h RENAME TO rollup_1h_away');
    w.flush();
    expect(w.pendingCount).toBe(1);
    expect(count()).toBe(1);
    db.exec('ALTER TABLE rollup_1h_away RENAME TO rollup_1h');
    w.flush();
    expect(count()).toBe(2);
    expect(db.prepare('SELECT count, sum, min, max FROM rollup_1h WHERE series_id = ?').get(s.id)).toEqual({ count: 2, sum: 3, min: 1, max: 2 });
    expect(db.prepare('SELECT sum(count) AS n FROM rollup_1m WHERE series_id = ?').get(s.id)).toEqual({ n: 2 });
  });

  it('tells listeners, inside the flush, of exactly the readings it stored (duplicates left out)', () => {
    const { db, series } = rig();
    const w = new ReadingWriter(db);
    const s = series.resolve('d', 't', 'u');
    const heard: [number, number, number][] = [];
    const off = w.onInserted((r) => {
      expect(db.inTransaction).toBe(true);
      for (let i = 0; i < r.length; i++) heard.push([r.series[i]!, r.ts[i]!, r.value[i]!]);
    });
    const t0 = Date.UTC(2026, 0, 1);
    w.add(s.id, t0 + 10, 1);
    w.add(s.id, t0, 2);
    w.add(s.id, t0 + 10, 3);
    w.flush();
    w.add(s.id, t0, 4);
    w.flush();
    expect(heard).toEqual([
      [s.id, t0, 2],
      [s.id, t0 + 10, 1],
    ]);
    off();
    w.add(s.id, t0 + 20, 5);
    w.flush();
    expect(heard).toHaveLength(2);
  });

  it('refuses values that are not finite and timestamps that are not whole milliseconds, counting them', () => {
    const { db, series, count } = rig();
    const w = new ReadingWriter(db);
    const s = series.resolve('d', 't', 'u');
    w.add(s.id, 1000, Number.NaN);
    w.add(s.id, 1000.5, 1);
    w.add(s.id, 2000, Infinity);
    w.add(s.id, 3000, 1);
    w.flush();
    expect(count()).toBe(1);
    expect(w.invalid).toBe(3);
  });

  it('newestPoint survives a reopen and follows late readings correctly (the newest timestamp wins)', () => {
    const { db, series } = rig();
    const w = new ReadingWriter(db);
    const s = series.resolve('d', 't', 'u');
    const t0 = Date.UTC(2026, 0, 1);
    w.add(s.id, t0 + 60_000, 7);
    w.add(s.id, t0, 3);
    w.flush();
    w.add(s.id, t0 + 30_000, 5);
    w.flush();
    expect(new SeriesRepo(db).newestPoint(s.id)).toEqual({ ts: t0 + 60_000, value: 7 });
  });
});
