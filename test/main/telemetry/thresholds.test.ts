import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../main/telemetry/thresholds.ts';
import type { Threshold } from '../../../preload/contract/index.ts';

const rules: Threshold[] = [
  { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 },
  { metric: 'temperature', deviceId: 'rack', warnAbove: 40, alarmAbove: 45 },
];

describe('thresholds', () => {
  it.each([
    [20, 'ok'],
    [30.1, 'warn'],
    [35.1, 'alarm'],
    [4.9, 'warn'],
    [-0.1, 'alarm'],
    [30, 'ok'], // limits are exclusive: exactly at the limit is still fine
  ] as const)('%d °C in a room is %s', (value, state) => {
    expect(evaluate(rules, 'room', 'temperature', value).state).toBe(state);
  });

  it('a device rule replaces the metric rule for that device', () => {
    expect(evaluate(rules, 'rack', 'temperature', 38).state).toBe('ok');
    expect(evaluate(rules, 'rack', 'temperature', 46)).toEqual({ state: 'alarm', limit: { kind: 'above', value: 45 } });
    expect(evaluate(rules, 'rack', 'temperature', 2).state).toBe('ok');
  });

  it('a metric without rules is always ok', () => {
    expect(evaluate(rules, 'room', 'humidity', 1000).state).toBe('ok');
  });
});
