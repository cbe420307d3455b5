import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { desktop, launchChromium, requireBuiltApp, signIn, tablet } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-layout-token-5678';
const rackExhaust = 'snmp:watchdog-demo:geist:7E000A1B01C3D402';
const fohDesk = 'ble:A4:C1:38:5A:10:03';

requireBuiltApp();

const pages = [
  { id: 'dashboard', label: 'Dashboard' },
  { id: 'scenes', label: 'Scenes' },
  { id: 'schedule', label: 'Schedule' },
  { id: 'devices', label: 'Devices' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'settings', label: 'Settings' },
] as const;

const sizes = [
  { name: '1280x800', options: desktop, touch: false },
  { name: '820x1180', options: tablet, touch: true },
];

interface ControlBox {
  what: string;
  left: number;
  right: number;
  height: number;
}

/** Every visible control's box (the skip link waits above the page until focused, so it is not counted). */
function controlBoxes(page: Page, selector: string): Promise<ControlBox[]> {
  return page.$$eval(selector, (els) =>
    els.flatMap((el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || r.bottom <= 0 || style.visibility === 'hidden' || style.display === 'none') return [];
      if (el.classList.contains('skip-link') || el.classList.contains('file-input')) return [];
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('data-testid') ?? '').trim().slice(0, 40);
      return [{ what: `${el.tagName.toLowerCase()} "${text}"`, left: r.left, right: r.right, height: r.height }];
    }),
  );
}

/** Navigate with the nav bar, as a person would (a tap on the tablet). */
async function openPage(page: Page, id: string, touch: boolean): Promise<void> {
  const link = page.locator(`nav [data-route="${id}"]`);
  if (touch) await link.tap();
  else await link.click();
  await waitFor(async () => (await page.evaluate(() => location.hash)).startsWith(`#/${id}`) || undefined, 5_000);
  await page.locator('main h1').first().waitFor({ timeout: 10_000 });
}

/** What each page needs loaded before it is worth a screenshot. */
async function settle(page: Page, id: string): Promise<void> {
  const ready: Record<string, string | undefined> = {
    dashboard: '[data-testid="tile"]',
    devices: '[data-testid="device-row"]',
    alerts: '[data-testid="active-alerts"]',
    settings: '[data-testid="thresholds-editor"]',
    schedule: '[data-testid="ro-row"]',
  };
  const sel = ready[id];
  if (sel) await page.locator(sel).first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(300);
}

