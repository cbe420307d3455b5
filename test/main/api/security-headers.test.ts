import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { contentSecurityPolicy, cspDirectives } from '../../../main/api/security-headers.ts';

describe('content security policy', () => {
  it('allows no inline or remote code', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    expect(cspDirectives['script-src']).toBe("'self'");
  });

  it('the meta tag in renderer/index.html says the same (frame-ancestors aside: meta tags cannot carry it)', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const expected = Object.entries(cspDirectives)
      .filter(([name]) => name !== 'frame-ancestors')
      .map(([n, v]) => `${n} ${v}`)
      .join('; ');
    expect(meta).toBe(expected);
  });
});
