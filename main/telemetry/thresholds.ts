import type { ReadingState, Threshold } from '../../preload/contract/index.ts';

export interface Verdict {
  state: ReadingState;
  /** The limit that was crossed, for the alert message. */
  limit?: { kind: 'above' | 'below'; value: number };
}

/**
 * Judge a value against the thresholds for its metric. A device-specific rule replaces the metric-wide
 * one entirely (so a rack probe can run hotter than a room sensor).
 */
export function evaluate(thresholds: readonly Threshold[], deviceId: string, metric: string, value: number): Verdict {
  const rule = thresholds.find((t) => t.metric === metric && t.deviceId === deviceId) ?? thresholds.find((t) => t.metric === metric && t.deviceId === undefined);
  if (!rule) return { state: 'ok' };
  if (rule.alarmAbove !== undefined && value > rule.alarmAbove) return { state: 'alarm', limit: { kind: 'above', value: rule.alarmAbove } };
  if (rule.alarmBelow !== undefined && value < rule.alarmBelow) return { state: 'alarm', limit: { kind: 'below', value: rule.alarmBelow } };
  if (rule.warnAbove !== undefined && value > rule.warnAbove) return { state: 'warn', limit: { kind: 'above', value: rule.warnAbove } };
  if (rule.warnBelow !== undefined && value < rule.warnBelow) return { state: 'warn', limit: { kind: 'below', value: rule.warnBelow } };
  return { state: 'ok' };
}
