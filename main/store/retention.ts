import type { Db } from './db.ts';
import { HOUR_MS, MINUTE_MS, RAW_BLOCK_MS, alignDown, tierState, type MinuteEntry, type TierState } from './tiers.ts';

/** How long each tier keeps its data, in days; `hourDays: null` keeps hours forever. */
export interface TierRetention {
  rawDays: number;
  minuteDays: number;
  hourDays: number | null;
}

export interface RetentionRun {
  /** Raw readings removed. */
  raw: number;
  /** 1-minute buckets removed. */
  minute: number;
  /** 1-hour buckets removed. */
  hour: number;
}

const DAY_MS = 86_400_000;
/** Windows handled per transaction, so a first prune of months of data never holds ingest for long. */
const windowsPerTransaction = 144;

/**
 * The cutoffs each tier is pruned to. A coarser tier is always kept at least as long as a finer one (the
 * longer setting wins), so a summary never disappears while the readings it summarises are still there.
 */
export function retentionCutoffs(keep: TierRetention, now: number): { raw: number; minute: number; hour: number | undefined } {
  const raw = now - keep.rawDays * DAY_MS;
  const minute = Math.min(raw, now - keep.minuteDays * DAY_MS);
  const hour = keep.hourDays === null ? undefined : Math.min(minute, now - keep.hourDays * DAY_MS);
  return { raw, minute, hour };
}

/**
 * Prunes each tier to its retention: raw readings older than the cutoff, and minute/hour buckets that end at
 * or before theirs (a bucket straddling the cutoff stays whole). Before deleting it records how far each tier
 * is pruned (tier_marks): queries then know which tier still covers a range, and the writer refuses raw
 * readings older than the mark (they could be re-sent ones whose stored twin is gone).
 */
export class RetentionJob {
  private readonly db: Db;
  private readonly state: TierState;
  private readonly rawSum;
  private readonly rawClear;
  private readonly minuteSum;
  private readonly windowDelete;
  private readonly windowRows;
  private readonly blockPut;
  private readonly blockDelete;
  private readonly hourDelete;
  private readonly oldestWindow;
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Immediate | undefined;
  private readonly retention: () => TierRetention;
  private readonly now: () => number;

  constructor(db: Db, retention: () => TierRetention, now: () => number) {
    this.db = db;
    this.retention = retention;
    this.now = now;
    this.state = tierState(db);
    this.rawSum = db.prepare<[number, number], { n: number }>('SELECT coalesce(sum(count), 0) AS n FROM series_blocks WHERE start >= ? AND start <= ? AND data IS NOT NULL');
    this.rawClear = db.prepare<[number, number]>('UPDATE series_blocks SET data = NULL, count = 0 WHERE start >= ? AND start <= ? AND data IS NOT NULL');
    this.minuteSum = db.prepare<[number, number], { n: number; r: number }>('SELECT coalesce(sum(json_array_length(minutes)), 0) AS n, coalesce(sum(count), 0) AS r FROM series_blocks WHERE start >= ? AND start <= ?');
    this.windowDelete = db.prepare<[number, number]>('DELETE FROM series_blocks WHERE start >= ? AND start <= ?');
    this.windowRows = db.prepare<[number], { series_id: number; count: number; minutes: string; data: string | null }>('SELECT series_id, count, minutes, data FROM series_blocks WHERE start = ?');
    this.blockPut = db.prepare<[number, string, string | null, number, number]>('UPDATE series_blocks SET count = ?, minutes = ?, data = ? WHERE start = ? AND series_id = ?');
    this.blockDelete = db.prepare<[number, number]>('DELETE FROM series_blocks WHERE start = ? AND series_id = ?');
    this.hourDelete = db.prepare<[number]>('DELETE FROM rollup_1h WHERE bucket <= ?');
    this.oldestWindow = db.prepare<[], { start: number | null }>('SELECT min(start) AS start FROM series_blocks');
  }

  /** Prune every tier; returns how many readings and buckets were removed in all. */
  run(): number {
    const r = this.runTiers();
    return r.raw + r.minute + r.hour;
  }

