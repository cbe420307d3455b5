/**
 * The naive truth the tiers are checked against: every reading kept in a plain map (first arrival wins),
 * aggregated by brute force. Deliberately simple — no blocks, no incremental merges.
 */
export interface Naive {
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  lastTs: number;
}

export class ReadingModel {
  /** series → ts → value */
  readonly series = new Map<number, Map<number, number>>();

  /** Returns true when the reading is new (the store must keep it), false for a duplicate. */
  add(s: number, ts: number, value: number): boolean {
    let m = this.series.get(s);
    if (!m) this.series.set(s, (m = new Map()));
    if (m.has(ts)) return false;
    m.set(ts, value + 0); // the store keeps numbers, not the sign of zero: -0 reads back as 0
    return true;
  }

  sorted(s: number, from = -Infinity, to = Infinity): { ts: number; value: number }[] {
    return [...(this.series.get(s) ?? new Map<number, number>()).entries()]
      .filter(([ts]) => ts >= from && ts < to)
      .sort((a, b) => a[0] - b[0])
      .map(([ts, value]) => ({ ts, value }));
  }

  /** Aggregate of the readings in [from, to), or undefined when there are none. */
  aggregate(s: number, from: number, to: number): Naive | undefined {
    const rows = this.sorted(s, from, to);
    if (rows.length === 0) return undefined;
    let sum = 0;
    for (const r of rows) sum += r.value;
    const last = rows[rows.length - 1]!;
    return { min: Math.min(...rows.map((r) => r.value)), max: Math.max(...rows.map((r) => r.value)), sum, count: rows.length, last: last.value, lastTs: last.ts };
  }

  /** Every non-empty bucket of `size` ms (aligned to the epoch) of a series. */
  buckets(s: number, size: number): Map<number, Naive> {
    const out = new Map<number, Naive>();
    for (const r of this.sorted(s)) {
      const b = Math.floor(r.ts / size) * size;
      const a = out.get(b);
      if (!a) out.set(b, { min: r.value, max: r.value, sum: r.value, count: 1, last: r.value, lastTs: r.ts });
      else {
        a.min = Math.min(a.min, r.value);
        a.max = Math.max(a.max, r.value);
        a.sum += r.value;
        a.count++;
        a.last = r.value;
        a.lastTs = r.ts;
      }
    }
    return out;
  }
}

/** Sums are added in a different order by the tiers than here: equal up to rounding. */
export function closeTo(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
