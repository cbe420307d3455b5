import { describe, expect, it } from 'vitest';
import {
  dashboardsHref,
  followIntervalMs,
  fromLocalInput,
  parseDashboardsHash,
  parseRange,
  rangeLabel,
  rangeSpanMs,
  resolveRange,
  timeTickFormatter,
  timeTicks,
  toLocalInput,
  zoomOut,
  zoomRange,
  type DashboardsLocation,
} from '../../renderer/src/lib/time-range.ts';

const NOW = Date.UTC(2026, 4, 1, 18, 0, 0);

describe('ranges', () => {
  it('knows the span of every preset', () => {
    expect(rangeSpanMs('15m')).toBe(15 * 60_000);
    expect(rangeSpanMs('1h')).toBe(3_600_000);
    expect(rangeSpanMs('6h')).toBe(6 * 3_600_000);
    expect(rangeSpanMs('24h')).toBe(86_400_000);
    expect(rangeSpanMs('7d')).toBe(7 * 86_400_000);
    expect(rangeSpanMs('30d')).toBe(30 * 86_400_000);
  });

  it('a relative range ends now; a custom one is what it says', () => {
    expect(resolveRange({ kind: 'relative', key: '1h' }, NOW)).toEqual({ from: NOW - 3_600_000, to: NOW });
    expect(resolveRange({ kind: 'absolute', from: 5, to: 9 }, NOW)).toEqual({ from: 5, to: 9 });
  });

  it('parses range=, from/to as epoch ms or ISO with a zone, and refuses backwards or unknown ranges', () => {
    expect(parseRange(new URLSearchParams('range=6h'))).toEqual({ kind: 'relative', key: '6h' });
    expect(parseRange(new URLSearchParams('range=2h'))).toBeNull();
    expect(parseRange(new URLSearchParams('from=1000&to=2000'))).toEqual({ kind: 'absolute', from: 1000, to: 2000 });
    expect(parseRange(new URLSearchParams('from=2026-05-01T18:00:00Z&to=2026-05-01T19:00:00Z'))).toEqual({ kind: 'absolute', from: NOW, to: NOW + 3_600_000 });
    expect(parseRange(new URLSearchParams('from=2000&to=1000'))).toBeNull();
    expect(parseRange(new URLSearchParams('from=yesterday&to=2000'))).toBeNull();
    expect(parseRange(new URLSearchParams('from=2026-05-01T18:00:00&to=2026-05-01T19:00:00Z'))).toBeNull(); // no zone: ambiguous
    expect(parseRange(new URLSearchParams(''))).toBeNull();
  });
});

describe('the dashboards URL', () => {
  it('reads the dashboard id, device and range from the hash', () => {
    expect(parseDashboardsHash('#/dashboards/room-foh?range=24h')).toEqual({ id: 'room-foh', device: null, range: { kind: 'relative', key: '24h' } });
    expect(parseDashboardsHash('#/dashboards')).toEqual({ id: null, device: null, range: null });
    expect(parseDashboardsHash('#/dashboards?device=snmp%3Aswitch-demo%3Aswitch&from=1&to=2')).toEqual({ id: null, device: 'snmp:switch-demo:switch', range: { kind: 'absolute', from: 1, to: 2 } });
    expect(parseDashboardsHash('#/dashboards/%E0%A4%A?range=1h').id).toBeNull(); // malformed escape: no crash
  });

  it('writes links that read back as the same view', () => {
    const views: DashboardsLocation[] = [
      { id: 'stage-power', device: null, range: { kind: 'relative', key: '7d' } },
      { id: null, device: 'ble:A4:C1:38:5A:10:01', range: { kind: 'absolute', from: NOW - 60_000, to: NOW } },
      { id: 'room-foh', device: null, range: null },
    ];
    for (const v of views) expect(parseDashboardsHash(dashboardsHref(v))).toEqual(v);
    expect(dashboardsHref(views[0]!)).toBe('#/dashboards/stage-power?range=7d');
  });
});

