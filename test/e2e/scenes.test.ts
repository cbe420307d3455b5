import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { desktop, launchChromium, requireBuiltApp, signIn, tablet } from '../helpers/browser.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'e2e-scenes-token-4321';

requireBuiltApp();

interface Scene {
  id: string;
  name: string;
  values: Record<string, Record<string, number>>;
}

describe('Scenes page in Chromium against the shipped bundle', () => {
  const tempDir = useTempDirs('all');
  let browser: Browser;
  let serve: Served;

  const api = async <T = unknown>(method: string, params?: unknown, bearer = token): Promise<T> => {
    const res = await fetch(`${serve.url}/api/call/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(params ?? {}),
    });
    const body = (await res.json()) as T & { error?: unknown };
    if (!res.ok) throw new Error(`${method}: ${JSON.stringify(body)}`);
    return body;
  };
  const universe1 = async () => (await api<{ channels: number[] }>('dmx.universe', { universe: 1 })).channels;

  async function openScenes(context: BrowserContext, bearer = token): Promise<Page> {
    const page = await signIn(context, serve.url, bearer, { timeoutMs: 30_000 });
    const link = page.locator('nav [data-route="scenes"]');
    await link.click();
    await page.getByRole('heading', { name: 'Scenes', level: 1 }).waitFor({ timeout: 15_000 });
    await page.getByTestId('stage-controls').waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="dmx-grid"][data-loaded="true"]').waitFor({ timeout: 15_000 });
    return page;
  }

  /** The universe view's value of one channel. */
  const cell = (page: Page, channel: number): Locator => page.locator(`[data-testid="dmx-cell"][data-channel="${channel}"]`);
  const cellValue = async (page: Page, channel: number) => Number(await cell(page, channel).getAttribute('data-value'));
  const waitCells = (page: Page, channels: number[], value: number, timeoutMs = 8_000) =>
    waitFor(async () => {
      for (const c of channels) if ((await cellValue(page, c)) !== value) return undefined;
      return true;
    }, timeoutMs, 50);

  /** Focus on nothing in particular (the page itself), as after a click on empty space. */
  const focusPage = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  beforeAll(async () => {
    mkdirSync('test-results', { recursive: true });
    serve = await startServe(['--demo', '--port', '0', '--token', token, '--data-dir', tempDir()], { entry: 'bundle' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  it('create a scene with values on universe 1, GO it from its button, watch the fade land, blackout on and off', async () => {
    const context = await browser.newContext(desktop);
    const page = await openScenes(context);
    expect(await page.getByTestId('scenes-empty').isVisible()).toBe(true);

    // New scene: name, fade, colour → its editor opens; raw channels 1–4 at 200 and 20 at 90 on universe 1.
    await page.getByTestId('scene-new').click();
    await page.getByTestId('scene-name').fill('Wash');
    await page.getByTestId('scene-fade').fill('1.5');
    await page.getByTestId('scene-colour').fill('#2e7d5b');
    await page.getByTestId('scene-create').click();
    const editor = page.getByTestId('scene-editor');
    await editor.waitFor({ timeout: 5_000 });
    await editor.getByTestId('raw-add-universe').fill('1');
    await editor.getByTestId('raw-add-channel').fill('1-4');
    await editor.getByTestId('raw-add-value').fill('200');
    await editor.getByTestId('raw-add-button').click();
    await editor.getByTestId('raw-add-channel').fill('20');
    await editor.getByTestId('raw-add-value').fill('90');
    await editor.getByTestId('raw-add-button').click();
    expect(await editor.getByTestId('raw-row').count()).toBe(5);
    await editor.getByTestId('editor-save').click();
    await editor.getByText('Saved').waitFor({ timeout: 5_000 });
    const scenes = await api<Scene[]>('scenes.list');
    expect(scenes).toHaveLength(1);
    expect(scenes[0]).toMatchObject({ name: 'Wash', fadeMs: 1500, colour: '#2e7d5b', values: { '1': { '1': 200, '2': 200, '3': 200, '4': 200, '20': 90 } } });
    await page.screenshot({ path: 'test-results/e2e-scenes-editor-1280x800.png' });
    await page.getByTestId('scene-editor-close').click();

    // GO: the button turns active at once and fades; the universe view reaches the values after the fade.
    expect(await cellValue(page, 1)).toBe(0);
    const button = page.locator(`[data-testid="scene-button"][data-scene-id="${scenes[0]!.id}"]`);
    await button.click();
    await page.locator(`[data-testid="scene-button"][data-scene-id="${scenes[0]!.id}"][data-active="true"]`).waitFor({ timeout: 10_000 });
    await waitCells(page, [1, 2, 3, 4], 200);
    await waitCells(page, [20], 90);
    expect(await cellValue(page, 5)).toBe(0);
    await page.locator(`[data-testid="scene-button"][data-scene-id="${scenes[0]!.id}"][data-fading="false"]`).waitFor({ timeout: 10_000 });
    expect(await button.getByTestId('scene-live').textContent()).toBe('ON STAGE');
    await page.screenshot({ path: 'test-results/e2e-scenes-go-1280x800.png' });

    // Blackout on: unmistakable, and every intensity/unpatched channel shows 0. Off: back to the look.
    const blackout = page.getByTestId('blackout');
    await blackout.click();
    await page.locator('[data-testid="blackout"][data-on="true"]').waitFor({ timeout: 10_000 });
    expect(await blackout.textContent()).toContain('BLACKOUT ON');
    await waitCells(page, [1, 2, 3, 4, 20], 0);
    expect((await universe1()).slice(0, 4)).toEqual([0, 0, 0, 0]);
    await page.screenshot({ path: 'test-results/e2e-scenes-blackout-1280x800.png' });
    await blackout.click();
    await page.locator('[data-testid="blackout"][data-on="false"]').waitFor({ timeout: 10_000 });
    await waitCells(page, [1, 2, 3, 4], 200);

    // Grand master at 50 % halves intensity.
    await page.getByTestId('master-fader').fill('50');
    await waitCells(page, [1], 100);
    expect((await api<{ grandMaster: number }>('dmx.status')).grandMaster).toBeCloseTo(0.5);
    await page.getByTestId('master-fader').fill('100');
    await waitCells(page, [1], 200);
    await page.close();
    await context.close();
  }, 120_000);

  it('keyboard: B toggles blackout, Space GOes the selected cue list — never while typing in a field', async () => {
    const [wash] = await api<Scene[]>('scenes.list');
    const dim = await api<Scene>('scenes.create', { name: 'Dim', fadeMs: 300, values: { '1': { '1': 50, '2': 50, '3': 50, '4': 50 } } });
    const context = await browser.newContext(desktop);
    const page = await openScenes(context);

    // A cue list made in the editor: Wash then Dim.
    await page.getByTestId('cuelist-new').click();
    const editor = page.getByTestId('cuelist-editor');
    await editor.getByTestId('cuelist-name').fill('Main show');
    await editor.getByTestId('cue-add').click();
    await editor.getByTestId('cue-edit-scene').nth(0).selectOption(wash!.id);
    await editor.getByTestId('cue-edit-scene').nth(1).selectOption(dim.id);
    await editor.getByTestId('cue-edit-fade').nth(0).fill('0.5');
    await editor.getByTestId('cuelist-save').click();
    const list = page.locator('[data-testid="cuelist"]', { hasText: 'Main show' });
    await list.waitFor({ timeout: 5_000 });
    expect((await api<{ cues: unknown[] }[]>('cues.list'))[0]!.cues).toEqual([
      { id: 'c1', sceneId: wash!.id, fadeMs: 500 },
      { id: 'c2', sceneId: dim.id },
    ]);
    expect(await list.getByTestId('cue-current').textContent()).toContain('Nothing played yet');
    expect(await list.getByTestId('cue-next').getAttribute('data-cue')).toBe('1');

    // GO / GO / BACK from the buttons: current and next follow, the stage follows.
    await list.getByTestId('cue-go').click();
    await page.locator('[data-testid="cuelist"][data-current="1"][data-next="2"]').waitFor({ timeout: 10_000 });
    expect(await list.getByTestId('cue-current').textContent()).toContain('Wash');
    await list.getByTestId('cue-go').click();
    await page.locator('[data-testid="cuelist"][data-current="2"][data-next="0"]').waitFor({ timeout: 10_000 });
    expect(await list.getByTestId('cue-next').textContent()).toContain('End of the list');
    expect(await list.getByTestId('cue-go').isDisabled()).toBe(true);
    await waitCells(page, [1, 2, 3, 4], 200); // the Wash scene button's playback still holds 200 (HTP wins)
    await page.getByTestId('scenes-release').click();
    await waitCells(page, [1, 2, 3, 4], 50);
    await list.getByTestId('cue-back').click();
    await page.locator('[data-testid="cuelist"][data-current="1"][data-next="2"]').waitFor({ timeout: 10_000 });
    await waitCells(page, [1], 200);
    await page.screenshot({ path: 'test-results/e2e-scenes-cuelist-1280x800.png', fullPage: false });

    // B: blackout on, B again: off.
    await focusPage(page);
    await page.keyboard.press('b');
    await page.locator('[data-testid="blackout"][data-on="true"]').waitFor({ timeout: 10_000 });
    await waitCells(page, [1], 0);
    await page.keyboard.press('b');
    await page.locator('[data-testid="blackout"][data-on="false"]').waitFor({ timeout: 10_000 });
    await waitCells(page, [1], 200);

    // Space: GO on the selected list (the one just used).
    await page.keyboard.press('Space');
    await page.locator('[data-testid="cuelist"][data-current="2"]').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('dmx-key-note').textContent()).toContain('GO on “Main show”');

    // Space with focus on a scene button GOes the list once and does not also press that button.
    await list.getByTestId('cue-back').click();
    await page.locator('[data-testid="cuelist"][data-current="1"]').waitFor({ timeout: 10_000 });
    const washButton = page.locator(`[data-testid="scene-button"][data-scene-id="${wash!.id}"]`);
    const dimButton = page.locator(`[data-testid="scene-button"][data-scene-id="${dim.id}"]`);
    await dimButton.focus();
    await page.keyboard.press('Space');
    await page.locator('[data-testid="cuelist"][data-current="2"]').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(400);
    expect(await dimButton.getAttribute('data-active')).toBe('false');

    // Typing b or a space into a field changes nothing on stage.
    await page.getByTestId('scene-new').click();
    const name = page.getByTestId('scene-name');
    await name.click();
    await page.keyboard.type('bb b');
    expect(await name.inputValue()).toBe('bb b');
    await page.waitForTimeout(400);
    const status = await api<{ blackout: { on: boolean }; playbacks: { id: string; cueList: { current: number } | null }[] }>('dmx.status');
    expect(status.blackout.on).toBe(false);
    expect(status.playbacks.find((p) => p.id.startsWith('cuelist:'))?.cueList?.current).toBe(1); // still cue 2 (0-based 1)
    // …and neither does B with a modifier.
    await focusPage(page);
    await page.keyboard.press('Shift+B');
    await page.waitForTimeout(300);
    expect((await api<{ blackout: { on: boolean } }>('dmx.status')).blackout.on).toBe(false);
    expect(await washButton.count()).toBe(1);
    await page.close();
    await context.close();
  }, 120_000);

  it('a scene a cue list uses cannot be deleted: the core’s refusal is shown in words', async () => {
    const context = await browser.newContext(desktop);
    const page = await openScenes(context);
    const [wash] = await api<Scene[]>('scenes.list');
    await page.getByTestId('scenes-arrange').click();
    const item = page.locator('.scene-grid__item', { has: page.locator(`[data-scene-id="${wash!.id}"]`) });
    await item.getByTestId('scene-delete').click();
    expect(await page.getByTestId('scene-delete-confirm').textContent()).toContain('Delete “Wash”?');
    await page.getByTestId('scene-delete-yes').click();
    const error = page.getByTestId('scene-delete-error');
    await error.waitFor({ timeout: 5_000 });
    expect(await error.textContent()).toMatch(/used by cue list .Main show./);
    expect(await error.textContent()).not.toMatch(/conflict|invalid/i);
    expect((await api<Scene[]>('scenes.list')).some((s) => s.id === wash!.id)).toBe(true);
    await page.screenshot({ path: 'test-results/e2e-scenes-delete-refused-1280x800.png' });
    await page.close();
    await context.close();
  }, 120_000);

  it('patch editor: an overlap is refused in words; the colour picker of an RGB fixture sets its three channels', async () => {
    const context = await browser.newContext(desktop);
    const page = await openScenes(context);
    const patchEditor = page.getByTestId('patch-editor');
    await patchEditor.getByTestId('patch-add').click();
    let row = patchEditor.getByTestId('patch-row').nth(0);
    await row.getByTestId('patch-name').fill('Par L');
    await row.getByTestId('patch-universe').fill('2');
    await row.getByTestId('patch-address').fill('1');
    await row.getByTestId('patch-template').selectOption({ label: 'Dimmer + RGB (4 ch)' });
    await patchEditor.getByTestId('patch-add').click();
    row = patchEditor.getByTestId('patch-row').nth(1);
    await row.getByTestId('patch-name').fill('Par R');
    await row.getByTestId('patch-universe').fill('2');
    await row.getByTestId('patch-address').fill('3');
    await patchEditor.getByTestId('patch-save').click();
    const message = row.locator('[data-testid="patch-error"][data-field="address"]');
    await message.waitFor({ timeout: 5_000 });
    expect(await message.textContent()).toBe('"Par R" overlaps "Par L" at 2.3');
    expect(await api<{ patch: unknown[] }>('dmx.library').then((l) => l.patch)).toEqual([]);
    await row.getByTestId('patch-address').fill('5');
    await patchEditor.getByTestId('patch-save').click();
    await patchEditor.getByText('Saved').waitFor({ timeout: 5_000 });
    expect((await api<{ patch: { name: string; address: number; channels: string[] }[] }>('dmx.library')).patch).toMatchObject([
      { name: 'Par L', universe: 2, address: 1, channels: ['intensity', 'red', 'green', 'blue'] },
      { name: 'Par R', universe: 2, address: 5, channels: ['intensity'] },
    ]);

    // Scene editor: take Par L into a scene, pick orange, save: red 255, green 128, blue 0 on 2.2–2.4.
    const scene = await api<Scene>('scenes.create', { name: 'Orange', fadeMs: 0, values: {} });
    await page.getByTestId('scenes-arrange').click();
    await page.locator('.scene-grid__item', { has: page.locator(`[data-scene-id="${scene.id}"]`) }).getByTestId('scene-edit').click();
    const editor = page.getByTestId('scene-editor');
    const parL = editor.locator('[data-testid="fixture-values"]', { hasText: 'Par L' });
    await parL.getByTestId('fixture-include').check();
    await parL.getByTestId('fixture-colour').fill('#ff8000');
    await parL.getByTestId('fixture-control-value').first().fill('255');
    await editor.getByTestId('editor-save').click();
    await editor.getByText('Saved').waitFor({ timeout: 5_000 });
    const saved = (await api<Scene[]>('scenes.list')).find((s) => s.id === scene.id)!;
    expect(saved.values).toEqual({ '2': { '1': 255, '2': 255, '3': 128, '4': 0 } });
    await page.screenshot({ path: 'test-results/e2e-scenes-rgb-editor-1280x800.png' });
    await page.close();
    await context.close();
  }, 120_000);

  it('Settings → DMX: the interface picker explains that nothing is sent until one is chosen; a bad Port-Address is refused beside its field', async () => {
    const context = await browser.newContext(desktop);
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${token}#/settings/dmx`);
    const section = page.getByTestId('dmx-settings');
    await section.waitFor({ timeout: 30_000 });
    expect(await section.textContent()).toContain('nothing is sent');
    // The machine's interfaces arrive by their own call (dmx.interfaces), a moment after the section is drawn.
    await section.getByTestId('dmx-artnet-interface').locator('option', { hasText: '127.0.0.1' }).waitFor({ state: 'attached', timeout: 10_000 });
    const options = await section.getByTestId('dmx-artnet-interface').locator('option').allTextContents();
    expect(options[0]).toMatch(/None chosen — nothing is sent/);
    expect(options.some((o) => o.includes('127.0.0.1'))).toBe(true);

    await section.getByTestId('dmx-artnet-interface').selectOption('127.0.0.1');
    await section.getByTestId('dmx-output-add').click();
    const row = section.getByTestId('dmx-output-row').nth(1);
    await row.getByTestId('dmx-output-pa').fill('0:16:1');
    await section.getByTestId('dmx-settings-save').click();
    await row.getByText('The sub-net is 0–15').waitFor({ timeout: 10_000 });
    expect((await api<{ dmx: { outputs: unknown[]; artnet: { interface: string } } }>('settings.get')).dmx.artnet.interface).toBe('');
    await row.getByTestId('dmx-output-pa').fill('0:0:1');
    await section.getByTestId('dmx-settings-save').click();
    await section.getByText('Saved').waitFor({ timeout: 5_000 });
    const dmx = (await api<{ dmx: { outputs: unknown[]; artnet: { interface: string; enabled: boolean } } }>('settings.get')).dmx;
    expect(dmx.artnet.interface).toBe('127.0.0.1');
    expect(dmx.outputs).toEqual([
      { protocol: 'artnet', universe: 1, portAddress: 0, target: '' },
      { protocol: 'artnet', universe: 2, portAddress: 1, target: '' },
    ]);
    // Art-Net on: the Outputs panel shows both outputs sending.
    await section.locator('label', { has: page.getByTestId('dmx-artnet-toggle') }).click();
    await waitFor(async () => (await api<{ dmx: { artnet: { enabled: boolean } } }>('settings.get')).dmx.artnet.enabled || undefined, 5_000);
    await page.screenshot({ path: 'test-results/e2e-scenes-settings-1280x800.png' });
    await page.locator('nav [data-route="scenes"]').click();
    await page.locator('[data-testid="output-row"][data-index="1"]').waitFor({ timeout: 10_000 });
    await page.close();
    await context.close();
  }, 120_000);

  it('screenshots at 1280×800 and 820×1180 (a scene on stage, a cue list mid-show)', async () => {
    const [wash] = await api<Scene[]>('scenes.list');
    await api('scenes.go', { id: wash!.id, fadeMs: 0 });
    for (const [name, options] of [
      ['1280x800', desktop],
      ['820x1180', tablet],
    ] as const) {
      const context = await browser.newContext(options);
      const page = await openScenes(context);
      await page.locator('[data-testid="scene-button"][data-active="true"]').waitFor({ timeout: 5_000 });
      await page.waitForTimeout(300);
      await page.screenshot({ path: `test-results/e2e-scenes-${name}.png` });
      const tall = await page.evaluate(() => {
        const main = document.querySelector('main');
        return main ? Math.ceil(main.getBoundingClientRect().top + main.scrollHeight) : 0;
      });
      await page.setViewportSize({ width: options.viewport!.width, height: tall });
      await page.screenshot({ path: `test-results/e2e-scenes-${name}-full.png` });
      await page.close();
      await context.close();
    }
  }, 120_000);

  it('a viewer on the tablet sees the stage live and is offered nothing to press', async () => {
    const access = await api<{ viewerToken: string }>('system.access');
    const context = await browser.newContext(tablet);
    const page = await context.newPage();
    await page.goto(`${serve.url}/?token=${access.viewerToken}`);
    await page.getByTestId('view-only').waitFor({ timeout: 30_000 });
    await page.locator('nav [data-route="scenes"]').tap();
    await page.getByTestId('dmx-read-only').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="dmx-grid"][data-loaded="true"]').waitFor({ timeout: 10_000 });

    // Everything is there to see…
    expect(await page.getByTestId('scene-tile').count()).toBeGreaterThanOrEqual(2);
    await page.locator('[data-testid="scene-tile"][data-active="true"]').waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('cuelist').count()).toBe(1);
    expect(await page.getByTestId('blackout-state').count()).toBe(1);
    expect(await page.getByTestId('master-meter').count()).toBe(1);
    await waitCells(page, [1], 200);
    // …and nothing to press: no GO, no blackout button, no faders, no editors, no arrange, no manual layer.
    for (const id of ['scene-button', 'blackout', 'blackout-fade', 'master-fader', 'cue-go', 'cue-back', 'cue-jump', 'cue-release', 'cuelist-edit', 'scene-new', 'scene-record', 'scenes-release', 'scenes-arrange', 'cuelist-new', 'manual-control', 'patch-name', 'patch-save', 'patch-add']) {
      expect(await page.getByTestId(id).count(), id).toBe(0);
    }
    expect(await page.locator('main button').count()).toBe(0); // not one button on the whole page
    expect(await page.getByTestId('patch-table').textContent()).toContain('Par L');
    // The page's keys are not a back door.
    await page.keyboard.press('b');
    await page.keyboard.press('Space');
    await page.waitForTimeout(400);
    expect((await api<{ blackout: { on: boolean } }>('dmx.status')).blackout.on).toBe(false);
    // A live change made elsewhere shows up.
    await api('dmx.blackout', { on: true });
    await page.locator('[data-testid="blackout-state"][data-on="true"]').waitFor({ timeout: 10_000 });
    await waitCells(page, [1], 0);
    await page.evaluate(() => document.querySelector('main')?.scrollTo(0, 0));
    await page.screenshot({ path: 'test-results/e2e-scenes-viewer-820x1180.png' });
    await api('dmx.blackout', { on: false });
    // The engine switched off (by the operator, elsewhere): the page says so, and that nothing is sent.
    await api('settings.update', { dmx: { enabled: false } });
    const note = page.locator('[data-testid="dmx-off"][data-reason="off"]');
    await note.waitFor({ timeout: 10_000 });
    expect(await note.textContent()).toContain('switched off: nothing is sent');
    await api('settings.update', { dmx: { enabled: true } });
    await note.waitFor({ state: 'detached', timeout: 15_000 });
    await page.close();
    await context.close();
  }, 120_000);
});
