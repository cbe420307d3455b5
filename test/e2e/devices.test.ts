import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import type { Device, LiveReading, SeriesInfo } from '../../preload/contract/index.ts';
import { freePort } from '../../bench/stats.ts';
import { desktop, launchChromium, signIn, tablet } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

/**
 * The Devices page in Chromium against the shipped bundle: the demo venue plus two Govee sensors and an
 * ESP32 node a gateway publishes to the embedded broker. Filters narrow the list; two sensors with
 * factory names are renamed and put in a room in one go; the MQTT panel shows the broker.
 */

const token = 'e2e-devices-token-4321';
const sensors = [
  { topic: 'home/OMG_bar/BTtoMQTT/A4C138AA0001', payload: { id: 'A4:C1:38:AA:00:01', rssi: -66, name: 'GVH5075_0001', brand: 'Govee', model_id: 'H5072/75', tempc: 4.2, hum: 71, batt: 90 } },
  { topic: 'home/OMG_bar/BTtoMQTT/A4C138AA0002', payload: { id: 'A4:C1:38:AA:00:02', rssi: -72, name: 'GVH5075_0002', brand: 'Govee', model_id: 'H5072/75', tempc: 5.1, hum: 68, batt: 80 } },
];

if (!existsSync('dist/renderer/index.html') || !existsSync('dist/core/cli.js')) {
  throw new Error('e2e tests drive the built app: run "npm run build" first (npm test does)');
}

