/**
 * Venue-local wall-clock time ↔ epoch ms in an IANA zone, DST-correct, with nothing but Intl.
 *
 * Ambiguity follows Temporal's 'compatible' rule (the same as java.time and most calendars):
 * - a local time that does not exist (spring-forward gap) moves forward by the gap's length
 *   (Europe/London 2026-03-29 01:30 → 02:30 BST);
 * - a local time that occurs twice (fall-back overlap) means the FIRST occurrence
 *   (Europe/London 2026-10-25 01:30 → 01:30 BST, 00:30 UTC).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Formatters are costly to build; one per zone, kept for the process (a memo, not state). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the zone is an IANA name this runtime knows (e.g. 'Europe/London', 'UTC'). */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The OS zone: the default for the venue-zone setting. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallParts(ms: number, zone: string): WallParts {
  const p: WallParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(zone).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        p.year = Number(part.value);
        break;
      case 'month':
        p.month = Number(part.value);
        break;
      case 'day':
        p.day = Number(part.value);
        break;
      case 'hour':
        p.hour = Number(part.value);
        break;
      case 'minute':
        p.minute = Number(part.value);
        break;
      case 'second':
        p.second = Number(part.value);
        break;
    }
  }
  return p;
}

/** The zone's UTC offset at an instant, in ms (Europe/London in summer: +3 600 000). */
export function zoneOffsetMs(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  const p = wallParts(whole, zone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - whole;
}

/** Days since 1970-01-01 for an ISO date (no validation: callers pass checked dates, years 2000–2999). */
function epochDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

/** `YYYY-MM-DD` n days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  return new Date((epochDay(date) + n) * DAY).toISOString().slice(0, 10);
}

/** Whole days from date `a` to date `b`. */
export function daysBetween(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/**
 * The instant of a venue-local wall time: `minutes` after local midnight starting `date`
 * (minutes ≥ 1440 reach into the following days). Gap → forward, overlap → first occurrence.
 */
export function localToEpoch(date: string, minutes: number, zone: string): number {
  const wall = epochDay(date) * DAY + minutes * MINUTE;
  // Offsets a day either side bracket any transition near this wall time.
  const before = zoneOffsetMs(wall - DAY, zone);
  const after = zoneOffsetMs(wall + DAY, zone);
  if (before === after && zoneOffsetMs(wall - before, zone) === before) return wall - before;
  const a = wall - before;
  const b = wall - after;
  const aFits = zoneOffsetMs(a, zone) === before;
  const bFits = zoneOffsetMs(b, zone) === after;
  if (aFits && bFits) return Math.min(a, b); // overlap (or no transition: a === b)
  if (aFits) return a;
  if (bFits) return b;
  // Gap: read the wall time with the offset in force before the jump, which lands after it.
  return a;
}

/** The venue-local date and the ms after local midnight of an instant. */
export function epochToLocal(ms: number, zone: string): { date: string; msOfDay: number } {
  const local = ms + zoneOffsetMs(ms, zone);
  const day = Math.floor(local / DAY);
  return { date: new Date(day * DAY).toISOString().slice(0, 10), msOfDay: local - day * DAY };
}

/** `HH:MM` (or `HH:MM:SS` with seconds) of an instant in the zone. */
export function localClock(ms: number, zone: string, withSeconds = false): string {
  const totalSeconds = Math.floor(epochToLocal(ms, zone).msOfDay / 1000);
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor(totalSeconds / 60) % 60;
  const ss = totalSeconds % 60;
  return withSeconds ? `${pad2(hh)}:${pad2(mm)}:${pad2(ss)}` : `${pad2(hh)}:${pad2(mm)}`;
}

/** ISO 8601 with the zone's offset: `2026-07-04T20:15:00+01:00` (`.sss` only when not zero). */
export function isoInZone(ms: number, zone: string): string {
  const offset = zoneOffsetMs(ms, zone);
  const local = new Date(ms + offset).toISOString(); // "…T20:15:00.000Z" in local terms
  const millis = ms - Math.floor(ms / 1000) * 1000;
  const base = millis === 0 ? local.slice(0, 19) : local.slice(0, 23);
  const offMin = Math.round(offset / MINUTE);
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  return `${base}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * Parse a clock `H:MM` / `HH:MM` into minutes after midnight, hours up to `maxHour`
 * (23 for plain times, 47 for day clocks that reach past midnight). Null when impossible.
 */
export function parseClock(text: string, maxHour = 23): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > maxHour || min > 59) return null;
  return h * 60 + min;
}

/** Minutes after the day's midnight → `HH:MM` (hours may exceed 23 for after-midnight day clocks). */
export function formatClock(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}
