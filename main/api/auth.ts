import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const sessionCookie = 'showsite_token';

export type Role = 'view' | 'control';
/** The tokens in force: the control token may change things; the viewer token only watches. */
export interface Tokens {
  control: string;
  viewer: string;
}

/** Which role a presented token grants, if any. */
export function roleForToken(given: string | undefined, tokens: Tokens): Role | undefined {
  if (tokensMatch(given, tokens.control)) return 'control';
  if (tokensMatch(given, tokens.viewer)) return 'view';
  return undefined;
}

/** Constant-time comparison (hash first so lengths never leak). */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m?.[1];
}

export function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === sessionCookie) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A cookie is only honoured from our own pages: blocks other sites opening a socket with the operator's cookie. */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true; // non-browser clients send no Origin
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

export function sessionCookieHeader(token: string): string {
  // HttpOnly: scripts can't read it; SameSite=Strict: other sites can't send it.
  return `${sessionCookie}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${60 * 60 * 24 * 30}`;
}
