// Serves dist/renderer over app://showsite/… . Pure apart from the injected file reader, so the
// traversal rules and headers are tested under Node (Request/Response are Node globals too).
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { isAppUrl, securityHeaders } from './security.ts';

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return mimeTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type Resolution = { ok: true; filePath: string; spaFallback: boolean } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps app://showsite/<path> to a file under rootDir. Rejects anything that could step outside it:
 * `..` segments (raw or percent-encoded), encoded slashes/backslashes, NUL, drive letters and
 * absolute paths. Paths without an extension fall back to index.html (client-side routes).
 */
export function resolveAppPath(rootDir: string, requestUrl: string): Resolution {
  if (!isAppUrl(requestUrl)) return { ok: false, status: 403 };
  // The raw path, before URL normalisation hides a `..` from us.
  const rawPath = new URL(requestUrl).pathname;
  if (/%2f|%5c|%00/i.test(rawPath)) return { ok: false, status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 400 };
  const segments = decoded.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..' || /^[a-zA-Z]:/.test(s))) return { ok: false, status: 403 };

  const root = path.resolve(rootDir);
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const filePath = path.resolve(root, relative);
  // Belt and braces: whatever the checks above missed, the result must stay under root.
  if (filePath !== root && !filePath.startsWith(root + path.sep)) return { ok: false, status: 403 };
  const spaFallback = segments.length > 0 && path.extname(relative) === '';
  return { ok: true, filePath: spaFallback ? path.join(root, 'index.html') : filePath, spaFallback };
}

export type FileReader = (filePath: string) => Promise<Uint8Array>;

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Origin of whoever asked, when Electron tells us (absent for requests the browser started itself). */
function initiatorOf(request: Request): string | null | undefined {
  return (request as Request & { initiatorOrigin?: string | null }).initiatorOrigin;
}

/** The protocol.handle handler: GET/HEAD only, only for our own pages, CSP on every response. */
export function createAppProtocolHandler(rootDir: string, read: FileReader = readFile): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    const initiator = initiatorOf(request);
    if (initiator !== undefined && !isAppUrl(`${initiator}/`)) return textResponse(403, 'Forbidden');
    const resolved = resolveAppPath(rootDir, request.url);
    if (!resolved.ok) return textResponse(resolved.status, resolved.status === 404 ? 'Not found' : 'Forbidden');
    let body: Uint8Array;
    try {
      body = await read(resolved.filePath);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        ...securityHeaders,
        'Content-Type': mimeTypeFor(resolved.filePath),
        // Files change on every build; always revalidate so a rebuilt UI is never half-cached.
        'Cache-Control': 'no-cache',
      },
    });
  };
}
