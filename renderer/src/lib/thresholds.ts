import type { ReadingState, Threshold } from '../../../preload/contract/index.ts';
import { withUnit } from './format.ts';

/**
 * The core's threshold rules (main/telemetry/thresholds.ts), ported so the UI can preview a change and show
 * the limit a reading crossed. The renderer may not import main/; test/renderer/thresholds.test.ts checks that
 * both give the same verdict on a table of cases, so the two cannot drift apart silently.
 */
export interface Verdict {
  state: ReadingState;
  /** The limit that was crossed. */
  limit?: { kind: 'above' | 'below'; value: number };
}

/** The rule that applies: a device-specific rule replaces the metric-wide one entirely. */
export function ruleFor(thresholds: readonly Threshold[], deviceId: string, metric: string): Threshold | undefined {
  return thresholds.find((t) => t.metric === metric && t.deviceId === deviceId) ?? thresholds.find((t) => t.metric === metric && t.deviceId === undefined);
}

export function evaluate(thresholds: readonly Threshold[], deviceId: string, metric: string, value: number): Verdict {
  const rule = ruleFor(thresholds, deviceId, metric);
  if (!rule) return { state: 'ok' };
  if (rule.alarmAbove !== undefined && value > rule.alarmAbove) return { state: 'alarm', limit: { kind: 'above', value: rule.alarmAbove } };
  if (rule.alarmBelow !== undefined && value < rule.alarmBelow) return { state: 'alarm', limit: { kind: 'below', value: rule.alarmBelow } };
  if (rule.warnAbove !== undefined && value > rule.warnAbove) return { state: 'warn', limit: { kind: 'above', value: rule.warnAbove } };
  if (rule.warnBelow !== undefined && value < rule.warnBelow) return { state: 'warn', limit: { kind: 'below', value: rule.warnBelow } };
  return { state: 'ok' };
}

type Limits = Pick<Threshold, 'warnAbove' | 'alarmAbove' | 'warnBelow' | 'alarmBelow'>;

/** "30" / "-2.5": limits as the operator typed them, not rounded to the sensor's resolution. */
const num = (n: number) => String(n);

function side(below: number | undefined, above: number | undefined): string | null {
  if (below !== undefined && above !== undefined) return `<${num(below)} or >${num(above)}`;
  if (above !== undefined) return `>${num(above)}`;
  if (below !== undefined) return `<${num(below)}`;
  return null;
}

/**
 * A rule in a few characters for a tile: "warn >30 · alarm >35 °C", "warn <5 or >30 · alarm <0 or >35 °C".
 * Null when the rule sets no limit. The unit sits once at the end, glued to the last number.
 */
export function limitsLine(rule: Limits | undefined, unit: string): string | null {
  if (!rule) return null;
  const parts = [side(rule.warnBelow, rule.warnAbove), side(rule.alarmBelow, rule.alarmAbove)];
  const words = [parts[0] && `warn ${parts[0]}`, parts[1] && `alarm ${parts[1]}`].filter((p): p is string => !!p);
  if (words.length === 0) return null;
  return withUnit(words.join(' · '), unit);
}

/** The same rule as a sentence, for a tooltip and screen readers. */
export function limitsSentence(rule: Limits | undefined, unit: string): string | null {
  if (!rule) return null;
  const v = (n: number) => withUnit(num(n), unit);
  const parts: string[] = [];
  if (rule.warnAbove !== undefined) parts.push(`warning above ${v(rule.warnAbove)}`);
  if (rule.alarmAbove !== undefined) parts.push(`alarm above ${v(rule.alarmAbove)}`);
  if (rule.warnBelow !== undefined) parts.push(`warning below ${v(rule.warnBelow)}`);
  if (rule.alarmBelow !== undefined) parts.push(`alarm below ${v(rule.alarmBelow)}`);
  if (parts.length === 0) return null;
  const s = parts.join(', ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
