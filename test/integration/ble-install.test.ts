import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { unavailableReason } from '../../native/ble/scanner.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface LockEntry {
  optional?: boolean;
  dev?: boolean;
  hasInstallScript?: boolean;
}

/**
 * noble's Linux backend (@abandonware/bluetooth-hci-socket) is a NAN module compiled at install. Where that
 * cannot happen (no compiler, no headers) `npm ci` must still succeed and the app must say "Bluetooth
 * unavailable", not fail to install or start.
 */
describe('installing where the Bluetooth native modules cannot be built', () => {
  const tempDir = useTempDirs();

  it('every package with an install script in the Bluetooth tree is optional in the lockfile (npm skips an optional package whose build fails)', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string>; dependencies?: Record<string, string> };
    expect(Object.keys(pkg.optionalDependencies ?? {})).toContain('@abandonware/noble');
    expect(Object.keys(pkg.dependencies ?? {})).not.toContain('@abandonware/noble');
    const bleTree = Object.entries(lock.packages).filter(([path]) => /node_modules\/(@abandonware\/|usb$|@mapbox\/node-pre-gyp$)/.test(path));
    expect(bleTree.map(([p]) => p)).toEqual(expect.arrayContaining(['node_modules/@abandonware/noble', 'node_modules/@abandonware/bluetooth-hci-socket']));
    for (const [path, entry] of bleTree) expect(entry.optional, `${path} must be optional`).toBe(true);
  });

  it('npm ci with a compiler that always fails: exit 0, the core\'s other native module loads, and Bluetooth is reported unavailable', () => {
    const dir = tempDir();
    copyFileSync(join(root, 'package-lock.json'), join(dir, 'package-lock.json'));
    // The project's own prepare step builds the app from sources that are not here; the dependencies' scripts still run.
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    delete pkg.scripts.prepare;
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
    const r = spawnSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 280_000,
      env: { ...process.env, CC: '/bin/false', CXX: '/bin/false' },
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-3000)).toBe(0);
    // npm removed what it could not build.
    expect(existsSync(join(dir, 'node_modules/@abandonware/bluetooth-hci-socket/build/Release/bluetooth_hci_socket.node'))).toBe(false);
    const req = createRequire(join(dir, 'probe.cjs'));
    expect(() => req('better-sqlite3')).not.toThrow();
    let reason = '';
    try {
      req('@abandonware/noble');
      reason = 'loaded';
    } catch (error) {
      reason = unavailableReason(error, 'linux');
    }
    expect(reason).toMatch(/^(Bluetooth support is not installed|the Linux Bluetooth module \(@abandonware\/bluetooth-hci-socket\) is not installed)/);
  }, 300_000);
});
