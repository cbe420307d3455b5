import { describe, expect, it } from 'vitest';
import type { LiveReading, Threshold } from '../../preload/contract/index.ts';
import { activeAlerts, countAlerts, countsText } from '../../renderer/src/lib/active-alerts.ts';

const now = 1_750_000_000_000;
const thresholds: Threshold[] = [
  { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 },
  { metric: 'humidity', warnAbove: 70, alarmAbove: 85 },
];
let series = 0;
const reading = (deviceId: string, metric: string, value: number, state: LiveReading['state'], ageS = 1): LiveReading => ({
  seriesId: ++series,
  deviceId,
  metric,
  unit: metric === 'humidity' ? '%' : '°C',
  value,
  ts: now - ageS * 1000,
  state,
  staleAfterS: 120,
});
const devices = new Map([
  ['rack', { name: 'Rack exhaust' }],
  ['foh', { name: 'FOH desk' }],
  ['green', { name: 'Green room' }],
  ['cold', { name: null }],
]);

describe('activeAlerts', () => {
  const readings = [
    reading('foh', 'humidity', 72, 'warn'),
    reading('foh', 'temperature', 21, 'ok'),
    reading('rack', 'temperature', 36.1, 'alarm'),
    reading('green', 'temperature', 40, 'alarm', 360), // stale: its alarm is not current
    reading('cold', 'temperature', 3, 'warn'),
  ];
  const list = activeAlerts(readings, devices, thresholds, now);

  it('lists warnings and alarms, not ok and not stale ones, alarms first then by name', () => {
    expect(list.map((a) => [a.name, a.metric, a.state])).toEqual([
      ['Rack exhaust', 'temperature', 'alarm'],
      ['cold', 'temperature', 'warn'], // unnamed: shown by its id
      ['FOH desk', 'humidity', 'warn'],
    ]);
  });

  it('carries the limit crossed, judged with the current rules', () => {
    expect(list[0]!.limit).toEqual({ kind: 'above', value: 35 });
    expect(list[1]!.limit).toEqual({ kind: 'below', value: 5 });
    expect(list[2]!.limit).toEqual({ kind: 'above', value: 70 });
  });

  it('the core decides the state: a reading it calls alarm stays listed even if today\'s rules no longer say why', () => {
    const [a] = activeAlerts([reading('rack', 'temperature', 36.1, 'alarm')], devices, [], now);
    expect(a!.state).toBe('alarm');
    expect(a!.limit).toBeUndefined();
  });

  it('counts and says them compactly; nothing when all is well', () => {
    expect(countAlerts(list)).toEqual({ alarm: 1, warn: 2 });
    expect(countsText(countAlerts(list))).toBe('1 alarm · 2 warn');
    expect(countsText({ alarm: 0, warn: 1 })).toBe('1 warn');
    expect(countsText({ alarm: 3, warn: 0 })).toBe('3 alarm');
    expect(countsText(countAlerts(activeAlerts([reading('foh', 'temperature', 21, 'ok')], devices, thresholds, now)))).toBe('');
  });
});
