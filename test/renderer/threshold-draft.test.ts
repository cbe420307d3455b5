import { describe, expect, it } from 'vitest';
import type { LiveReading, Threshold } from '../../preload/contract/index.ts';
import { SettingsPatch } from '../../preload/contract/index.ts';
import { duplicateRules, fromDrafts, parseLimit, previewChanges, previewText, toDrafts, type DraftRule } from '../../renderer/src/lib/threshold-draft.ts';

const now = 1_750_000_000_000;
const defaults: Threshold[] = [
  { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 },
  { metric: 'humidity', warnAbove: 70, alarmAbove: 85 },
];
let series = 0;
const reading = (deviceId: string, metric: string, value: number, ageS = 1): LiveReading => ({
  seriesId: ++series,
  deviceId,
  metric,
  unit: metric === 'humidity' ? '%' : '°C',
  value,
  ts: now - ageS * 1000,
  state: 'ok',
  staleAfterS: 120,
});
const devices = new Map([
  ['rack', { name: 'Rack exhaust' }],
  ['foh', { name: 'FOH desk' }],
  ['green', { name: 'Green room' }],
]);

describe('parseLimit', () => {
  it.each([
    ['', undefined],
    ['  ', undefined],
    ['35', 35],
    ['-2.5', -2.5],
    ['2,5', 2.5],
    ['\u22123', -3],
    ['.5', 0.5],
    ['1e3', 1000],
  ])('"%s" → %s', (text, value) => {
    expect(parseLimit(text)).toEqual({ ok: true, value });
  });

  it.each(['abc', '3.5.1', '--3', '35 °C', 'Infinity', '1e999'])('"%s" is refused with a message', (text) => {
    const parsed = parseLimit(text);
    expect(parsed.ok).toBe(false);
  });
});

describe('drafts', () => {
  it('round-trip the saved rules unchanged (so an untouched editor is not "dirty")', () => {
    const withDevice = [...defaults, { metric: 'temperature', deviceId: 'rack', warnAbove: 40, alarmAbove: 45 }];
    const { rules, errors } = fromDrafts(toDrafts(withDevice));
    expect(errors).toEqual({});
    expect(JSON.stringify(rules)).toBe(JSON.stringify(withDevice));
  });

  it('report typing mistakes at the path the core would use, and leave that limit out', () => {
    const drafts = toDrafts(defaults);
    drafts[1] = { ...drafts[1]!, alarmAbove: 'lots' };
    drafts[0] = { ...drafts[0]!, metric: ' ' };
    const { rules, errors } = fromDrafts(drafts);
    expect(Object.keys(errors).sort()).toEqual(['thresholds.0.metric', 'thresholds.1.alarmAbove']);
    expect(errors['thresholds.1.alarmAbove']).toBe('Alarm above: enter a number, or leave empty for no limit');
    expect(rules[1]).toEqual({ metric: 'humidity', warnAbove: 70 });
  });

  it('an emptied box means no limit, and the result is a valid settings patch', () => {
    const drafts = toDrafts(defaults);
    drafts[0] = { ...drafts[0]!, warnBelow: '', alarmBelow: '' };
    const { rules } = fromDrafts(drafts);
    expect(rules[0]).toEqual({ metric: 'temperature', warnAbove: 30, alarmAbove: 35 });
    expect(SettingsPatch.safeParse({ thresholds: rules }).success).toBe(true);
  });

  it('flag a second rule for the same metric and device (the core uses the first)', () => {
    const d = (metric: string, deviceId = ''): DraftRule => ({ key: 0, metric, deviceId, warnAbove: '', alarmAbove: '', warnBelow: '', alarmBelow: '' });
    expect([...duplicateRules([d('temperature'), d('temperature', 'rack'), d('temperature'), d('humidity'), d('temperature', 'rack')])]).toEqual([2, 4]);
  });
});

describe('previewChanges', () => {
  const readings = [
    reading('rack', 'temperature', 36), // alarm under the defaults
    reading('foh', 'temperature', 19),
    reading('foh', 'humidity', 55),
    reading('green', 'temperature', 40, 600), // stale: never in the preview
  ];

  it('nothing changes when the rules do not', () => {
    expect(previewChanges(readings, devices, defaults, defaults, now)).toEqual([]);
    expect(previewText([])).toBe('No tile would change state.');
  });

  it('a lower temperature alarm puts the FOH desk in alarm; worst first', () => {
    const next = [{ ...defaults[0]!, warnAbove: 10, alarmAbove: 15 }, defaults[1]!];
    const changes = previewChanges(readings, devices, defaults, next, now);
    expect(changes).toEqual([{ deviceId: 'foh', name: 'FOH desk', from: 'ok', to: 'alarm' }]);
    expect(previewText(changes)).toBe('Would change: FOH desk → alarm');
  });

  it('a device rule that lets the rack run hotter brings it back to ok; other devices keep the metric rule', () => {
    const next = [...defaults, { metric: 'temperature', deviceId: 'rack', warnAbove: 40, alarmAbove: 45 }];
    expect(previewChanges(readings, devices, defaults, next, now)).toEqual([{ deviceId: 'rack', name: 'Rack exhaust', from: 'alarm', to: 'ok' }]);
  });

  it('a tile is judged by its worst metric: humidity in warning does not show while temperature is in alarm', () => {
    const hotFoh = [reading('foh', 'temperature', 36), reading('foh', 'humidity', 55)];
    const next = [defaults[0]!, { metric: 'humidity', warnAbove: 50, alarmAbove: 85 }];
    expect(previewChanges(hotFoh, devices, defaults, next, now)).toEqual([]);
  });
});
