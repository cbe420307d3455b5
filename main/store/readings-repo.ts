import type { Db } from './db.ts';
import { InsertedReadings, TierWriter, type ReadingColumns } from './tier-writer.ts';

export type { ReadingColumns };

export interface SeriesRow {
  id: number;
  deviceId: string;
  metric: string;
  unit: string;
}

/** Series identity (device, metric) → id, and the newest stored point of each series. */
export class SeriesRepo {
  /** device → metric → series: two map lookups, no key string built per reading. */
  private readonly byDevice = new Map<string, Map<string, SeriesRow>>();
  private readonly byId = new Map<number, SeriesRow>();
  private readonly insert;
  private readonly newestRaw;
  private readonly newestHour;

  constructor(db: Db) {
    this.insert = db.prepare<[string, string, string], { id: number }>(
      'INSERT INTO series (device_id, metric, unit) VALUES (?, ?, ?) ON CONFLICT(device_id, metric) DO UPDATE SET unit = excluded.unit RETURNING id',
    );
    this.newestRaw = db.prepare<[number], { start: number; data: string | null }>('SELECT start, data FROM series_blocks WHERE series_id = ? ORDER BY start DESC LIMIT 1');
    this.newestHour = db.prepare<[number], { ts: number; value: number }>('SELECT last_ts AS ts, last AS value FROM rollup_1h WHERE series_id = ? ORDER BY bucket DESC LIMIT 1');
    for (const r of db.prepare<[], { id: number; device_id: string; metric: string; unit: string }>('SELECT * FROM series').all()) {
      this.remember({ id: r.id, deviceId: r.device_id, metric: r.metric, unit: r.unit });
    }
  }

  resolve(deviceId: string, metric: string, unit: string): SeriesRow {
    const known = this.byDevice.get(deviceId)?.get(metric);
    if (known && known.unit === unit) return known;
    const row = this.insert.get(deviceId, metric, unit);
    if (!row) throw new Error(`could not create series ${deviceId}/${metric}`);
    return this.remember({ id: row.id, deviceId, metric, unit });
  }

  /** A known series, without creating it. */
  find(deviceId: string, metric: string): SeriesRow | undefined {
    return this.byDevice.get(deviceId)?.get(metric);
  }

  byIdOf(id: number): SeriesRow | undefined {
    return this.byId.get(id);
  }

  all(): SeriesRow[] {
    return [...this.byId.values()];
  }

  /** Drop a device's series from memory after its rows were deleted or moved (device forget/merge). */
  forgetDevice(deviceId: string): void {
    for (const s of this.byDevice.get(deviceId)?.values() ?? []) if (this.byId.get(s.id)?.deviceId === deviceId) this.byId.delete(s.id);
    this.byDevice.delete(deviceId);
  }

  /** The newest stored reading (or, once raw readings are pruned, the newest hour's last value). */
  newestPoint(seriesId: number): { ts: number; value: number } | undefined {
    const block = this.newestRaw.get(seriesId);
    if (block?.data) {
      const last = JSON.parse(block.data.slice(block.data.lastIndexOf('['), -1)) as [number, number];
      return { ts: block.start + last[0], value: last[1] };
    }
    return this.newestHour.get(seriesId);
  }

  private remember(series: SeriesRow): SeriesRow {
    let metrics = this.byDevice.get(series.deviceId);
    if (!metrics) this.byDevice.set(series.deviceId, (metrics = new Map()));
    metrics.set(series.metric, series);
    this.byId.set(series.id, series);
    return series;
  }
}

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

/** Told, inside the flush transaction, of every reading actually stored (not duplicates): the forwarder's backlog. */
export type InsertedListener = (readings: ReadingColumns) => void;

/** One chunk of waiting readings as columns. */
class Chunk implements ReadingColumns {
  readonly series: Int32Array;
  readonly ts: Float64Array;
  readonly value: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.series = new Int32Array(capacity);
    this.ts = new Float64Array(capacity);
    this.value = new Float64Array(capacity);
  }
}

/**
 * Batches readings into transactions: one commit per batch, and each batch written into the raw, 1-minute and
 * 1-hour tiers together (TierWriter), so the rollups always agree with the readings they summarise.
 */
