import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium, tablet as tabletOptions } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-monitoring-token';
const shots = '/tmp/shots';
const laptop: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };
const tablet: BrowserContextOptions = tabletOptions; // 820 × 1180, touch

if (!existsSync('dist/renderer/index.html') || !existsSync('dist/core/cli.js')) {
  throw new Error('e2e tests drive the built app: run "npm run build" first (npm test does)');
}

/** Points in the longest line drawn in a panel's chart ("M x y L x y …"). */
const linePoints = (page: Page, panelId: string): Promise<number> =>
  page
    .locator(`[data-testid="panel"][data-panel-id="${panelId}"] path.recharts-line-curve`)
    .evaluateAll((paths) => Math.max(0, ...paths.map((p) => (p.getAttribute('d') ?? '').split(/[ML]/).length - 1)));

const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

describe('dashboards and charts in Chromium against the shipped bundle', () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;
  let dataDir: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    dataDir = tempDir();
    serve = await startServe(['--demo', '--port', '0', '--token', token, '--data-dir', dataDir], { entry: 'bundle' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await serve?.stop();
  });

  const open = async (hash: string, options = laptop, who = token): Promise<Page> => {
    const context = await browser.newContext(options);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${who}${hash}`);
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('dashboards-page').waitFor({ timeout: 10_000 });
    return page;
  };

  it('a demo room dashboard shows charts drawn from stored data, and stat tiles with values', async () => {
    const page = await open('#/dashboards/room-stage?range=1h');
    // Lines with many points: the demo's history plus live readings.
    const points = await waitFor(async () => ((await linePoints(page, 'chart-temperature')) >= 10 ? linePoints(page, 'chart-temperature') : undefined), 20_000, 250);
    expect(points).toBeGreaterThanOrEqual(10);
    expect(await linePoints(page, 'chart-humidity')).toBeGreaterThanOrEqual(10);
    // Each chart has its min/max envelope band and both devices' lines.
    expect(await page.locator('[data-panel-id="chart-temperature"] path.recharts-line-curve').count()).toBe(2);
    expect(await page.locator('[data-panel-id="chart-temperature"] .recharts-area-area').count()).toBeGreaterThanOrEqual(1);
    const stats = await page.locator('[data-testid="panel"][data-type="stat"] .stat__value').allTextContents();
    expect(stats.length).toBe(4);
    expect(stats.filter((s) => /\d/.test(s)).length).toBe(4);
    expect(stats.join(' ')).toMatch(/°C/);
    expect(await page.locator('[data-type="stat"] [data-testid="sparkline"] path').count()).toBe(4);
    await page.screenshot({ path: `${shots}/monitoring-laptop.png` });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(laptop.viewport!.width);

    // A panel's data for its range as CSV: both devices' buckets.
    const chart = page.locator('[data-testid="panel"][data-panel-id="chart-temperature"]');
    await chart.hover();
    const [download] = await Promise.all([page.waitForEvent('download'), chart.getByTestId('panel-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('time,series_id,device,name,room,metric,unit,min,max,avg,count');
    expect(csv.length).toBeGreaterThan(20);
    expect(new Set(csv.slice(1).map((row) => row.split(',')[2]))).toEqual(new Set(['ble:A4:C1:38:5A:10:01', 'ble:A4:C1:38:5A:10:02']));
    await page.close();
  }, 120_000);

  it('the range picker changes the URL, the range asked for and the charts; a drag zooms in', async () => {
    const page = await open('#/dashboards/room-stage?range=1h');
    const status = page.getByTestId('range-status');
    await waitFor(async () => ((await linePoints(page, 'chart-temperature')) >= 10 ? true : undefined), 20_000, 250);
    // One read of both ends (a live range is asked again every few seconds).
    const span = () => status.evaluate((el) => Number(el.getAttribute('data-to')) - Number(el.getAttribute('data-from')));
    expect(await span()).toBe(3_600_000);
    const before = await page.locator('[data-panel-id="chart-temperature"] path.recharts-line-curve').first().getAttribute('d');

    await page.locator('button[data-range="15m"]').click();
    await page.locator('[data-testid="range-status"][data-range="15m"]').waitFor({ timeout: 5_000 });
    expect(hashParams(page).get('range')).toBe('15m');
    await waitFor(async () => ((await span()) === 900_000 ? true : undefined), 10_000, 100);
    await waitFor(async () => ((await page.locator('[data-panel-id="chart-temperature"] path.recharts-line-curve').first().getAttribute('d')) !== before ? true : undefined), 10_000, 100);
    expect(await page.locator('button[data-range="15m"]').getAttribute('aria-pressed')).toBe('true');

    // The link (its hash) reopens the same view.
    const again = await open(new URL(page.url()).hash);
    await again.locator('[data-testid="range-status"][data-range="15m"]').waitFor({ timeout: 15_000 });
    await again.close();

    // Drag across the chart: a custom range of the dragged span, in the URL.
    const chart = page.locator('[data-panel-id="chart-temperature"] .recharts-surface').first();
    const box = (await chart.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.35, y);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.35 + (0.4 * i) / 8), y);
    await page.mouse.up();
    await page.locator('[data-testid="range-status"][data-range="custom"]').waitFor({ timeout: 5_000 });
    const from = Number(hashParams(page).get('from'));
    const to = Number(hashParams(page).get('to'));
    expect(to - from).toBeGreaterThan(60_000);
    expect(to - from).toBeLessThan(900_000);
    await waitFor(async () => ((await span()) === to - from ? true : undefined), 10_000, 100);
    await page.close();
  }, 120_000);

  it('a threshold crossing colours a panel; a new panel is added and saved, and survives a core restart', async () => {
    const page = await open('#/dashboards/room-stage?range=1h');
    await waitFor(async () => ((await linePoints(page, 'chart-temperature')) >= 10 ? true : undefined), 20_000, 250);
    const tempChart = page.locator('[data-testid="panel"][data-panel-id="chart-temperature"]');
    expect(await tempChart.getAttribute('data-state')).toBe('ok');

    // A generated room dashboard is duplicated to edit.
    await page.getByTestId('dashboard-edit').click();
    await page.locator('[data-testid="dashboards-page"][data-editing="true"]').waitFor();
    expect(await page.getByTestId('dashboard-id').inputValue()).toBe('room-stage-copy');

    // Thresholds the demo's ~20 °C crosses: the panel turns alarm-red.
    await tempChart.getByTestId('panel-settings').click();
    const editor = page.getByTestId('panel-editor');
    await editor.getByTestId('panel-warnAbove').fill('5');
    await editor.getByTestId('panel-alarmAbove').fill('10');
    await editor.getByTestId('panel-apply').click();
    await page.locator('[data-panel-id="chart-temperature"][data-state="alarm"]').waitFor({ timeout: 5_000 });
    expect(await tempChart.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe('rgb(236, 90, 90)');
    expect(await tempChart.locator('.recharts-reference-area').count()).toBeGreaterThanOrEqual(1); // the alarm band

    // A refused value says why, under its field, and changes nothing.
    await tempChart.getByTestId('panel-settings').click();
    await editor.getByTestId('panel-warnAbove').fill('50');
    await editor.getByTestId('panel-apply').click();
    expect(await editor.locator('.field-error').first().textContent()).toMatch(/lower than alarm above/);
    await editor.getByRole('button', { name: 'Cancel' }).click();

    // A new stat panel of one series.
    await page.getByTestId('add-stat').click();
    await editor.waitFor();
    await editor.getByTestId('panel-title').fill('FOH desk temperature');
    await editor.getByTestId('series-filter').fill('FOH desk temperature');
    await editor.locator('input[type="checkbox"][data-series$="/temperature"]').first().check();
    await editor.getByTestId('panel-apply').click();
    const added = page.locator('[data-testid="panel"][data-panel-id="p7"]');
    await added.waitFor({ timeout: 5_000 });
    expect(await added.getByRole('heading').textContent()).toBe('FOH desk temperature');
    // Make it wider: resizing in grid units.
    await added.getByTestId('panel-arrange').click();
    await added.getByTestId('panel-wider').click();
    await page.screenshot({ path: `${shots}/monitoring-editing.png` });

    await page.getByTestId('dashboard-save').click();
    await page.getByTestId('dashboards-note').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="dashboards-page"][data-editing="false"][data-dashboard-id="room-stage-copy"]').waitFor();
    expect(new URL(page.url()).hash).toContain('#/dashboards/room-stage-copy');
    await added.locator('[data-testid="stat-value"]').waitFor({ timeout: 10_000 });
    expect(await added.locator('.stat__value').textContent()).toMatch(/°C/);
    await page.close();

    // Stop the core, start it again on the same data folder: the saved dashboard is still there.
    const port = serve.port;
    expect(await serve.stop()).toBe(0);
    serve = await startServe(['--port', String(port), '--data-dir', dataDir], { entry: 'bundle' });
    const after = await open('#/dashboards/room-stage-copy?range=1h');
    const kept = after.locator('[data-testid="panel"][data-panel-id="p7"]');
    await kept.waitFor({ timeout: 10_000 });
    expect(await kept.getByRole('heading').textContent()).toBe('FOH desk temperature');
    expect(await kept.evaluate((el) => getComputedStyle(el).gridColumnEnd)).toBe('span 6');
    await after.locator('[data-panel-id="chart-temperature"][data-state="alarm"]').waitFor({ timeout: 15_000 });
    expect(await after.locator('[data-testid="dashboard-picker"] option[value="room-stage-copy"]').count()).toBe(1);
    await after.screenshot({ path: `${shots}/monitoring-after-restart.png` });

    // Export to JSON, and import it back under another id (the next site's copy).
    const [exported] = await Promise.all([after.waitForEvent('download'), after.getByTestId('dashboard-export').click()]);
    const file = JSON.parse(readFileSync((await exported.path())!, 'utf8')) as { format: string; dashboards: { id: string; title: string; panels: { id: string }[] }[] };
    expect(file.format).toBe('showsite-dashboards');
    expect(file.dashboards.map((d) => d.id)).toEqual(['room-stage-copy']);
    expect(file.dashboards[0]!.panels.map((p) => p.id)).toContain('p7');
    file.dashboards[0]!.id = 'next-site';
    file.dashboards[0]!.title = 'Next site';
    const path = join(dataDir, 'next-site.json');
    writeFileSync(path, JSON.stringify(file));
    await after.getByTestId('dashboard-import').setInputFiles(path);
    await after.locator('[data-testid="dashboards-page"][data-dashboard-id="next-site"]').waitFor({ timeout: 10_000 });
    expect(await after.getByTestId('dashboards-note').textContent()).toMatch(/Imported 1 dashboard/);
    await after.locator('[data-testid="panel"][data-panel-id="p7"]').waitFor({ timeout: 10_000 });
    await after.close();
  }, 120_000);

  it('on a tablet the dashboard fits the screen; a viewer sees the charts but no editing tools', async () => {
    const access = (await (await fetch(`${serve.url}/api/call/system.access`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json()) as { viewerToken: string };
    const page = await open('#/dashboards/room-stage?range=6h', tablet, access.viewerToken);
    await page.getByTestId('view-only').waitFor({ timeout: 15_000 });
    await waitFor(async () => ((await linePoints(page, 'chart-temperature')) >= 10 ? true : undefined), 20_000, 250);
    expect(await page.getByTestId('dashboard-edit').count()).toBe(0);
    expect(await page.getByTestId('dashboard-save').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(tablet.viewport!.width);
    // Panels keep a usable width: on a narrow screen a quarter-width stat takes half the row.
    const statWidth = (await page.locator('[data-testid="panel"][data-type="stat"]').first().boundingBox())!.width;
    expect(statWidth).toBeGreaterThan(tablet.viewport!.width * 0.3);
    // Every control in the page is a finger's height (as the layout test asks of every page).
    const small = await page.locator('main a, main button, main select, main input').evaluateAll((els) =>
      els.flatMap((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.height < 43.5 ? [`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.height)} px`] : [];
      }),
    );
    expect(small).toEqual([]);
    await page.screenshot({ path: `${shots}/monitoring-tablet.png`, fullPage: true });
    await page.close();
  }, 120_000);

  it('the Dashboard tiles carry sparklines and open their device’s charts; the switch is summed up', async () => {
    const context = await browser.newContext(laptop);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${token}`);
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="tile"] [data-testid="sparkline"] path').first().waitFor({ timeout: 20_000 });
    const sw = page.locator('[data-testid="tile"][data-device-id="snmp:switch-demo:switch"]');
    await sw.getByTestId('switch-summary').waitFor({ timeout: 30_000 });
    expect(await sw.locator('[data-testid="tile-value"]').count()).toBe(0); // no row per port
    expect(Number(await sw.getByTestId('switch-summary').getAttribute('data-up'))).toBeGreaterThan(0);
    expect((await sw.boundingBox())!.height).toBeLessThan(450);

    await page.locator('[data-testid="tile"][data-device-id="ble:A4:C1:38:5A:10:01"] [data-testid="tile-charts-link"]').click();
    await page.getByTestId('dashboards-page').waitFor({ timeout: 10_000 });
    expect(hashParams(page).get('device')).toBe('ble:A4:C1:38:5A:10:01');
    await page.locator('[data-testid="panel"] path.recharts-line-curve').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="panel"]').count()).toBe(2); // humidity and temperature
    await page.close();
  });
});
