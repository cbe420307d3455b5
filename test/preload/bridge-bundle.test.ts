// The sandboxed preload may require only 'electron': anything else fails at load time in a sandboxed renderer.
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('preload bundle', () => {
  it('is CommonJS that requires nothing but electron and exposes window.showsite', async () => {
    const result = await build({
      entryPoints: ['preload/bridge.ts'],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(code).toContain('exposeInMainWorld("showsite"');
    expect(code).toContain('showsite:call');
    expect(code).toContain('showsite:event');
    // zod and the rest of the contract stay out of the renderer's preload.
    expect(code.length).toBeLessThan(20_000);
  });
});
