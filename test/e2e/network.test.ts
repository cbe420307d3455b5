import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import type { TimelineEvent } from '../../preload/contract/index.ts';
import { desktop, launchChromium, requireBuiltApp, signIn, tablet } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-network-token-42';

requireBuiltApp();

/**
 * The Network page against the shipped bundle with the demo on: the demo's switch is a simulated agent on
 * loopback polled by the real poller; its port 4 drops 12 s after the demo starts, for 20 s.
 */
describe('Network page in Chromium', () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    serve = await startServe(['--demo', '--port', '0', '--token', token, '--data-dir', tempDir()], { entry: 'bundle', timeoutMs: 60_000 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  async function open(options: BrowserContextOptions): Promise<Page> {
    const page = await signIn(await browser.newContext(options), serve.url, token, { hash: '#/network', timeoutMs: 30_000 });
    await page.getByRole('heading', { name: 'Network', level: 1 }).waitFor({ timeout: 15_000 });
    return page;
  }

  const port = (page: Page, n: number) => page.locator(`[data-testid="port"][data-port-index="${n}"]`);

  it('1280×800: the demo switch’s ports as a grid; the flapping port goes down, and says so', async () => {
    const page = await open(desktop);
    await page.locator('[data-testid="switch"][data-device-id="snmp:switch-demo:switch"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="port"]').count()).toBe(10); // the CPU interface is not a port
    expect(await port(page, 1).getAttribute('data-look')).toBe('up');
    expect(await port(page, 1).textContent()).toMatch(/UP.*10G.*Uplink FOH/);
    await waitFor(async () => ((await port(page, 1).textContent())?.includes('Mb/s') ? true : undefined), 10_000, 200); // rates after the second poll
    expect(await port(page, 9).getAttribute('data-look')).toBe('nolink'); // unplugged spare: grey, not an alarm
    expect(await port(page, 10).getAttribute('data-look')).toBe('off'); // disabled

    // Port 4 is down 12–32 s after the demo starts, then every 3 minutes: on a slow machine, wait for the next time.
    await port(page, 4).and(page.locator('[data-look="down"]')).waitFor({ timeout: 200_000 });
    expect(await port(page, 4).textContent()).toMatch(/4\s*DOWN.*Stage box.*link lost/);
    expect(await page.getByTestId('switch-summary').textContent()).toContain('1 down');
    // Red means something: the down cell's top border is the alarm colour, the up cells' the ok colour.
    const colours = await page.$$eval('[data-testid="port"]', (els) => els.map((e) => [e.getAttribute('data-look'), getComputedStyle(e).borderTopColor]));
    const down = colours.find(([look]) => look === 'down')![1];
    const up = colours.find(([look]) => look === 'up')![1];
    expect(down).not.toBe(up);
    await page.screenshot({ path: 'test-results/e2e-network-1280x800.png' });

    const events = (await (await fetch(`${serve.url}/api/events?limit=200`, { headers: { Authorization: `Bearer ${token}` } })).json()) as TimelineEvent[];
    expect(events.some((e) => e.kind === 'alert.raised' && e.deviceId === 'snmp:switch-demo:switch' && e.message === 'Port "Stage box" (1/0/4) went down (down)')).toBe(true);
    await page.context().close();
  }, 240_000);

  it('Test now on a target shows what the agent answered and what the console made of it', async () => {
    const page = await open(desktop);
    const row = page.locator('[data-testid="snmp-target"][data-target-id="demo-watchdog"]');
    await row.and(page.locator('[data-state="ok"]')).waitFor({ timeout: 30_000 });
    await row.getByTestId('snmp-target-test').click();
    const result = page.getByTestId('snmp-test-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.getAttribute('data-state')).toBe('ok');
    expect(await result.textContent()).toContain('Rack exhaust');
    await result.locator('summary').click();
    const answered = page.getByTestId('snmp-test-answered');
    await answered.waitFor();
    expect(await answered.textContent()).toContain('1.3.6.1.4.1.21239.5.1.1.2.0');
    expect(await answered.textContent()).toContain('3.2.0');
    await page.context().close();
  }, 120_000);

  it('add a target: a bad address is named beside its field; Test now says “no answer”; saved, it shows its health; removed, it goes', async () => {
    const page = await open(desktop);
    page.on('dialog', (d) => void d.accept());
    await page.getByTestId('snmp-add').click();
    const form = page.getByTestId('snmp-target-form');
    await form.waitFor();
    await page.getByTestId('snmp-host').fill('not an address!');
    await page.getByTestId('snmp-save').click();
    await page.getByTestId('snmp-field-error-host').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('snmp-field-error-host').textContent()).toMatch(/IPv4 address like 10\.0\.0\.5/);

    // Loopback port 9 (discard): nothing answers SNMP there.
    await page.getByTestId('snmp-host').fill('127.0.0.1');
    await page.getByTestId('snmp-port').fill('9');
    await page.getByTestId('snmp-name').fill('Nobody home');
    await form.locator('summary', { hasText: 'Timing and id' }).click();
    await page.getByTestId('snmp-timeoutMs').fill('300');
    await page.getByTestId('snmp-retries').fill('0');
    await page.getByTestId('snmp-test-now').click();
    const result = page.getByTestId('snmp-test-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await result.getAttribute('data-state')).toBe('timeout');
    expect(await result.textContent()).toContain('no answer (127.0.0.1:9): wrong community or unreachable');

    await page.getByTestId('snmp-save').click();
    await form.waitFor({ state: 'detached', timeout: 5_000 });
    const row = page.locator('[data-testid="snmp-target"][data-target-id="switch@127.0.0.1:9"]');
    await row.and(page.locator('[data-state="timeout"]')).waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('snmp-target-health').textContent()).toBe('No answer');
    await row.getByTestId('snmp-target-remove').click();
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    await page.context().close();
  }, 120_000);

  it('820×1180 (tablet, touch): the grid fits the width, controls are finger-sized', async () => {
    const page = await open(tablet);
    await page.locator('[data-testid="port"]').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="snmp-target"]').first().waitFor({ timeout: 15_000 });
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return { doc: document.documentElement.scrollWidth - document.documentElement.clientWidth, main: main.scrollWidth - main.clientWidth };
    });
    expect(overflow).toEqual({ doc: 0, main: 0 }); // nothing scrolls sideways
    const cells = await page.$$eval('[data-testid="port"]', (els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    for (const c of cells) expect(c.right).toBeLessThanOrEqual(820);
    expect(new Set(cells.map((c) => Math.round(c.left))).size).toBeGreaterThanOrEqual(4); // a grid, not a column
    const small = await page.$$eval('main button, main select, main input, main summary', (els) =>
      els
        .map((e) => ({ what: `${e.tagName} ${(e.textContent ?? '').trim().slice(0, 30)}`, h: e.getBoundingClientRect().height }))
        .filter((b) => b.h > 0 && b.h < 44),
    );
    expect(small).toEqual([]);
    await page.screenshot({ path: 'test-results/e2e-network-820x1180.png', fullPage: true });
    await page.context().close();
  }, 120_000);

  it('a viewer sees the grid and the health, but no Add / Test / Edit', async () => {
    const access = (await (await fetch(`${serve.url}/api/call/system.access`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json()) as { viewerToken: string };
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${access.viewerToken}#/network`);
    await page.getByTestId('view-only').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="port"]').first().waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="snmp-target"]').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('snmp-add').count()).toBe(0);
    expect(await page.getByTestId('snmp-target-test').count()).toBe(0);
    await context.close();
  }, 120_000);
});