export class ReadingWriter {
  private pending: Chunk[] = [];
  /** Emptied chunks kept for reuse: a flush every 250 ms must not allocate fresh columns each time. */
  private spare: Chunk | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly tiers: TierWriter;
  private readonly flushTx;
  private readonly listeners = new Set<InsertedListener>();
  private readonly inserted = new InsertedReadings();
  private readonly maxBatch: number;
  dropped = 0;
  written = 0;
  /** Readings refused because one with the same series and timestamp was already stored. */
  duplicates = 0;
  /** Readings older than raw retention had already pruned (they could be re-sent ones: refused, not counted twice). */
  expired = 0;
  /** Readings with a non-finite value or a timestamp that is not a whole millisecond. */
  invalid = 0;

  private readonly options: ReadingWriterOptions;
  constructor(db: Db, options: ReadingWriterOptions = {}) {
    this.options = options;
    // Big batches matter at high rates: each commit rewrites every touched page, at least one per series (blocks
    // are stored series by series), so a backfill of 100 series commits every 100 000 readings, not every 20 000.
    // Live data never gets near that: the timer flushes every 250 ms.
    this.maxBatch = options.maxBatch ?? 100_000;
    this.tiers = new TierWriter(db);
    this.flushTx = db.transaction((chunks: Chunk[]) => {
      const collect = this.listeners.size > 0 ? this.inserted : undefined;
      if (collect) collect.length = 0;
      const total = { inserted: 0, duplicates: 0, expired: 0, invalid: 0 };
      for (const c of chunks) {
        const r = this.tiers.write(c, collect);
        total.inserted += r.inserted;
        total.duplicates += r.duplicates;
        total.expired += r.expired;
        total.invalid += r.invalid;
      }
      if (collect && collect.length > 0) for (const l of this.listeners) l(collect);
      this.options.beforeCommit?.();
      return total;
    });
  }

  start(): void {
    this.timer ??= setInterval(() => this.flush(), this.options.flushIntervalMs ?? 250);
    this.timer.unref();
  }

  add(seriesId: number, ts: number, value: number): void {
    let c = this.pending[this.pending.length - 1];
    if (!c || c.length === c.series.length) {
      c = this.spare ?? new Chunk(this.maxBatch);
      this.spare = undefined;
      this.pending.push(c);
    }
    const i = c.length++;
    c.series[i] = seriesId;
    c.ts[i] = ts;
    c.value[i] = value;
    if (i + 1 === this.maxBatch) this.flush();
  }

  get pendingCount(): number {
    let n = 0;
    for (const c of this.pending) n += c.length;
    return n;
  }

  /** Hear about every reading actually stored, inside the transaction that stores it. Returns an unsubscribe. */
  onInserted(listener: InsertedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Write everything waiting. On failure the rows stay queued (bounded) for the next try. */
  flush(): void {
    if (this.pending.length === 0 && !this.options.hasOtherWork?.()) return;
    const chunks = this.pending;
    this.pending = [];
    try {
      const r = this.flushTx(chunks);
      this.written += r.inserted;
      this.duplicates += r.duplicates;
      this.expired += r.expired;
      this.invalid += r.invalid;
      const reuse = chunks[chunks.length - 1];
      if (reuse) {
        reuse.length = 0;
        this.spare = reuse;
      }
    } catch (error) {
      this.pending = chunks.concat(this.pending);
      this.bound();
      this.options.onError?.(error, this.pendingCount);
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.flush();
  }

  /** Keep at most maxPending rows while writes fail, dropping (and counting) the oldest. */
  private bound(): void {
    const max = this.options.maxPending ?? 200_000;
    let excess = this.pendingCount - max;
    while (excess > 0 && this.pending.length > 0) {
      const c = this.pending[0]!;
      if (c.length <= excess) {
        this.pending.shift();
        this.dropped += c.length;
        excess -= c.length;
        continue;
      }
      c.series.copyWithin(0, excess, c.length);
      c.ts.copyWithin(0, excess, c.length);
      c.value.copyWithin(0, excess, c.length);
      c.length -= excess;
      this.dropped += excess;
      excess = 0;
    }
  }
}
