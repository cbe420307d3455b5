import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { EnttecProTwin } from '../../native/enttec/twin.ts';
import { launchChromium } from '../helpers/browser.ts';
import { openFarEnd, openTwinEnd, socatUnavailable, startPtyPair, type FarEnd, type PtyPair } from '../helpers/pty.ts';
import { startServe, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-enttec-token-1234';
const unavailable = socatUnavailable();
if (unavailable) console.warn(`Skipping the Enttec e2e test: ${unavailable}`);

if (!existsSync('dist/renderer/index.html') || !existsSync('dist/core/cli.js')) {
  throw new Error('e2e tests drive the built app: run "npm run build" first (npm test does)');
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

    await board.write('DMX: read value from channel 1: 200\r\n');
    await fetch(`${serve.url}/api/dmx/universes/1`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ channels: { '101': 128, '102': 0 } }) });
    const shield = page.locator('[data-testid="input-monitor"][data-state="receiving"]');
    await shield.waitFor({ timeout: 10_000 });
    expect(await shield.getByTestId('input-channels').textContent()).toContain('1: 200');
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
