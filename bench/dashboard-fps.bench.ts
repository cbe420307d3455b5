import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DashboardInput, Panel, SeriesInfo } from '../preload/contract/index.ts';
import { launchChromium } from '../test/helpers/browser.ts';
import { startServe } from '../test/helpers/serve.ts';
import { percentiles } from './stats.ts';

/**
 * The Dashboards page's frame rate with 24 live stat tiles and 6 time-series charts in Chromium, while the
 * demo site reports every 250 ms and the charts follow "now" (15 min range, asked again every 5 s); then
 * the same with the mouse sweeping across the charts (tooltips, crosshair). Also the Dashboard page (device
 * tiles with sparklines), and the core's RSS at the end. Targets: ≥ 30 fps, RSS ≤ 300 MB.
 * Needs the built bundle (`npm run build`) and Debian's Chromium.
 */
const token = 'bench-dashboard-fps-token';
const MEASURE_MS = 10_000;

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
};

/** Frames counted with requestAnimationFrame over `ms`: frames per second and frame-time percentiles. */
async function frameRate(page: Page, ms: number, during?: () => Promise<void>) {
  const measuring = page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const times: number[] = [];
        const end = performance.now() + ms;
        const tick = (t: number) => {
          times.push(t);
          if (t < end) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
  if (during) await during();
  const times = await measuring;
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const span = times[times.length - 1]! - times[0]!;
  const frameMs = percentiles(gaps);
  return { fps: Math.round(((times.length - 1) / span) * 1000 * 10) / 10, frameMs: { p50: round(frameMs.p50), p95: round(frameMs.p95), p99: round(frameMs.p99), max: round(Math.max(...gaps)) }, framesOver50ms: gaps.filter((g) => g > 50).length };
}
const round = (n: number) => Math.round(n * 10) / 10;

/** 24 stat tiles (one series each) and 6 charts (several series each), laid out as a person would. */
function benchDashboard(series: readonly SeriesInfo[]): DashboardInput {
  const scalar = series.filter((s) => !/^port\./.test(s.metric) && s.metric !== 'uptime');
  const ports = series.filter((s) => /^port\.\d+\.(in|out)_bps$/.test(s.metric));
  const tiles = [...scalar, ...ports].slice(0, 24);
  const panels: Panel[] = tiles.map((s, i) => ({ id: `t${i + 1}`, type: 'stat', title: `${s.name ?? s.deviceId} · ${s.metric}`, series: [{ device: s.deviceId, metric: s.metric }], grid: { x: (i % 6) * 4, y: Math.floor(i / 6) * 3, w: 4, h: 3 } }));
  const by = (f: (s: SeriesInfo) => boolean) => series.filter(f).slice(0, 16).map((s) => ({ device: s.deviceId, metric: s.metric }));
  const charts: [string, ReturnType<typeof by>][] = [
    ['Temperature', by((s) => s.metric === 'temperature')],
    ['Humidity', by((s) => s.metric === 'humidity')],
    ['Traffic in', by((s) => /^port\.\d+\.in_bps$/.test(s.metric))],
    ['Traffic out', by((s) => /^port\.\d+\.out_bps$/.test(s.metric))],
    ['Switch temperatures', by((s) => /^temperature\.\d/.test(s.metric))],
    ['Dew point and airflow', by((s) => s.metric === 'dewpoint' || s.metric === 'airflow')],
  ];
  charts.forEach(([title, refs], i) => panels.push({ id: `c${i + 1}`, type: 'time-series', title, series: refs, grid: { x: (i % 2) * 12, y: 12 + Math.floor(i / 2) * 8, w: 12, h: 8 } }));
  return { id: 'bench-fps', title: 'Bench: 24 tiles, 6 charts', room: null, range: '15m', panels };
}

export default async function dashboardFps(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'showsite-bench-fps-'));
  const config = join(dir, 'bench.json');
  writeFileSync(config, JSON.stringify({ demo: { enabled: true, intervalMs: 250 } }));
  const serve = await startServe(['--port', '0', '--token', token, '--data-dir', dir, '--config', config], { entry: 'bundle', timeoutMs: 60_000 });
  const browser = await launchChromium();
  const call = async (method: string, params?: unknown) => {
    const res = await fetch(`${serve.url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: params === undefined ? undefined : JSON.stringify(params) });
    if (!res.ok) throw new Error(`${method}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<unknown>;
  };
  try {
    // The SNMP demo agents need a poll or two before their series exist.
    let series: SeriesInfo[] = [];
    for (let i = 0; i < 60 && series.filter((s) => /^port\./.test(s.metric)).length < 20; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      series = (await call('series.list')) as SeriesInfo[];
    }
    const dashboard = benchDashboard(series);
    await call('dashboards.save', { dashboard });

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${serve.url}/?token=${token}#/dashboards/bench-fps?range=15m`);
    await page.locator('[data-testid="panel"][data-type="time-series"] path.recharts-line-curve').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(3000); // let the first re-queries and live readings settle
    const tiles = await page.locator('[data-testid="panel"][data-type="stat"]').count();
    const charts = await page.locator('[data-testid="panel"][data-type="time-series"]').count();
    const lines = await page.locator('path.recharts-line-curve').count();
    const live = await frameRate(page, MEASURE_MS);

    // Sweep the mouse across the charts in view (tooltip and crosshair follow it).
    const box = (await page.locator('[data-testid="panel"][data-type="time-series"] .recharts-surface').first().boundingBox())!;
    const hover = await frameRate(page, 5000, async () => {
      for (let i = 0; i < 100; i++) {
        await page.mouse.move(box.x + ((i % 50) / 50) * box.width, box.y + box.height / 2);
        await page.waitForTimeout(40);
      }
    });

    // The Dashboard page: device tiles with sparklines (the demo has 11 devices).
    await page.goto(`${serve.url}/#/dashboard`);
    await page.locator('[data-testid="tile"] [data-testid="sparkline"] path').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000);
    const deviceTiles = await page.locator('[data-testid="tile"]').count();
    const dashboardPage = await frameRate(page, 5000);

    const heap = await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null);
    return {
      setup: { demoIntervalMs: 250, range: '15m (live: re-queried every 5 s)', viewport: '1366×768', statTiles: tiles, charts, chartLines: lines, measureMs: MEASURE_MS },
      dashboardsPage: { live, mouseOverCharts: hover, target: 30 },
      dashboardPage: { deviceTiles, ...dashboardPage },
      rendererHeapMb: heap === null ? null : Math.round(heap / 1e6),
      coreRssMb: { atEnd: serve.proc.pid ? rssMb(serve.proc.pid) : null, target: 300 },
    };
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
