// main/electron/main.ts under plain Node: `electron` is faked, everything else is real (core, SQLite,
// sessions, IPC handler, menu actions). Covers the wiring the Electron-only e2e cannot run here.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectron, FakeWebContents } from './fake-electron.ts';

const h = vi.hoisted(() => ({ fake: undefined as FakeElectron | undefined, appData: '' }));

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron.ts');
  h.fake = createFakeElectron({ appPath: process.cwd(), appData: h.appData });
  return h.fake.module;
});

const until = async (what: string, ok: () => boolean, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

type CallHandler = (event: unknown, method: unknown, params: unknown) => Promise<unknown>;

describe('desktop shell wiring (fake electron, real core)', () => {
  let fake: FakeElectron;
  let contents: FakeWebContents;
  let userData: string;
  let call: (method: unknown, params?: unknown, url?: string) => Promise<unknown>;
  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };

  beforeAll(async () => {
    h.appData = mkdtempSync(path.join(tmpdir(), 'showsite-shell-'));
    await import('../../../main/electron/main.ts');
    fake = h.fake as FakeElectron;
    fake.ready();
    await until('the main window', () => fake.windows.length === 1);
    contents = fake.windows[0]!.webContents;
    userData = path.join(h.appData, 'Showsite Console');
    const handler = fake.ipcHandlers.get('showsite:call') as CallHandler;
    call = (method, params = {}, url = 'app://showsite/index.html') => handler({ sender: { id: contents.id }, senderFrame: { url } }, method, params);
  });

  afterAll(() => {
    // main.ts installs once-handlers for these; leave the worker's signal handling as it was.
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      for (const l of process.listeners(sig)) if (!signalListeners[sig].includes(l)) process.removeListener(sig, l);
    }
    rmSync(h.appData, { recursive: true, force: true });
  });

  it('registers the app scheme before ready and uses the shared data folder', () => {
    expect(fake.calls[0]).toBe('registerSchemesAsPrivileged');
    expect(fake.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(fake.app.getPath('userData')).toBe(userData);
    expect(existsSync(path.join(userData, 'showsite.db'))).toBe(true);
  });

  it('opens a secure window on app://showsite with the bundled preload', () => {
    const win = fake.windows[0]!;
    expect(win.loadedUrl).toBe('app://showsite/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: path.join(process.cwd(), 'dist', 'preload', 'bridge.cjs'),
    });
    expect(fake.menus).toHaveLength(1);
  });

  it('answers calls from the app frame through the core, and refuses other frames', async () => {
    await expect(call('system.health')).resolves.toMatchObject({ result: expect.objectContaining({ version: '9.9.9-test' }) });
    await expect(call('system.health', {}, 'https://evil.example/')).resolves.toMatchObject({ error: { code: 'forbidden' } });
    await expect(call(7)).resolves.toMatchObject({ error: { code: 'invalid_request' } });
    await expect(call('no.such.method')).resolves.toMatchObject({ error: { code: 'unknown_method' } });
  });

  it('delivers subscribed events to the window on showsite:event', async () => {
    await expect(call('subscribe', { topics: ['settings.changed'] })).resolves.toMatchObject({ result: { topics: ['settings.changed'] } });
    await expect(call('settings.update', { site: { name: 'Field Stage' } })).resolves.toHaveProperty('result');
    await until('an event batch', () => contents.sent.some((s) => s.channel === 'showsite:event'));
    const batch = contents.sent.find((s) => s.channel === 'showsite:event')?.args[0];
    expect(batch).toEqual([expect.objectContaining({ topic: 'settings.changed', data: expect.objectContaining({ site: { name: 'Field Stage' } }) })]);
  });

  it('hardens web contents: no navigation away, no new windows, no permissions', () => {
    const navigate = (url: string) => {
      const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
      contents.emit('will-navigate', event);
      return event.prevented;
    };
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('app://showsite/index.html#/devices')).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal).toHaveBeenCalledWith('https://example.com/');
    expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(fake.module.shell.openExternal).toHaveBeenCalledTimes(1);
    const granted = vi.fn();
    fake.permissionHandlers.request?.({}, 'media', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
    expect(fake.permissionHandlers.check?.({}, 'notifications', 'app://showsite', {})).toBe(false);
  });

  it('serves the UI scheme with the CSP header', async () => {
    const handler = fake.protocolHandlers.get('app');
    const res = await handler!(new Request('app://showsite/index.html'));
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('File ▸ Export and Import settings go through the core', async () => {
    const template = fake.menus[0]!.template as MenuItemConstructorOptions[];
    const file = template.find((i) => i.label === 'File')!.submenu as MenuItemConstructorOptions[];
    const click = (label: string) => (file.find((i) => i.label === label)!.click as () => void)();

    const exported = path.join(h.appData, 'export.json');
    fake.module.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: exported });
    click('Export Settings…');
    await until('the export file', () => existsSync(exported));
    expect(JSON.parse(readFileSync(exported, 'utf8'))).toMatchObject({ site: { name: 'Field Stage' } });

    const bad = path.join(h.appData, 'bad.json');
    writeFileSync(bad, JSON.stringify({ remote: { port: 70000 } }));
    fake.module.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [bad] });
    click('Import Settings…');
    await until('the import error', () => fake.module.dialog.showErrorBox.mock.calls.length > 0);
    expect(fake.module.dialog.showErrorBox).toHaveBeenCalledWith('Could not import settings', expect.any(String));
  });

  it('a reload gives the page a fresh session; closing the window closes it and saves bounds', async () => {
    contents.emit('did-start-navigation', { url: 'app://showsite/index.html', isMainFrame: true, isSameDocument: false });
    contents.sent.length = 0;
    await call('settings.update', { site: { name: 'After Reload' } });
    await new Promise((r) => setTimeout(r, 100));
    expect(contents.sent).toEqual([]); // the old page's subscription is gone

    fake.windows[0]!.close();
    await expect(call('system.health')).resolves.toMatchObject({ error: { code: 'unavailable' } });
    expect(JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toMatchObject({ x: 40, y: 30, maximized: false });
  });

  it('quits gracefully: holds the quit, stops the core, exits 0', async () => {
    const event = { prevented: false, preventDefault: () => (event.prevented = true) };
    fake.app.emit('before-quit', event);
    expect(event.prevented).toBe(true);
    await until('exit', () => fake.app.exit.mock.calls.length > 0);
    expect(fake.app.exit).toHaveBeenCalledWith(0);
    expect(existsSync(path.join(userData, 'showsite.lock'))).toBe(false);
  });
});
