import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeUdpPort } from '../../bench/stats.ts';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { ForwardingStatus, ServiceStatus, Settings } from '../../preload/contract/index.ts';
import { desktop, launchChromium, requireBuiltApp, signIn, tablet } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-monitoring-settings-7';

requireBuiltApp();

/** Settings → Monitoring (history kept per tier, forwarding) and Network → Traps, against the shipped bundle. */
describe('Settings → Monitoring and Network → Traps in Chromium', () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;

  const api = async <T,>(method: string, params?: unknown): Promise<T> => {
    const res = await fetch(`${serve.url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params ?? {}) });
    const body = (await res.json()) as { result?: T; error?: unknown };
    if (!res.ok || body.error) throw new Error(`${method}: ${JSON.stringify(body)}`);
    return (body.result ?? body) as T;
  };

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    serve = await startServe(['--demo', '--port', '0', '--token', token, '--data-dir', tempDir()], { entry: 'bundle', timeoutMs: 60_000 });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  async function openMonitoring(options = desktop): Promise<Page> {
    const page = await signIn(await browser.newContext(options), serve.url, token, { hash: '#/settings/monitoring', timeoutMs: 30_000 });
    await page.getByTestId('monitoring-settings').waitFor({ timeout: 15_000 });
    return page;
  }

  it('history per tier: a typo is refused beside its box and saves nothing; a good value is saved and survives a reload', async () => {
    const page = await openMonitoring();
    // Opening the section by its link keeps the header and nav in view (the page scrolls, not the window).
    expect(await page.evaluate(() => document.documentElement.scrollHeight <= window.innerHeight + 1)).toBe(true);
    expect((await page.locator('.header').boundingBox())?.y).toBe(0);

    await page.getByTestId('monitoring-retention-rawDays').fill('ten');
    await page.locator('#settings-monitoring .field-error').first().waitFor();
    expect(await page.locator('#settings-monitoring .field-error').first().textContent()).toMatch(/number/i);
    expect(await page.getByTestId('monitoring-save').isDisabled()).toBe(true);

    await page.getByTestId('monitoring-retention-rawDays').fill('30');
    await page.getByTestId('monitoring-retention-hourDays').fill('400');
    await page.getByTestId('monitoring-save').click();
    await page.getByTestId('monitoring-saved').waitFor({ timeout: 5_000 });
    expect((await api<Settings>('settings.get')).retention).toEqual({ rawDays: 30, minuteDays: 90, hourDays: 400 });

    await page.reload();
    await page.getByTestId('monitoring-settings').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('monitoring-retention-rawDays').inputValue()).toBe('30');
    expect(await page.getByTestId('monitoring-retention-hourDays').inputValue()).toBe('400');
    await page.context().close();
  });

  it('forwarding to a target that is not there: the state says so and readings wait; a token is stored, never shown', async () => {
    const page = await openMonitoring();
    await page.getByTestId('monitoring-forwarding-enabled').check();
    await page.getByTestId('monitoring-forwarding-kind').selectOption('victoriametrics');
    await page.getByTestId('monitoring-forwarding-url').fill('http://127.0.0.1:9');
    await page.getByTestId('monitoring-save').click();
    await page.getByTestId('monitoring-saved').waitFor({ timeout: 5_000 });
    const status = await waitFor(async () => {
      const s = await api<ForwardingStatus>('forwarding.status');
      return s.enabled && s.state !== 'ok' && s.state !== 'starting' && s.waiting > 0 ? s : undefined;
    }, 20_000);
    expect(status.target).toContain('127.0.0.1:9');
    await page.locator('[data-testid="forwarding-state"]:not([data-state="off"])').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('forwarding-state').textContent()).toMatch(/waiting \d+/);

    await page.getByTestId('forwarding-secret').fill('vm-secret-token-123');
    await page.getByTestId('forwarding-credentials-save').click();
    await page.getByText('Stored: a token.').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('forwarding-secret').inputValue()).toBe('');
    expect(JSON.stringify(await api<Settings>('settings.get'))).not.toContain('vm-secret-token-123');
    await page.screenshot({ path: 'test-results/e2e-settings-monitoring.png', fullPage: false });
    await page.context().close();
  });

  it('Network → Traps: turning traps on at a port shows on the SNMP service; a bad port is refused beside its box', async () => {
    const free = await freeUdpPort();

    const page = await signIn(await browser.newContext(tablet), serve.url, token, { hash: '#/network', timeoutMs: 30_000 });
    await page.getByTestId('snmp-traps').waitFor({ timeout: 15_000 });
    await page.getByTestId('snmp-traps-enabled').check();
    await page.getByTestId('snmp-traps-port').fill('99999');
    await page.getByTestId('snmp-traps-save').click();
    await page.locator('[data-testid="snmp-traps"] .field-error').waitFor({ timeout: 5_000 });
    expect((await api<Settings>('settings.get')).snmp.traps.enabled).toBe(false);

    await page.getByTestId('snmp-traps-port').fill(String(free));
    await page.getByTestId('snmp-traps-save').click();
    await waitFor(async () => (await api<{ services: ServiceStatus[] }>('system.info')).services.find((s) => s.name === 'snmp' && s.message.includes(`traps on UDP ${free}`)), 10_000);
    await page.getByTestId('snmp-traps').getByText(`traps on UDP ${free}`).waitFor({ timeout: 10_000 });
    const box = await page.getByTestId('snmp-traps-save').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);
    await page.context().close();
  });
});
