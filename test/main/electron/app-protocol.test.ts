import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, mimeTypeFor, resolveAppPath } from '../../../main/electron/app-protocol.ts';
import { contentSecurityPolicy } from '../../../main/electron/security.ts';

const root = path.resolve('/srv/showsite/dist/renderer');

describe('resolveAppPath', () => {
  it('maps the root and files under it', () => {
    expect(resolveAppPath(root, 'app://showsite/')).toEqual({ ok: true, filePath: path.join(root, 'index.html'), spaFallback: false });
    expect(resolveAppPath(root, 'app://showsite')).toMatchObject({ ok: true, filePath: path.join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://showsite/assets/index-abc.js?v=2#x')).toEqual({
      ok: true,
      filePath: path.join(root, 'assets', 'index-abc.js'),
      spaFallback: false,
    });
  });

  it('decodes ordinary escapes', () => {
    expect(resolveAppPath(root, 'app://showsite/fonts/Inter%20Var.woff2')).toMatchObject({ ok: true, filePath: path.join(root, 'fonts', 'Inter Var.woff2') });
  });

  it('falls back to index.html for extension-less client routes', () => {
    expect(resolveAppPath(root, 'app://showsite/devices/42')).toEqual({ ok: true, filePath: path.join(root, 'index.html'), spaFallback: true });
  });

  it.each([
    'app://showsite/%2e%2e/%2e%2e/etc/passwd',
    'app://showsite/..%2f..%2fetc/passwd',
    'app://showsite/assets/..%5c..%5csecret.txt',
    'app://showsite/%252e%252e/secret.txt',
    'app://showsite/a/../../../etc/passwd',
    'app://showsite/C:/Windows/win.ini',
    'app://showsite/%00.html',
  ])('never leaves the root for %s', (url) => {
    const r = resolveAppPath(root, url);
    expect(!r.ok || r.filePath.startsWith(root + path.sep)).toBe(true);
  });

  it('rejects encoded separators, NUL and drive letters outright', () => {
    expect(resolveAppPath(root, 'app://showsite/..%2fsecret.txt')).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://showsite/a%5cb.js')).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://showsite/a%00.js')).toEqual({ ok: false, status: 400 });
    expect(resolveAppPath(root, 'app://showsite/C:/x.js')).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'app://showsite/%E0%A4%A.js')).toEqual({ ok: false, status: 400 });
  });

  it('rejects other hosts and schemes', () => {
    expect(resolveAppPath(root, 'app://other/index.html')).toEqual({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toEqual({ ok: false, status: 403 });
  });
});

describe('mimeTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b/app.JS', 'text/javascript; charset=utf-8'],
    ['chunk.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['mod.wasm', 'application/wasm'],
    ['unknown.bin', 'application/octet-stream'],
    ['Makefile', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeTypeFor(file)).toBe(type);
  });
});

describe('createAppProtocolHandler (real files)', () => {
  let dir: string;
  let rendererDir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'showsite-proto-'));
    rendererDir = path.join(dir, 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Showsite</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, init?: RequestInit & { initiatorOrigin?: string | null }) => {
    const request = new Request(url, init);
    if (init && 'initiatorOrigin' in init) Object.assign(request, { initiatorOrigin: init.initiatorOrigin });
    return createAppProtocolHandler(rendererDir)(request);
  };

  it('serves files with their MIME type, the CSP and nosniff', async () => {
    const res = await get('app://showsite/assets/app.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log(1)');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves index.html for the root and client routes', async () => {
    for (const url of ['app://showsite/', 'app://showsite/devices']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await res.text()).toContain('<title>Showsite</title>');
    }
  });

  it('does not serve a file beside the root, even via traversal', async () => {
    for (const url of ['app://showsite/../secret.txt', 'app://showsite/%2e%2e/secret.txt', 'app://showsite/..%2fsecret.txt']) {
      const res = await get(url);
      expect(res.status).not.toBe(200);
      expect(await res.text()).not.toContain('do not serve');
    }
  });

  it('answers 404 with the CSP for a missing file', async () => {
    const res = await get('app://showsite/assets/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  });

  it('refuses methods other than GET/HEAD', async () => {
    expect((await get('app://showsite/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await get('app://showsite/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses requests initiated by another origin, allows our own and browser-initiated ones', async () => {
    expect((await get('app://showsite/assets/app.js', { initiatorOrigin: 'https://evil.example' })).status).toBe(403);
    expect((await get('app://showsite/assets/app.js', { initiatorOrigin: 'null' })).status).toBe(403);
    expect((await get('app://showsite/assets/app.js', { initiatorOrigin: 'app://showsite' })).status).toBe(200);
    expect((await get('app://showsite/assets/app.js')).status).toBe(200);
  });

  it('uses the injected reader and maps its failure to 404', async () => {
    const seen: string[] = [];
    const handler = createAppProtocolHandler('/r', async (p) => {
      seen.push(p);
      throw new Error('ENOENT');
    });
    expect((await handler(new Request('app://showsite/x.css'))).status).toBe(404);
    expect(seen).toEqual([path.resolve('/r', 'x.css')]);
  });
});
