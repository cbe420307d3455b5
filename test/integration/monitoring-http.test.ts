import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'monitoring-http-1';
const stageLeft = 'ble:A4:C1:38:5A:10:01';
const stageRight = 'ble:A4:C1:38:5A:10:02';

interface Point {
  t: number;
  min: number;
  max: number;
  avg: number;
  count: number;
}
interface QueryResult {
  tier: string;
  step: number;
  from: number;
  to: number;
  points?: Point[];
  series: { id: number; deviceId: string; metric: string; points: Point[] }[];
}

/** The monitoring routes as curl, Grafana-style panels and Prometheus use them, against a real core with the demo venue. */
describe('monitoring over HTTP', () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  let viewer: string;
  const get = (path: string, t: string | null = token) => fetch(`${s.url}${path}`, { headers: t ? { Authorization: `Bearer ${t}` } : {} });
  const post = (path: string, body: unknown, t = token) => fetch(`${s.url}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    const dir = tempDir();
    const config = join(dir, 'old-settings.json');
    // A settings file from before per-tier retention: it must still load.
    writeFileSync(config, JSON.stringify({ demo: { enabled: true, intervalMs: 250 }, telemetry: { staleAfterS: 90, rawRetentionDays: 21 } }));
    s = await startServe(['--port', '0', '--token', token, '--data-dir', dir, '--config', config]);
    viewer = ((await (await post('/api/call/system.access', {})).json()) as { viewerToken: string }).viewerToken;
    // The demo seeds an hour of history; wait until it is queryable.
    await waitFor(async () => {
      const r = await get(`/api/series?device=${stageLeft}&metric=temperature&from=now-1h`);
      return r.status === 200 && ((await r.json()) as QueryResult).points!.length > 10 ? true : undefined;
    }, 30_000);
  }, 60_000);
  afterAll(async () => {
    expect(await s.stop()).toBe(0);
  });

  it('an old settings file with telemetry.rawRetentionDays loaded, its value now retention.rawDays', async () => {
    const settings = (await (await get('/api/settings')).json()) as { telemetry: unknown; retention: unknown };
    expect(settings.telemetry).toEqual({ staleAfterS: 90 });
    expect(settings.retention).toEqual({ rawDays: 21, minuteDays: 90, hourDays: null });
  });

  it('GET /api/series: one series → {points, tier}; bounded by maxPoints; every bucket a complete envelope', async () => {
    const r = await get(`/api/series?device=${stageLeft}&metric=temperature&from=now-1h&to=now&maxPoints=50`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as QueryResult;
    expect(body.tier).toBe('1m');
    expect(body.points!.length).toBeGreaterThan(10);
    expect(body.points!.length).toBeLessThanOrEqual(50);
    for (const p of body.points!) {
      expect(p.t % body.step).toBe(0);
      expect(p.min).toBeLessThanOrEqual(p.avg);
      expect(p.avg).toBeLessThanOrEqual(p.max);
    }
    const raw = (await (await get(`/api/series?device=${stageLeft}&metric=temperature&from=now-10m`)).json()) as QueryResult;
    expect(raw.tier).toBe('raw');
  });

  it('several series in one call: repeated device/metric pairs, series=<device>/<metric> and series=<id>', async () => {
    const pairs = (await (await get(`/api/series?device=${stageLeft}&metric=temperature&device=${stageRight}&metric=humidity&from=now-30m`)).json()) as QueryResult;
    expect(pairs.series.map((x) => [x.deviceId, x.metric])).toEqual([
      [stageLeft, 'temperature'],
      [stageRight, 'humidity'],
    ]);
    expect(pairs.points).toBeUndefined();
    const oneDevice = (await (await get(`/api/series?device=${stageLeft}&metric=temperature&metric=humidity&from=now-30m`)).json()) as QueryResult;
    expect(oneDevice.series.map((x) => x.metric)).toEqual(['temperature', 'humidity']);
    const byRef = (await (await get(`/api/series?series=${stageRight}/temperature&series=${pairs.series[0]!.id}&from=now-30m`)).json()) as QueryResult;
    expect(byRef.series.map((x) => [x.deviceId, x.metric])).toEqual([
      [stageRight, 'temperature'],
      [stageLeft, 'temperature'],
    ]);
  });

  it('impossible ranges, too many points, bad dates → 400; unknown series → 404; each with a message that says what to fix', async () => {
    const error = async (path: string) => {
      const r = await get(path);
      return { status: r.status, ...((await r.json()) as { error: { code: string; message: string } }).error };
    };
    expect(await error(`/api/series?device=${stageLeft}&metric=temperature&from=now&to=now-1h`)).toMatchObject({ status: 400, code: 'invalid_params', message: expect.stringMatching(/^from \(.+\) must be before to \(.+\)$/) });
    expect(await error(`/api/series?device=${stageLeft}&metric=temperature&maxPoints=10001`)).toMatchObject({ status: 400, message: 'maxPoints: maxPoints must be a whole number from 1 to 10000' });
    expect(await error(`/api/series?device=${stageLeft}&metric=temperature&from=2026-02-30T00:00:00Z`)).toMatchObject({ status: 400, message: expect.stringMatching(/^from: use an ISO date-time with a zone/) });
    expect(await error(`/api/series?device=${stageLeft}&metric=pressure`)).toMatchObject({ status: 404, code: 'not_found', message: `device "${stageLeft}" has no series "pressure" (it has: humidity, temperature)` });
    expect(await error('/api/series')).toMatchObject({ status: 400, message: 'series: name at least one series' });
  });

  it('GET /api/series.csv downloads the range as CSV (buckets, or every raw reading)', async () => {
    const r = await get(`/api/series.csv?series=${stageLeft}/temperature&from=now-10m&raw=1`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toMatch(/^attachment; filename="showsite-temperature-\d{8}T\d{4}Z-\d{8}T\d{4}Z-raw\.csv"$/);
    const lines = (await r.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('time,series_id,device,name,room,metric,unit,value');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines[1]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z,\\d+,${stageLeft},Stage left,Stage,temperature,°C,-?[\\d.]+$`));
  });

  it('GET /metrics: Prometheus text behind the token (the viewer token is enough)', async () => {
    expect((await get('/metrics', null)).status).toBe(401);
    const r = await get('/metrics', viewer);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await r.text();
    expect(text).toContain('# TYPE showsite_temperature gauge\n');
    expect(text).toMatch(new RegExp(`\\nshowsite_temperature\\{device="${stageLeft}",name="Stage left",room="Stage",metric="temperature",unit="°C"\\} -?[\\d.]+\\n`));
    expect(text).toMatch(/\nshowsite_reading_timestamp_seconds\{device="[^"]+",/);
    expect((await fetch(`${s.url}/metrics`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
  });

  it('dashboards: the generated room dashboards, save (control only), export, import with replace, delete', async () => {
    const list = (await (await get('/api/dashboards')).json()) as { id: string; generated: boolean }[];
    expect(list.filter((d) => d.generated).map((d) => d.id)).toEqual(expect.arrayContaining(['room-stage', 'room-foh', 'room-backstage']));
    const stage = (await (await get('/api/dashboards/room-stage')).json()) as { panels: { type: string }[] };
    expect(stage.panels.some((p) => p.type === 'time-series')).toBe(true);
    const mine = { id: 'crew', title: 'Crew', range: '6h', panels: [{ id: 'g', type: 'gauge', title: 'Stage', series: [{ device: stageLeft, metric: 'temperature' }], grid: { x: 0, y: 0, w: 6, h: 4 } }] };
    expect((await post('/api/dashboards', mine, viewer)).status).toBe(403);
    const saved = (await (await post('/api/dashboards', mine)).json()) as { updatedAt: number };
    expect((await post(`/api/dashboards?baseUpdatedAt=${saved.updatedAt - 1}`, mine)).status).toBe(409);
    const exported = await get('/api/dashboards/export');
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="showsite-dashboards.json"');
    const file = (await exported.json()) as { format: string; dashboards: { id: string }[] };
    expect(file).toMatchObject({ format: 'showsite-dashboards', dashboards: [expect.objectContaining({ id: 'crew', range: '6h' })] });
    expect((await post('/api/dashboards/crew/delete', {})).status).toBe(200);
    expect((await get('/api/dashboards/crew')).status).toBe(404);
    const imported = await post('/api/dashboards/import?replace=1', file);
    expect(imported.status).toBe(200);
    expect(((await imported.json()) as { imported: number }).imported).toBe(1);
    expect((await get('/api/dashboards/crew')).status).toBe(200);
    const bad = await post('/api/dashboards/import', { format: 'grafana', version: 1, dashboards: [] });
    expect(bad.status).toBe(400);
  });
});
