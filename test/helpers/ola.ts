import { execFile, execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * OLA (olad) as a real Art-Net peer, in a network namespace made for the test (PEERS.md "Art-Net and
 * Enttec: OLA"): namespace `ns` holds olad at `olaIp` on one end of a veth pair; the other end
 * (`hostIp`) stays in this namespace, where the console under test runs. Traffic never leaves the pair.
 */
export interface OlaPeer {
  ns: string;
  olaIp: string;
  hostIp: string;
  /** Run an OLA command-line tool (ola_patch, ola_set_dmx…) inside the namespace. */
  tool(args: string[]): string;
  /** GET olad's HTTP API inside the namespace. */
  http(path: string): string;
  /** olad's view of an OLA universe. */
  dmx(universe: number): number[];
  stop(): void;
}

/** Why an OLA test cannot run here, or undefined when it can. */
export function olaUnavailable(): string | undefined {
  if (process.platform !== 'linux') return 'network namespaces are Linux only';
  if (!existsSync('/usr/bin/olad')) return 'olad is not installed (apt-get install ola)';
  if (process.getuid?.() !== 0) return 'creating network namespaces needs root';
  const probe = `showsite-probe-${process.pid}`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (add.status !== 0) return `cannot create a network namespace: ${add.stderr.trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Start olad with only the Art-Net plugin, bound to olaIp, in a fresh namespace linked to this one. */
export async function startOla(id: number): Promise<OlaPeer> {
  const ns = `showsite-ola-${process.pid}-${id}`;
  const confNs = `${ns}-conf`;
  const hostDev = `vsh${process.pid % 10000}${id}`;
  const peerDev = `vso${process.pid % 10000}${id}`;
  const subnet = 80 + (id % 100);
  const olaIp = `10.${subnet}.0.1`;
  const hostIp = `10.${subnet}.0.2`;
  const conf = mkdtempSync(join(tmpdir(), 'showsite-ola-'));
  chmodSync(conf, 0o755);
  const uid = Number(run('id', ['-u', 'olad']).trim());
  const gid = Number(run('id', ['-g', 'olad']).trim());
  chownSync(conf, uid, gid);
  const olad = (netns: string, extra: string[] = []) => ['netns', 'exec', netns, 'setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', 'olad', '-c', conf, '-l', '3', '--no-register-with-dns-sd', ...extra];
  const cleanups: (() => void)[] = [];
  let proc: ChildProcess | undefined;
  const stop = () => {
    if (proc && proc.exitCode === null) proc.kill('SIGTERM');
    for (const c of cleanups.reverse()) {
      try {
        c();
      } catch {
        // best effort
      }
    }
    rmSync(conf, { recursive: true, force: true });
  };
  try {
    // 1. Write default configs where olad cannot reach any network (only lo), then keep only Art-Net.
    run('ip', ['netns', 'add', confNs]);
    cleanups.push(() => run('ip', ['netns', 'del', confNs]));
    run('ip', ['-n', confNs, 'link', 'set', 'lo', 'up']);
    const first = spawn('ip', olad(confNs), { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    while (!existsSync(join(conf, 'ola-artnet.conf')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));
    for (const f of readdirSync(conf).filter((f) => /^ola-.*\.conf$/.test(f))) {
      const path = join(conf, f);
      const text = readFileSync(path, 'utf8').replace(/^enabled\s*=.*$/m, `enabled = ${f === 'ola-artnet.conf' ? 'true' : 'false'}`);
      writeFileSync(path, f === 'ola-artnet.conf' ? withArtnet(text, olaIp) : text);
    }
    // 2. The pair of namespaces' link: olad's end in ns, ours here.
    run('ip', ['netns', 'add', ns]);
    cleanups.push(() => run('ip', ['netns', 'del', ns]));
    run('ip', ['link', 'add', hostDev, 'type', 'veth', 'peer', 'name', peerDev]);
    cleanups.push(() => spawnSync('ip', ['link', 'del', hostDev]));
    run('ip', ['link', 'set', peerDev, 'netns', ns]);
    run('ip', ['-n', ns, 'addr', 'add', `${olaIp}/24`, 'brd', '+', 'dev', peerDev]);
    run('ip', ['addr', 'add', `${hostIp}/24`, 'brd', '+', 'dev', hostDev]);
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    run('ip', ['-n', ns, 'link', 'set', peerDev, 'up']);
    run('ip', ['link', 'set', hostDev, 'up']);
    // 3. olad for real.
    proc = spawn('ip', olad(ns), { stdio: 'ignore' });
    const peer: OlaPeer = {
      ns,
      olaIp,
      hostIp,
      tool: (args) => run('ip', ['netns', 'exec', ns, ...args]),
      http: (path) => run('ip', ['netns', 'exec', ns, 'curl', '-s', '--max-time', '3', `http://127.0.0.1:9090${path}`]),
      dmx: (universe) => {
        const body = peer.http(`/get_dmx?u=${universe}`);
        return (JSON.parse(body) as { dmx: number[] }).dmx;
      },
      stop,
    };
    const ready = Date.now() + 15_000;
    for (;;) {
      try {
        if (peer.http('/json/server_stats').includes('version')) break;
      } catch {
        // not up yet
      }
      if (Date.now() > ready) throw new Error('olad did not start its HTTP server within 15 s');
      await new Promise((r) => setTimeout(r, 200));
    }
    return peer;
  } catch (error) {
    stop();
    throw error;
  }
}

