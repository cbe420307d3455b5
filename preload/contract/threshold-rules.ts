import type { ReadingState } from './model.ts';
import type { Threshold } from './settings.ts';

/**
 * How a reading is judged against the threshold rules — one function for the core (telemetry, alerts) and
 * the UI (previews, tiles), so the two can never disagree. Pure; lives with the contract because both sides
 * may import it.
 */
export interface Verdict {
  state: ReadingState;
  /** The limit that was crossed, for the alert message. */
  limit?: { kind: 'above' | 'below'; value: number };
}

/** The rule that applies: a device-specific rule replaces the metric-wide one entirely (a rack probe may run hotter). */
export function ruleFor(thresholds: readonly Threshold[], deviceId: string, metric: string): Threshold | undefined {
  return thresholds.find((t) => t.metric === metric && t.deviceId === deviceId) ?? thresholds.find((t) => t.metric === metric && t.deviceId === undefined);
}

/** Alarm before warning, above before below; a value exactly on a limit has not crossed it. */
export function evaluate(thresholds: readonly Threshold[], deviceId: string, metric: string, value: number): Verdict {
  const rule = ruleFor(thresholds, deviceId, metric);
  if (!rule) return { state: 'ok' };
  if (rule.alarmAbove !== undefined && value > rule.alarmAbove) return { state: 'alarm', limit: { kind: 'above', value: rule.alarmAbove } };
  if (rule.alarmBelow !== undefined && value < rule.alarmBelow) return { state: 'alarm', limit: { kind: 'below', value: rule.alarmBelow } };
  if (rule.warnAbove !== undefined && value > rule.warnAbove) return { state: 'warn', limit: { kind: 'above', value: rule.warnAbove } };
  if (rule.warnBelow !== undefined && value < rule.warnBelow) return { state: 'warn', limit: { kind: 'below', value: rule.warnBelow } };
  return { state: 'ok' };
}
