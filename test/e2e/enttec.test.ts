import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import type { EnttecProTwin } from '../../native/enttec/twin.ts';
import type { SerialPortInfo, Settings } from '../../preload/contract/index.ts';
import { launchChromium, signIn, tablet } from '../helpers/browser.ts';
import { hex, openFarEnd, openTwinEnd, rawFrames, socatUnavailable, startPtyPair, type FarEnd, type PtyPair } from '../helpers/pty.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-enttec-token-1234';
const unavailable = socatUnavailable();
if (unavailable) console.warn(`Skipping the Enttec e2e test: ${unavailable}`);

if (!existsSync('dist/renderer/index.html') || !existsSync('dist/core/cli.js')) {
  throw new Error('e2e tests drive the built app: run "npm run build" first (npm test does)');
}

/**
 * The shield's sketch prints its lines again and again, as a real one does: a line written before the core has
 * opened the port is lost (on a pty as on a cable), so a single write could race the open.
 */
async function printUntilShown(board: FarEnd, lines: string, shown: Locator, timeoutMs = 20_000): Promise<void> {
  await waitFor(async () => {
    await board.write(lines);
    return (await shown.count()) > 0 ? true : undefined;
  }, timeoutMs, 500);
}

/**
 * What the lighting tech sees of a USB DMX widget on the Scenes page: its row OK with serial number and
 * firmware, "USB DMX LOST" the moment the cable is pulled (and the alarm at the top of the page), OK again
 * by itself when it is back; a SparkFun shield's values and an LED-wall monitor in nits.
 */
describe.skipIf(unavailable !== undefined)('Scenes page: Enttec DMX USB Pro, DMX text input, channel monitors', () => {
  const tempDir = useTempDirs('all');
  let dir: string;
  let browser: Browser;
  let serve: Served;
  let pro: PtyPair;
  let widget: FarEnd & { twin: EnttecProTwin };
  let shieldPair: PtyPair;
  let board: FarEnd;

  beforeAll(async () => {
    dir = tempDir();
    pro = await startPtyPair(dir, ['ttyUSB_pro', 'widget']);
    widget = await openTwinEnd(pro.b);
    shieldPair = await startPtyPair(dir, ['ttyACM_shield', 'board']);
    board = await openFarEnd(shieldPair.b);
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        dmx: {
          enttec: { enabled: true, port: pro.a },
          serialInputs: [{ port: shieldPair.a, universe: 3, lossTimeoutMs: 60_000 }],
          monitors: [{ id: 'led-wall', name: 'LED wall brightness', room: 'Stage', source: 'output:1', channel: 101, fineChannel: 102, low: 0, high: 11000, unit: 'nits', metric: 'brightness' }],
        },
      }),
    );
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', dir, '--config', config], { entry: 'bundle' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    for (const end of [widget, board]) await end?.close().catch(() => {});
    await pro?.stop();
    await shieldPair?.stop();
  });

  it('OK with serial and firmware → USB DMX LOST on unplug → OK by itself on replug; inputs and the monitor live', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${serve.url}/?token=${token}#/scenes`);
    const row = page.getByTestId('enttec-row');
    await page.locator('[data-testid="enttec-row"][data-state="ok"]').waitFor({ timeout: 20_000 });
    expect(await row.textContent()).toMatch(/serial 00123456, firmware 1\.44/);

    await fetch(`${serve.url}/api/dmx/universes/1`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ channels: { '101': 128, '102': 0 } }) });
    const shield = page.locator('[data-testid="input-monitor"][data-state="receiving"]').getByTestId('input-channels').filter({ hasText: '1: 200' });
    await printUntilShown(board, 'DMX: read value from channel 1: 200\r\n', shield);
    const monitor = page.locator('[data-testid="channel-monitor"][data-id="led-wall"]');
    await page.locator('[data-testid="channel-monitor-value"]', { hasText: '5500' }).waitFor({ timeout: 10_000 });
    expect(await monitor.textContent()).toContain('LED wall brightness');
    await page.getByTestId('serial-devices').screenshot({ path: 'test-results/e2e-enttec-ok.png' });

    await pro.stop('SIGKILL'); // the cable is pulled
    await page.locator('[data-testid="enttec-row"][data-state="lost"]').waitFor({ timeout: 3000 });
    expect(await row.textContent()).toContain('USB DMX LOST');
    await page.getByTestId('output-alarm').waitFor({ timeout: 3000 });
    expect(await page.getByTestId('output-alarm').textContent()).toMatch(/Enttec/);
    await page.getByTestId('serial-devices').screenshot({ path: 'test-results/e2e-enttec-lost.png' });

    await widget.close();
    pro = await startPtyPair(dir, ['ttyUSB_pro', 'widget']); // plugged back in
    widget = await openTwinEnd(pro.b);
    await page.locator('[data-testid="enttec-row"][data-state="ok"]').waitFor({ timeout: 5000 });
    await page.getByTestId('output-alarm').waitFor({ state: 'detached', timeout: 5000 });
    expect(widget.twin.dmxFrameCount).toBeGreaterThan(0);
  });
});