function withArtnet(text: string, ip: string): string {
  const set = (t: string, key: string, value: string) => (new RegExp(`^${key}\\s*=.*$`, 'm').test(t) ? t.replace(new RegExp(`^${key}\\s*=.*$`, 'm'), `${key} = ${value}`) : `${t.trimEnd()}\n${key} = ${value}\n`);
  let t = text;
  for (const [k, v] of [
    ['ip', ip],
    ['always_broadcast', 'true'],
    ['use_limited_broadcast', 'false'],
    ['use_loopback', 'false'],
    ['output_ports', '4'],
    ['input_ports', '4'],
  ] as const)
    t = set(t, k, v);
  return t;
}

/** olad with only its usbserial plugin (Enttec DMX USB Pro), looking for widgets in `deviceDir`. */
export interface OlaUsbSerialPeer {
  ns: string;
  /**
   * Run an OLA command-line tool inside olad's namespace. Asynchronous on purpose: the simulated widget
   * answers olad from this process, and a blocking call would make it miss olad's probe deadline.
   */
  tool(args: string[]): Promise<string>;
  /** The id of the first device olad found (ola_dev_info), once it has one. */
  deviceId(timeoutMs?: number): Promise<number>;
  stop(): void;
}

/**
 * olad for the Enttec case (PEERS.md "Art-Net and Enttec: OLA"): in a namespace with only `lo` (so no
 * plugin can reach a network even if one were on), every plugin but usbserial disabled, `device_dir` =
 * `deviceDir`, `device_prefix` = `ttyUSB`. The caller puts a pty there (socat `link=…/ttyUSB_fake0`,
 * mode 666 for the olad user) whose far end answers OLA's probe (labels 77, 78, 10, 3). Stale UUCP locks
 * on `lockNames` (left by an olad killed hard) are cleared before start and after stop.
 */
export async function startOlaUsbSerial(id: number, deviceDir: string, lockNames: readonly string[] = ['ttyUSB_fake0']): Promise<OlaUsbSerialPeer> {
  const ns = `showsite-olaser-${process.pid}-${id}`;
  const conf = mkdtempSync(join(tmpdir(), 'showsite-ola-usbserial-'));
  chmodSync(conf, 0o755);
  const uid = Number(run('id', ['-u', 'olad']).trim());
  const gid = Number(run('id', ['-g', 'olad']).trim());
  chownSync(conf, uid, gid);
  const clearLocks = () => {
    for (const name of lockNames) rmSync(`/var/lock/LCK..${name}`, { force: true });
  };
  clearLocks();
  const olad = () => ['netns', 'exec', ns, 'setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--init-groups', 'olad', '-c', conf, '-l', '3', '--no-register-with-dns-sd'];
  let proc: ChildProcess | undefined;
  let nsMade = false;
  const stop = () => {
    if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    if (nsMade) spawnSync('ip', ['netns', 'del', ns]);
    clearLocks();
    rmSync(conf, { recursive: true, force: true });
  };
  try {
    run('ip', ['netns', 'add', ns]);
    nsMade = true;
    run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    // 1. Default configs, then only usbserial on, pointed at our directory. It starts off, so this first
    // run never opens a real /dev/ttyUSB* of the machine (the namespace isolates the network, not /dev).
    writeFileSync(join(conf, 'ola-usbserial.conf'), 'enabled = false\n');
    chownSync(join(conf, 'ola-usbserial.conf'), uid, gid);
    const first = spawn('ip', olad(), { stdio: 'ignore' });
    const deadline = Date.now() + 15_000;
    while (!existsSync(join(conf, 'ola-artnet.conf')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));
    clearLocks();
    for (const f of readdirSync(conf).filter((f) => /^ola-.*\.conf$/.test(f))) {
      const path = join(conf, f);
      let text = readFileSync(path, 'utf8').replace(/^enabled\s*=.*$/m, `enabled = ${f === 'ola-usbserial.conf' ? 'true' : 'false'}`);
      if (f === 'ola-usbserial.conf') {
        // Only our directory and prefix: OLA must not touch a real /dev/ttyUSB* of this machine.
        text = text.replace(/^device_(dir|prefix)\s*=.*\n/gm, '');
        text = `${text.trimEnd()}\ndevice_dir = ${deviceDir}\ndevice_prefix = ttyUSB\n`;
      }
      writeFileSync(path, text);
    }
    // 2. olad for real.
    proc = spawn('ip', olad(), { stdio: 'ignore' });
    const tool = (args: string[]) =>
      new Promise<string>((resolve, reject) => execFile('ip', ['netns', 'exec', ns, ...args], { encoding: 'utf8', timeout: 10_000 }, (e, out) => (e ? reject(e) : resolve(out))));
    const peer: OlaUsbSerialPeer = {
      ns,
      tool,
      deviceId: async (timeoutMs = 20_000) => {
        const end = Date.now() + timeoutMs;
        for (;;) {
          try {
            const m = /^Device (\d+):/m.exec(await tool(['ola_dev_info']));
            if (m) return Number(m[1]);
          } catch {
            // olad not answering RPCs yet
          }
          if (Date.now() > end) throw new Error('olad found no USB Pro widget in time');
          await new Promise((r) => setTimeout(r, 250));
        }
      },
      stop,
    };
    return peer;
  } catch (error) {
    stop();
    throw error;
  }
}
