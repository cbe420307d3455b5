import { describe, expect, it } from 'vitest';
import { Panel, type Threshold } from '../../preload/contract/index.ts';
import { formToPanel, panelToForm } from '../../renderer/src/lib/panel-draft.ts';
import { displayUnit, latestOf, seriesLabels } from '../../renderer/src/lib/panel-series.ts';
import { effectiveLimits, formatPanelValue, formatTick, fraction, gaugeScale, latestState, niceCeil, panelState, sameLimits } from '../../renderer/src/lib/panel-values.ts';

const site: Threshold[] = [
  { metric: 'temperature', warnAbove: 30, alarmAbove: 35 },
  { metric: 'temperature', deviceId: 'rack', warnAbove: 40, alarmAbove: 45 },
];

describe('which limits a panel uses', () => {
  it('its own thresholds when it sets any, else the site rule (device rule first)', () => {
    expect(effectiveLimits({ thresholds: { warnAbove: 1 } }, site, 'rack', 'temperature')).toEqual({ warnAbove: 1 });
    expect(effectiveLimits({}, site, 'rack', 'temperature')).toMatchObject({ warnAbove: 40, alarmAbove: 45 });
    expect(effectiveLimits({}, site, 'stage', 'temperature')).toMatchObject({ warnAbove: 30, alarmAbove: 35 });
    expect(effectiveLimits({ thresholds: {} }, site, 'stage', 'temperature')).toMatchObject({ warnAbove: 30 }); // empty = not set
    expect(effectiveLimits({}, site, 'stage', 'humidity')).toBeUndefined();
    expect(sameLimits({ warnAbove: 1 }, { warnAbove: 1 })).toBe(true);
    expect(sameLimits({ warnAbove: 1 }, { warnAbove: 1, alarmAbove: 2 })).toBe(false);
  });
});

describe('formatting', () => {
  it('uses the panel decimals when set, the metric resolution otherwise, and SI prefixes for rates', () => {
    expect(formatPanelValue(21.456, '°C', 'temperature')).toBe('21.5\u00a0°C');
    expect(formatPanelValue(21.456, '°C', 'temperature', 2)).toBe('21.46\u00a0°C');
    expect(formatPanelValue(48.2, '%', 'humidity')).toBe('48%');
    expect(formatPanelValue(390_821_417, 'bit/s', 'port.1.in_bps')).toBe('391\u00a0Mbit/s');
    expect(formatPanelValue(1_250_000_000, 'bit/s', 'x')).toBe('1.3\u00a0Gbit/s');
    expect(formatPanelValue(9000, 'bit/s', 'x')).toBe('9000\u00a0bit/s');
    expect(formatPanelValue(-0.01, '°C', 'temperature')).toBe('0.0\u00a0°C');
    expect(formatPanelValue(undefined, '°C', 'temperature')).toBe('—');
    expect(formatPanelValue(NaN, '', 'x')).toBe('—');
    // An uptime reads as days and hours, not 259296 s.
    expect(formatPanelValue(259_296, 's', 'uptime')).toBe('3\u00a0d 0\u00a0h');
    expect(formatPanelValue(18_720, 's', 'uptime')).toBe('5\u00a0h 12\u00a0min');
    expect(formatPanelValue(42, 's', 'uptime')).toBe('42.0\u00a0s'); // short ones as any value
  });

  it('axis ticks are short', () => {
    expect(formatTick(600_000_000, 'bit/s')).toBe('600M');
    expect(formatTick(20.123456, '°C')).toBe('20.1');
    expect(formatTick(0.000123456, '')).toBe('0.000123');
  });
});

describe('panel state', () => {
  const now = 1_000_000;
  it('a value is stale once older than its stale time, else judged by its limits', () => {
    expect(latestState({ value: 36, ts: now - 1000, staleAfterMs: 60_000, limits: { alarmAbove: 35 } }, now)).toBe('alarm');
    expect(latestState({ value: 36, ts: now - 61_000, staleAfterMs: 60_000, limits: { alarmAbove: 35 } }, now)).toBe('stale');
    expect(latestState({ value: 20, ts: now, staleAfterMs: 60_000, limits: undefined }, now)).toBe('ok');
  });

  it('the panel takes the worst of its series; a series without any value counts as stale', () => {
    const ok = { value: 20, ts: now, staleAfterMs: 60_000, limits: { warnAbove: 30 } };
    const warn = { ...ok, value: 31 };
    expect(panelState([ok, warn], now)).toBe('warn');
    expect(panelState([ok, undefined], now)).toBe('stale');
    expect(panelState([warn, undefined], now)).toBe('warn');
    expect(panelState([], now)).toBe('ok');
  });
});

