import type { Db } from './db.ts';
import type { ReadingColumns } from './tier-writer.ts';

/** One stored batch of readings waiting to be forwarded, unpacked. */
export interface BacklogBatch {
  id: number;
  count: number;
  series: Float64Array;
  ts: Float64Array;
  value: Float64Array;
}

/**
 * Readings waiting to be forwarded, on disk so they survive a restart: one row per flush, packed float64
 * triples (series id, ts, value), oldest first. Appended inside the readings' own transaction, so a reading
 * is in the backlog exactly when it is stored. Bounded: past `max` readings the oldest rows go (counted).
 */
export class ForwardBacklog {
  private readonly insert;
  private readonly oldest;
  private readonly rows;
  private readonly remove;
  private readonly clearAll;
  private total: number;

  constructor(db: Db) {
    this.insert = db.prepare<[number, number, Buffer]>('INSERT INTO forward_backlog (created_at, count, data) VALUES (?, ?, ?)');
    this.oldest = db.prepare<[number], { id: number; count: number; data: Buffer }>('SELECT id, count, data FROM forward_backlog ORDER BY id LIMIT ?');
    this.rows = db.prepare<[], { id: number; count: number; data: Buffer }>('SELECT id, count, data FROM forward_backlog ORDER BY id');
    this.remove = db.prepare<[number]>('DELETE FROM forward_backlog WHERE id = ?');
    this.clearAll = db.prepare('DELETE FROM forward_backlog');
    this.total = db.prepare<[], { n: number }>('SELECT coalesce(sum(count), 0) AS n FROM forward_backlog').get()?.n ?? 0;
  }

  /** Readings waiting. */
  get size(): number {
    return this.total;
  }

  /** Add readings (call inside the transaction that stores them). Returns how many old readings were dropped to stay within max. */
  append(r: ReadingColumns, now: number, max: number): number {
    if (r.length === 0) return 0;
    const packed = new Float64Array(3 * r.length);
    for (let i = 0; i < r.length; i++) {
      packed[3 * i] = r.series[i]!;
      packed[3 * i + 1] = r.ts[i]!;
      packed[3 * i + 2] = r.value[i]!;
    }
    this.insert.run(now, r.length, Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength));
    this.total += r.length;
    let dropped = 0;
    while (this.total > max) {
      const head = this.oldest.get(1);
      if (!head) break;
      this.remove.run(head.id);
      this.total -= head.count;
      dropped += head.count;
    }
    return dropped;
  }

  /** The oldest rows, up to about `readings` readings (at least one row). */
  peek(readings: number): BacklogBatch[] {
    const out: BacklogBatch[] = [];
    let n = 0;
    for (const row of this.rows.iterate()) {
      if (out.length > 0 && n + row.count > readings) break;
      // Copy out of SQLite's buffer into an aligned one.
      const f = new Float64Array(row.count * 3);
      new Uint8Array(f.buffer).set(row.data.subarray(0, f.byteLength));
      const series = new Float64Array(row.count);
      const ts = new Float64Array(row.count);
      const value = new Float64Array(row.count);
      for (let i = 0; i < row.count; i++) {
        series[i] = f[3 * i]!;
        ts[i] = f[3 * i + 1]!;
        value[i] = f[3 * i + 2]!;
      }
      out.push({ id: row.id, count: row.count, series, ts, value });
      n += row.count;
    }
    return out;
  }

  /** A row was accepted by the target. */
  done(id: number, count: number): void {
    if (this.remove.run(id).changes > 0) this.total -= count;
  }

  clear(): number {
    const n = this.total;
    this.clearAll.run();
    this.total = 0;
    return n;
  }
}
