// main.ts when the core cannot start: an error dialog naming the cause and the log folder, then exit 1.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { FakeElectron } from './fake-electron.ts';

const h = vi.hoisted(() => ({ fake: undefined as FakeElectron | undefined, appData: '' }));

vi.mock('electron', async () => {
  const { createFakeElectron } = await import('./fake-electron.ts');
  h.fake = createFakeElectron({ appPath: process.cwd(), appData: h.appData });
  return h.fake.module;
});

describe('core start failure', () => {
  const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  afterAll(() => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      for (const l of process.listeners(sig)) if (!signalListeners[sig].includes(l)) process.removeListener(sig, l);
    }
    rmSync(h.appData, { recursive: true, force: true });
  });

  it('shows the cause and the log folder, opens no window, exits 1', async () => {
    h.appData = mkdtempSync(path.join(tmpdir(), 'showsite-fail-'));
    const userData = path.join(h.appData, 'Showsite Console');
    mkdirSync(userData, { recursive: true });
    // Another live process (our parent) holds the data folder: the core refuses to start.
    writeFileSync(path.join(userData, 'showsite.lock'), String(process.ppid));

    await import('../../../main/electron/main.ts');
    const fake = h.fake as FakeElectron;
    fake.ready();
    const end = Date.now() + 20_000;
    while (fake.app.exit.mock.calls.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 20));

    expect(fake.app.exit).toHaveBeenCalledWith(1);
    expect(fake.windows).toHaveLength(0);
    const [options] = fake.module.dialog.showMessageBox.mock.calls[0] as [{ type: string; message: string; detail: string }];
    expect(options.type).toBe('error');
    expect(options.message).toMatch(/could not start/);
    expect(options.detail).toMatch(/another Showsite Console \(pid \d+\) is using this data folder/);
    expect(options.detail).toContain(path.join(userData, 'logs'));
    // …and the log folder really has the details the dialog points to.
    expect(readFileSync(path.join(userData, 'logs', 'showsite.log'), 'utf8')).toMatch(/core failed to start.*is using this data folder/);
  });
});
