import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadStatic, resolveInside } from '../../../main/api/static-files.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('static files', () => {
  const tempDir = useTempDirs();

  it.each(['/../secret', '/..%2f..%2fetc/passwd', '/%2e%2e/x', '/a/../../x', '/%00', '/%E0%A4%A'])('refuses %s', (path) => {
    expect(resolveInside('/srv/ui', path)).toBeUndefined();
  });

  it('maps / to index.html and keeps paths inside the root', () => {
    expect(resolveInside('/srv/ui', '/')).toBe('/srv/ui/index.html');
    expect(resolveInside('/srv/ui', '/assets/app.js?v=1')).toBe('/srv/ui/assets/app.js');
    expect(resolveInside('/srv/ui', '/a/./b.css')).toBe('/srv/ui/a/b.css');
  });

  it('serves files with their type, hashed assets as immutable, and nothing for folders', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<html>');
    writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'x');
    expect(await loadStatic(root, '/')).toMatchObject({ type: 'text/html; charset=utf-8', immutable: false });
    expect(await loadStatic(root, '/assets/app-1a2b.js')).toMatchObject({ type: 'text/javascript; charset=utf-8', immutable: true });
    expect(await loadStatic(root, '/assets')).toBeUndefined();
    expect(await loadStatic(root, '/missing.js')).toBeUndefined();
  });
});
