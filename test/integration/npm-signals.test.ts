import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A process manager (or a person with `kill`) holds the PID of `npm run serve`, not of the core behind it.
 * A signal to that PID must stop the core cleanly: lock released, nothing left serving.
 */
describe('npm run serve stops cleanly when npm itself gets the signal', () => {
  const tempDir = useTempDirs();

  it.each(['SIGINT', 'SIGTERM'] as const)('%s to the npm process', async (signal) => {
    const dataDir = tempDir();
    const npm = spawn('npm', ['run', 'serve', '--', '--port', '0', '--data-dir', dataDir, '--quiet', '--log-level', 'warn'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    const port = Number((await waitFor(() => /listening on http:\/\/[^:]+:(\d+)\//.exec(out)?.[1], 60_000).catch(() => undefined)) ?? NaN);
    expect(port, out).toBeGreaterThan(0);
    expect(existsSync(join(dataDir, 'showsite.lock'))).toBe(true);
    expect((await fetch(`http://127.0.0.1:${port}/api/health`)).status).toBe(200);

    npm.kill(signal);
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
    expect(code, out).not.toBe('hung');
    expect(existsSync(join(dataDir, 'showsite.lock'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  }, 90_000);
});
