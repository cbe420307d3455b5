import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import type { Device, GxPortal, MqttConnectionStatus, Settings } from '../../preload/contract/index.ts';
import { desktop, launchChromium, requireBuiltApp, signIn, tablet } from '../helpers/browser.ts';
import { startGxSim, type GxSim } from '../helpers/gx-sim.ts';
import { mosquittoUnavailable, startMosquitto, type MosquittoPeer } from '../helpers/mosquitto.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

/**
 * MQTT on the Devices page in Chromium against the shipped bundle and a real Mosquitto the test starts:
 * an operator adds the venue broker through the form (bad values are refused beside their fields), a
 * gateway publishing there becomes a device; a Victron GX simulator on that broker shows in the GX panel,
 * where a write is pending until the GX republishes it — or says it was not applied when it never does;
 * and the connection is removed again. The console's own broker is off (`--mqtt-port 0`), so every message
 * here came through the connection the operator made.
 */

const token = 'e2e-mqtt-token-98765';
const portal = 'c0619ab1e2f3';
const shots = '/tmp/shots';
const skip = mosquittoUnavailable();

requireBuiltApp();

async function api<T>(url: string, method: string, params: unknown = {}): Promise<T> {
  const res = await fetch(`${url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  return (await res.json()) as T;
}

async function publish(url: string, topic: string, payload: unknown): Promise<void> {
  const c = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0 });
  await new Promise((resolve, reject) => (c.once('connect', resolve), c.once('error', reject)));
  await c.publishAsync(topic, JSON.stringify(payload), { qos: 1 });
  await c.endAsync();
}

/** Anything wider than the window, and any button or link too small to tap (the tablet rules). */
function layoutProblems(page: Page, scope: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth) out.push(`document ${document.documentElement.scrollWidth} px wide`);
    for (const el of document.querySelectorAll(`${sel} button, ${sel} a, ${sel} input`)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.height < 43.5) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" is ${Math.round(r.height)} px high`);
      if (r.right > window.innerWidth + 0.5) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" is clipped`);
    }
    return out;
  }, scope);
}