const api = async (url: string, method: string, params?: unknown) => {
  const res = await fetch(`${url}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(params ?? {}),
  });
  return (await res.json()) as Record<string, unknown>;
};

/** What is wrong with the layout on screen now: sideways overflow, controls cut off, small tap targets, key hints on touch. */
async function layoutProblems(page: Page, id: string, touch: boolean): Promise<string[]> {
  const problems: string[] = [];
  const { scrollWidth, innerWidth, mainOverflow } = await page.evaluate(() => {
    const main = document.querySelector('main');
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, mainOverflow: main ? main.scrollWidth - main.clientWidth : 0 };
  });
  if (scrollWidth > innerWidth) problems.push(`${id}: document is ${scrollWidth} px wide in a ${innerWidth} px window`);
  if (mainOverflow > 0) problems.push(`${id}: the page scrolls sideways by ${mainOverflow} px`);

  for (const c of await controlBoxes(page, 'button, a, input, select, [role="switch"]')) {
    if (c.right > innerWidth + 0.5 || c.left < -0.5) problems.push(`${id}: ${c.what} is clipped (${Math.round(c.left)}–${Math.round(c.right)} of ${innerWidth})`);
  }
  if (touch) {
    for (const c of await controlBoxes(page, 'header a, header button, nav a, nav button, main a, main button')) {
      if (c.height < 43.5) problems.push(`${id}: ${c.what} is ${Math.round(c.height)} px high`);
    }
    // No keyboard hints on a touch screen.
    const hints = await page.locator('.nav__key, .nav__help, .kbd-hint').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    if (hints > 0) problems.push(`${id}: ${hints} keyboard hint(s) visible on a touch screen`);
  }
  return problems;
}

describe('layout and the first ten minutes, in Chromium against the shipped bundle', () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    serve = await startServe(['--demo', '--port', '0', '--token', token, '--data-dir', tempDir()], { entry: 'bundle' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  // First: the demo's rack exhaust is in alarm from a few seconds after start for about 80 s of every 4 min.
  it('the header alarm count shows on Devices and Settings once the rack exhaust is in alarm, and opens the active list', async () => {
    const context = await browser.newContext(desktop);
    const page = await signIn(context, serve.url, token);
    await openPage(page, 'devices', false);
    const count = page.getByTestId('alert-count');
    await page.locator('[data-testid="alert-count"]:not([data-alarm="0"])').waitFor({ timeout: 60_000 });
    expect(await count.textContent()).toMatch(/\d+ alarm/);
    expect(Number(await page.getByTestId('alerts-badge').getAttribute('data-count'))).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('alerts-badge').evaluate((el) => el.className)).toContain('nav__badge--alarm');

    // Near its limit the probe can dip back to a warning for a moment: wait for the alarm rather than sample it.
    await openPage(page, 'settings', false);
    await page.locator('[data-testid="alert-count"]:not([data-alarm="0"])').waitFor({ timeout: 60_000 });
    expect(await count.textContent()).toMatch(/\d+ alarm/);

    await count.click();
    expect(await page.evaluate(() => location.hash)).toBe('#/alerts/active');
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor({ timeout: 5_000 });
    const item = page.locator(`[data-testid="active-alert"][data-device-id="${rackExhaust}"]`);
    await item.waitFor({ timeout: 30_000 });
    expect(await item.textContent()).toMatch(/Rack exhaust.*Temperature.*\u00a0°C.*(alarm limit: above 35|warn limit: above 30)\u00a0°C/);
    expect(await item.isVisible()).toBe(true);
    // Landed on the list: it has focus (keyboard and screen-reader users start there) and is in view.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('active-alerts');
    await page.close();
    await context.close();
  });

  for (const size of sizes) {
    it(`every page at ${size.name}: no horizontal overflow, no control off the right edge${size.touch ? ', tap targets ≥ 44 px' : ''}`, async () => {
      const context = await browser.newContext(size.options);
      const page = await signIn(context, serve.url, token);
      const problems: string[] = [];
      for (const p of pages) {
        await openPage(page, p.id, size.touch);
        await settle(page, p.id);
        await page.screenshot({ path: `test-results/layout-${p.id}-${size.name}.png` });

        problems.push(...(await layoutProblems(page, p.id, size.touch)));

        // For people reviewing: the whole page, the window made as tall as the page (the shell scrolls only its main part).
        const tall = await page.evaluate(() => {
          const main = document.querySelector('main');
          return main ? Math.ceil(main.getBoundingClientRect().top + main.scrollHeight) : 0;
        });
        const viewport = size.options.viewport!;
        if (tall > viewport.height) {
          await page.setViewportSize({ width: viewport.width, height: tall });
          await page.screenshot({ path: `test-results/layout-${p.id}-${size.name}-full.png` });
          await page.setViewportSize(viewport);
        }
      }
      expect(problems).toEqual([]);
      await page.close();
      await context.close();
    }, 120_000);
  }

  it('a viewer on the tablet: the header with its "View only" badge still fits, every page passes the same checks', async () => {
    const access = (await api(serve.url, 'system.access')) as { viewerToken: string };
    const context = await browser.newContext(tablet);
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${access.viewerToken}`);
    await page.getByTestId('view-only').waitFor({ timeout: 15_000 });
    const problems: string[] = [];
    for (const p of pages) {
      await openPage(page, p.id, true);
      await settle(page, p.id);
      problems.push(...(await layoutProblems(page, `viewer ${p.id}`, true)));
    }
    await page.screenshot({ path: 'test-results/layout-viewer-settings-820x1180.png' });
    expect(problems).toEqual([]);
    await page.close();
    await context.close();
  });

  it('tablet: the sidebar is a bar above the page and device rows are compact cards', async () => {
    const context = await browser.newContext(tablet);
    const page = await signIn(context, serve.url, token);
    const nav = await page.locator('nav').boundingBox();
    expect(nav!.width).toBeGreaterThan(800); // across the top, not a 208 px column
    expect(nav!.height).toBeLessThan(80);
    await openPage(page, 'devices', true);
    const row = page.locator(`[data-testid="device-row"][data-device-id="${rackExhaust}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect((await row.boundingBox())!.height).toBeLessThan(200); // a card, not a 330 px column of id fragments
    // Every cell says what it is once the column headings are gone.
    expect(await row.locator('td[data-label="Battery"]').evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"Battery"');
    const id = row.getByTestId('device-id');
    await id.tap();
    expect(await id.getAttribute('aria-expanded')).toBe('true');
    expect(await id.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await page.screenshot({ path: 'test-results/layout-devices-cards-820x1180.png' });
    // The rename form opens under its card and fits the screen.
    await row.getByTestId('rename-open').tap();
    await page.getByTestId('rename-form').waitFor();
    const form = (await page.getByTestId('rename-form').boundingBox())!;
    expect(form.x + form.width).toBeLessThanOrEqual(820);
    await page.screenshot({ path: 'test-results/layout-devices-rename-820x1180.png' });
    await page.getByRole('button', { name: 'Cancel' }).tap();
    await page.getByTestId('rename-form').waitFor({ state: 'detached' });
    await page.close();
    await context.close();
  });

  it('desktop: a long id is cut short with an ellipsis, whole in the tooltip, and whole after a click', async () => {
    const context = await browser.newContext(desktop);
    const page = await signIn(context, serve.url, token);
    await openPage(page, 'devices', false);
    const id = page.locator('[data-testid="device-row"][data-device-id="snmp:watchdog-demo:geist:41D88039013580C3"]').getByTestId('device-id');
    await id.waitFor({ timeout: 10_000 });
    expect(await id.getAttribute('title')).toBe('snmp:watchdog-demo:geist:41D88039013580C3');
    const [cut, full] = await id.evaluate((el) => [el.clientWidth, el.scrollWidth]);
    expect(full).toBeGreaterThan(cut!);
    await id.click();
    expect(await id.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await id.textContent()).toBe('snmp:watchdog-demo:geist:41D88039013580C3');
    await page.close();
    await context.close();
  });

  it('devices: state, battery and signal columns; the name refuses a 70th character; Escape closes the form and returns focus', async () => {
    const context = await browser.newContext(desktop);
    const page = await signIn(context, serve.url, token);
    await openPage(page, 'devices', false);
    const row = page.locator(`[data-testid="device-row"][data-device-id="${fohDesk}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getByTestId('device-state').textContent()).toBe('OK');
    expect(await row.getByTestId('device-battery').textContent()).toBe('64%');
    expect(await row.getByTestId('device-rssi').textContent()).toMatch(/^-\d+\u00a0dBm$/);
    // The demo's green room went silent 6 minutes before start: older than stale-after (2 min), not yet lost (10 min).
    expect(await page.locator('[data-testid="device-row"][data-device-id="ble:A4:C1:38:5A:10:05"]').getAttribute('data-state')).toBe('stale');
    expect(await page.getByTestId('device-state-help').textContent()).toMatch(/STALE.*2\u00a0min.*LOST.*10\u00a0min/s);

    await row.getByTestId('rename-open').click();
    const name = page.getByTestId('rename-name');
    await name.waitFor();
    expect(await name.getAttribute('maxlength')).toBe('64'); // read from the contract's devices.rename schema
    await name.fill('');
    await name.pressSequentially('x'.repeat(70));
    expect((await name.inputValue()).length).toBe(64);

    await page.keyboard.press('Escape');
    await page.getByTestId('rename-form').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.evaluate(() => [document.activeElement?.getAttribute('data-testid'), document.activeElement?.closest('tr')?.getAttribute('data-device-id')])).toEqual(['rename-open', fohDesk]);
    // Nothing was saved.
    expect(await row.getByTestId('device-name').textContent()).toBe('FOH desk');
    await page.close();
    await context.close();
  });

  it('thresholds editor: the preview follows an edit; an invalid pair shows the human message and changes nothing; a valid one changes a tile', async () => {
    const before = ((await api(serve.url, 'settings.get')) as { thresholds: unknown }).thresholds;
    const context = await browser.newContext(desktop);
    const page = await signIn(context, serve.url, token);
    await openPage(page, 'settings', false);
    const editor = page.getByTestId('thresholds-editor');
    await editor.waitFor({ timeout: 10_000 });
    const preview = page.getByTestId('thresholds-preview');
    expect(await preview.getAttribute('data-count')).toBe('0');

    // Temperature: alarm above 10 would put every warm room in alarm — the preview says so before saving.
    const temperature = editor.locator('[data-testid="threshold-rule"][data-metric="temperature"]:not([data-device-id])');
    await temperature.getByTestId('threshold-alarmAbove').fill('10');
    await page.locator(`[data-testid="preview-change"][data-device-id="${fohDesk}"][data-to="alarm"]`).waitFor({ timeout: 5_000 });
    expect(Number(await preview.getAttribute('data-count'))).toBeGreaterThan(3);
    expect(await preview.textContent()).toContain('FOH desk');
    await page.getByTestId('thresholds-undo').click();
    expect(await preview.getAttribute('data-count')).toBe('0');

    // A device rule starts from its metric's rule, so adding one changes no tile until a limit is edited.
    await page.getByTestId('threshold-add-device').click();
    const deviceRule = editor.locator('[data-testid="threshold-rule"][data-device-id]');
    await deviceRule.waitFor();
    expect(await deviceRule.getByTestId('threshold-warnAbove').inputValue()).not.toBe('');
    expect(await preview.getAttribute('data-count')).toBe('0');
    await deviceRule.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/layout-thresholds-device-rule-1280x800.png' });
    await page.getByTestId('thresholds-undo').click();
    await deviceRule.waitFor({ state: 'detached' });

    // Humidity: warn above 50 with alarm above 20 is refused, in words, beside the field.
    const humidity = editor.locator('[data-testid="threshold-rule"][data-metric="humidity"]:not([data-device-id])');
    await humidity.getByTestId('threshold-warnAbove').fill('50');
    await humidity.getByTestId('threshold-alarmAbove').fill('20');
    await page.getByTestId('thresholds-save').click();
    const message = humidity.locator('[data-testid="threshold-error"][data-field="warnAbove"]');
    await message.waitFor({ timeout: 5_000 });
    const text = (await message.textContent()) ?? '';
    expect(text).toMatch(/^Warn above \(50\) must be lower than alarm above \(20\)/);
    const summary = (await page.getByTestId('thresholds-error').textContent()) ?? '';
    for (const dev of [/invalid[ _]params/i, /thresholds\.\d/, /warnAbove/, /received/]) {
      expect(text).not.toMatch(dev);
      expect(summary).not.toMatch(dev);
    }
    expect(((await api(serve.url, 'settings.get')) as { thresholds: unknown }).thresholds).toEqual(before);
    await page.screenshot({ path: 'test-results/layout-thresholds-invalid-1280x800.png', fullPage: false });

    // A valid pair: humidity alarm above 2 % puts the FOH desk (about 55 %) in alarm on the Dashboard.
    await humidity.getByTestId('threshold-warnAbove').fill('1');
    await humidity.getByTestId('threshold-alarmAbove').fill('2');
    await page.locator(`[data-testid="preview-change"][data-device-id="${fohDesk}"][data-to="alarm"]`).waitFor({ timeout: 5_000 });
    await page.getByTestId('thresholds-save').click();
    await editor.getByText('Saved').waitFor({ timeout: 5_000 });
    const saved = ((await api(serve.url, 'settings.get')) as { thresholds: { metric: string; warnAbove?: number; alarmAbove?: number }[] }).thresholds;
    expect(saved.find((t) => t.metric === 'humidity')).toMatchObject({ warnAbove: 1, alarmAbove: 2 });
    await openPage(page, 'dashboard', false);
    const tile = page.locator(`[data-testid="tile"][data-device-id="${fohDesk}"]`);
    await page.locator(`[data-testid="tile"][data-device-id="${fohDesk}"][data-state="alarm"]`).waitFor({ timeout: 15_000 });
    expect(await tile.getByTestId('tile-limits').allTextContents()).toContain('warn >1 · alarm >2%');
    await page.screenshot({ path: 'test-results/layout-thresholds-saved-1280x800.png' });

    await api(serve.url, 'settings.update', { thresholds: before });
    await page.close();
    await context.close();
  });
});
