/**
 * Times of the running order as the operator reads them: in the VENUE's zone (not the tablet's), slip
 * as "+12 min", time left as "12:34". Pure (Intl only), so the same text shows on every screen.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, seconds: boolean): Intl.DateTimeFormat {
  const key = `${zone}|${seconds ? 's' : 'm'}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) });
    formatters.set(key, f);
  }
  return f;
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** The venue-local calendar date of an instant, YYYY-MM-DD. */
export function venueDate(ms: number, zone: string): string {
  let f = dateFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormatters.set(zone, f);
  }
  return f.format(ms);
}

/** "19:05" (or "19:05:33") in the venue's zone. */
export function venueClock(ms: number, zone: string, seconds = false): string {
  return formatter(zone, seconds).format(ms);
}

/** "19:05", or "01:30 +1" for an instant on the day after the show day (its late sets). */
export function venueTime(ms: number | null, zone: string, showDate: string, seconds = false): string {
  if (ms === null) return '—';
  const clock = venueClock(ms, zone, seconds);
  const days = daysBetween(showDate, venueDate(ms, zone));
  return days === 0 ? clock : `${clock} ${days > 0 ? '+' : '−'}${Math.abs(days)}`;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

const minus = '−';

/** Start slip in words a stage manager scans: "on time", "+12 min", "−3 min", "+40 s" under a minute. */
export function slipText(seconds: number | null): string {
  if (seconds === null) return '';
  if (seconds === 0) return 'on time';
  const sign = seconds > 0 ? '+' : minus;
  const abs = Math.abs(seconds);
  if (abs < 60) return `${sign}${abs} s`;
  const min = Math.round(abs / 60);
  if (min < 60) return `${sign}${min} min`;
  return `${sign}${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')}`;
}

/** Late, early or on time, for colour. A minute either way still counts as on time. */
export function slipClass(seconds: number | null): 'late' | 'early' | 'ontime' | 'none' {
  if (seconds === null) return 'none';
  if (seconds >= 60) return 'late';
  if (seconds <= -60) return 'early';
  return 'ontime';
}

/** A countdown: "12:34", "1:02:03"; negative (an overrun) as "−2:13". */
export function countdown(ms: number): string {
  const sign = ms < 0 ? minus : '';
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${sign}${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** "in 12 min", "in 1 h 05", "now" — how far ahead something is expected. */
export function inTime(ms: number): string {
  if (ms < 30_000) return 'now';
  const min = Math.round(ms / 60_000);
  return min < 60 ? `in ${min} min` : `in ${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')}`;
}

/** The curfew line, always on screen: projected end against curfew. */
export function curfewText(view: { curfew: number | null; projectedEnd: number | null; curfewDeltaSeconds: number | null; zone: string; date: string }): string {
  if (view.curfew === null) return 'No curfew set for this day';
  const curfew = `Curfew ${venueTime(view.curfew, view.zone, view.date)}`;
  if (view.projectedEnd === null || view.curfewDeltaSeconds === null) return `${curfew} · no sets to project`;
  const delta = view.curfewDeltaSeconds;
  const min = Math.round(Math.abs(delta) / 60);
  const margin = delta > 0 ? `${min} min over` : min === 0 ? 'right on curfew' : `${min} min to spare`;
  return `${curfew} · projected end ${venueTime(view.projectedEnd, view.zone, view.date)} · ${margin}`;
}

/** "25:30" (a day clock) → "01:30 +1"; "19:00" stays. */
export function dayClockLabel(clock: string): string {
  const h = Number(clock.slice(0, 2));
  if (!(h >= 24)) return clock;
  return `${String(h - 24).padStart(2, '0')}${clock.slice(2)} +1`;
}

/** "Sat 4 Jul 2026" for a YYYY-MM-DD. */
export function dateLabel(date: string): string {
  const ms = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), 12);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(ms);
}
