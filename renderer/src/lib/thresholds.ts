import type { Threshold } from '../../../preload/contract/index.ts';
import { withUnit } from './format.ts';

// The rules themselves (which rule applies, what a value crossed) are the core's, from the contract.
export { evaluate, ruleFor, type Verdict } from '../../../preload/contract/index.ts';

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
