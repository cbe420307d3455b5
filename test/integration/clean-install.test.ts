import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useTempDirs } from '../helpers/tmp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * README's install command on a fresh checkout must not rewrite package-lock.json (a dirty tree after
 * `npm install` makes every newcomer wonder what they broke). npm fills some lock fields from registry
 * metadata (e.g. hasInstallScript), so only a real install can tell: this one runs from npm's cache.
 */
describe('npm install on a fresh checkout', () => {
  const tempDir = useTempDirs();

  it('leaves package-lock.json byte for byte as committed', () => {
    const dir = tempDir();
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(root, f), join(dir, f));
    const before = readFileSync(join(dir, 'package-lock.json'), 'utf8');
    // --ignore-scripts: the lock does not depend on them, and native builds would only make this slow.
    const r = spawnSync('npm', ['install', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8', timeout: 280_000 });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(readFileSync(join(dir, 'package-lock.json'), 'utf8') === before).toBe(true);
  }, 300_000);
});
