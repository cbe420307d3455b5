import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { bearerToken, cookieToken, roleForToken, sameOrigin, sessionCookieHeader, tokensMatch } from '../../../main/api/auth.ts';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('auth', () => {
  it('matches tokens exactly', () => {
    expect(tokensMatch('abc123xyz', 'abc123xyz')).toBe(true);
    expect(tokensMatch('abc123xy', 'abc123xyz')).toBe(false);
    expect(tokensMatch(undefined, 'abc')).toBe(false);
    expect(tokensMatch('', '')).toBe(false);
  });

  it('reads a bearer token and a session cookie', () => {
    expect(bearerToken(req({ authorization: 'Bearer t0k3n' }))).toBe('t0k3n');
    expect(bearerToken(req({ authorization: 'Basic dXNlcg==' }))).toBeUndefined();
    expect(cookieToken(req({ cookie: 'a=1; showsite_token=s%3Dx; b=2' }))).toBe('s=x');
    expect(cookieToken(req({ cookie: 'showsite_token=%E0%A4%A' }))).toBeUndefined();
  });

  it('honours a cookie only from our own origin', () => {
    expect(sameOrigin(req({ host: '10.0.0.5:8787', origin: 'http://10.0.0.5:8787' }))).toBe(true);
    expect(sameOrigin(req({ host: '10.0.0.5:8787', origin: 'http://evil.example' }))).toBe(false);
    expect(sameOrigin(req({ host: '10.0.0.5:8787', origin: 'not a url' }))).toBe(false);
  });

  it('the session cookie cannot be read by scripts or sent by other sites', () => {
    const h = sessionCookieHeader('tok');
    expect(h).toContain('HttpOnly');
    expect(h).toContain('SameSite=Strict');
  });

  it('maps each token to its role, and anything else to none', () => {
    const tokens = { control: 'ctl-token', viewer: 'view-token' };
    expect(roleForToken('ctl-token', tokens)).toBe('control');
    expect(roleForToken('view-token', tokens)).toBe('view');
    expect(roleForToken('other', tokens)).toBeUndefined();
    expect(roleForToken(undefined, tokens)).toBeUndefined();
  });
});
