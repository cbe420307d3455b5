import { describe, expect, it } from 'vitest';
import type { Threshold } from '../../../preload/contract/index.ts';
import { evaluate, ruleFor } from '../../../preload/contract/index.ts';

const defaults: Threshold[] = [
  { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 },
  { metric: 'humidity', warnAbove: 70, alarmAbove: 85 },
];
const rack = 'snmp:watchdog-demo:geist:7E000A1B01C3D402';
const withDeviceRule: Threshold[] = [...defaults, { metric: 'temperature', deviceId: rack, warnAbove: 40, alarmAbove: 45 }];
const onlyAlarm: Threshold[] = [{ metric: 'co2', alarmAbove: 1500 }];
const onlyBelow: Threshold[] = [{ metric: 'battery', warnBelow: 20, alarmBelow: 10 }];
// A device rule listed before the metric-wide one still wins for its device, and only for it.
const deviceFirst: Threshold[] = [{ metric: 'temperature', deviceId: rack, alarmAbove: 50 }, ...defaults];

// [rules, device, metric, value, expected state, expected limit crossed]
const cases: [string, Threshold[], string, string, number, string, { kind: 'above' | 'below'; value: number } | undefined][] = [
  ['room at 21 °C is ok', defaults, 'ble:1', 'temperature', 21, 'ok', undefined],
  ['exactly on the warn limit is not above it', defaults, 'ble:1', 'temperature', 30, 'ok', undefined],
  ['just above warn', defaults, 'ble:1', 'temperature', 30.1, 'warn', { kind: 'above', value: 30 }],
  ['exactly on the alarm limit is a warning', defaults, 'ble:1', 'temperature', 35, 'warn', { kind: 'above', value: 30 }],
  ['above alarm', defaults, 'ble:1', 'temperature', 35.2, 'alarm', { kind: 'above', value: 35 }],
  ['cold: below warn', defaults, 'ble:1', 'temperature', 4.9, 'warn', { kind: 'below', value: 5 }],
  ['freezing: below alarm', defaults, 'ble:1', 'temperature', -0.5, 'alarm', { kind: 'below', value: 0 }],
  ['exactly 0 °C is not below 0', defaults, 'ble:1', 'temperature', 0, 'warn', { kind: 'below', value: 5 }],
  ['humid', defaults, 'ble:1', 'humidity', 86, 'alarm', { kind: 'above', value: 85 }],
  ['no rule for the metric', defaults, 'ble:1', 'co2', 5000, 'ok', undefined],
  ['device rule replaces the metric rule (hot rack is only ok)', withDeviceRule, rack, 'temperature', 38, 'ok', undefined],
  ['device rule has its own alarm', withDeviceRule, rack, 'temperature', 45.5, 'alarm', { kind: 'above', value: 45 }],
  ['device rule drops the metric rule\'s below limits', withDeviceRule, rack, 'temperature', -10, 'ok', undefined],
  ['other devices keep the metric rule', withDeviceRule, 'ble:2', 'temperature', 38, 'alarm', { kind: 'above', value: 35 }],
  ['device rule first in the list', deviceFirst, rack, 'temperature', 49, 'ok', undefined],
  ['metric rule after a device rule', deviceFirst, 'ble:3', 'temperature', 36, 'alarm', { kind: 'above', value: 35 }],
  ['alarm without warning', onlyAlarm, 'x', 'co2', 1600, 'alarm', { kind: 'above', value: 1500 }],
  ['below-only rule', onlyBelow, 'x', 'battery', 15, 'warn', { kind: 'below', value: 20 }],
  ['below-only rule, flat', onlyBelow, 'x', 'battery', 3, 'alarm', { kind: 'below', value: 10 }],
  ['metric names are exact', defaults, 'x', 'Temperature', 99, 'ok', undefined],
];

describe('threshold rules (one evaluate for the core and the UI)', () => {
  it.each(cases)('%s', (_name, rules, device, metric, value, state, limit) => {
    expect(evaluate(rules, device, metric, value)).toEqual(limit ? { state, limit } : { state });
  });

  it('ruleFor picks the device rule over the metric rule', () => {
    expect(ruleFor(withDeviceRule, rack, 'temperature')).toMatchObject({ alarmAbove: 45 });
    expect(ruleFor(withDeviceRule, 'ble:1', 'temperature')).toMatchObject({ alarmAbove: 35 });
    expect(ruleFor(withDeviceRule, 'ble:1', 'co2')).toBeUndefined();
  });
});

