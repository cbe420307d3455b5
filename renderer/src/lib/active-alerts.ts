import type { Device, LiveReading, Threshold } from '../../../preload/contract/index.ts';
import { displayName } from './group.ts';
import { isStale } from './tile-state.ts';
import { evaluate, type Verdict } from './thresholds.ts';

/** One device + metric in warning or alarm right now. */
export interface ActiveAlert {
  seriesId: number;
  deviceId: string;
  name: string;
  metric: string;
  unit: string;
  value: number;
  ts: number;
  state: 'warn' | 'alarm';
  /** The limit crossed, judged with today's rules (absent when the rules no longer say why). */
  limit?: Verdict['limit'];
}

export interface AlertCounts {
  alarm: number;
  warn: number;
}

/**
 * What is in warning or alarm now, worst first. The core's verdict (`reading.state`) decides; a stale
 * reading is left out, because its last state is not its current state (the tile shows it as STALE).
 */
export function activeAlerts(readings: Iterable<LiveReading>, devices: ReadonlyMap<string, Pick<Device, 'name'>>, thresholds: readonly Threshold[], serverNow: number): ActiveAlert[] {
  const out: ActiveAlert[] = [];
  for (const r of readings) {
    if (r.state === 'ok' || isStale(r, serverNow)) continue;
    const verdict = evaluate(thresholds, r.deviceId, r.metric, r.value);
    out.push({
      seriesId: r.seriesId,
      deviceId: r.deviceId,
      name: displayName(devices.get(r.deviceId), r.deviceId),
      metric: r.metric,
      unit: r.unit,
      value: r.value,
      ts: r.ts,
      state: r.state,
      ...(verdict.limit ? { limit: verdict.limit } : {}),
    });
  }
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return out.sort((a, b) => (a.state === b.state ? 0 : a.state === 'alarm' ? -1 : 1) || collator.compare(a.name, b.name) || collator.compare(a.metric, b.metric));
}

export function countAlerts(alerts: readonly Pick<ActiveAlert, 'state'>[]): AlertCounts {
  const counts: AlertCounts = { alarm: 0, warn: 0 };
  for (const a of alerts) counts[a.state]++;
  return counts;
}

/** "2 alarm · 1 warn", "1 warn"; empty when all is well. */
export function countsText(c: AlertCounts): string {
  return [c.alarm > 0 && `${c.alarm} alarm`, c.warn > 0 && `${c.warn} warn`].filter(Boolean).join(' · ');
}
