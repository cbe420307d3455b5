/**
 * Prometheus text exposition format 0.0.4 of the latest value per series: one gauge family per metric
 * (`showsite_temperature`), labels device, name, room, metric, unit; plus each reading's time
 * (`showsite_reading_timestamp_seconds`) so a scrape can tell a stale value from a fresh one. Pure.
 */

export interface PromReading {
  deviceId: string;
  name: string | null;
  room: string | null;
  metric: string;
  unit: string;
  value: number;
  /** Epoch ms of the reading. */
  ts: number;
}

export interface PromGauge {
  name: string;
  help: string;
  value: number;
}

export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A metric name as Prometheus allows it: [a-zA-Z_:][a-zA-Z0-9_:]*. */
export const familyName = (metric: string): string => `showsite_${metric.replace(/[^a-zA-Z0-9_:]/g, '_')}`;
const labelValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const number = (v: number) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : String(v));
const helpText = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labels(r: PromReading): string {
  return `{device="${labelValue(r.deviceId)}",name="${labelValue(r.name ?? '')}",room="${labelValue(r.room ?? '')}",metric="${labelValue(r.metric)}",unit="${labelValue(r.unit)}"}`;
}

export function prometheusText(readings: readonly PromReading[], gauges: readonly PromGauge[] = []): string {
  const families = new Map<string, PromReading[]>();
  for (const r of readings) {
    const f = familyName(r.metric);
    let list = families.get(f);
    if (!list) families.set(f, (list = []));
    list.push(r);
  }
  const out: string[] = [];
  for (const f of [...families.keys()].sort()) {
    const list = families.get(f)!.sort((a, b) => a.deviceId.localeCompare(b.deviceId) || a.metric.localeCompare(b.metric));
    const metrics = [...new Set(list.map((r) => r.metric))].join(', ');
    out.push(`# HELP ${f} Latest ${helpText(metrics)} reading of each device (Showsite Console).`, `# TYPE ${f} gauge`);
    for (const r of list) out.push(`${f}${labels(r)} ${number(r.value)}`);
  }
  if (readings.length > 0) {
    const f = 'showsite_reading_timestamp_seconds';
    out.push(`# HELP ${f} When the latest reading of each series was measured (Unix seconds).`, `# TYPE ${f} gauge`);
    for (const r of [...readings].sort((a, b) => a.deviceId.localeCompare(b.deviceId) || a.metric.localeCompare(b.metric))) out.push(`${f}${labels(r)} ${r.ts / 1000}`);
  }
  for (const g of gauges) out.push(`# HELP ${g.name} ${helpText(g.help)}`, `# TYPE ${g.name} gauge`, `${g.name} ${number(g.value)}`);
  return out.length ? `${out.join('\n')}\n` : '';
}
