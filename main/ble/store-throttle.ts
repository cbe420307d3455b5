// The per-series store rate limit for BLE sensors: a Govee hygrometer advertises several times a
// second; storing every one would fill the database with identical rows. At most one reading per series
// per interval is stored; the others still update the live view and the thresholds.

export class StoreThrottle {
  /** series key → timestamp of the last stored reading. */
  private readonly lastStored = new Map<string, number>();
  private readonly maxSeries: number;

  constructor(maxSeries = 20_000) {
    this.maxSeries = maxSeries;
  }

  /**
   * Whether the reading of `key` (device id + metric) measured at `ts` should be stored, given the
   * interval; records it when so. Time is the reading's own: a first reading, one at least `intervalMs`
   * after the last stored, or one from before it (a clock that went back) is stored.
   */
  due(key: string, ts: number, intervalMs: number): boolean {
    if (intervalMs <= 0) return true;
    const last = this.lastStored.get(key);
    if (last !== undefined && ts >= last && ts - last < intervalMs) return false;
    if (last === undefined && this.lastStored.size >= this.maxSeries) this.lastStored.delete(this.lastStored.keys().next().value!);
    this.lastStored.set(key, ts);
    return true;
  }

  get size(): number {
    return this.lastStored.size;
  }
}
