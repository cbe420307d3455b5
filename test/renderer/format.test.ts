import { describe, expect, it } from 'vitest';
import { formatAge, formatValue, keepUnitsTogether, metricLabel, withUnit } from '../../renderer/src/lib/format.ts';

describe('formatAge', () => {
  it.each([
    [0, 'just now'],
    [4_999, 'just now'],
    [-30_000, 'just now'], // reading from the future: clock skew, not an error
    [5_000, '5 s ago'],
    [12_400, '12 s ago'],
    [59_999, '59 s ago'],
    [60_000, '1 min ago'],
    [3 * 60_000 + 59_000, '3 min ago'],
    [59 * 60_000, '59 min ago'],
    [2 * 3_600_000, '2 h ago'],
    [47 * 3_600_000, '47 h ago'],
    [3 * 86_400_000, '3 d ago'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('formatValue', () => {
  it('temperature: one decimal, unit as given after a no-break space (a narrow column never splits "35 °C")', () => {
    expect(formatValue('temperature', 21.46, '°C')).toBe('21.5\u00a0°C');
    expect(formatValue('temperature', 70, '°F')).toBe('70.0\u00a0°F');
  });

  it('other metrics in degrees (dewpoint, probe) also get one decimal', () => {
    expect(formatValue('dewpoint', 9.5, '°C')).toBe('9.5\u00a0°C');
    expect(formatValue('probe1', 63.25, '°C')).toBe('63.3\u00a0°C');
  });

  it('humidity: no decimals, % attached', () => {
    expect(formatValue('humidity', 48.6, '%')).toBe('49%');
  });

  it('never shows "-0.0"', () => {
    expect(formatValue('temperature', -0.04, '°C')).toBe('0.0\u00a0°C');
    expect(formatValue('temperature', -0.06, '°C')).toBe('-0.1\u00a0°C');
  });

  it('other metrics: sensible precision, unit spaced', () => {
    expect(formatValue('voltage', 12.3456, 'V')).toBe('12.35\u00a0V');
    expect(formatValue('rssi', -67.2, 'dBm')).toBe('-67\u00a0dBm');
    expect(formatValue('load', 1234.5, 'W')).toBe('1235\u00a0W');
    expect(formatValue('load', 3.14159, 'A')).toBe('3.14\u00a0A');
  });

  it('no unit → just the number; non-finite → a dash', () => {
    expect(formatValue('count', 12, '')).toBe('12.0');
    expect(formatValue('temperature', Number.NaN, '°C')).toBe('—');
  });
});

describe('metricLabel', () => {
  it('capitalises and spaces metric keys', () => {
    expect(metricLabel('temperature')).toBe('Temperature');
    expect(metricLabel('dewpoint')).toBe('Dew point');
    expect(metricLabel('battery_level')).toBe('Battery level');
    expect(metricLabel('co2')).toBe('CO₂');
  });
});

describe('withUnit', () => {
  it('glues a unit to its number with a no-break space; % and ° attach directly; no unit, no space', () => {
    expect(withUnit('35', '°C')).toBe('35\u00a0°C');
    expect(withUnit('48', '%')).toBe('48%');
    expect(withUnit('12', '')).toBe('12');
  });
});

describe('keepUnitsTogether', () => {
  it('turns the space between a number and its unit in a core message into a no-break space', () => {
    expect(keepUnitsTogether('Rack exhaust temperature 35.2 °C above alarm limit 35 °C (was warn)')).toBe(
      'Rack exhaust temperature 35.2\u00a0°C above alarm limit 35\u00a0°C (was warn)',
    );
    expect(keepUnitsTogether('Green room has not reported for 365 s')).toBe('Green room has not reported for 365\u00a0s');
    expect(keepUnitsTogether('signal -71 dBm, 12.5 V, 48 %')).toBe('signal -71\u00a0dBm, 12.5\u00a0V, 48\u00a0%');
  });

  it('leaves words that merely start like a unit alone', () => {
    expect(keepUnitsTogether('simulating 9 sensors in 4 rooms')).toBe('simulating 9 sensors in 4 rooms');
    expect(keepUnitsTogether('Stage 2 Amp rack')).toBe('Stage 2 Amp rack');
  });
});
