import type { Panel, Threshold } from '../../../preload/contract/index.ts';
import { valueState, worse, type Limits } from './chart-data.ts';
import { formatNumber, withUnit } from './format.ts';
import type { MetricStatus } from './tile-state.ts';
import { ruleFor } from './thresholds.ts';

/** What a panel shows of its numbers: its thresholds (or the site's), unit and decimals. Pure. */

const hasLimit = (l: Limits | undefined): l is Limits => !!l && (l.warnAbove !== undefined || l.alarmAbove !== undefined || l.warnBelow !== undefined || l.alarmBelow !== undefined);

/** The panel's own thresholds when it sets any; otherwise the site's rule for that device and metric. */
export function effectiveLimits(panel: Pick<Panel, 'thresholds'>, siteThresholds: readonly Threshold[], device: string, metric: string): Limits | undefined {
  if (hasLimit(panel.thresholds)) return panel.thresholds;
  const rule = ruleFor(siteThresholds, device, metric);
  return hasLimit(rule) ? { warnAbove: rule.warnAbove, alarmAbove: rule.alarmAbove, warnBelow: rule.warnBelow, alarmBelow: rule.alarmBelow } : undefined;
}

/** Equal limits (so a chart with several series under one rule draws its bands once). */
export function sameLimits(a: Limits | undefined, b: Limits | undefined): boolean {
  if (!a || !b) return a === b;
  return a.warnAbove === b.warnAbove && a.alarmAbove === b.alarmAbove && a.warnBelow === b.warnBelow && a.alarmBelow === b.alarmBelow;
}

// Rates and sizes read best with an SI prefix: 1.2 Gbit/s, not 1200000000 bit/s.
const siUnits = new Set(['bit/s', 'b/s', 'B/s', 'bps', 'B', 'bit', 'Hz', 'W', 'Wh', 'VA']);
const prefixes: [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/**
 * A value with its unit: with `decimals` when the panel sets them, else the metric's usual resolution;
 * SI-prefixed for rates and sizes from 10 000 up ("390 Mbit/s"). "—" for no value.
 */
export function formatPanelValue(value: number | null | undefined, unit: string, metric: string, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (unit === 's' && Math.abs(value) >= 3600 && decimals === undefined) return formatDuration(value);
  let v = value;
  let u = unit;
  if (siUnits.has(unit) && Math.abs(value) >= 1e4) {
    const [scale, prefix] = prefixes.find(([s]) => Math.abs(value) >= s)!;
    v = value / scale;
    u = `${prefix}${unit === 'bps' ? 'bit/s' : unit}`;
  }
  let text = decimals !== undefined ? v.toFixed(decimals) : u !== unit ? v.toFixed(Math.abs(v) >= 100 ? 0 : 1) : formatNumber(metric, v, u);
  if (/^-0(\.0+)?$/.test(text)) text = text.slice(1);
  return withUnit(text, u);
}

/** A compact axis tick: SI-prefixed for rates, at most 3 significant digits otherwise. */
export function formatTick(value: number, unit: string): string {
  if (siUnits.has(unit) && Math.abs(value) >= 1e3) {
    const hit = prefixes.find(([s]) => Math.abs(value) >= s) ?? [1, ''];
    return `${Number((value / hit[0]).toPrecision(3))}${hit[1]}`;
  }
  return String(Number(value.toPrecision(3)));
}

export interface LatestValue {
  value: number;
  ts: number;
  /** When it counts as stale (ms after ts). */
  staleAfterMs: number;
  limits: Limits | undefined;
}

/** A latest value's state: stale once it is older than its stale time, else what its limits say. */
export function latestState(v: LatestValue, now: number): MetricStatus {
  return now - v.ts > v.staleAfterMs ? 'stale' : valueState(v.value, v.limits);
}

/** The panel's colour: the worst of its series' latest states; stale with no value at all. */
export function panelState(values: readonly (LatestValue | undefined)[], now: number): MetricStatus {
  if (values.length === 0) return 'ok';
  let state: MetricStatus = 'ok';
  for (const v of values) state = worse(state, v ? latestState(v, now) : 'stale');
  return state;
}

/**
 * A gauge's scale: the panel's min/max when set; else 0 (or the lowest limit/value, if below 0) up to a
 * little above the highest of the limits and the value, rounded to a readable number.
 */
export function gaugeScale(panel: Pick<Panel, 'min' | 'max'>, limits: Limits | undefined, value: number | undefined): { min: number; max: number } {
  const marks = [value, limits?.warnAbove, limits?.alarmAbove, limits?.warnBelow, limits?.alarmBelow].filter((n): n is number => n !== undefined && Number.isFinite(n));
  const lowest = Math.min(0, ...marks);
  const min = panel.min ?? (lowest < 0 ? -niceCeil(-lowest * 1.1) : 0);
  const highest = Math.max(...marks, min + 1);
  const max = panel.max ?? Math.max(min + 1, niceCeil(highest * (highest > 0 ? 1.2 : 0.8)));
  return max > min ? { min, max } : { min, max: min + 1 };
}

/** The smallest of 1, 2, 2.5, 5 × 10^n at or above x. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-9 * p) return m * p;
  return 10 * p;
}

/** Where a value sits on a scale, 0–1 (clamped). */
export const fraction = (value: number, scale: { min: number; max: number }): number => Math.min(1, Math.max(0, (value - scale.min) / (scale.max - scale.min)));

/** A long duration in seconds as people say it: "3 d 4 h", "5 h 12 min". */
export function formatDuration(seconds: number): string {
  const s = Math.abs(Math.round(seconds));
  const sign = seconds < 0 ? '-' : '';
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  return d > 0 ? `${sign}${d}\u00a0d ${h}\u00a0h` : `${sign}${h}\u00a0h ${m}\u00a0min`;
}
