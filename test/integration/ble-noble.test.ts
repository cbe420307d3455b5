import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BleService } from '../../main/ble/service.ts';
import type { ServiceContext } from '../../main/runtime/service.ts';
import { NobleScanner, type ScannerState } from '../../native/ble/scanner.ts';
import { defaultSettings } from '../../preload/contract/index.ts';
import { quietLogger } from '../helpers/core.ts';
import { waitFor } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

/**
 * The real @abandonware/noble with a correctly built Linux backend, on a kernel without Bluetooth
 * (PEERS.md: AF_BLUETOOTH → EAFNOSUPPORT). The project's own copy of the backend is built against other
 * Node headers (the "broken module" case, tested elsewhere), so this test builds a private copy against
 * this Node's headers. It skips, saying why, where that cannot be done.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const modules = join(root, 'node_modules');

/** A folder with this Node's own headers (include/node/node_version.h of the same major.minor), for node-gyp --nodedir. */
function nodeHeadersDir(): string | undefined {
  const exe = realpathSync(process.execPath);
  const prefix = dirname(dirname(exe));
  const candidates = [prefix, join(prefix, 'node_modules', `node-${process.platform}-${process.arch}`), process.env.npm_config_nodedir ?? ''];
  const [major, minor] = process.versions.node.split('.');
  for (const dir of candidates) {
    const h = join(dir, 'include', 'node', 'node_version.h');
    if (!dir || !existsSync(h)) continue;
    const text = readFileSync(h, 'utf8');
    if (text.includes(`#define NODE_MAJOR_VERSION ${major}\n`) && text.includes(`#define NODE_MINOR_VERSION ${minor}\n`)) return dir;
  }
  return undefined;
}

const why =
  process.platform !== 'linux'
    ? 'the noble Linux backend is only built on Linux'
    : !existsSync(join(modules, '@abandonware/noble')) || !existsSync(join(modules, '@abandonware/bluetooth-hci-socket/src'))
      ? '@abandonware/noble or its Linux backend sources are not installed (an optional dependency that failed to install)'
      : !existsSync(join(modules, 'node-gyp/bin/node-gyp.js'))
        ? 'node-gyp is not installed'
        : nodeHeadersDir() === undefined
          ? `no Node ${process.versions.node} headers on this machine to build the backend against`
          : undefined;
if (why) console.warn(`skipping the real-noble test: ${why}`);

describe.skipIf(why !== undefined)('real noble, correctly built backend, no Bluetooth in the kernel', () => {
  const tempDir = useTempDirs('all');
  let load: () => Promise<unknown>;
  let buildError: string | undefined;

  beforeAll(() => {
    const dir = tempDir();
    const nm = join(dir, 'node_modules');
    mkdirSync(join(nm, '@abandonware'), { recursive: true });
    for (const pkg of ['noble', 'bluetooth-hci-socket']) cpSync(join(modules, '@abandonware', pkg), join(nm, '@abandonware', pkg), { recursive: true, dereference: true });
    for (const dep of ['debug', 'ms', 'nan']) symlinkSync(join(modules, dep), join(nm, dep));
    const hci = join(nm, '@abandonware/bluetooth-hci-socket');
    rmSync(join(hci, 'build'), { recursive: true, force: true });
    // npm's own nodedir setting (an environment variable under `npm test`) would override --nodedir.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'));
    const r = spawnSync(process.execPath, [join(modules, 'node-gyp/bin/node-gyp.js'), 'rebuild', `--nodedir=${nodeHeadersDir()}`, '--module_name=bluetooth_hci_socket', '--module_path=lib/binding'], { cwd: hci, env, encoding: 'utf8', timeout: 280_000 });
    if (r.status !== 0) buildError = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => /error/i.test(l)).slice(0, 5).join('\n');
    const req = createRequire(join(dir, 'loader.cjs'));
    load = async () => req('@abandonware/noble') as unknown;
  }, 300_000);

  it('the scanner reports "no adapter (AF_BLUETOOTH not supported)", and the service shows it', async () => {
    expect(buildError, `could not build the backend: ${buildError}`).toBeUndefined();
    const states: ScannerState[] = [];
    const scanner = new NobleScanner({ load });
    await scanner.start({ advertisement: () => undefined, malformed: () => undefined, state: (s) => states.push(s) });
    await waitFor(() => states.some((s) => s.state !== 'starting') || undefined, 5000);
    await scanner.stop();
    const last = states[states.length - 1]!;
    // A kernel with Bluetooth would get further; PEERS.md says these machines have none.
    expect(last).toEqual({ state: 'unavailable', reason: 'no adapter (AF_BLUETOOTH not supported)' });

    const reports: { state: string; message: string }[] = [];
    const ctx: ServiceContext = { logger: quietLogger, report: (state, message) => reports.push({ state, message }) };
    const service = new BleService({
      sink: { ingest: () => 0, suggestName: () => undefined },
      settings: () => defaultSettings,
      dataDir: tempDir(),
      now: Date.now,
      env: {},
      createScanner: () => new NobleScanner({ load }),
    });
    await service.start(defaultSettings.ble, ctx);
    await waitFor(() => reports.some((r) => r.state === 'error') || undefined, 5000);
    await service.stop();
    expect(reports.find((r) => r.state === 'error')).toEqual({ state: 'error', message: 'Bluetooth unavailable: no adapter (AF_BLUETOOTH not supported)' });
  }, 60_000);
});