  runTiers(): RetentionRun {
    const cut = retentionCutoffs(this.retention(), this.now());
    const removed: RetentionRun = { raw: 0, minute: 0, hour: 0 };
    const before = { ...this.state.prunedBefore };
    // Marks first: from here on the writer refuses raw readings the prune below may remove.
    this.db.transaction(() => {
      this.state.markPruned('raw', cut.raw);
      this.state.markPruned('1m', alignDown(cut.minute, MINUTE_MS));
      if (cut.hour !== undefined) this.state.markPruned('1h', alignDown(cut.hour, HOUR_MS));
    })();
    try {
      // Whole windows whose minutes have all ended by the minute cutoff go (their raw readings are older still).
      const oldest = this.oldestWindow.get()?.start ?? Infinity;
      const lastWholeMinuteWindow = alignDown(cut.minute, RAW_BLOCK_MS) - RAW_BLOCK_MS;
      this.inChunks(oldest, lastWholeMinuteWindow, (a, b) => {
        const n = this.minuteSum.get(a, b);
        removed.minute += n?.n ?? 0;
        removed.raw += n?.r ?? 0;
        this.windowDelete.run(a, b);
      });
      // Whole windows older than the raw cutoff keep their minutes and lose their readings.
      const lastWholeRawWindow = alignDown(cut.raw, RAW_BLOCK_MS) - RAW_BLOCK_MS;
      // Only windows not cleared before: the previous mark says where the last run stopped.
      this.inChunks(Math.max(oldest, alignDown(before.raw, RAW_BLOCK_MS) - RAW_BLOCK_MS), lastWholeRawWindow, (a, b) => {
        removed.raw += this.rawSum.get(a, b)?.n ?? 0;
        this.rawClear.run(a, b);
      });
      // The windows the cutoffs fall inside are trimmed entry by entry.
      this.db.transaction(() => {
        const trimmed = this.trimWindow(alignDown(cut.minute, RAW_BLOCK_MS), cut.raw, cut.minute);
        removed.raw += trimmed.raw;
        removed.minute += trimmed.minute;
        if (alignDown(cut.raw, RAW_BLOCK_MS) !== alignDown(cut.minute, RAW_BLOCK_MS)) removed.raw += this.trimWindow(alignDown(cut.raw, RAW_BLOCK_MS), cut.raw, cut.minute).raw;
        if (cut.hour !== undefined) removed.hour += this.hourDelete.run(cut.hour - HOUR_MS).changes;
      })();
    } finally {
      // The writer's newest blocks may have been trimmed: it re-reads them.
      this.state.clearCaches();
    }
    return removed;
  }

  /** Run fn over [from, to] (window starts) a day of windows at a time, each in its own transaction. */
  private inChunks(from: number, to: number, fn: (a: number, b: number) => void): void {
    const span = windowsPerTransaction * RAW_BLOCK_MS;
    for (let a = from; a <= to; a += span) this.db.transaction(() => fn(a, Math.min(to, a + span - RAW_BLOCK_MS)))();
  }

  /** Within one window: raw readings before rawCut and minutes ending at or before minuteCut go. */
  private trimWindow(start: number, rawCut: number, minuteCut: number): { raw: number; minute: number } {
    const out = { raw: 0, minute: 0 };
    for (const row of this.windowRows.all(start)) {
      const minutes = JSON.parse(row.minutes) as MinuteEntry[];
      const keptMinutes = minutes.filter((e) => start + (e[0] + 1) * MINUTE_MS > minuteCut);
      const raw = row.data === null ? [] : (JSON.parse(row.data) as [number, number][]);
      const keptRaw = raw.filter((e) => start + e[0] >= rawCut);
      if (keptMinutes.length === minutes.length && keptRaw.length === raw.length) continue;
      out.minute += minutes.length - keptMinutes.length;
      out.raw += raw.length - keptRaw.length;
      if (keptMinutes.length === 0 && keptRaw.length === 0) this.blockDelete.run(start, row.series_id);
      else this.blockPut.run(keptRaw.length, JSON.stringify(keptMinutes), keptRaw.length ? JSON.stringify(keptRaw) : null, start, row.series_id);
    }
    return out;
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
