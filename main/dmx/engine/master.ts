// Grand master and blackout: one multiplier for intensity-like channels, as a function of time.

export interface BlackoutStatus {
  /** The blackout button's state. */
  on: boolean;
  /** The blackout multiplier now: 1 = no effect, 0 = dark. */
  level: number;
  /** True while a timed blackout (or its release) is still moving. */
  fading: boolean;
}

export class Master {
  /** Grand master 0..1. */
  grandMaster = 1;
  private on = false;
  private from = 1;
  private to = 1;
  private startAt = 0;
  private durationMs = 0;
  /** Fade time of the last blackout, reused by a release that names none. */
  private lastFadeMs = 0;

  /** Blackout multiplier at `now`. */
  blackoutLevel(now: number): number {
    if (this.durationMs <= 0 || now >= this.startAt + this.durationMs) return this.to;
    const p = (now - this.startAt) / this.durationMs;
    if (Number.isNaN(p)) return this.to; // a broken clock ends the fade
    return this.from + (this.to - this.from) * Math.max(0, p);
  }

  /** Grand master × blackout at `now`. */
  factor(now: number): number {
    return this.grandMaster * this.blackoutLevel(now);
  }

  /**
   * Blackout on or off. A timed blackout moves the multiplier at a steady rate: a full swing takes `fadeMs`,
   * and a toggle mid-fade turns round from where it is (so it takes the part of `fadeMs` it has to cover).
   * Releasing without a time reuses the time blackout went on with.
   */
  setBlackout(on: boolean, now: number, fadeMs?: number): void {
    const ms = Math.max(0, fadeMs ?? (on ? 0 : this.lastFadeMs));
    if (on) this.lastFadeMs = ms;
    const level = this.blackoutLevel(now);
    this.on = on;
    this.from = level;
    this.to = on ? 0 : 1;
    this.startAt = now;
    this.durationMs = ms * Math.abs(this.to - level);
  }

  blackout(now: number): BlackoutStatus {
    const level = this.blackoutLevel(now);
    return { on: this.on, level, fading: level !== this.to };
  }
}
