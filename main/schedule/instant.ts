import { addDays, localToEpoch } from './time.ts';

/**
 * A moment as a caller may give it (schedule.start `at`, schedule.editActual): epoch ms, ISO 8601 with
 * an offset, or a venue-local clock `HH:MM[:SS]`. A local clock has no date, so it is read on the day
 * before, of, or after the show day — whichever lands nearest `anchor` (now for a start, the planned time
 * for a correction): "00:40" for a set planned at 24:30 is after midnight, not that morning.
 * Returns null for text that is none of these (the contract refuses it before it gets here).
 */
export function resolveInstant(value: number | string, date: string, zone: string, anchor: number): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!clock) {
    const ms = Date.parse(value);
    return /(?:Z|[+-]\d{2}:\d{2})$/.test(value) && Number.isFinite(ms) && ms >= 0 ? ms : null;
  }
  const [h, m, s] = [Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return null;
  let best: number | null = null;
  for (const d of [addDays(date, -1), date, addDays(date, 1)]) {
    const t = localToEpoch(d, h * 60 + m, zone) + s * 1000;
    if (best === null || Math.abs(t - anchor) < Math.abs(best - anchor)) best = t;
  }
  return best;
}
