import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, missingElectronHelp, platformExecutable } from '../../../scripts/electron-binary.mjs';

const pkg = path.join('/proj', 'node_modules', 'electron');

/** A fake filesystem: the listed paths exist, path.txt holds `recorded`. */
function fs(existing: string[], recorded?: string) {
  const files = new Set(existing);
  if (recorded !== undefined) files.add(path.join(pkg, 'path.txt'));
  return {
    exists: (p: string) => files.has(p),
    readText: (p: string) => {
      if (p === path.join(pkg, 'path.txt') && recorded !== undefined) return recorded;
      throw new Error(`ENOENT ${p}`);
    },
  };
}

describe('findElectronBinary', () => {
  it('finds the downloaded runtime through path.txt', () => {
    const bin = path.join(pkg, 'dist', 'electron');
    expect(findElectronBinary({ packageDir: pkg, env: {}, platform: 'linux', ...fs([bin], 'electron') })).toEqual({ ok: true, path: bin, source: 'package' });
  });

  it('reports a blocked download when path.txt is missing (this machine)', () => {
    const found = findElectronBinary({ packageDir: pkg, env: {}, platform: 'linux', ...fs([]) });
    expect(found).toMatchObject({ ok: false, missing: path.join(pkg, 'dist', 'electron') });
    expect(found.ok ? '' : found.reason).toMatch(/download failed or is blocked/);
  });

  it('reports an unfinished download when path.txt points at nothing', () => {
    const found = findElectronBinary({ packageDir: pkg, env: {}, platform: 'linux', ...fs([], 'electron') });
    expect(found).toMatchObject({ ok: false, missing: path.join(pkg, 'dist', 'electron') });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH, with the platform’s executable name', () => {
    const bin = path.join('/opt/electron-45', 'Electron.app/Contents/MacOS/Electron');
    expect(findElectronBinary({ packageDir: pkg, env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron-45' }, platform: 'darwin', ...fs([bin]) })).toEqual({
      ok: true,
      path: bin,
      source: 'override',
    });
  });

  it('says so when the override points at an empty folder', () => {
    const found = findElectronBinary({ packageDir: pkg, env: { ELECTRON_OVERRIDE_DIST_PATH: '/nowhere' }, platform: 'linux', ...fs([]) });
    expect(found).toMatchObject({ ok: false, missing: path.join('/nowhere', 'electron') });
    expect(found.ok ? '' : found.reason).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
  });

  it('says when the electron package itself is absent', () => {
    const found = findElectronBinary({ packageDir: undefined, env: {}, platform: 'linux', ...fs([]) });
    expect(found).toMatchObject({ ok: false, missing: 'the electron npm package' });
  });

  it('names executables as electron’s installer does', () => {
    expect(platformExecutable('win32')).toBe('electron.exe');
    expect(platformExecutable('linux')).toBe('electron');
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
  });
});

describe('missingElectronHelp', () => {
  it('says what is missing, why, how to fix, and the browser alternative', () => {
    const text = missingElectronHelp({ missing: '/x/electron', reason: 'download blocked' });
    expect(text).toContain('/x/electron');
    expect(text).toContain('download blocked');
    expect(text).toContain('npx electron --version');
    expect(text).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(text).toContain('npm run serve -- --demo');
  });
});

describe('npm start without a runtime', () => {
  it('prints the help and exits 1', () => {
    const env = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(process.cwd(), 'test-results', 'no-electron-here') };
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], { env, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot start the desktop app');
    expect(run.stderr).toContain('npm run serve -- --demo');
  });
});

describe('npm start when the runtime download fails (first start, offline)', () => {
  // A machine that already has the runtime never downloads it: nothing to show there.
  const hasRuntime = existsSync(path.join(process.cwd(), 'node_modules', 'electron', 'path.txt'));
  it.skipIf(hasRuntime)('says it could not fetch it in one line — no raw stack trace — then explains', () => {
    // A mirror on a closed port makes Electron's own downloader fail at once, online or not.
    const env = { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', ELECTRON_OVERRIDE_DIST_PATH: '' };
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], { env, encoding: 'utf8', timeout: 60_000 });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status).toBe(1);
    expect(output).toMatch(/Could not fetch it/);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).toContain('npm run serve -- --demo');
  });
});

