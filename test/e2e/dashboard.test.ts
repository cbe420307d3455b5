import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-token-1234';

if (!existsSync('dist/renderer/index.html') || !existsSync('dist/core/cli.js')) {
  throw new Error('e2e tests drive the built app: run "npm run build" first (npm test does)');
}

/** Map of device id → newest reading time shown on its tile. */
const shownTimes = (page: Page): Promise<Record<string, number>> =>
  page.$$eval('[data-testid="tile"]', (tiles) =>
    Object.fromEntries(tiles.map((t) => [t.getAttribute('data-device-id'), Math.max(...[...t.querySelectorAll('[data-testid="tile-value"]')].map((v) => Number(v.getAttribute('data-ts'))))])),
  );

describe('dashboard in Chromium against the shipped bundle', () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir();
    serve = await startServe(['--demo', '--port', '0', '--token', token, '--data-dir', dataDir], { entry: 'bundle' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('without a token the console asks to sign in, and the token typed there signs in', async () => {
    const page = await browser.newPage();
    await page.goto(serve.url);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="tile"]').count()).toBe(0);
    await page.getByLabel('Access token').fill('wrong-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('not valid').waitFor({ timeout: 5_000 });
    await page.goto(serve.url);
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('?token= signs in and shows at least six live tiles grouped by room, whose values change', async () => {
    const page = await browser.newPage();
    await page.goto(`${serve.url}/?token=${token}`);
    expect(new URL(page.url()).search).toBe(''); // the token does not stay in the address bar
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 15_000 });
    await waitFor(async () => (await page.locator('[data-testid="tile"]').count()) >= 9 || undefined, 15_000).catch(() => undefined);
    expect(await page.locator('[data-testid="tile"]').count()).toBeGreaterThanOrEqual(6);
    const body = (await page.locator('main').textContent()) ?? ''; // textContent: CSS may upper-case headings
    for (const room of ['Stage', 'FOH', 'Backstage', 'Amp rack']) expect(body).toContain(room);
    expect(body).toMatch(/°C/);

    const before = await shownTimes(page);
    let changed: string[] = [];
    await waitFor(async () => {
      const now = await shownTimes(page);
      changed = Object.keys(now).filter((id) => now[id]! > before[id]!);
      return changed.length >= 6 || undefined;
    }, 15_000, 250).catch(() => undefined);
    expect(changed.length).toBeGreaterThanOrEqual(6);

    // The silent sensor looks stale, not current; the rack exhaust goes into alarm.
    await page.locator('[data-testid="tile"][data-device-id="ble:A4:C1:38:5A:10:05"][data-state="stale"]').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="tile"][data-state="alarm"]').first().waitFor({ timeout: 60_000 });
    await page.screenshot({ path: 'test-results/e2e-dashboard.png', fullPage: true });
    await page.close();
  });

  it('settings: renaming the site from the UI updates the header; the headless note explains remote access', async () => {
    const page = await browser.newPage();
    await page.goto(`${serve.url}/?token=${token}`);
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 15_000 });
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor({ timeout: 10_000 });
    await page.getByTestId('site-name-input').fill('Main Stage Field');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.locator('header', { hasText: 'Main Stage Field' }).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('remote-form').textContent()).toContain('runs headless');
    await page.getByTestId('site-name-input').fill('');
    await page.getByRole('button', { name: 'Save' }).first().click();
    await page.getByRole('alert').first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    expect(await page.locator('header').textContent()).toContain('Main Stage Field'); // an invalid name changed nothing
    await page.screenshot({ path: 'test-results/e2e-settings.png', fullPage: true });
    await page.close();
  });

  it('the status strip and Settings → Services show each service: the demo switched off shows off, on shows ok', async () => {
    const page = await browser.newPage();
    await page.goto(`${serve.url}/?token=${token}`);
    await page.locator('[data-testid="service-strip"] [data-testid="service-demo"][data-state="ok"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="service-strip"] [data-testid="service-lan"][data-state="ok"]').waitFor({ timeout: 5_000 });
    await page.locator('[data-testid="service-strip"]').click();
    await page.getByTestId('services-panel').waitFor({ timeout: 10_000 });
    const demoRow = page.getByTestId('services-row-demo');
    expect(await demoRow.getAttribute('data-state')).toBe('ok');
    expect(await demoRow.textContent()).toMatch(/simulating \d+ sensors/);

    const demoSwitch = page.locator('label', { has: page.getByTestId('demo-toggle') });
    await demoSwitch.click();
    await page.locator('[data-testid="services-row-demo"][data-state="off"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="service-strip"] [data-testid="service-demo"]').count()).toBe(0); // off is the operator's choice: not in the strip
    await page.screenshot({ path: 'test-results/e2e-services-off.png', fullPage: true });

    await demoSwitch.click();
    await page.locator('[data-testid="services-row-demo"][data-state="ok"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="service-strip"] [data-testid="service-demo"][data-state="ok"]').waitFor({ timeout: 5_000 });
    await page.close();
  });

  it('a tablet signed in with the viewer token sees everything and is offered no controls', async () => {
    const access = (await (await fetch(`${serve.url}/api/call/system.access`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).json()) as { viewerToken: string };
    const page = await browser.newPage();
    await page.goto(`${serve.url}/?token=${access.viewerToken}`);
    await page.getByTestId('view-only').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="tile"]').count()).toBeGreaterThanOrEqual(6);
    await page.keyboard.press('Alt+4');
    await page.locator('[data-testid="device-row"]').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('rename-open').count()).toBe(0);
    await page.keyboard.press('Alt+6');
    await page.getByTestId('read-only-note').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('site-name-input').isDisabled()).toBe(true);
    expect(await page.getByTestId('access-token').count()).toBe(0); // the control token is never shown to a viewer
    await page.screenshot({ path: 'test-results/e2e-viewer-settings.png' });
    await page.close();
  });

  it('shows reconnecting when the core goes away and recovers by itself when it returns', async () => {
    const page = await browser.newPage();
    await page.goto(`${serve.url}/?token=${token}`);
    const indicator = page.locator('[data-testid="connection-indicator"]');
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 15_000 });
    const port = serve.port;

    expect(await serve.stop()).toBe(0);
    await page.locator('[data-testid="connection-indicator"][data-state="reconnecting"]').waitFor({ timeout: 10_000 });
    expect(await indicator.innerText()).toMatch(/reconnecting/i);
    await page.screenshot({ path: 'test-results/e2e-reconnecting.png' });

    const restartedAt = Date.now();
    serve = await startServe(['--port', String(port), '--data-dir', dataDir], { entry: 'bundle' });
    await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: 20_000 });
    const fresh = await waitFor(async () => {
      const t = await shownTimes(page);
      return Object.values(t).filter((ts) => ts > restartedAt).length >= 6 || undefined;
    }, 15_000, 250).catch(() => false);
    expect(fresh).toBe(true);
    await page.close();
  });
});
