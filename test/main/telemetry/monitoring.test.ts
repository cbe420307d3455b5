import { describe, expect, it } from 'vitest';
import { SeriesRange, SERIES_MAX_POINTS } from '../../../preload/contract/index.ts';
import { CoreError } from '../../../main/runtime/errors.ts';
import { RetentionJob } from '../../../main/store/retention.ts';
import { SeriesQuery } from '../../../main/store/series-query.ts';
import { Monitoring } from '../../../main/telemetry/monitoring.ts';
import { hygrometer, telemetryRig } from '../../helpers/core.ts';

const HOUR = 3_600_000;

function rig() {
  const r = telemetryRig({ start: Date.UTC(2026, 4, 1, 12) });
  const t0 = r.clock.now - 6 * HOUR;
  // Six hours of a hygrometer every 10 s, with one hot reading.
  for (let t = t0; t < r.clock.now; t += 10_000) {
    r.telemetry.ingest(hygrometer, [
      { metric: 'temperature', unit: '°C', value: t === t0 + 2 * HOUR ? 40 : 21, ts: t },
      { metric: 'humidity', unit: '%', value: 50, ts: t },
    ]);
  }
  r.writer.flush();
  r.registry.rename(hygrometer.id, { name: 'Stage left', room: 'Stage' }, 'test', r.clock.now);
  const monitoring = new Monitoring({ query: new SeriesQuery(r.db), series: r.series, registry: r.registry, latest: () => r.telemetry.latest(), now: () => r.clock.now });
  const params = (p: unknown) => SeriesRange.parse(p);
  return { ...r, t0, monitoring, params };
}

const errorOf = (fn: () => unknown): CoreError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CoreError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('monitoring: series queries', () => {
  it('one series: points and the single-series shape, the spike in the envelope, the tier for the range', () => {
    const { monitoring, params } = rig();
    const r = monitoring.query(params({ series: [{ device: hygrometer.id, metric: 'temperature' }], from: 'now-6h', maxPoints: 100 }));
    expect(r.tier).toBe('1m');
    expect(r.step).toBe(4 * 60_000);
    expect(r.points).toBe(r.series[0]!.points);
    expect(r.series[0]).toMatchObject({ deviceId: hygrometer.id, metric: 'temperature', unit: '°C', name: 'Stage left', room: 'Stage' });
    expect(r.points!.length).toBeLessThanOrEqual(100);
    expect(Math.max(...r.points!.map((p) => p.max))).toBe(40);
    expect(r.points!.reduce((n, p) => n + p.count, 0)).toBe(6 * 360);
  });

  it('several series in one call keep their order; ids work like device + metric', () => {
    const { monitoring, params, series } = rig();
    const humidity = series.find(hygrometer.id, 'humidity')!;
    const r = monitoring.query(params({ series: [{ id: humidity.id }, { device: hygrometer.id, metric: 'temperature' }], from: 'now-1h' }));
    expect(r.series.map((s) => s.metric)).toEqual(['humidity', 'temperature']);
    expect(r.points).toBeUndefined();
    expect(r.tier).toBe('raw');
  });

  it('refuses, before reading anything, a backwards or empty range, an unknown series, too many points, a time that is not one', () => {
    const { monitoring, params } = rig();
    const ref = [{ device: hygrometer.id, metric: 'temperature' }];
    expect(errorOf(() => monitoring.query(params({ series: ref, from: 'now', to: 'now-1h' }))).message).toMatch(/^from \(2026-05-01T12:00:00.000Z\) must be before to \(2026-05-01T11:00:00.000Z\)$/);
    expect(errorOf(() => monitoring.query(params({ series: ref, from: 1000, to: 1000 }))).kind).toBe('invalid');
    const unknown = errorOf(() => monitoring.query(params({ series: [...ref, { device: hygrometer.id, metric: 'pressure' }, { device: 'ble:nope', metric: 'temperature' }, { id: 999 }] })));
    expect(unknown.kind).toBe('not_found');
    expect(unknown.message).toBe(
      `device "${hygrometer.id}" has no series "pressure" (it has: humidity, temperature); no series for device "ble:nope" (see series.list or GET /api/series/list); no series with id 999`,
    );
    expect(unknown.issues?.map((i) => i.path)).toEqual(['series.1', 'series.2', 'series.3.id']);
    const schema = (p: unknown) => SeriesRange.safeParse(p).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(schema({ series: ref, maxPoints: SERIES_MAX_POINTS + 1 })).toEqual([`maxPoints: maxPoints must be a whole number from 1 to ${SERIES_MAX_POINTS}`]);
    expect(schema({ series: ref, from: '2026-02-30T00:00:00Z' })).toEqual(['from: use an ISO date-time with a zone (2026-05-01T18:00:00Z), epoch milliseconds, or now / now-15m / now-24h / now-7d']);
    expect(schema({ series: ref, from: '2026-05-01T18:00' })).toHaveLength(1); // no zone: ambiguous
    expect(schema({ series: ref, to: 'yesterday' })).toHaveLength(1);
    expect(schema({ series: [] })).toEqual(['series: name at least one series']);
    expect(schema({ series: [{ device: hygrometer.id }] })).toEqual(['series.0.metric: give device and metric (e.g. {"device": "ble:A4:C1:38:5A:10:01", "metric": "temperature"}) or a series id']);
  });

  it('lists every series with its name, room and stored extent', () => {
    const { monitoring, t0, clock } = rig();
    expect(monitoring.list()).toEqual([
      expect.objectContaining({ deviceId: hygrometer.id, metric: 'humidity', unit: '%', name: 'Stage left', room: 'Stage', first: Math.floor(t0 / HOUR) * HOUR, last: clock.now - 10_000 }),
      expect.objectContaining({ metric: 'temperature' }),
    ]);
  });
});

