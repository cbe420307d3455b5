import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/db.ts';
import { ReadingWriter, SeriesRepo } from '../../../main/store/readings-repo.ts';
import { RetentionJob } from '../../../main/store/retention.ts';

const day = 86_400_000;

function rig() {
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
  const series = new SeriesRepo(db);
  const a = series.resolve('d', 'a', 'u').id;
  const b = series.resolve('d', 'b', 'u').id;
  const w = new ReadingWriter(db);
  const now = Date.UTC(2026, 3, 1);
  for (const s of [a, b]) for (let d = 0; d < 10; d++) w.add(s, now - d * day, d);
  w.flush();
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return { db, now, n };
}

describe('retention', () => {
  it('removes raw readings older than the window from every series and keeps the rest (and their rollups)', () => {
    const { db, now, n } = rig();
    let keep = { rawDays: 3, minuteDays: 90, hourDays: null as number | null };
    const job = new RetentionJob(db, () => keep, () => now);
    expect(job.run()).toBe(2 * 6); // days 4..9 go; day 3 sits exactly on the cutoff and stays
    expect(n('SELECT count(*) AS n FROM readings')).toBe(8);
    expect(n('SELECT count(*) AS n FROM rollup_1m')).toBe(20);
    expect(n('SELECT count(*) AS n FROM rollup_1h')).toBe(20);
    keep = { rawDays: 30, minuteDays: 90, hourDays: null };
    expect(job.run()).toBe(0);
    db.close();
  });

  it('prunes minutes and hours to their own windows, never shorter than a finer tier', () => {
    const { db, now, n } = rig();
    // Hours asked for 2 days but minutes are kept 5: hours stay 5 days too (the longer setting wins).
    const job = new RetentionJob(db, () => ({ rawDays: 1, minuteDays: 5, hourDays: 2 }), () => now);
    job.runTiers();
    expect(n('SELECT count(*) AS n FROM readings')).toBe(4);
    expect(n('SELECT count(*) AS n FROM rollup_1m')).toBe(12); // days 0..5 (day 5 is at the cutoff: its minute ends after it)
    expect(n('SELECT count(*) AS n FROM rollup_1h')).toBe(12);
    db.close();
  });

  it('a stop right after start never runs against a closed store', async () => {
    const { db, now } = rig();
    const job = new RetentionJob(db, () => ({ rawDays: 1, minuteDays: 1, hourDays: null }), () => now);
    let runs = 0;
    job.start(3600_000, () => runs++);
    job.stop();
    db.close();
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(0);
  });
});
