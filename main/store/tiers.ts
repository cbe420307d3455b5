import type { Db } from './db.ts';

/**
 * The three tiers of stored readings and what they share.
 *
 * - raw: every reading; - 1m: one aggregate (min, max, sum, count, last) per series and minute. Both live in
 *   `series_blocks`, one row per 10-minute window and series (the `readings` and `rollup_1m` views unpack them);
 * - 1h: one aggregate per series and hour (`rollup_1h`, one row each).
 *
 * Why blocks: SQLite spends ~2–4 µs per B-tree row here, so a row per reading (plus a row per minute) caps
 * ingest near 200k readings/s; a block per series and window is one row write per flush instead. Rows are
 * keyed time first, so the blocks a flush rewrites sit side by side: few dirty pages per commit.
 */
export const tiers = ['raw', '1m', '1h'] as const;
export type TierName = (typeof tiers)[number];

export const RAW_BLOCK_MS = 600_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
/** Smallest bucket each tier can answer exactly (raw: a millisecond). */
export const tierResolutionMs: Record<TierName, number> = { raw: 1, '1m': MINUTE_MS, '1h': HOUR_MS };

/** Start of the window of `size` ms that holds `ts` (epoch alignment, so windows never move). */
export const alignDown = (ts: number, size: number): number => ts - (((ts % size) + size) % size);

/** A series' newest block, held in memory so appends need neither a read nor a re-encode of what is there. */
export interface BlockCache {
  start: number;
  /** Encoded raw entries `[dt,v],[dt,v]` without the outer brackets ('' when empty). */
  text: string;
  count: number;
  lastTs: number;
  /** The window's minute aggregates, sorted by minute. */
  minutes: MinuteEntry[];
}

/** One minute of a block: index 0–9 in the window, min, max, sum, count, last value, last ts − minute start. */
export type MinuteEntry = [m: number, min: number, max: number, sum: number, count: number, last: number, lastDt: number];

/**
 * State shared by the writer, retention and queries of one database: how far each tier has been pruned
 * (persisted in `tier_marks`) and the writer's newest-block cache (cleared whenever the blocks change
 * behind the writer's back: retention, a failed transaction).
 */
export class TierState {
  readonly prunedBefore: Record<TierName, number> = { raw: 0, '1m': 0, '1h': 0 };
  readonly blocks = new Map<number, BlockCache>();
  private readonly setMark;

  constructor(db: Db) {
    for (const r of db.prepare<[], { tier: TierName; pruned_before: number }>('SELECT tier, pruned_before FROM tier_marks').all()) {
      if (r.tier in this.prunedBefore) this.prunedBefore[r.tier] = r.pruned_before;
    }
    this.setMark = db.prepare<[string, number]>('INSERT INTO tier_marks (tier, pruned_before) VALUES (?, ?) ON CONFLICT(tier) DO UPDATE SET pruned_before = max(pruned_before, excluded.pruned_before)');
  }

  /** Record that everything of `tier` before `ts` may be gone (only ever moves forward). */
  markPruned(tier: TierName, ts: number): void {
    if (!Number.isFinite(ts) || ts <= this.prunedBefore[tier]) return;
    this.setMark.run(tier, ts);
    this.prunedBefore[tier] = ts;
  }

  clearCaches(): void {
    this.blocks.clear();
  }
}

const states = new WeakMap<Db, TierState>();

/** The one TierState of this connection (writer, retention and queries must see the same marks and caches). */
export function tierState(db: Db): TierState {
  let s = states.get(db);
  if (!s) {
    s = new TierState(db);
    states.set(db, s);
  }
  return s;
}
