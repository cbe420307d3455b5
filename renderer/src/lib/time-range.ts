import { dashboardRanges } from '../../../preload/contract/index.ts';

/**
 * The time range a dashboard shows, and how it lives in the URL (`#/dashboards/<id>?range=24h` or
 * `?from=<ms>&to=<ms>`), so a link reopens the same view. Pure: "now" is always a parameter.
 */
export type RangeKey = (typeof dashboardRanges)[number];
export const rangeKeys: readonly RangeKey[] = dashboardRanges;

export type TimeRange = { kind: 'relative'; key: RangeKey } | { kind: 'absolute'; from: number; to: number };

const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "24h" → 86 400 000. */
export function rangeSpanMs(key: RangeKey): number {
  const m = /^(\d+)([mhd])$/.exec(key)!;
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs];
}

export const isRangeKey = (s: string | null | undefined): s is RangeKey => s != null && (rangeKeys as readonly string[]).includes(s);

/** [from, to) in epoch ms: a relative range ends at `now`. */
export function resolveRange(range: TimeRange, now: number): { from: number; to: number } {
  return range.kind === 'relative' ? { from: now - rangeSpanMs(range.key), to: now } : { from: range.from, to: range.to };
}

/** A relative range follows "now" (re-queried while it is shown); a custom one stays put. */
export const isLive = (range: TimeRange): boolean => range.kind === 'relative';

/** Epoch ms or an ISO date-time with a zone, as a link may carry them; undefined otherwise. */
function parseInstant(text: string | null): number | undefined {
  if (text === null || text === '') return undefined;
  if (/^\d{1,16}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** The range a query string names (`range=6h`, or `from` & `to` with from < to); null when it names none. */
export function parseRange(query: URLSearchParams): TimeRange | null {
  const key = query.get('range');
  if (isRangeKey(key)) return { kind: 'relative', key };
  const from = parseInstant(query.get('from'));
  const to = parseInstant(query.get('to'));
  if (from !== undefined && to !== undefined && from < to) return { kind: 'absolute', from, to };
  return null;
}

export interface DashboardsLocation {
  /** The dashboard shown; null = the first one (or the device view when `device` is set). */
  id: string | null;
  /** Show this device's charts (a view built from its series, not a stored dashboard). */
  device: string | null;
  /** null = the dashboard's own default range. */
  range: TimeRange | null;
}

/** "#/dashboards/room-foh?range=6h" → { id: 'room-foh', range: 6h }. */
export function parseDashboardsHash(hash: string): DashboardsLocation {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const path = (q < 0 ? body : body.slice(0, q)).split('/');
  const query = new URLSearchParams(q < 0 ? '' : body.slice(q + 1));
  let id: string | null = null;
  try {
    id = path[1] ? decodeURIComponent(path[1]) : null;
  } catch {
    id = null;
  }
  return { id, device: query.get('device') || null, range: parseRange(query) };
}

/** The link for a view; the inverse of parseDashboardsHash. */
export function dashboardsHref(loc: DashboardsLocation): string {
  const query = new URLSearchParams();
  if (loc.device) query.set('device', loc.device);
  if (loc.range?.kind === 'relative') query.set('range', loc.range.key);
  else if (loc.range) {
    query.set('from', String(loc.range.from));
    query.set('to', String(loc.range.to));
  }
  const qs = query.toString();
  return `#/dashboards${loc.id ? `/${encodeURIComponent(loc.id)}` : ''}${qs ? `?${qs}` : ''}`;
}

/** Shortest span a drag may zoom into: anything narrower is a click, not a zoom. */
export const MIN_ZOOM_MS = 10_000;

/**
 * The range a drag across a chart selects, from the two x values where it started and ended (either order).
 * Null when it is too narrow to be a zoom (a click, or a jitter of the mouse).
 */
export function zoomRange(a: number, b: number, minSpanMs = MIN_ZOOM_MS): TimeRange | null {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
  const from = Math.round(Math.min(a, b));
  const to = Math.round(Math.max(a, b));
  return to - from < minSpanMs ? null : { kind: 'absolute', from, to };
}

/**
 * Zoom out: the same centre, three times the span (what Grafana's "zoom out" does), never past `now`
 * (the window slides back instead).
 */
export function zoomOut(range: { from: number; to: number }, now: number): TimeRange {
  const span = range.to - range.from;
  let from = range.from - span;
  let to = range.to + span;
  if (to > now) {
    from -= to - now;
    to = now;
  }
  return { kind: 'absolute', from: Math.max(0, Math.round(from)), to: Math.round(to) };
}

/**
 * How often a followed range is asked again: about one bucket of a 720-point chart, at least every 5 s
 * (a short range moves visibly) and at most every 5 minutes (a month's chart barely moves).
 */
export function followIntervalMs(spanMs: number): number {
  return Math.min(300_000, Math.max(5_000, Math.round(spanMs / 720)));
}

const pad = (n: number) => String(n).padStart(2, '0');
const clock = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const day = (d: Date) => `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Axis ticks for a span: clock time up to a day and a half, then month-day (with the time up to a week). */
export function timeTickFormatter(spanMs: number): (t: number) => string {
  if (spanMs <= 36 * 3_600_000) return (t) => clock(new Date(t));
  if (spanMs <= 8 * 86_400_000) return (t) => `${day(new Date(t))} ${clock(new Date(t))}`;
  return (t) => day(new Date(t));
}

/** "Last 24 h", or "05-01 18:00 → 05-02 06:00" for a custom range. */
export function rangeLabel(range: TimeRange): string {
  if (range.kind === 'relative') return `Last ${range.key.replace(/^(\d+)([mhd])$/, (_m, n: string, u: string) => `${n}\u00a0${u === 'm' ? 'min' : u}`)}`;
  const f = new Date(range.from);
  const t = new Date(range.to);
  return `${day(f)} ${clock(f)} → ${day(t)} ${clock(t)}`;
}

/** Value for a datetime-local input (local time, minutes). */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${day(d)}T${clock(d)}`;
}

/** A datetime-local input's value → epoch ms (local time); undefined when empty or malformed. */
export function fromLocalInput(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, Number.isNaN(s) ? 0 : s);
  return date.getMonth() === mo - 1 && date.getDate() === d ? date.getTime() : undefined;
}

const tickSteps = [60_000, 300_000, 900_000, 1_800_000, 3_600_000, 3 * 3_600_000, 6 * 3_600_000, 12 * 3_600_000, 86_400_000, 2 * 86_400_000, 7 * 86_400_000];

/**
 * Round times for a time axis: about `count` ticks on whole minutes, quarter hours, hours or days of local
 * time (`tzOffsetMs` = local − UTC, so day ticks fall on local midnight).
 */
export function timeTicks(from: number, to: number, count: number, tzOffsetMs = 0): number[] {
  if (!(to > from) || count < 1) return [];
  const ideal = (to - from) / count;
  const step = tickSteps.find((s) => s >= ideal) ?? Math.ceil(ideal / 86_400_000) * 86_400_000;
  const ticks: number[] = [];
  const first = Math.ceil((from + tzOffsetMs) / step) * step - tzOffsetMs;
  for (let t = first; t <= to; t += step) ticks.push(t);
  return ticks;
}