describe('monitoring: exports', () => {
  it('CSV of the chart’s buckets, or of every raw reading', () => {
    const { monitoring, params } = rig();
    const base = params({ series: [{ device: hygrometer.id, metric: 'temperature' }], from: 'now-1h', maxPoints: 10 });
    const buckets = monitoring.csv({ ...base, raw: false });
    expect(buckets.rows).toBeLessThanOrEqual(10);
    expect(buckets.csv.split('\r\n')[0]).toBe('time,series_id,device,name,room,metric,unit,min,max,avg,count');
    const raw = monitoring.csv({ ...base, raw: true });
    expect(raw.rows).toBe(360);
    expect(raw.csv.split('\r\n')).toHaveLength(362);
    expect(raw.filename).toMatch(/^showsite-temperature-20260501T1100Z-20260501T1200Z-raw\.csv$/);
  });

  it('a raw export of a range retention has already pruned says so instead of returning a partial file', () => {
    const { monitoring, params, db, clock } = rig();
    new RetentionJob(db, () => ({ rawDays: 1, minuteDays: 90, hourDays: null }), () => clock.now + 86_400_000 - 3 * HOUR).run();
    const e = errorOf(() => monitoring.csv({ ...params({ series: [{ device: hygrometer.id, metric: 'temperature' }], from: 'now-6h' }), raw: true }));
    expect(e.message).toMatch(/^raw readings before 2026-05-01T09:00:00\.000Z have been pruned/);
    // The buckets still come (from the 1-minute tier, which covers the range).
    const r = monitoring.query(params({ series: [{ device: hygrometer.id, metric: 'temperature' }], from: 'now-6h', maxPoints: 10_000 }));
    expect(r.tier).toBe('1m');
    expect(r.points!.reduce((n, p) => n + p.count, 0)).toBe(6 * 360);
  });

  it('Prometheus text of the latest values, labelled with the device’s name and room', () => {
    const { monitoring } = rig();
    const text = monitoring.prometheus();
    expect(text).toContain('showsite_temperature{device="ble:A4:C1:38:00:00:01",name="Stage left",room="Stage",metric="temperature",unit="°C"} 21\n');
    expect(text).toContain('# TYPE showsite_humidity gauge\n');
  });
});
