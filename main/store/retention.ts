import type { Db } from './db.ts';

/**
 * Deletes raw readings older than the retention window, one series at a time so each delete walks the
 * (series_id, ts) primary key instead of scanning the table, in small transactions so ingest never waits long.
 */
export class RetentionJob {
  private readonly seriesIds;
  private readonly prune;
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Immediate | undefined;
  private readonly retentionMs: () => number;
  private readonly now: () => number;

  constructor(db: Db, retentionMs: () => number, now: () => number) {
    this.retentionMs = retentionMs;
    this.now = now;
    this.seriesIds = db.prepare<[], { id: number }>('SELECT id FROM series');
    this.prune = db.prepare<[number, number]>('DELETE FROM readings WHERE series_id = ? AND ts < ?');
  }

  /** Returns how many readings were removed. */
  run(): number {
    const cutoff = this.now() - this.retentionMs();
    let removed = 0;
    for (const { id } of this.seriesIds.all()) removed += this.prune.run(id, cutoff).changes;
    return removed;
  }

  start(everyMs = 3600_000, onRun?: (removed: number) => void): void {
    const tick = () => onRun?.(this.run());
    if (this.timer) return;
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
    this.first = setImmediate(tick);
    this.first.unref();
  }

  /** Cancels the pending first run too: a stop right after start must not touch a closed store. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearImmediate(this.first);
    this.timer = undefined;
    this.first = undefined;
  }
}
