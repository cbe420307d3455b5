import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * `npm start` runs scripts/start.mjs, which runs Electron. A signal to npm's PID must reach Electron (whose
 * main process then stops the core cleanly — covered by test/main/electron/shutdown.test.ts). No Electron
 * binary can run on these machines, so a stand-in executable records which signal reached it.
 */
describe('npm start passes SIGINT and SIGTERM on to the desktop app', () => {
  const tempDir = useTempDirs();

  it.each(['SIGINT', 'SIGTERM'] as const)('%s to the npm process reaches Electron', async (signal) => {
    const dist = tempDir();
    const log = join(dist, 'signals.log');
    const fake = join(dist, process.platform === 'win32' ? 'electron.exe' : 'electron');
    writeFileSync(
      fake,
      `#!${process.execPath}\nconst fs = require('fs');\nfs.writeFileSync(${JSON.stringify(log)}, 'ready\\n');\nfor (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => { fs.appendFileSync(${JSON.stringify(log)}, s + '\\n'); process.exit(0); });\nsetInterval(() => {}, 1000);\n`,
    );
    chmodSync(fake, 0o755);
    const npm = spawn('npm', ['start'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist } });
    let out = '';
    npm.stdout.on('data', (d: Buffer) => (out += d.toString()));
    npm.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
    await waitFor(() => existsSync(log) || undefined, 60_000).catch(() => undefined);
    expect(existsSync(log), out).toBe(true);

    npm.kill(signal);
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
    expect(code, out).not.toBe('hung');
    expect(readFileSync(log, 'utf8').split('\n')).toContain(signal);
  }, 90_000);
});