describe('latest value of a series', () => {
  const pts = [0, 60_000, 120_000].map((t) => ({ t, min: 1, max: 3, avg: 2 }));
  it('following now: the live reading when it is newer than the last bucket', () => {
    expect(latestOf(pts, 60_000, { value: 7, ts: 130_000, staleAfterS: 60 }, true)).toEqual({ value: 7, ts: 130_000, staleAfterMs: 60_000 });
    expect(latestOf(pts, 60_000, { value: 7, ts: 100_000, staleAfterS: 60 }, true)?.value).toBe(2);
  });
  it('a range in the past shows its last bucket and never goes stale', () => {
    const v = latestOf(pts, 60_000, { value: 7, ts: 130_000, staleAfterS: 60 }, false)!;
    expect(v.value).toBe(2);
    expect(v.staleAfterMs).toBe(Infinity);
    expect(latestOf([], 60_000, undefined, false)).toBeUndefined();
  });
});

describe('gauge scale', () => {
  it('the panel min/max when set; else 0 up to a round number above the value and limits', () => {
    expect(gaugeScale({ min: 10, max: 50 }, undefined, 20)).toEqual({ min: 10, max: 50 });
    expect(gaugeScale({}, { warnAbove: 30, alarmAbove: 35 }, 21)).toEqual({ min: 0, max: 50 });
    expect(gaugeScale({}, undefined, 48)).toEqual({ min: 0, max: 100 });
    expect(gaugeScale({}, { alarmBelow: -5 }, 2).min).toBeLessThanOrEqual(-5);
    expect(niceCeil(42)).toBe(50);
    expect(niceCeil(0.3)).toBe(0.5);
    expect(niceCeil(250)).toBe(250);
    expect(fraction(25, { min: 0, max: 50 })).toBe(0.5);
    expect(fraction(99, { min: 0, max: 50 })).toBe(1);
  });
});

describe('series labels', () => {
  const names: Record<string, string> = { a: 'Stage left', b: 'FOH' };
  const nameOf = (d: string) => names[d] ?? d;
  it('say only what differs between the series', () => {
    expect(seriesLabels([{ device: 'a', metric: 'temperature' }, { device: 'b', metric: 'temperature' }], nameOf)).toEqual(['Stage left', 'FOH']);
    expect(seriesLabels([{ device: 'a', metric: 'temperature' }, { device: 'a', metric: 'humidity' }], nameOf)).toEqual(['Temperature', 'Humidity']);
    expect(seriesLabels([{ device: 'a', metric: 'temperature' }], nameOf)).toEqual(['Stage left · Temperature']);
    expect(seriesLabels([{ device: 'a', metric: 'co2', label: 'Air' }, { device: 'b', metric: 'temperature' }], nameOf)).toEqual(['Air', 'FOH · Temperature']);
    expect(displayUnit({ unit: 'K' }, { unit: '°C' })).toBe('K');
    expect(displayUnit({}, { unit: '°C' })).toBe('°C');
  });
});

describe('panel settings form', () => {
  const base: Panel = { id: 'p1', type: 'time-series', title: 'Temp', series: [{ device: 'a', metric: 'temperature' }], thresholds: { warnAbove: 30 }, grid: { x: 12, y: 0, w: 12, h: 8 } };

  it('round-trips a panel unchanged', () => {
    const r = formToPanel(base, panelToForm(base));
    expect(r).toEqual({ ok: true, panel: base });
  });

  it('reads numbers (a decimal comma too), drops empty fields, and widening slides the panel left to fit', () => {
    const f = { ...panelToForm(base), warnAbove: '', alarmAbove: '20,5', decimals: '2', unit: '', w: '18' };
    const r = formToPanel(base, f);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.panel.thresholds).toEqual({ alarmAbove: 20.5 });
    expect(r.panel.decimals).toBe(2);
    expect(r.panel.grid).toEqual({ x: 6, y: 0, w: 18, h: 8 });
    expect('unit' in r.panel).toBe(false);
    const cleared = formToPanel(base, { ...panelToForm(base), warnAbove: '' });
    expect(cleared.ok && cleared.panel.thresholds).toBeUndefined();
  });

  it('refuses what dashboards.save would refuse, with the message under the right field', () => {
    const r = formToPanel(base, { ...panelToForm(base), warnAbove: '40', alarmAbove: '35', decimals: '9', h: 'abc' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.warnAbove).toMatch(/lower than alarm above/);
    expect(r.errors.decimals).toMatch(/at most 6/);
    expect(r.errors.h).toMatch(/number/);
    // Whole-panel rules are checked once the fields themselves are right.
    const range = formToPanel(base, { ...panelToForm(base), min: '5', max: '1' });
    expect(range.ok === false && range.errors.min).toMatch(/lower than max/);
  });
});