describe('drag to zoom', () => {
  it('selects the dragged span in either direction, rounded to whole ms', () => {
    expect(zoomRange(NOW, NOW - 600_000.4)).toEqual({ kind: 'absolute', from: NOW - 600_000, to: NOW });
    expect(zoomRange(NOW - 600_000, NOW)).toEqual({ kind: 'absolute', from: NOW - 600_000, to: NOW });
  });

  it('a click or a tiny drag is not a zoom', () => {
    expect(zoomRange(NOW, NOW)).toBeNull();
    expect(zoomRange(NOW, NOW + 9_999)).toBeNull();
    expect(zoomRange(NOW, NaN)).toBeNull();
  });

  it('zooming out triples the span around its centre but never reaches past now', () => {
    expect(zoomOut({ from: NOW - 7_200_000, to: NOW - 3_600_000 }, NOW + 86_400_000)).toEqual({ kind: 'absolute', from: NOW - 10_800_000, to: NOW });
    // Centred it would end an hour in the future: it slides back to end now, same 3 h span.
    expect(zoomOut({ from: NOW - 3_600_000, to: NOW }, NOW)).toEqual({ kind: 'absolute', from: NOW - 10_800_000, to: NOW });
  });
});

describe('following now', () => {
  it('re-queries short ranges every 5 s, long ones at most every 5 min', () => {
    expect(followIntervalMs(rangeSpanMs('15m'))).toBe(5_000);
    expect(followIntervalMs(rangeSpanMs('24h'))).toBe(120_000);
    expect(followIntervalMs(rangeSpanMs('30d'))).toBe(300_000);
  });
});

describe('labels and inputs', () => {
  it('names ranges for the picker', () => {
    expect(rangeLabel({ kind: 'relative', key: '15m' })).toBe('Last 15\u00a0min');
    expect(rangeLabel({ kind: 'relative', key: '7d' })).toBe('Last 7\u00a0d');
    const from = new Date(2026, 4, 1, 18, 5).getTime();
    expect(rangeLabel({ kind: 'absolute', from, to: new Date(2026, 4, 2, 6, 0).getTime() })).toBe('05-01 18:05 → 05-02 06:00');
  });

  it('ticks read as clock time for a day, with the date beyond', () => {
    const t = new Date(2026, 4, 1, 9, 7).getTime();
    expect(timeTickFormatter(3_600_000)(t)).toBe('09:07');
    expect(timeTickFormatter(3 * 86_400_000)(t)).toBe('05-01 09:07');
    expect(timeTickFormatter(30 * 86_400_000)(t)).toBe('05-01');
  });

  it('round-trips datetime-local values and refuses impossible dates', () => {
    const t = new Date(2026, 1, 28, 23, 59).getTime();
    expect(toLocalInput(t)).toBe('2026-02-28T23:59');
    expect(fromLocalInput('2026-02-28T23:59')).toBe(t);
    expect(fromLocalInput('2026-02-30T10:00')).toBeUndefined();
    expect(fromLocalInput('')).toBeUndefined();
  });
});

describe('time axis ticks', () => {
  it('falls on round local times at a step that gives about the asked count', () => {
    const from = Date.UTC(2026, 4, 1, 10, 7);
    const ticks = timeTicks(from, from + 3_600_000, 4);
    expect(ticks.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['10:15', '10:30', '10:45', '11:00']);
  });

  it('day ticks land on local midnight for the offset given', () => {
    const cet = 2 * 3_600_000; // UTC+2
    const from = Date.UTC(2026, 4, 1, 0, 0);
    const ticks = timeTicks(from, from + 7 * 86_400_000, 6, cet);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect((t + cet) % 86_400_000).toBe(0);
    expect(ticks.every((t) => t >= from && t <= from + 7 * 86_400_000)).toBe(true);
  });

  it('an empty or backwards range has no ticks', () => {
    expect(timeTicks(5, 5, 4)).toEqual([]);
    expect(timeTicks(6, 5, 4)).toEqual([]);
  });
});
