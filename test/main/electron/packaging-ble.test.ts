// electron-builder cannot run here (PEERS.md "Electron"): the Bluetooth rebuild step is checked statically
// (the config names the hooks, the hooks ask @electron/rebuild for exactly the right thing) and with a
// fake rebuilder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BLE_NATIVE_MODULE, archName, createHooks, rebuildOptions, type PackContextLike, type RebuildOptionsLike } from '../../../scripts/electron-rebuild-ble.mjs';
import { useTempDirs } from '../../helpers/tmp.ts';

const builderRequire = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
const yaml: { load(text: string): unknown } = builderRequire('js-yaml');
const config = yaml.load(readFileSync('electron-builder.yml', 'utf8')) as {
  npmRebuild: boolean;
  beforePack?: string;
  afterPack?: string;
  asarUnpack: string[];
  mac: { extendInfo?: Record<string, string> };
};

describe('electron-builder: Bluetooth', () => {
  const tempDir = useTempDirs();

  it('names the rebuild hooks (which exist and export them) and still leaves the N-API modules alone', async () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.beforePack).toBe('./scripts/electron-rebuild-ble.mjs');
    expect(config.afterPack).toBe('./scripts/electron-rebuild-ble.mjs');
    // electron-builder loads a hook with require() (then import()) and takes the export named after the hook.
    const hooks = createRequire(import.meta.url)('../../../scripts/electron-rebuild-ble.mjs') as Record<string, unknown>;
    expect(typeof hooks.beforePack).toBe('function');
    expect(typeof hooks.afterPack).toBe('function');
    expect(config.asarUnpack).toContain('**/*.node'); // the rebuilt .node must load from outside the asar
  });

  it('the rebuilder it relies on is installed (a dependency of electron-builder) and exports rebuild()', async () => {
    const m = (await import('@electron/rebuild')) as { rebuild?: unknown };
    expect(typeof m.rebuild).toBe('function');
  });

  it('asks for exactly one module, for Electron\'s version and the pack\'s arch, from source', () => {
    expect(archName(1)).toBe('x64');
    expect(archName(3)).toBe('arm64');
    expect(archName('armv7l')).toBe('armv7l');
    const options = rebuildOptions({ electronPlatformName: 'linux', arch: 3, packager: { projectDir: '/p', info: { framework: { version: '45.4.1' } } } });
    expect(options).toEqual({ buildPath: '/p', electronVersion: '45.4.1', arch: 'arm64', onlyModules: ['@abandonware/bluetooth-hci-socket'], force: true, buildFromSource: true, mode: 'sequential' });
    // Without a configured version it reads the installed electron's.
    const installed = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')) as { version: string };
    expect(rebuildOptions({ electronPlatformName: 'linux', arch: 1, packager: { projectDir: process.cwd() } }).electronVersion).toBe(installed.version);
  });

  it('on Linux: rebuilds (with npm\'s nodedir out of the way), keeps the Node build aside, and puts it back after packing', async () => {
    if (process.platform !== 'linux') return;
    const projectDir = tempDir();
    const binary = join(projectDir, 'node_modules', BLE_NATIVE_MODULE, 'build/Release/bluetooth_hci_socket.node');
    mkdirSync(join(binary, '..'), { recursive: true });
    writeFileSync(join(projectDir, 'node_modules', BLE_NATIVE_MODULE, 'package.json'), '{}');
    writeFileSync(binary, 'node-abi-build');
    const calls: { options: RebuildOptionsLike; nodedir: string | undefined }[] = [];
    const hooks = createHooks({
      rebuild: async (options) => {
        calls.push({ options, nodedir: process.env.npm_config_nodedir });
        writeFileSync(binary, 'electron-abi-build');
      },
      log: () => undefined,
    });
    const context: PackContextLike = { electronPlatformName: 'linux', arch: process.arch, packager: { projectDir, info: { framework: { version: '45.4.1' } } } };
    const before = process.env.npm_config_nodedir;
    process.env.npm_config_nodedir = '/usr';
    try {
      await hooks.beforePack(context);
      expect(process.env.npm_config_nodedir).toBe('/usr');
    } finally {
      if (before === undefined) delete process.env.npm_config_nodedir;
      else process.env.npm_config_nodedir = before;
    }
    expect(calls).toEqual([{ options: expect.objectContaining({ buildPath: projectDir, onlyModules: [BLE_NATIVE_MODULE], arch: process.arch, electronVersion: '45.4.1' }), nodedir: undefined }]);
    expect(readFileSync(binary, 'utf8')).toBe('electron-abi-build'); // what gets packed
    await hooks.afterPack(context);
    expect(readFileSync(binary, 'utf8')).toBe('node-abi-build'); // the checkout runs under Node again
  });

  it('does not try to cross-compile: another arch\'s package goes without, saying so', async () => {
    if (process.platform !== 'linux') return;
    const projectDir = tempDir();
    mkdirSync(join(projectDir, 'node_modules', BLE_NATIVE_MODULE), { recursive: true });
    writeFileSync(join(projectDir, 'node_modules', BLE_NATIVE_MODULE, 'package.json'), '{}');
    const messages: string[] = [];
    let rebuilt = 0;
    const hooks = createHooks({ rebuild: async () => void rebuilt++, log: (m) => messages.push(m) });
    const other = process.arch === 'arm64' ? 'x64' : 'arm64';
    await hooks.beforePack({ electronPlatformName: 'linux', arch: other, packager: { projectDir, info: { framework: { version: '45.4.1' } } } });
    expect(rebuilt).toBe(0);
    expect(messages.join('\n')).toMatch(new RegExp(`cannot build .* for ${other}`));
  });

  it('does nothing for macOS/Windows packs, and skips (with a word) when the module is not installed', async () => {
    const projectDir = tempDir();
    const messages: string[] = [];
    let rebuilt = 0;
    const hooks = createHooks({ rebuild: async () => void rebuilt++, log: (m) => messages.push(m) });
    await hooks.beforePack({ electronPlatformName: 'darwin', arch: 1, packager: { projectDir } });
    await hooks.beforePack({ electronPlatformName: 'win32', arch: 1, packager: { projectDir } });
    expect(rebuilt).toBe(0);
    if (process.platform === 'linux') {
      await hooks.beforePack({ electronPlatformName: 'linux', arch: 1, packager: { projectDir } });
      expect(rebuilt).toBe(0);
      expect(messages.join('\n')).toMatch(/not installed: the packaged app will say "Bluetooth unavailable"/);
    }
    await hooks.afterPack({ electronPlatformName: 'linux', arch: 1, packager: { projectDir } });
    expect(existsSync(join(projectDir, 'node_modules'))).toBe(false);
  });

  it('macOS builds declare why they use Bluetooth (the system prompt; without it the app is killed on first scan)', () => {
    expect(config.mac.extendInfo?.NSBluetoothAlwaysUsageDescription).toMatch(/Bluetooth sensors/);
  });
});
