import { existsSync, mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import type { Device } from '../../preload/contract/index.ts';
import { freePort } from '../../bench/stats.ts';
import { launchChromium } from '../helpers/browser.ts';
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

async function rows(page: Page): Promise<string[]> {
  return page.locator('[data-testid="device-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-device-id') ?? ''));
}

describe('Devices page: filters, bulk rename, MQTT', () => {
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
});
