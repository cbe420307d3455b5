/**
 * CSV of series ranges (RFC 4180: comma, CRLF, quotes doubled), one row per bucket or reading and series,
 * sorted by time. Text a spreadsheet would run as a formula (=, +, -, @ first) gets a leading apostrophe.
 * Pure.
 */

export interface CsvSeries {
  id: number;
  deviceId: string;
  name: string | null;
  room: string | null;
  metric: string;
  unit: string;
}

export interface CsvPoint {
  t: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}

const text = (v: string | null): string => {
  let s = v ?? '';
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const iso = (t: number) => new Date(t).toISOString();
const who = (s: CsvSeries) => `${s.id},${text(s.deviceId)},${text(s.name)},${text(s.room)},${text(s.metric)},${text(s.unit)}`;

/** Rows of several series merged by time (stable: equal times keep the series order). */
function byTime<T extends { t: number }>(lists: readonly { series: CsvSeries; rows: readonly T[] }[]): { series: CsvSeries; row: T }[] {
  const all: { series: CsvSeries; row: T }[] = [];
  for (const l of lists) for (const row of l.rows) all.push({ series: l.series, row });
  return all.sort((a, b) => a.row.t - b.row.t);
}

export function pointsCsv(lists: readonly { series: CsvSeries; rows: readonly CsvPoint[] }[]): string {
  const out = ['time,series_id,device,name,room,metric,unit,min,max,avg,count'];
  for (const { series, row } of byTime(lists)) out.push(`${iso(row.t)},${who(series)},${row.min},${row.max},${row.avg},${row.count}`);
  return `${out.join('\r\n')}\r\n`;
}

export function rawCsv(lists: readonly { series: CsvSeries; rows: readonly { t: number; value: number }[] }[]): string {
  const out = ['time,series_id,device,name,room,metric,unit,value'];
  for (const { series, row } of byTime(lists)) out.push(`${iso(row.t)},${who(series)},${row.value}`);
  return `${out.join('\r\n')}\r\n`;
}

/** A file name for a range: `showsite-temperature-20260501T1800Z-20260502T1800Z.csv`. */
export function csvFilename(series: readonly CsvSeries[], from: number, to: number, raw: boolean): string {
  const what = series.length === 1 ? series[0]!.metric : `${series.length}-series`;
  const stamp = (t: number) => iso(t).replace(/:\d{2}\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `showsite-${what.replace(/[^a-z0-9_.-]/gi, '_')}-${stamp(from)}-${stamp(to)}${raw ? '-raw' : ''}.csv`;
}