describe.skipIf(skip !== undefined)(`MQTT connections and the Victron GX panel${skip ? ` (skipped: ${skip})` : ''}`, { timeout: 120_000 }, () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;
  let peer: MosquittoPeer;
  let broker: string;
  let sim: GxSim | undefined;

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    peer = await startMosquitto();
    broker = `mqtt://127.0.0.1:${peer.port}`;
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', tempDir(), '--mqtt-port', '0'], { entry: 'bundle', timeoutMs: 60_000 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await sim?.close();
    await browser?.close();
    await serve?.stop();
    await peer?.dispose();
  });

  it('an external broker added through the form: bad values are refused beside their fields, then it connects and a gateway there becomes a device', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signIn(context, serve.url, token, { hash: '#/devices' });
    const panel = page.getByTestId('mqtt-panel');
    await panel.locator('summary').click();
    await page.getByTestId('mqtt-add').click();
    const form = page.getByTestId('mqtt-connection-form');
    await page.getByTestId('conn-id').fill('venue');
    await page.getByTestId('conn-label').fill('Venue Mosquitto');
    await page.getByTestId('conn-port').fill('99999');
    await page.getByTestId('conn-save').click();

    // The contract's own words, each beside its field; a sentence under the form points at them.
    await page.getByTestId('conn-host-error').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('conn-host-error').textContent()).toBe('Give the broker address, e.g. 192.168.1.50');
    expect(await page.getByTestId('conn-port-error').textContent()).toBe('The port is 1–65535');
    expect(await page.getByTestId('conn-host').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('conn-id-error').count()).toBe(0);
    expect(await page.getByTestId('conn-error').textContent()).toBe('Not saved: see the note beside the marked fields.');
    await form.screenshot({ path: `${shots}/mqtt-connection-form-errors-1366x768.png` });
    // Nothing saved, nothing connecting.
    expect((await api<Settings>(serve.url, 'settings.get')).mqtt.connections).toEqual([]);
    expect((await api<MqttConnectionStatus[]>(serve.url, 'mqtt.connections')).some((c) => c.id === 'venue')).toBe(false);

    // Fixed: saved, connected, shown with its address.
    await page.getByTestId('conn-host').fill('127.0.0.1');
    await page.getByTestId('conn-port').fill(String(peer.port));
    await page.getByTestId('conn-save').click();
    await form.waitFor({ state: 'detached', timeout: 5_000 });
    const venue = panel.locator('[data-testid="mqtt-connection"][data-id="venue"]');
    await panel.locator('[data-testid="mqtt-connection"][data-id="venue"][data-state="connected"]').waitFor({ timeout: 15_000 });
    expect(await venue.textContent()).toContain(`127.0.0.1:${peer.port}`);
    expect(await venue.textContent()).toContain('Venue Mosquitto');
    const saved = (await api<Settings>(serve.url, 'settings.get')).mqtt.connections;
    expect(saved.map((c) => [c.id, c.host, c.port, c.enabled])).toEqual([['venue', '127.0.0.1', peer.port, true]]);

    // A gateway publishing to that Mosquitto: its sensor is a device, heard via the gateway.
    await publish(broker, 'home/OMG_tent/BTtoMQTT/A4C138BB0007', { id: 'A4:C1:38:BB:00:07', rssi: -71, name: 'GVH5075_0007', brand: 'Govee', model_id: 'H5072/75', tempc: 18.4, hum: 55, batt: 93 });
    const row = page.locator('[data-testid="device-row"][data-device-id="ble:A4:C1:38:BB:00:07"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('device-via').textContent()).toMatch(/via OMG_tent -71\u00a0dBm/);
    expect(await row.getByTestId('device-values').textContent()).toBe('18.4\u00a0°C · 55%');
    await waitFor(async () => /\b[1-9]\d* readings/.test((await venue.textContent()) ?? '') || undefined, 5_000);
    await context.close();
  });

  it('the GX panel shows the simulated GX; a write is pending until the GX republishes it, and "not applied" when it never does', async () => {
    sim = await startGxSim(broker, portal);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await signIn(context, serve.url, token, { hash: '#/devices' });
    const card = page.locator(`[data-testid="gx-portal"][data-portal="${portal}"]`);
    await card.waitFor({ timeout: 20_000 });
    await waitFor(async () => ((await card.getByTestId('gx-soc').count()) > 0 ? true : undefined), 10_000);
    expect(await card.getByTestId('gx-soc').textContent()).toMatch(/^87(\.0)?\s?%$/);
    expect(await card.getByTestId('gx-battery_voltage').textContent()).toMatch(/^52\.40?\s?V$/);
    expect(await card.getByTestId('gx-ac_out_power').textContent()).toMatch(/^640\s?W$/);
    const mode = card.locator('[data-testid="gx-control"][data-control="inverter_mode"]');
    expect(await mode.getByTestId('gx-value').textContent()).toBe('On');
    expect(await mode.getAttribute('data-state')).toBe('idle');
    expect(sim.keepAlives.length).toBeGreaterThanOrEqual(1);

    // Off: the GX takes its time (it answers nothing yet), so the panel shows pending…
    sim.answerWrites = false;
    await mode.getByTestId('gx-mode-4').click();
    await mode.locator('xpath=self::*[@data-state="pending"]').waitFor({ timeout: 5_000 });
    expect(await mode.getByTestId('gx-outcome').textContent()).toBe('Pending: Off — waiting for the GX to confirm');
    expect(await mode.getByTestId('gx-value').textContent()).toBe('On'); // not claimed before the GX says so
    await waitFor(() => sim!.writes.find((w) => w.topic === `W/${portal}/vebus/276/Mode`), 5_000);
    expect(JSON.parse(sim.writes.find((w) => w.topic === `W/${portal}/vebus/276/Mode`)!.payload)).toEqual({ value: 4 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/gx-pending-1366x768.png` });
    // …and confirmed once the GX republishes Mode = 4.
    await sim.notify('vebus/276/Mode', 4);
    await mode.locator('xpath=self::*[@data-state="confirmed"]').waitFor({ timeout: 5_000 });
    expect(await mode.getByTestId('gx-outcome').textContent()).toBe('Confirmed: Off');
    expect(await mode.getByTestId('gx-value').textContent()).toBe('Off');
    expect(await mode.getByTestId('gx-mode-4').getAttribute('aria-pressed')).toBe('true');

    // A charge current limit the GX ignores: pending, then "not applied" with what it kept.
    const limit = card.locator('[data-testid="gx-control"][data-control="charge_current_limit"]');
    expect(await limit.getByTestId('gx-value').textContent()).toBe('no limit');
    const asked = Date.now();
    await limit.getByTestId('gx-limit').fill('30');
    await limit.getByTestId('gx-limit-set').click();
    await limit.locator('xpath=self::*[@data-state="pending"]').waitFor({ timeout: 5_000 });
    expect(await limit.getByTestId('gx-outcome').textContent()).toBe('Pending: 30 A — waiting for the GX to confirm');
    await limit.locator('xpath=self::*[@data-state="reverted"]').waitFor({ timeout: 20_000 });
    expect(Date.now() - asked).toBeGreaterThanOrEqual(8_000);
    expect(await limit.getByTestId('gx-outcome').textContent()).toMatch(/^Not applied: .*kept no limit \(-1\) instead of 30 A/);
    expect(await limit.getByTestId('gx-value').textContent()).toBe('no limit');
    const stored = (await api<GxPortal[]>(serve.url, 'mqtt.gx')).find((p) => p.portalId === portal)!;
    expect(stored.controls.find((c) => c.control === 'charge_current_limit')).toMatchObject({ value: -1, pending: null, last: { outcome: 'reverted', wanted: 30 } });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/gx-confirmed-reverted-1366x768.png` });
    await card.screenshot({ path: `${shots}/gx-card-1366x768.png` });
    await context.close();

    // The same panel on the tablet: everything on screen, every control big enough to tap.
    const tab = await browser.newContext(tablet);
    const tpage = await signIn(tab, serve.url, token, { hash: '#/devices' });
    const tcard = tpage.locator(`[data-testid="gx-portal"][data-portal="${portal}"]`);
    await tcard.locator('[data-testid="gx-control"][data-control="charge_current_limit"][data-state="reverted"]').waitFor({ timeout: 10_000 });
    await tcard.scrollIntoViewIfNeeded();
    await tpage.screenshot({ path: `${shots}/gx-820x1180.png` });
    expect(await layoutProblems(tpage, '[data-testid="gx-panel"]')).toEqual([]);
    await tab.close();
  });

  it('the connection is removed from its edit form: gone from the panel and the settings, and its broker no longer feeds the console', async () => {
    const context = await browser.newContext(desktop);
    const page = await signIn(context, serve.url, token, { hash: '#/devices' });
    const panel = page.getByTestId('mqtt-panel');
    await panel.locator('summary').click();
    const venue = panel.locator('[data-testid="mqtt-connection"][data-id="venue"]');
    await venue.getByTestId('mqtt-edit').click();
    await venue.getByTestId('conn-remove').click();
    await venue.waitFor({ state: 'detached', timeout: 10_000 });
    expect((await api<Settings>(serve.url, 'settings.get')).mqtt.connections).toEqual([]);
    expect((await api<MqttConnectionStatus[]>(serve.url, 'mqtt.connections')).map((c) => c.id)).not.toContain('venue');

    // A new sensor on the old broker stays unknown: nothing listens there any more.
    await publish(broker, 'home/OMG_tent/BTtoMQTT/A4C138BB0008', { id: 'A4:C1:38:BB:00:08', rssi: -60, tempc: 19, hum: 50, batt: 90 });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await api<Device[]>(serve.url, 'devices.list')).some((d) => d.id === 'ble:A4:C1:38:BB:00:08')).toBe(false);
    await context.close();
  });
});
