/**
 * InfluxDB line protocol (what InfluxDB 1.x `/write`, 2.x `/api/v2/write` and VictoriaMetrics `/write` take),
 * millisecond precision: `temperature,device=ble:…,name=Stage\ left,room=Stage,unit=°C value=21.5 1767225600000`.
 * Pure.
 */

export interface LineSeries {
  metric: string;
  deviceId: string;
  name: string | null;
  room: string | null;
  unit: string;
}

/**
 * Commas, spaces (and in tags `=`) are escaped with a backslash. A backslash itself cannot be escaped in
 * InfluxDB 1.x tag values (`\\` is stored as two), and one before a delimiter would swallow it: it becomes
 * `/`. Line breaks end a point, so they become spaces. Empty tag values are not allowed: such tags are left out.
 */
const clean = (s: string) => s.replace(/\\/g, '/').replace(/[\r\n]+/g, ' ');
export const escapeMeasurement = (s: string): string => clean(s).replace(/[, ]/g, (c) => `\\${c}`);
export const escapeTag = (s: string): string => clean(s).replace(/[,= ]/g, (c) => `\\${c}`);

/** The measurement and tag part of a series' lines (everything before ` value=`), tags sorted by key. */
export function seriesKey(s: LineSeries): string {
  let key = escapeMeasurement(s.metric) + `,device=${escapeTag(s.deviceId)}`;
  if (s.name) key += `,name=${escapeTag(s.name)}`;
  if (s.room) key += `,room=${escapeTag(s.room)}`;
  if (s.unit) key += `,unit=${escapeTag(s.unit)}`;
  return key;
}

/** One point: a float field `value` (no `i` suffix, so every reading of a measurement has one type). */
export const line = (key: string, value: number, ts: number): string => `${key} value=${value} ${ts}`;
