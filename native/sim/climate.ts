/**
 * Venue climate as a function of time: a daily curve (coolest before dawn, warmest mid-afternoon)
 * plus slow per-sensor wander. Pure functions of (time, sensor), so seeded history and live values agree.
 */
const dayMs = 24 * 3600_000;

/** 0 at 03:00 local-ish (UTC here: deterministic), 1 at 15:00. */
export function dayPhase(ts: number): number {
  const hours = (ts % dayMs) / 3600_000;
  return (1 - Math.cos(((hours - 3) / 24) * 2 * Math.PI)) / 2;
}

/** Smooth pseudo-noise in [-1, 1] from a few incommensurate sines: no state, no jumps. */
export function wander(ts: number, seed: number): number {
  const s = ts / 1000;
  return (Math.sin(s / 97 + seed) * 0.5 + Math.sin(s / 41 + seed * 2.3) * 0.3 + Math.sin(s / 13 + seed * 5.1) * 0.2);
}

export interface RoomClimate {
  /** Temperature at the coolest hour, °C. */
  baseC: number;
  /** How much warmer mid-afternoon is. */
  swingC: number;
  baseRh: number;
}

export function temperature(room: RoomClimate, ts: number, seed: number): number {
  return room.baseC + room.swingC * dayPhase(ts) + 0.6 * wander(ts, seed);
}

/** Warmer air holds more water: relative humidity falls as the room warms. */
export function humidity(room: RoomClimate, ts: number, seed: number): number {
  return Math.min(99, Math.max(5, room.baseRh - 1.8 * room.swingC * dayPhase(ts) + 3 * wander(ts, seed + 17)));
}

/** Magnus formula dew point, °C. */
export function dewPoint(tempC: number, rh: number): number {
  const a = 17.62;
  const b = 243.12;
  const g = Math.log(rh / 100) + (a * tempC) / (b + tempC);
  return (b * g) / (a - g);
}

export const round1 = (v: number) => Math.round(v * 10) / 10;
