import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|cts)$/.test(name) ? [path] : [];
  });
}

/** Module specifiers a file imports or requires (static, dynamic, re-export). */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)];
  return found.map((m) => m[1] ?? m[2] ?? m[3] ?? m[4] ?? '');
}

const offenders = (files: string[], bad: (spec: string, file: string) => boolean) =>
  files.flatMap((f) => imports(f).filter((s) => bad(s, f)).map((s) => `${relative(root, join(root, f))} imports ${s}`));

describe('architecture boundaries (DESIGN.md "Layout")', () => {
  it('nothing under main/ outside main/electron/ imports electron', () => {
    const files = sources('main').filter((f) => !f.startsWith(join('main', 'electron')));
    expect(files.length).toBeGreaterThan(10);
    expect(offenders(files, (s) => s === 'electron' || s.startsWith('electron/'))).toEqual([]);
  });

  it('native/ adapters and codecs import neither electron nor the renderer', () => {
    expect(offenders(sources('native'), (s) => s === 'electron' || s.includes('/renderer/') || s.includes('main/electron'))).toEqual([]);
  });

  it('the renderer imports nothing from main/ or native/ and no Node built-ins', () => {
    expect(offenders(sources('renderer'), (s) => /(^|\/)(main|native)\//.test(s) || s.startsWith('node:') || s === 'electron')).toEqual([]);
  });

  it('the contract depends on nothing but zod', () => {
    expect(offenders(sources('preload/contract'), (s) => !s.startsWith('./') && s !== 'zod')).toEqual([]);
  });

  it('the import scanner itself sees imports (so the checks above can fail)', () => {
    expect(imports('main/core/app.ts')).toContain('../store/db.ts');
  });
});