/**
 * The operator sets the serial side up by hand, as a new user would: a widget and a SparkFun shield are
 * plugged in (socat pty pairs), each shows in the port list with its USB VID:PID, "Use for Enttec" makes the
 * output write label-6 frames to it, "Use as DMX text input" makes the shield's lines show as an input, and a
 * channel monitor made in its form becomes a device with the right value on the Devices page and the dashboard.
 *
 * The port list itself is stubbed at the browser's WebSocket: a pty has no USB identity, and the core's list
 * (native/serial/list.ts: udev, else /dev/serial/by-id, /dev/ttyUSB*, /dev/ttyACM*) has no hook to add paths,
 * so the reply to dmx.serialPorts gets the two ptys appended with the ids a real widget and an Arduino give.
 * Everything after the click is real: settings.update, the DMX worker opening the pty, bytes on the wire.
 */
describe.skipIf(unavailable !== undefined)('Scenes page: setting up USB DMX and serial devices by hand', () => {
  const tempDir = useTempDirs('all');
  const shots = process.env.SHOTS_DIR ?? 'test-results';
  let dir: string;
  let browser: Browser;
  let serve: Served;
  let pro: PtyPair;
  let widget: FarEnd & { twin: EnttecProTwin };
  let shieldPair: PtyPair;
  let board: FarEnd;

  const call = async <T>(method: string, params: unknown = {}, bearer = token): Promise<T> => {
    const r = await fetch(`${serve.url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
    if (r.status !== 200) throw new Error(`${method}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };

  /** The two ptys as the system would list a DMX USB Pro and an Arduino Uno, "used by" from the stored settings. */
  const pluggedIn = async (): Promise<SerialPortInfo[]> => {
    const { dmx } = await call<Settings>('settings.get');
    const usedBy = (path: string) => (dmx.enttec.enabled && dmx.enttec.port === path ? 'enttec' : dmx.serialInputs.some((i) => i.port === path) ? 'serial-input' : null);
    const port = (path: string, vendorId: string, productId: string, serialNumber: string, manufacturer: string, product: string, likelyEnttec: boolean): SerialPortInfo => ({
      path,
      stablePath: null,
      vendorId,
      productId,
      serialNumber,
      manufacturer,
      product,
      likelyEnttec,
      usedBy: usedBy(path),
    });
    return [port(pro.a, '0403', '6001', 'EN123456', 'ENTTEC', 'DMX USB PRO', true), port(shieldPair.a, '2341', '0043', '95736323632351F0B1C1', 'Arduino (www.arduino.cc)', 'Uno', false)];
  };

  async function withPortList(context: BrowserContext): Promise<void> {
    await context.routeWebSocket(/.*/, (ws) => {
      const server = ws.connectToServer();
      const asked = new Set<unknown>();
      ws.onMessage((m) => {
        if (typeof m === 'string') {
          const msg = JSON.parse(m) as { id?: unknown; method?: string };
          if (msg.method === 'dmx.serialPorts') asked.add(msg.id);
        }
        server.send(m);
      });
      server.onMessage(async (m) => {
        if (typeof m !== 'string') return ws.send(m);
        const msg = JSON.parse(m) as { id?: unknown; result?: { ports: SerialPortInfo[] } };
        if (!asked.has(msg.id) || !msg.result) return ws.send(m);
        asked.delete(msg.id);
        msg.result.ports.push(...(await pluggedIn()));
        ws.send(JSON.stringify(msg));
      });
    });
  }

  async function open(options: BrowserContextOptions, bearer = token): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(10_000); // a missing control fails with its name, not the test's timeout
    await withPortList(context);
    const page = await signIn(context, serve.url, bearer, { hash: '#/scenes', timeoutMs: 30_000 });
    await page.getByTestId('serial-devices').waitFor({ timeout: 20_000 });
    return { context, page };
  }

  /** No sideways scroll, and (on the tablet) every control in the serial panels at least 44 px high. */
  async function checkLayout(page: Page, minTap: number): Promise<void> {
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    const small = await page.evaluate((min) => {
      const controls = document.querySelectorAll('[data-testid="serial-devices"] :is(button, input, select, .switch), [data-testid="input-monitors"] :is(button, input, select, .switch)');
      return Array.from(controls)
        .filter((el) => !(el instanceof HTMLInputElement && el.type === 'checkbox')) // drawn as a switch: the label is the target
        .map((el) => ({ what: `${el.tagName} ${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 30)}`, h: el.getBoundingClientRect().height }))
        .filter((c) => c.h > 0 && c.h < min);
    }, minTap);
    expect(small).toEqual([]);
  }

  beforeAll(async () => {
    dir = tempDir();
    pro = await startPtyPair(dir, ['ttyUSB_new', 'widget']);
    widget = await openTwinEnd(pro.b);
    shieldPair = await startPtyPair(dir, ['ttyACM_new', 'board']);
    board = await openFarEnd(shieldPair.b);
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', dir], { entry: 'bundle' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    for (const end of [widget, board]) await end?.close().catch(() => {});
    await pro?.stop();
    await shieldPair?.stop();
  });

  it('the ports show with VID:PID; "Use for Enttec" puts label-6 frames on the wire; "Use as DMX text input" shows the shield’s values', async () => {
    const { context, page } = await open({ viewport: { width: 1366, height: 768 } });
    const proRow = page.locator(`[data-testid="serial-port"][data-path="${pro.a}"]`);
    const shieldRow = page.locator(`[data-testid="serial-port"][data-path="${shieldPair.a}"]`);
    await proRow.waitFor({ timeout: 10_000 });
    expect(await proRow.textContent()).toMatch(/USB 0403:6001 · serial EN123456 · ENTTEC DMX USB PRO/);
    expect(await proRow.textContent()).toContain('looks like an Enttec');
    expect(await shieldRow.textContent()).toMatch(/USB 2341:0043/);
    expect(await page.getByTestId('enttec-summary').textContent()).toMatch(/^Settings: port found automatically · 40 frames\/s/);
    expect(widget.received().length).toBe(0); // nothing is written to a port nobody chose

    await proRow.getByTestId('serial-use-enttec').click();
    await page.locator('[data-testid="enttec-row"][data-state="ok"]').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('enttec-row').textContent()).toContain(pro.a);
    expect((await call<Settings>('settings.get')).dmx.enttec).toMatchObject({ enabled: true, port: pro.a });
    await page.locator(`[data-testid="serial-port"][data-path="${pro.a}"] .io-badge`, { hasText: 'Enttec' }).waitFor({ timeout: 5000 });
    expect(await proRow.getByTestId('serial-use-input').isDisabled()).toBe(true); // one port, one job

    await call('dmx.set', { universe: 1, channels: { '1': 255, '2': 128, '3': 0, '512': 42 } });
    await waitFor(() => (widget.twin.lastDmx?.slots[511] === 42 ? true : undefined), 5000, 20);
    widget.take();
    await new Promise((r) => setTimeout(r, 500));
    const frames = rawFrames(widget.take(), 6);
    expect(frames.length).toBeGreaterThanOrEqual(10); // 40 frames/s by default: ~20 in half a second
    // Label 6, length 513 (01 02), start code 0, 255 128 0 …, channel 512 = 42, end 0xE7.
    const want = new Uint8Array(518);
    want.set([0x7e, 0x06, 0x01, 0x02, 0x00, 0xff, 0x80, 0x00]);
    want[516] = 42;
    want[517] = 0xe7;
    for (const f of frames) expect(hex(f)).toBe(hex(want));

    await shieldRow.getByTestId('serial-use-input').click();
    await page.locator(`[data-testid="serial-input"][data-port="${shieldPair.a}"]`).waitFor({ timeout: 5000 });
    expect((await call<Settings>('settings.get')).dmx.serialInputs).toEqual([{ port: shieldPair.a, baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 1, merge: false, lossTimeoutMs: 3000 }]);
    const shieldInput = page.locator('[data-testid="input-monitor"]', { hasText: shieldPair.a });
    await shieldInput.waitFor({ timeout: 10_000 });
    // A sketch prints a line per channel; a partial line and noise come first, as on a real cable.
    const heard = page.locator('[data-testid="input-monitor"][data-state="receiving"]', { hasText: shieldPair.a }).getByTestId('input-channels').filter({ hasText: '9: 200' });
    await printUntilShown(board, 'MX: read va\r\n\x00\xffgarbage\r\nDMX: read value from channel 5: 51\r\nDMX: read value from channel 9: 200\r\n', heard, 30_000);
    expect(await shieldInput.getByTestId('input-channels').textContent()).toContain('5: 51');
    await page.getByTestId('serial-devices').screenshot({ path: `${shots}/serial-devices-1366.png` });
    await context.close();
  });

  it('a channel monitor made in its form: the contract’s message beside a wrong field, then a device with the right value', async () => {
    const { context, page } = await open({ viewport: { width: 1366, height: 768 } });
    await page.getByTestId('monitor-add').click();
    const form = page.getByTestId('monitor-form');
    await form.getByTestId('monitor-name').fill('Shield dimmer');
    await form.getByTestId('monitor-room').fill('FOH');
    await form.getByTestId('monitor-source').selectOption(`serial:${shieldPair.a}`);
    await form.getByTestId('monitor-channel').fill('600');
    expect(await form.getByTestId('serial-field-error').textContent()).toBe('channels are 1–512');
    expect(await form.getByTestId('monitor-channel').getAttribute('aria-invalid')).toBe('true');
    await form.getByTestId('monitor-save').click(); // refused in the form: nothing is sent
    expect((await call<Settings>('settings.get')).dmx.monitors).toEqual([]);
    await form.getByTestId('monitor-channel').fill('5');
    await form.getByTestId('monitor-high').fill('100');
    await form.getByTestId('monitor-unit').fill('%');
    expect(await form.getByTestId('monitor-id').textContent()).toBe('dmx-monitor:shield-dimmer');
    await page.screenshot({ path: `${shots}/monitor-form-1366.png`, fullPage: true });
    await form.getByTestId('monitor-save').click();
    await form.waitFor({ state: 'detached', timeout: 5000 });
    expect((await call<Settings>('settings.get')).dmx.monitors).toEqual([{ id: 'shield-dimmer', name: 'Shield dimmer', room: 'FOH', source: `serial:${shieldPair.a}`, channel: 5, low: 0, high: 100, unit: '%', metric: 'level' }]);

    // 51 of 255 on a 0–100 % scale is 20 %.
    const row = page.locator('[data-testid="channel-monitor"][data-id="shield-dimmer"]');
    const twenty = row.getByTestId('channel-monitor-value').filter({ hasText: /^20(\.0+)?\s?%$/ });
    await printUntilShown(board, 'DMX: read value from channel 5: 51\r\n', twenty);
    await page.getByTestId('input-monitors').screenshot({ path: `${shots}/input-monitors-1366.png` });

    await page.goto(`${serve.url}/?token=${token}#/devices`);
    const device = page.locator('[data-testid="device-row"][data-device-id="dmx-monitor:shield-dimmer"]');
    await device.waitFor({ timeout: 10_000 });
    expect(await device.getByTestId('device-name').textContent()).toContain('Shield dimmer');
    expect(await device.getByTestId('device-room').textContent()).toContain('FOH');
    expect(await device.getByTestId('device-values').textContent()).toMatch(/20(\.0+)?\s?%/);

    await page.goto(`${serve.url}/?token=${token}#/`);
    const tile = page.locator('[data-testid="tile"][data-device-id="dmx-monitor:shield-dimmer"]');
    await tile.waitFor({ timeout: 10_000 });
    expect(await tile.locator('[data-testid="tile-value"][data-metric="level"]').textContent()).toMatch(/^20(\.0+)?\s?%$/);

    // A value moving on the wire moves the tile: 255 is the top of the scale.
    await board.write('DMX: read value from channel 5: 255\r\n');
    await tile.locator('[data-testid="tile-value"][data-metric="level"]').filter({ hasText: /^100(\.0+)?\s?%$/ }).waitFor({ timeout: 10_000 });
    await context.close();
  });

  it('the Enttec and DMX-text-input forms save what is typed; on the tablet every control is a finger wide and nothing scrolls sideways', async () => {
    const { context, page } = await open(tablet);
    await page.getByTestId('enttec-edit').click();
    const enttec = page.getByTestId('enttec-form');
    await enttec.getByTestId('enttec-rate').fill('50');
    expect(await enttec.getByTestId('serial-field-error').textContent()).toMatch(/rateHz is 1–40/);
    await enttec.getByTestId('enttec-rate').fill('20');
    await enttec.getByTestId('enttec-slots').fill('24');
    await enttec.locator('label', { has: page.getByTestId('enttec-input-enabled') }).click(); // the switch's label is what a finger hits
    expect(await enttec.getByTestId('enttec-input-enabled').isChecked()).toBe(true);
    await enttec.getByTestId('enttec-input-universe').fill('2');
    await checkLayout(page, 44);
    await enttec.screenshot({ path: `${shots}/enttec-form-820.png` });
    await enttec.getByTestId('enttec-save').click();
    await enttec.waitFor({ state: 'detached', timeout: 5000 });
    expect((await call<Settings>('settings.get')).dmx.enttec).toMatchObject({ enabled: true, port: pro.a, rateHz: 20, slots: 24, input: { enabled: true, universe: 2 } });
    // 24 channels a frame now: label 6, length 25.
    await waitFor(() => (rawFrames(widget.received(), 6).at(-1)?.length === 30 ? true : undefined), 5000, 50);

    await page.getByTestId('serial-input-edit').click();
    const input = page.getByTestId('serial-input-form');
    await input.getByTestId('serial-input-port').fill(pro.a);
    expect(await input.getByTestId('serial-field-error').textContent()).toMatch(/is the Enttec's port/);
    await input.getByTestId('serial-input-port').fill(shieldPair.a);
    await input.getByTestId('serial-input-last').fill('16');
    await input.locator('label', { has: page.getByTestId('serial-input-merge') }).click();
    await checkLayout(page, 44);
    await input.screenshot({ path: `${shots}/serial-input-form-820.png` });
    await input.getByTestId('serial-input-save').click();
    await input.waitFor({ state: 'detached', timeout: 5000 });
    expect((await call<Settings>('settings.get')).dmx.serialInputs[0]).toMatchObject({ port: shieldPair.a, lastChannel: 16, merge: true });

    await page.getByTestId('monitor-edit').click();
    await checkLayout(page, 44);
    await page.getByTestId('monitor-form').screenshot({ path: `${shots}/monitor-form-820.png` });
    await page.getByTestId('serial-devices').screenshot({ path: `${shots}/serial-devices-820.png` });
    await context.close();
  });

  it('a viewer sees the settings and the monitors, and is offered no form and no Use button', async () => {
    const { viewerToken } = await call<{ viewerToken: string }>('system.access');
    const { context, page } = await open(tablet, viewerToken);
    await page.locator('[data-testid="serial-port"]').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('enttec-summary').textContent()).toBe(`Settings: ${pro.a} · 20 frames/s · universe 1 · 24 channels · DMX IN → universe 2 (monitor only)`);
    expect(await page.getByTestId('serial-input').textContent()).toContain(shieldPair.a);
    await page.locator('[data-testid="channel-monitor"][data-id="shield-dimmer"]').waitFor({ timeout: 10_000 });
    for (const id of ['enttec-edit', 'serial-input-edit', 'serial-input-add', 'serial-use-enttec', 'serial-use-input', 'monitor-add', 'monitor-edit', 'monitor-remove']) expect(await page.getByTestId(id).count(), id).toBe(0);
    await checkLayout(page, 44);
    await page.getByTestId('serial-devices').screenshot({ path: `${shots}/serial-viewer-820.png` });
    await page.getByTestId('input-monitors').screenshot({ path: `${shots}/input-monitors-viewer-820.png` });
    await context.close();
  });
});
