import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../test/helpers/browser.ts';
import { startServe } from '../../test/helpers/serve.ts';
import { percentiles } from '../stats.ts';

/**
 * A demo reading's age when its value lands in a dashboard tile, in ms (core clock = browser clock on one
 * machine): the bundled core with the demo on (a reading every 250 ms) in `dataDir`, the dashboard in
 * Chromium, 600 tile updates timed. `deviceIdPrefix` ('ble:') counts only the tiles of those devices.
 */
export async function demoReadingToDom(dataDir: string, token: string, options: { deviceIdPrefix?: string } = {}): Promise<ReturnType<typeof percentiles>> {
  const prefix = options.deviceIdPrefix ?? null;
  const config = join(dataDir, 'bench.json');
  writeFileSync(config, JSON.stringify({ demo: { enabled: true, intervalMs: 250 } }));
  const s = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--config', config], { entry: 'bundle' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${s.url}/?token=${token}`);
    const firstValue = prefix === null ? '[data-testid="tile-value"]' : `[data-testid="tile"][data-device-id^="${prefix}"] [data-testid="tile-value"]`;
    await page.locator(firstValue).first().waitFor({ timeout: 15_000 });
    await page.evaluate((prefix) => {
      const w = window as unknown as { latencies: number[] };
      w.latencies = [];
      new MutationObserver((records) => {
        const now = performance.timeOrigin + performance.now();
        const seen = new Set<Element>();
        for (const r of records) {
          const el = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest('[data-testid="tile-value"]');
          if (!el || seen.has(el)) continue;
          if (prefix !== null && !el.closest('[data-testid="tile"]')?.getAttribute('data-device-id')?.startsWith(prefix)) continue;
          seen.add(el);
          w.latencies.push(now - Number(el.getAttribute('data-ts')));
        }
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-ts'], childList: true, characterData: true });
    }, prefix);
    await page.waitForFunction(() => (window as unknown as { latencies: number[] }).latencies.length >= 600, undefined, { timeout: 120_000 });
    return percentiles(await page.evaluate(() => (window as unknown as { latencies: number[] }).latencies));
  } finally {
    await browser.close();
    await s.stop();
  }
}
