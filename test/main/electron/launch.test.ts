// End-to-end: the real Electron app, started the way a user starts it. Needs the Electron runtime,
// which cannot be downloaded on every machine (PEERS.md "Electron"): then this test skips, saying why.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { ShowsiteBridge } from '../../../preload/contract/api.ts';
import { electronPackageDir, findElectronBinary } from '../../../scripts/electron-binary.mjs';

const root = process.cwd();
const found = findElectronBinary({ packageDir: electronPackageDir(root) });
const binary = found.ok ? found.path : undefined;
if (!binary) console.warn('Electron binary not available here (download blocked); set ELECTRON_OVERRIDE_DIST_PATH to run test/main/electron/launch.test.ts');

type Host = typeof globalThis & { showsite?: ShowsiteBridge; require?: unknown; process?: unknown; module?: unknown };

describe('desktop app (Electron)', () => {
  let app: ElectronApplication | undefined;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'showsite-e2e-'));
  afterAll(async () => {
    await app?.close().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!binary)(
    'opens the dashboard with only window.showsite exposed, and quits cleanly',
    async () => {
      if (['dist/electron/main.js', 'dist/preload/bridge.cjs', 'dist/renderer/index.html'].some((f) => !existsSync(path.join(root, f)))) {
        const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
        expect(build.status).toBe(0);
      }
      app = await electron.launch({
        executablePath: binary,
        args: [root],
        cwd: root,
        env: { ...process.env, SHOWSITE_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
        timeout: 60_000,
      });
      const page = await app.firstWindow();
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor({ timeout: 30_000 });
      expect(page.url()).toMatch(/^app:\/\/showsite\//);

      const globals = await page.evaluate(() => {
        const host = globalThis as Host;
        return {
          showsite: typeof host.showsite,
          call: typeof host.showsite?.call,
          on: typeof host.showsite?.on,
          require: typeof host.require,
          process: typeof host.process,
          module: typeof host.module,
        };
      });
      expect(globals).toEqual({ showsite: 'object', call: 'function', on: 'function', require: 'undefined', process: 'undefined', module: 'undefined' });

      // The IPC path reaches the core, and the app's responses carry the CSP header.
      const health = await page.evaluate(() => (globalThis as Host).showsite?.call('system.health', {}));
      expect(health).toMatchObject({ result: expect.objectContaining({ version: expect.any(String) }) });
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      expect(csp).toContain("script-src 'self'");

      // No new windows, no navigation away (file: so nothing is handed to the system browser).
      expect(await page.evaluate(() => window.open('file:///etc/hostname') === null)).toBe(true);
      await page.evaluate(() => void (location.href = 'file:///etc/hostname'));
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/showsite\//);
      expect(app.windows()).toHaveLength(1);

      const child = app.process();
      await app.close();
      app = undefined;
      expect(child.exitCode).toBe(0);
      // Bounds are saved on close.
      expect(JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toMatchObject({ width: expect.any(Number), maximized: false });
    },
    120_000,
  );
});
