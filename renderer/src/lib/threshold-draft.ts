import type { Device, LiveReading, ReadingState, Threshold } from '../../../preload/contract/index.ts';
import { displayName } from './group.ts';
import { isStale } from './tile-state.ts';
import { evaluate } from './thresholds.ts';

export const limitKeys = ['warnAbove', 'alarmAbove', 'warnBelow', 'alarmBelow'] as const;
export type LimitKey = (typeof limitKeys)[number];

export const limitLabel: Record<LimitKey, string> = { warnAbove: 'Warn above', alarmAbove: 'Alarm above', warnBelow: 'Warn below', alarmBelow: 'Alarm below' };

/** One rule as the editor holds it: limits as typed (text), so "3." or "-" can be on the way to a number. */
export interface DraftRule {
  /** Stable React key; not saved. */
  key: number;
  metric: string;
  /** '' = every device with this metric. */
  deviceId: string;
  warnAbove: string;
  alarmAbove: string;
  warnBelow: string;
  alarmBelow: string;
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));

export function toDrafts(thresholds: readonly Threshold[]): DraftRule[] {
  return thresholds.map((t, key) => ({
    key,
    metric: t.metric,
    deviceId: t.deviceId ?? '',
    warnAbove: text(t.warnAbove),
    alarmAbove: text(t.alarmAbove),
    warnBelow: text(t.warnBelow),
    alarmBelow: text(t.alarmBelow),
  }));
}

export type ParsedLimit = { ok: true; value: number | undefined } | { ok: false; message: string };

/** "" → no limit; "35", "-2.5", "2,5" (decimal comma) → a number; anything else → a message. */
export function parseLimit(input: string): ParsedLimit {
  const t = input.trim().replace(',', '.').replace(/^\u2212/, '-');
  if (t === '') return { ok: true, value: undefined };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return { ok: false, message: 'Enter a number, or leave empty for no limit' };
  const value = Number(t);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: 'Enter a number, or leave empty for no limit' };
}

export interface DraftResult {
  /** The rules as the contract takes them, in the editor's order (the core's issue paths index into it). */
  rules: Threshold[];
  /** Typing mistakes, keyed like the core's issue paths ("thresholds.0.warnAbove"). Empty = ready to save. */
  errors: Record<string, string>;
}

/** Drafts → thresholds. A limit that is not a number is reported and left out, so a preview still works. */
export function fromDrafts(drafts: readonly DraftRule[]): DraftResult {
  const errors: Record<string, string> = {};
  const rules = drafts.map((d, i): Threshold => {
    const rule: Threshold = { metric: d.metric.trim() };
    if (d.deviceId) rule.deviceId = d.deviceId;
    for (const k of limitKeys) {
      const parsed = parseLimit(d[k]);
      if (!parsed.ok) errors[`thresholds.${i}.${k}`] = `${limitLabel[k]}: ${parsed.message.charAt(0).toLowerCase()}${parsed.message.slice(1)}`;
      else if (parsed.value !== undefined) rule[k] = parsed.value;
    }
    if (rule.metric === '') errors[`thresholds.${i}.metric`] = 'Name the metric, e.g. temperature';
    return rule;
  });
  return { rules, errors };
}

/** Two rules for the same metric and device: the core uses the first; the editor says so. */
export function duplicateRules(drafts: readonly DraftRule[]): Set<number> {
  const seen = new Set<string>();
  const dup = new Set<number>();
  drafts.forEach((d, i) => {
    const k = `${d.metric.trim()}\u0000${d.deviceId}`;
    if (seen.has(k)) dup.add(i);
    seen.add(k);
  });
  return dup;
}

export interface PreviewChange {
  deviceId: string;
  name: string;
  from: ReadingState;
  to: ReadingState;
}

const rank: Record<ReadingState, number> = { ok: 0, warn: 1, alarm: 2 };

/**
 * Which tiles would change state if `next` replaced `current`, judged on the live readings with the core's
 * own rule (`evaluate`). A tile's state is its worst metric's; stale readings are left out (their tile
 * shows STALE whatever the limits say).
 */
export function previewChanges(
  readings: Iterable<LiveReading>,
  devices: ReadonlyMap<string, Pick<Device, 'name'>>,
  current: readonly Threshold[],
  next: readonly Threshold[],
  serverNow: number,
): PreviewChange[] {
  const worst = new Map<string, { from: ReadingState; to: ReadingState }>();
  for (const r of readings) {
    if (isStale(r, serverNow)) continue;
    const from = evaluate(current, r.deviceId, r.metric, r.value).state;
    const to = evaluate(next, r.deviceId, r.metric, r.value).state;
    const w = worst.get(r.deviceId);
    if (!w) worst.set(r.deviceId, { from, to });
    else {
      if (rank[from] > rank[w.from]) w.from = from;
      if (rank[to] > rank[w.to]) w.to = to;
    }
  }
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return [...worst]
    .filter(([, w]) => w.from !== w.to)
    .map(([deviceId, w]) => ({ deviceId, name: displayName(devices.get(deviceId), deviceId), ...w }))
    .sort((a, b) => rank[b.to] - rank[a.to] || collator.compare(a.name, b.name));
}

/** "Rack exhaust → alarm, FOH desk → ok" (what the preview line says). */
export function previewText(changes: readonly PreviewChange[]): string {
  if (changes.length === 0) return 'No tile would change state.';
  return `Would change: ${changes.map((c) => `${c.name} → ${c.to}`).join(', ')}`;
}
