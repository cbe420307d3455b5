/** Frames per second over the last second, from a small ring of send times. */
export class RateMeter {
  private readonly times = new Float64Array(64);
  private count = 0;

  tick(now: number): void {
    this.times[this.count++ % this.times.length] = now;
  }

  perSecond(now: number): number {
    const n = Math.min(this.count, this.times.length);
    let inWindow = 0;
    for (let i = 0; i < n; i++) if (now - this.times[i]! <= 1000) inWindow++;
    return inWindow;
  }
}

/** How late the frame clock woke, over the last few hundred ticks (ms). */
export class Lateness {
  private readonly samples = new Float64Array(512);
  private count = 0;

  record(lateMs: number): void {
    this.samples[this.count++ % this.samples.length] = lateMs;
  }

  p99(): number {
    const n = Math.min(this.count, this.samples.length);
    if (n === 0) return 0;
    const sorted = Array.from(this.samples.subarray(0, n)).sort((a, b) => a - b);
    return Math.round((sorted[Math.min(n - 1, Math.floor(n * 0.99))] ?? 0) * 100) / 100;
  }
}
