import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { captureRecordFromHci, encodeCaptureLine } from '../../native/ble/capture.ts';
import { encodeGoveeHci } from '../../native/ble/encode.ts';
import { encodeHciAdvertisingReport } from '../../native/ble/hci.ts';
import { desktop, launchChromium, signIn } from '../helpers/browser.ts';
import { startServe, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-ble-token-1234';
const MYSTERY = '11:22:33:44:55:66';
const NAMELESS = 'D0:30:38:35:5D:6F';

if (!existsSync('dist/renderer/index.html') || !existsSync('dist/core/cli.js')) {
  throw new Error('e2e tests drive the built app: run "npm run build" first (npm test does)');
}

/** A capture the simulated scanner replays again and again (SHOWSITE_BLE_REPLAY, docs/CONFIG.md). */
function radio(): string {
  const raw = (mac: string, name: string | undefined, companyId: number, data: number[], rssi: number) =>
    encodeHciAdvertisingReport([{ mac, rssi, data: { serviceUuids: [], manufacturerData: [{ companyId, data: Uint8Array.from(data) }], serviceData: [], ...(name ? { name } : {}) } }]);
  const packets = [
    ...encodeGoveeHci('H5075', 'A4:C1:38:11:22:01', { temperature: 21.4, humidity: 48.3, battery: 87 }, { rssi: -61 }),
    raw(MYSTERY, 'Mystery Beacon', 0x1234, [0xde, 0xad, 0xbe, 0xef], -66),
    raw(NAMELESS, undefined, 0x0001, [0x01, 0x01, 0x03, 0x78, 0x76, 0x64], -68), // an H5105 whose name never arrives
  ];
  return packets.map((p, i) => encodeCaptureLine(captureRecordFromHci(p, 1_764_000_000_000 + i * 100))).join('\n') + '\n';
}

// Several page steps, each waiting on the core: generous on a shared 2-core machine.
describe('Devices page: Bluetooth advertisers the decoders could not read', { timeout: 120_000 }, () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;

  beforeAll(async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'radio.jsonl');
    writeFileSync(file, radio());
    process.env.SHOWSITE_BLE_REPLAY = file;
    process.env.SHOWSITE_BLE_REPLAY_REPEAT = '1';
    const starting = startServe(['--port', '0', '--token', token, '--data-dir', dataDir], { entry: 'bundle', timeoutMs: 60_000 });
    delete process.env.SHOWSITE_BLE_REPLAY;
    delete process.env.SHOWSITE_BLE_REPLAY_REPEAT;
    serve = await starting;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('lists them with name, address, company and raw data; an operator assigns a model and records one', async () => {
    const page = await browser.newPage();
    await page.goto(`${serve.url}/?token=${token}`);
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Alt+4');
    const mystery = page.locator(`[data-testid="ble-unknown-row"][data-mac="${MYSTERY}"]`);
    await mystery.waitFor({ timeout: 15_000 });
    const text = (await mystery.textContent()) ?? '';
    expect(text).toContain('Mystery Beacon');
    expect(await mystery.getByTestId('ble-unknown-company').textContent()).toBe('0x1234');
    expect(await mystery.getByTestId('ble-unknown-data').textContent()).toBe('3412deadbeef'); // as `showsite decode --mfr` takes it
    expect(text).toMatch(/−66|-66/);
    expect(await page.getByTestId('ble-status').textContent()).toMatch(/replaying radio\.jsonl — 1 sensor heard/);
    await page.screenshot({ path: 'test-results/e2e-ble-unknown.png', fullPage: true });

    // Assign: the nameless company-0x0001 sensor is an H5105; it becomes a device with readings.
    const nameless = page.locator(`[data-testid="ble-unknown-row"][data-mac="${NAMELESS}"]`);
    await nameless.getByTestId('ble-assign-model').selectOption('H5105');
    await nameless.getByTestId('ble-assign').click();
    await page.locator(`[data-testid="device-row"][data-device-id="ble:${NAMELESS}"]`).waitFor({ timeout: 15_000 });
    await nameless.waitFor({ state: 'detached', timeout: 15_000 }); // decoded now: no longer unknown

    // Record: the recording is listed with its file in the data folder.
    await mystery.getByTestId('ble-record').click();
    const recording = page.locator(`[data-testid="ble-recording"][data-mac="${MYSTERY}"]`);
    await recording.waitFor({ timeout: 10_000 });
    expect(await recording.textContent()).toMatch(/Recording 11:22:33:44:55:66: \d+ advertisements until .*captures\/ble-112233445566-\d{8}-\d{6}\.jsonl/);
    await page.screenshot({ path: 'test-results/e2e-ble-assigned-recording.png', fullPage: true });
    await page.close();
  });

  it('a viewer sees the list but no Record or Assign', async () => {
    const access = (await (await fetch(`${serve.url}/api/call/system.access`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json()) as { viewerToken: string };
    const page = await browser.newPage();
    await page.goto(`${serve.url}/?token=${access.viewerToken}`);
    await page.getByTestId('view-only').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Alt+4');
    await page.locator(`[data-testid="ble-unknown-row"][data-mac="${MYSTERY}"]`).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('ble-record').count()).toBe(0);
    expect(await page.getByTestId('ble-assign').count()).toBe(0);
    await page.close();
  });
});

/** Linux lists every Bluetooth controller here; none means this machine has no adapter. */
const adapters = existsSync('/sys/class/bluetooth') ? readdirSync('/sys/class/bluetooth') : [];
const noAdapter = process.platform === 'linux' && adapters.length === 0;

describe.skipIf(!noAdapter)(`Bluetooth on a machine without an adapter${noAdapter ? '' : ' (skipped: this machine has a Bluetooth adapter or is not Linux)'}`, { timeout: 60_000 }, () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;

  beforeAll(async () => {
    // No replay: the real scanner tries the (missing) adapter.
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', tempDir(), '--mqtt-port', '0'], { entry: 'bundle', timeoutMs: 60_000 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('the service strip and Settings → Services say Bluetooth is unavailable and why', async () => {
    const context = await browser.newContext(desktop);
    const page = await signIn(context, serve.url, token);
    // The strip: a problem pill with the service's name and state, the reason in its tooltip.
    const pill = page.locator('[data-testid="service-strip"] [data-testid="service-ble"]');
    await pill.locator('xpath=self::*[@data-state="error"]').waitFor({ timeout: 15_000 });
    expect(await pill.textContent()).toMatch(/Bluetooth\s*Error/);
    const title = (await pill.getAttribute('title')) ?? '';
    // The reasons native/ble/scanner.ts gives when there is no adapter (or no module to reach one with).
    const why = /^Bluetooth: Error — Bluetooth unavailable: (no adapter \((AF_BLUETOOTH not supported|no Bluetooth controller found)\)|Bluetooth support is not installed|the Linux Bluetooth module \(@abandonware\/bluetooth-hci-socket\) is not installed)/;
    expect(title).toMatch(why);

    // A click on the strip opens Settings → Services, whose Bluetooth row carries the same sentence.
    await page.getByTestId('service-strip').click();
    const row = page.getByTestId('services-row-ble');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-state')).toBe('error');
    const message = (await row.locator('.svc-list__msg').textContent()) ?? '';
    expect(`Bluetooth: Error — ${message}`).toMatch(why);
    expect(title).toBe(`Bluetooth: Error — ${message}`);
    expect(page.url()).toMatch(/#\/settings\/services$/);
    await context.close();
  });
});
