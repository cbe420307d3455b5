import type { Db } from './db.ts';

export interface SeriesRow {
  id: number;
  deviceId: string;
  metric: string;
  unit: string;
}

/** Series identity (device, metric) → id, and the newest stored point of each series. */
export class SeriesRepo {
  private readonly byKey = new Map<string, SeriesRow>();
  private readonly insert;
  private readonly newest;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, string], { id: number }>(
      'INSERT INTO series (device_id, metric, unit) VALUES (?, ?, ?) ON CONFLICT(device_id, metric) DO UPDATE SET unit = excluded.unit RETURNING id',
    );
    this.newest = db.prepare<[number], { ts: number; value: number }>('SELECT ts, value FROM readings WHERE series_id = ? ORDER BY ts DESC LIMIT 1');
    for (const r of db.prepare<[], { id: number; device_id: string; metric: string; unit: string }>('SELECT * FROM series').all()) {
      this.byKey.set(key(r.device_id, r.metric), { id: r.id, deviceId: r.device_id, metric: r.metric, unit: r.unit });
    }
  }

  resolve(deviceId: string, metric: string, unit: string): SeriesRow {
    const k = key(deviceId, metric);
    const known = this.byKey.get(k);
    if (known && known.unit === unit) return known;
    const row = this.insert.get(deviceId, metric, unit);
    if (!row) throw new Error(`could not create series ${k}`);
    const series = { id: row.id, deviceId, metric, unit };
    this.byKey.set(k, series);
    return series;
  }

  all(): SeriesRow[] {
    return [...this.byKey.values()];
  }

  newestPoint(seriesId: number): { ts: number; value: number } | undefined {
    return this.newest.get(seriesId);
  }
}

const key = (deviceId: string, metric: string) => `${deviceId}\u0000${metric}`;

export interface ReadingWriterOptions {
  /** Flush at least this often. */
  flushIntervalMs?: number;
  /** Flush early when this many rows are waiting. */
  maxBatch?: number;
  /** Rows kept while the disk refuses writes; beyond this the oldest are dropped (and counted). */
  maxPending?: number;
  onError?: (error: unknown, pending: number) => void;
  /** Runs inside each flush transaction, so related rows (e.g. devices.last_seen) land with the readings. */
  beforeCommit?: () => void;
  /** True when beforeCommit has something to write even if no readings are waiting. */
  hasOtherWork?: () => boolean;
}

/** Batches readings into transactions: one fsync per batch instead of per row. */
export class ReadingWriter {
  private pending: [number, number, number][] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly insert;
  private readonly flushTx;
  dropped = 0;
  written = 0;
  /** Readings refused because one with the same series and timestamp was already stored. */
  duplicates = 0;

  private readonly options: ReadingWriterOptions;
  constructor(db: Db, options: ReadingWriterOptions = {}) {
    this.options = options;
    // A second reading for the same series and millisecond (a gateway relaying a message twice) is dropped:
    // the first one stands, so every stored reading is counted exactly once by what is built on top (rollups).
    this.insert = db.prepare<[number, number, number]>('INSERT INTO readings (series_id, ts, value) VALUES (?, ?, ?) ON CONFLICT(series_id, ts) DO NOTHING');
    this.flushTx = db.transaction((rows: [number, number, number][]) => {
      let inserted = 0;
      for (const r of rows) inserted += this.insert.run(r[0], r[1], r[2]).changes;
      this.options.beforeCommit?.();
      return inserted;
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.options.flushIntervalMs ?? 250);
    this.timer.unref();
  }

  add(seriesId: number, ts: number, value: number): void {
    this.pending.push([seriesId, ts, value]);
    if (this.pending.length >= (this.options.maxBatch ?? 5000)) this.flush();
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  /** Write everything waiting. On failure the rows stay queued (bounded) for the next try. */
  flush(): void {
    if (this.pending.length === 0 && !this.options.hasOtherWork?.()) return;
    const rows = this.pending;
    this.pending = [];
    try {
      const inserted = this.flushTx(rows);
      this.written += inserted;
      this.duplicates += rows.length - inserted;
    } catch (error) {
      const max = this.options.maxPending ?? 200_000;
      this.pending = rows.concat(this.pending);
      if (this.pending.length > max) {
        this.dropped += this.pending.length - max;
        this.pending = this.pending.slice(-max);
      }
      this.options.onError?.(error, this.pending.length);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }
}
