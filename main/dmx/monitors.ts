import type { DmxMonitor } from '../../preload/contract/dmx-serial.ts';

/**
 * Channel monitors, the pure part: read a channel (or a coarse/fine pair) from a 512-slot frame, and map
 * the raw value linearly onto the monitor's display range (an LED wall's 0–65535 → 0–11000 nits).
 */

/** frame[0] = channel 1. A pair reads coarse × 256 + fine (0–65535); a single channel 0–255. */
export function monitorRaw(frame: Uint8Array, channel: number, fineChannel?: number): number {
  const coarse = frame[channel - 1] ?? 0;
  return fineChannel === undefined ? coarse : coarse * 256 + (frame[fineChannel - 1] ?? 0);
}

/** The raw full scale: 255 for a channel, 65535 for a pair. */
export const fullScale = (m: Pick<DmxMonitor, 'fineChannel'>) => (m.fineChannel === undefined ? 255 : 65_535);

/**
 * low + (raw − rawLow) × (high − low) / (rawHigh − rawLow), raw clamped into [rawLow, rawHigh] first (a wall
 * that only starts to glow at 10 % reads `low` below it, never less). Rounded to 0.01 of the unit: finer
 * than any display, and the stored history does not fill with float noise.
 */
export function monitorValue(m: Pick<DmxMonitor, 'fineChannel' | 'rawLow' | 'rawHigh' | 'low' | 'high'>, raw: number): number {
  const rawLow = m.rawLow ?? 0;
  const rawHigh = m.rawHigh ?? fullScale(m);
  const clamped = Math.min(rawHigh, Math.max(rawLow, raw));
  const value = m.low + ((clamped - rawLow) * (m.high - m.low)) / (rawHigh - rawLow);
  return Math.round(value * 100) / 100;
}
