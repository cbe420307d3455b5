import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const mime: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** Map a URL path to a file inside root, or undefined if it would escape root. */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  // Browsers resolve dot segments before sending; a request that still has one is probing.
  if (decoded.includes('\0') || decoded.split(/[/\\]/).includes('..')) return undefined;
  const rel = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^([/\\])+/, '');
  const full = resolve(root, rel);
  const base = resolve(root);
  return full === base || full.startsWith(base + sep) ? full : undefined;
}

export async function loadStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string; immutable: boolean } | undefined> {
  const file = resolveInside(root, urlPath);
  if (!file) return undefined;
  try {
    const s = await stat(file);
    if (!s.isFile()) return undefined;
    // Vite names built assets by content hash: they can be cached forever.
    return { body: await readFile(file), type: mime[extname(file)] ?? 'application/octet-stream', immutable: file.includes(`${sep}assets${sep}`) };
  } catch {
    return undefined;
  }
}

export const indexPath = (root: string) => join(root, 'index.html');
