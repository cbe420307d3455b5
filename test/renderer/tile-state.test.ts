import { describe, expect, it } from 'vitest';
import type { LiveReading } from '../../preload/contract/index.ts';
import { clockOffset } from '../../renderer/src/lib/clock.ts';
import { isStale, metricStatus, tileStatus, worstStatus } from '../../renderer/src/lib/tile-state.ts';

const T = 1_750_000_000_000;
const reading = (over: Partial<LiveReading> = {}): LiveReading => ({
  seriesId: 1,
  deviceId: 'dev',
  metric: 'temperature',
  unit: '°C',
  value: 21,
  ts: T,
  state: 'ok',
  staleAfterS: 120,
  ...over,
});

describe('stale rule', () => {
  it('is stale only once age exceeds staleAfterS', () => {
    expect(isStale(reading(), T + 120_000)).toBe(false);
    expect(isStale(reading(), T + 120_001)).toBe(true);
  });

  it('stale replaces the last known state, even alarm', () => {
    expect(metricStatus(reading({ state: 'alarm' }), T + 10_000)).toBe('alarm');
    expect(metricStatus(reading({ state: 'alarm' }), T + 200_000)).toBe('stale');
  });

  it('judges age on the console clock: a tablet one hour fast still sees a 10 s old value as current', () => {
    const tabletNow = T + 10_000 + 3_600_000; // the tablet clock is 1 h ahead
    // system.info answered with the server's clock while the tablet measured a 200 ms round trip.
    const offset = clockOffset(tabletNow - 200, tabletNow, T + 10_000 - 100);
    expect(offset).toBe(-3_600_000);
    expect(metricStatus(reading(), tabletNow)).toBe('stale'); // without the offset: wrong
    expect(metricStatus(reading(), tabletNow + offset)).toBe('ok');
  });
});

describe('tile state = worst of its metrics', () => {
  it('alarm > warn > stale > ok', () => {
    expect(worstStatus([])).toBe('ok');
    expect(worstStatus(['ok', 'stale'])).toBe('stale');
    expect(worstStatus(['stale', 'warn', 'ok'])).toBe('warn');
    expect(worstStatus(['warn', 'alarm', 'stale'])).toBe('alarm');
  });

  it('one stale metric makes an otherwise ok tile stale', () => {
    const now = T + 60_000;
    const fresh = reading({ seriesId: 1, ts: T + 50_000 });
    const old = reading({ seriesId: 2, metric: 'humidity', ts: T - 100_000 });
    expect(tileStatus([fresh], now)).toBe('ok');
    expect(tileStatus([fresh, old], now)).toBe('stale');
  });

  it('a current warning outranks a stale metric; a stale alarm does not count as alarm', () => {
    const now = T + 300_000;
    const warn = reading({ seriesId: 1, state: 'warn', ts: now - 1000 });
    const staleAlarm = reading({ seriesId: 2, state: 'alarm', ts: T });
    expect(tileStatus([warn, staleAlarm], now)).toBe('warn');
    expect(tileStatus([staleAlarm], now)).toBe('stale');
  });
});

describe('clockOffset', () => {
  it('assumes the server read its clock halfway through the round trip', () => {
    expect(clockOffset(1000, 1200, 5100)).toBe(4000);
    expect(clockOffset(1000, 1000, 1000)).toBe(0);
  });
});