async function api<T>(url: string, method: string, params: unknown = {}): Promise<T> {
  const res = await fetch(`${url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  return (await res.json()) as T;
}

/** A Govee H5075 as an OpenMQTTGateway in the bar publishes it (PROTOCOLS.md §1.6), numbered AA:00:<n>. */
function barSensor(n: string, tempc: number, hum: number) {
  return { topic: `home/OMG_bar/BTtoMQTT/A4C138AA00${n}`, payload: { id: `A4:C1:38:AA:00:${n}`, rssi: -70, name: `GVH5075_00${n}`, brand: 'Govee', model_id: 'H5072/75', tempc, hum, batt: 77 } };
}

async function publish(port: number, messages: { topic: string; payload: unknown }[]): Promise<void> {
  const gw = mqtt.connect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4, reconnectPeriod: 0 });
  await new Promise((r) => gw.once('connect', r));
  for (const m of messages) await gw.publishAsync(m.topic, JSON.stringify(m.payload), { qos: 1 });
  await gw.endAsync();
}

/** Every stored raw value of one series (series.csv raw: the last column), sorted, once at least `count` are stored (writes are batched). */
async function storedValues(url: string, device: string, metric: string, count: number): Promise<number[]> {
  const read = async () => {
    const r = await api<{ csv: string }>(url, 'series.csv', { series: [{ device, metric }], raw: true, from: 'now-24h' });
    return r.csv
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => Number(line.split(',').at(-1)))
      .sort((a, b) => a - b);
  };
  await waitFor(async () => (await read()).length >= count || undefined, 10_000).catch(() => undefined);
  return read();
}

async function rows(page: Page): Promise<string[]> {
  return page.locator('[data-testid="device-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-device-id') ?? ''));
}

describe('Devices page: filters, bulk rename, merge, hide, forget, names files, MQTT', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;
  let mqttPort: number;

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    mqttPort = await freePort();
    serve = await startServe(['--demo', '--port', '0', '--token', token, '--data-dir', tempDir(), '--mqtt-port', String(mqttPort)], { entry: 'bundle' });
    const gw = mqtt.connect(`mqtt://127.0.0.1:${mqttPort}`, { protocolVersion: 4 });
    await new Promise((r) => gw.once('connect', r));
    for (const s of sensors) await gw.publishAsync(s.topic, JSON.stringify(s.payload), { qos: 1 });
    gw.end();
    await waitFor(async () => (await api<Device[]>(serve.url, 'devices.list')).filter((d) => d.id.startsWith('ble:A4:C1:38:AA')).length === 2 || undefined, 15_000);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('search and filters narrow the list; "needs a name" finds the factory names; two are renamed and put in a room at once', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${token}#/devices`);
    await page.locator('[data-testid="device-row"][data-device-id="ble:A4:C1:38:AA:00:01"]').waitFor({ timeout: 15_000 });
    const all = await rows(page);
    expect(all.length).toBeGreaterThanOrEqual(11);

    // Heard via the gateway, with its signal; the latest values in the row.
    const first = page.locator('[data-testid="device-row"][data-device-id="ble:A4:C1:38:AA:00:01"]');
    expect(await first.getByTestId('device-via').textContent()).toMatch(/via OMG_bar -66\u00a0dBm/);
    expect(await first.getByTestId('device-values').textContent()).toBe('4.2\u00a0°C · 71%');
    expect(await first.getByTestId('needs-name').count()).toBe(1);

    // "Needs a name": only the two factory-named gateway sensors (the demo's are all named).
    await page.getByTestId('filter-needs-name').check();
    expect((await rows(page)).sort()).toEqual(['ble:A4:C1:38:AA:00:01', 'ble:A4:C1:38:AA:00:02']);
    await page.getByTestId('filter-needs-name').uncheck();
    // Search by words anywhere (name, room, id, gateway).
    await page.getByTestId('filter-search').fill('omg_bar');
    expect((await rows(page)).sort()).toEqual(['ble:A4:C1:38:AA:00:01', 'ble:A4:C1:38:AA:00:02']);
    await page.getByTestId('filter-search').fill('stage left');
    expect(await rows(page)).toEqual(['ble:A4:C1:38:5A:10:01']);
    await page.getByTestId('filter-search').fill('');
    // Room and source filters come from what the devices have.
    await page.getByTestId('filter-room').selectOption('Backstage');
    const backstage = await rows(page);
    expect(backstage.length).toBeGreaterThan(0);
    const backstageDevices = (await api<Device[]>(serve.url, 'devices.list')).filter((d) => d.room === 'Backstage').map((d) => d.id).sort();
    expect([...backstage].sort()).toEqual(backstageDevices);
    await page.getByTestId('filter-room').selectOption('');
    await page.getByTestId('filter-source').selectOption('ble');
    expect((await rows(page)).sort()).toEqual(['ble:A4:C1:38:AA:00:01', 'ble:A4:C1:38:AA:00:02']);
    await page.getByTestId('filter-state').selectOption('lost');
    expect(await page.getByTestId('no-match').isVisible()).toBe(true);
    await page.getByTestId('filter-state').selectOption('');

    // Select both, rename them one line each, then put both in the bar at once.
    await page.getByTestId('select-all').check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('2 selected');
    await page.getByTestId('bulk-rename-open').click();
    const form = page.getByTestId('bulk-rename-form');
    await form.locator('tr[data-device-id="ble:A4:C1:38:AA:00:01"] [data-testid="bulk-rename-name"]').fill('Beer fridge');
    await form.locator('tr[data-device-id="ble:A4:C1:38:AA:00:02"] [data-testid="bulk-rename-name"]').fill('Wine fridge');
    await page.screenshot({ path: 'test-results/e2e-devices-bulk-rename.png', fullPage: true });
    await page.getByTestId('bulk-rename-save').click();
    await form.waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByTestId('bulk-room').fill('Bar');
    await page.getByTestId('bulk-room-save').click();
    await waitFor(async () => ((await first.getByTestId('device-room').textContent()) === 'Bar' ? true : undefined), 5_000);
    expect(await first.getByTestId('device-name').textContent()).toBe('Beer fridge');
    expect(await first.getByTestId('needs-name').count()).toBe(0);

    const stored = (await api<Device[]>(serve.url, 'devices.list')).filter((d) => d.id.startsWith('ble:A4:C1:38:AA'));
    expect(stored.map((d) => [d.id, d.name, d.room, d.needsName])).toEqual([
      ['ble:A4:C1:38:AA:00:01', 'Beer fridge', 'Bar', null],
      ['ble:A4:C1:38:AA:00:02', 'Wine fridge', 'Bar', null],
    ]);
    // The renames are operator actions on the timeline.
    const events = await api<{ kind: string; message: string }[]>(serve.url, 'events.list', { limit: 20 });
    expect(events.some((e) => e.kind === 'operator' && e.message.startsWith('Named 2 devices: “Beer fridge”'))).toBe(true);
    expect(events.some((e) => e.kind === 'operator' && e.message.startsWith('Put “Beer fridge”'))).toBe(true);
    await context.close();
  });

  it('the MQTT panel shows the embedded broker; a user mapping is tested on a pasted sample before it is saved', async () => {
    const context = await browser.newContext({ viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${token}#/devices`);
    const panel = page.getByTestId('mqtt-panel');
    await panel.locator('summary').tap();
    const embedded = panel.locator('[data-testid="mqtt-connection"][data-id="embedded"]');
    await embedded.waitFor({ timeout: 10_000 });
    expect(await embedded.getAttribute('data-state')).toBe('connected');
    expect(await embedded.textContent()).toContain(`127.0.0.1:${mqttPort}`);

    await page.getByTestId('map-pattern').fill('esp32/+/temp');
    await page.getByTestId('map-metric').fill('temperature');
    await page.getByTestId('map-unit').fill('°C');
    await page.getByTestId('map-sample-topic').fill('esp32/rack-2/temp');
    await page.getByTestId('map-sample-payload').fill('{"t": 31.5}');
    await page.getByTestId('map-test').tap();
    // No JSON path yet: the tester says what to do.
    expect(await page.getByTestId('map-result').textContent()).toMatch(/the payload is JSON, not a plain number — set a JSON path, e\.g\. \$\.temperature \(top-level keys: t\)/);
    expect(await page.getByTestId('map-save').isDisabled()).toBe(true);
    await page.getByTestId('map-jsonPath').fill('$.t');
    await page.getByTestId('map-test').tap();
    expect(await page.getByTestId('map-result').textContent()).toBe('→ mqtt:rack-2: temperature = 31.5\u00a0°C');
    await page.getByTestId('map-save').tap();
    await page.locator('[data-testid="mapping-item"]').waitFor({ timeout: 5_000 });
    const settings = await api<{ mqtt: { mappings: unknown[] } }>(serve.url, 'settings.get');
    expect(settings.mqtt.mappings).toEqual([{ pattern: 'esp32/+/temp', deviceIdSegment: 1, jsonPath: '$.t', metric: 'temperature', unit: '°C' }]);

    // The mapping is live: the node's next message is a reading.
    const node = mqtt.connect(`mqtt://127.0.0.1:${mqttPort}`, { protocolVersion: 4 });
    await new Promise((r) => node.once('connect', r));
    await node.publishAsync('esp32/rack-2/temp', '{"t": 29.25}', { qos: 1 });
    node.end();
    await page.locator('[data-testid="device-row"][data-device-id="mqtt:rack-2"]').waitFor({ timeout: 10_000 });
    // Nothing sticks out of the tablet screen, every tappable thing is big enough.
    const problems = await page.evaluate(() => {
      const out: string[] = [];
      if (document.documentElement.scrollWidth > window.innerWidth) out.push(`document ${document.documentElement.scrollWidth} px wide`);
      for (const el of document.querySelectorAll('main button, main a')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
        if (r.height < 43.5) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(r.height)} px high`);
        if (r.right > window.innerWidth + 0.5) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" is clipped`);
      }
      return out;
    });
    await page.screenshot({ path: 'test-results/e2e-devices-mqtt-820x1180.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('two identities of one sensor are merged (history joined, later readings filed under the kept one); hide and "Show hidden"; forget, and a re-sighted device is new', async () => {
    const ids = { kept: 'ble:A4:C1:38:AA:00:03', alias: 'ble:A4:C1:38:AA:00:04', gone: 'ble:A4:C1:38:AA:00:05' };
    await publish(mqttPort, [barSensor('03', 10.5, 50), barSensor('04', 12.5, 52), barSensor('05', 3.5, 80)]);
    await waitFor(async () => ((await api<Device[]>(serve.url, 'devices.list')).filter((d) => Object.values(ids).includes(d.id)).length === 3 ? true : undefined), 15_000);
    await api(serve.url, 'devices.bulkRename', { rows: [{ id: ids.gone, name: 'Ice machine', room: 'Bar' }] });

    const context = await browser.newContext(desktop);
    const page = await signIn(context, serve.url, token, { hash: '#/devices' });
    const row = (id: string) => page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);
    await row(ids.alias).waitFor({ timeout: 15_000 });

    // Merge: select both, keep 03; 04 leaves the list and its history is 03's.
    await row(ids.kept).getByTestId('device-select').check();
    await row(ids.alias).getByTestId('device-select').check();
    expect(await page.getByTestId('bulk-count').textContent()).toBe('2 selected');
    expect(await page.getByTestId('bulk-forget-open').isDisabled()).toBe(true); // forget is one device at a time
    await page.getByTestId('bulk-merge-open').click();
    await page.locator(`[data-testid="merge-keep"][value="${ids.kept}"]`).check();
    expect(await page.getByTestId('merge-confirm').textContent()).toBe('Merge into GVH5075_0003');
    await page.getByTestId('merge-confirm').click();
    await row(ids.alias).waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.getByTestId('bulk-actions').count()).toBe(0); // the selection went with it

    const series = (await api<SeriesInfo[]>(serve.url, 'series.list')).filter((x) => x.deviceId === ids.kept || x.deviceId === ids.alias);
    expect(series.map((x) => [x.deviceId, x.metric]).sort()).toEqual([
      [ids.kept, 'humidity'],
      [ids.kept, 'temperature'],
    ]);
    expect(await storedValues(serve.url, ids.kept, 'temperature', 2)).toEqual([10.5, 12.5]);
    expect(await storedValues(serve.url, ids.kept, 'humidity', 2)).toEqual([50, 52]);
    // The newest reading was 04's: it is now the kept device's latest.
    const latest = (await api<LiveReading[]>(serve.url, 'telemetry.latest')).filter((r) => r.deviceId === ids.kept || r.deviceId === ids.alias);
    expect(latest.map((r) => [r.deviceId, r.metric, r.value]).sort()).toEqual([
      [ids.kept, 'humidity', 52],
      [ids.kept, 'temperature', 12.5],
    ]);
    const kept = (await api<Device[]>(serve.url, 'devices.list')).find((d) => d.id === ids.kept)!;
    expect(kept.aliases).toEqual([ids.alias]);
    // A reading that still arrives under the merged-away identity lands on the kept device.
    await publish(mqttPort, [barSensor('04', 13.5, 53)]);
    await waitFor(async () => ((await row(ids.kept).getByTestId('device-values').textContent()) === '13.5\u00a0°C · 53%' ? true : undefined), 10_000);
    expect(await row(ids.alias).count()).toBe(0);
    expect((await api<Device[]>(serve.url, 'devices.list')).some((d) => d.id === ids.alias)).toBe(false);

    // Hide: gone from the list unless "Show hidden"; Show brings it back.
    await row(ids.kept).getByTestId('device-select').check();
    expect(await page.getByTestId('bulk-hide').textContent()).toBe('Hide');
    await page.getByTestId('bulk-hide').click();
    await row(ids.kept).waitFor({ state: 'detached', timeout: 5_000 });
    expect(await page.locator('label:has([data-testid="filter-hidden"])').textContent()).toBe('Show hidden (1)');
    expect((await api<Device[]>(serve.url, 'devices.list')).find((d) => d.id === ids.kept)?.hidden).toBe(true);
    await page.getByTestId('filter-hidden').check();
    await row(ids.kept).waitFor({ timeout: 5_000 });
    expect(await row(ids.kept).getAttribute('class')).toContain('device--hidden');
    await row(ids.kept).getByTestId('device-select').check();
    expect(await page.getByTestId('bulk-hide').textContent()).toBe('Show');
    await page.getByTestId('bulk-hide').click();
    await waitFor(async () => ((await row(ids.kept).getAttribute('class'))?.includes('device--hidden') === false ? true : undefined), 5_000);
    await page.getByTestId('filter-hidden').uncheck();
    expect(await row(ids.kept).count()).toBe(1);
    expect((await api<Device[]>(serve.url, 'devices.list')).find((d) => d.id === ids.kept)?.hidden).toBe(false);
    await page.getByTestId('bulk-clear').click();

    // Forget: name and history gone; when it reports again it is a new, unnamed device with one reading.
    await row(ids.gone).getByTestId('device-select').check();
    expect(await page.getByTestId('bulk-merge-open').isDisabled()).toBe(true);
    await page.getByTestId('bulk-forget-open').click();
    expect(await page.getByTestId('forget-form').textContent()).toContain('Forget Ice machine and its whole history?');
    await page.getByTestId('forget-confirm').click();
    await row(ids.gone).waitFor({ state: 'detached', timeout: 5_000 });
    expect((await api<Device[]>(serve.url, 'devices.list')).some((d) => d.id === ids.gone)).toBe(false);
    expect((await api<SeriesInfo[]>(serve.url, 'series.list')).some((x) => x.deviceId === ids.gone)).toBe(false);
    await publish(mqttPort, [barSensor('05', 4.5, 79)]);
    await row(ids.gone).waitFor({ timeout: 10_000 }); // the page shows the new device, though it forgot this id
    expect(await row(ids.gone).getByTestId('device-name').textContent()).toMatch(/^GVH5075_0005/);
    expect(await row(ids.gone).getByTestId('needs-name').count()).toBe(1);
    const back = (await api<Device[]>(serve.url, 'devices.list')).find((d) => d.id === ids.gone)!;
    expect([back.name, back.room, back.needsName]).toEqual(['GVH5075_0005', null, 'the factory name']);
    expect(await storedValues(serve.url, ids.gone, 'temperature', 1)).toEqual([4.5]);
    await context.close();
  });

  it('names go out as CSV and JSON and come back from an edited file; a bad paste or file says which row and changes nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signIn(context, serve.url, token, { hash: '#/devices' });
    await page.getByTestId('names-transfer').locator('summary').click();
    const row = (id: string) => page.locator(`[data-testid="device-row"][data-device-id="${id}"]`);

    // Export: the downloads hold the names as they are now.
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('names-export-csv').click()]);
    expect(csvDownload.suggestedFilename()).toMatch(/^showsite-device-names-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    expect(csv).toBe((await api<{ text: string }>(serve.url, 'devices.exportNames', { format: 'csv' })).text);
    expect(csv.split('\r\n')[0]).toBe('id,name,room,notes');
    expect(csv).toContain('\r\nble:A4:C1:38:AA:00:01,Beer fridge,Bar,\r\n');
    expect(csv).toContain('\r\nble:A4:C1:38:AA:00:02,Wine fridge,Bar,\r\n');
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('names-export-json').click()]);
    expect(jsonDownload.suggestedFilename()).toMatch(/^showsite-device-names-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8')) as { format: string; devices: { id: string; name: string | null; room: string | null; notes: string | null }[] };
    expect(file.format).toBe('showsite-device-names');
    expect(file.devices.find((d) => d.id === 'ble:A4:C1:38:AA:00:01')).toMatchObject({ name: 'Beer fridge', room: 'Bar' });
    expect(file.devices.length).toBe(csv.trim().split('\r\n').length - 1);

    // The next site's list: the JSON edited (one renamed, one moved) plus a sensor not seen yet.
    const edited = {
      ...file,
      devices: [
        ...file.devices.map((d) => (d.id === 'ble:A4:C1:38:AA:00:01' ? { ...d, name: 'Lager fridge' } : d.id === 'ble:A4:C1:38:AA:00:02' ? { ...d, room: 'Cellar' } : d)),
        { id: 'ble:A4:C1:38:CC:00:09', name: 'Spare sensor', room: 'Stores', notes: null },
      ],
    };
    await page.getByTestId('names-file').setInputFiles({ name: 'next-site.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited, null, 2)) });
    await waitFor(async () => ((await page.getByTestId('names-text').inputValue()).includes('Lager fridge') ? true : undefined), 5_000);
    expect(await page.getByTestId('names-format').inputValue()).toBe('json');
    const untouched = file.devices.length - 2;
    await page.getByTestId('names-check').click();
    await page.getByTestId('names-report').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('names-report').textContent()).toBe(`Would rename 2, ${untouched} already so, 1 not seen yet (kept until they report). Nothing changed yet.`);
    expect((await api<Device[]>(serve.url, 'devices.list')).find((d) => d.id === 'ble:A4:C1:38:AA:00:01')?.name).toBe('Beer fridge');
    await page.getByTestId('names-apply').click();
    await waitFor(async () => ((await page.getByTestId('names-report').textContent())?.startsWith('2 renamed') ? true : undefined), 5_000);
    expect(await page.getByTestId('names-report').textContent()).toBe(`2 renamed, ${untouched} already so, 1 kept for devices not seen yet.`);
    await waitFor(async () => ((await row('ble:A4:C1:38:AA:00:01').getByTestId('device-name').textContent())?.startsWith('Lager fridge') ? true : undefined), 5_000);
    expect(await row('ble:A4:C1:38:AA:00:02').getByTestId('device-room').textContent()).toBe('Cellar');
    await page.getByTestId('names-report').scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots/names-import-applied-1366x768.png' });
    // The sensor not seen yet takes its name when it first reports.
    await publish(mqttPort, [{ topic: 'home/OMG_bar/BTtoMQTT/A4C138CC0009', payload: { id: 'A4:C1:38:CC:00:09', rssi: -75, name: 'GVH5075_0009', brand: 'Govee', model_id: 'H5072/75', tempc: 15, hum: 40, batt: 99 } }]);
    await row('ble:A4:C1:38:CC:00:09').waitFor({ timeout: 10_000 });
    expect(await row('ble:A4:C1:38:CC:00:09').getByTestId('device-name').textContent()).toBe('Spare sensor');
    expect(await row('ble:A4:C1:38:CC:00:09').getByTestId('device-room').textContent()).toBe('Stores');

    // A pasted CSV with two bad rows: each named by its line, and the good row is not applied either.
    const before = await api<{ text: string }>(serve.url, 'devices.exportNames', { format: 'csv' });
    await page.getByTestId('names-text').fill('id,name,room\nble:A4:C1:38:AA:00:01,Pils fridge,Bar\nble:A4:C1:38:AA:00:02,Red, wine fridge,Cellar\n,No id,Bar\n');
    expect(await page.getByTestId('names-format').inputValue()).toBe('csv');
    await page.getByTestId('names-apply').click();
    const error = page.getByTestId('names-error');
    await error.waitFor({ timeout: 5_000 });
    expect(await error.locator('li').allTextContents()).toEqual(['Line 3: 4 cells, but only 3 columns (id, name, room) — quote a value that holds ","', 'Line 4: no device id in the first column']);
    expect(await page.getByTestId('names-report').count()).toBe(0);
    expect((await api<{ text: string }>(serve.url, 'devices.exportNames', { format: 'csv' })).text).toBe(before.text);
    await error.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots/names-import-csv-errors-1366x768.png' });

    // A JSON file with a bad item: named by its item number.
    await page.getByTestId('names-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"devices":[{"id":"ble:A4:C1:38:AA:00:01","name":"Pils fridge"},{"id":"ble:A4:C1:38:AA:00:02","name":42}]}') });
    await waitFor(async () => ((await page.getByTestId('names-text').inputValue()).includes('"name":42') ? true : undefined), 5_000);
    await page.getByTestId('names-apply').click();
    await waitFor(async () => ((await error.textContent())?.includes('Item 2') ? true : undefined), 5_000);
    expect(await error.textContent()).toBe('Not saved — Item 2: "name" is not text');
    expect((await api<{ text: string }>(serve.url, 'devices.exportNames', { format: 'csv' })).text).toBe(before.text);
    await context.close();

    // The tablet: the same paste, its result readable and nothing wider than the screen.
    const tab = await browser.newContext(tablet);
    const tpage = await signIn(tab, serve.url, token, { hash: '#/devices' });
    await tpage.getByTestId('names-transfer').locator('summary').tap();
    await tpage.getByTestId('names-text').fill('ble:A4:C1:38:AA:00:01,Lager fridge,Bar\nble:A4:C1:38:AA:00:02,Wine fridge,Cellar\nble:A4:C1:38:DD:00:10,Door sensor,Lobby\n');
    await tpage.getByTestId('names-check').tap();
    await tpage.getByTestId('names-report').waitFor({ timeout: 5_000 });
    expect(await tpage.getByTestId('names-report').textContent()).toBe('Would rename 0, 2 already so, 1 not seen yet (kept until they report). Nothing changed yet.');
    await tpage.getByTestId('names-report').scrollIntoViewIfNeeded();
    await tpage.screenshot({ path: '/tmp/shots/names-import-check-820x1180.png' });
    expect(await tpage.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await tab.close();
  });
});
