import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/db.ts';
import { ReadingWriter, SeriesRepo } from '../../../main/store/readings-repo.ts';
import { RetentionJob } from '../../../main/store/retention.ts';

describe('retention', () => {
  it('removes readings older than the window from every series and keeps the rest', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
    const series = new SeriesRepo(db);
    const a = series.resolve('d', 'a', 'u').id;
    const b = series.resolve('d', 'b', 'u').id;
    const w = new ReadingWriter(db);
    const day = 86_400_000;
    const now = 100 * day;
    for (const s of [a, b]) for (let d = 0; d < 10; d++) w.add(s, now - d * day, d);
    w.flush();
    let keepDays = 3;
    const job = new RetentionJob(db, () => keepDays * day, () => now);
    expect(job.run()).toBe(2 * 6); // days 4..9 go; day 3 sits exactly on the cutoff and stays
    expect(db.prepare('SELECT count(*) AS n FROM readings').get()).toEqual({ n: 8 });
    keepDays = 30;
    expect(job.run()).toBe(0);
  });
});
