import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bench/stats.ts';

/**
 * A real Mosquitto (PEERS.md "MQTT: mosquitto") on a loopback port with a config written for the test:
 * persistence on (so a SIGTERM'd broker comes back with its sessions and queued QoS 1 messages), no
 * queue limits (Mosquitto's defaults drop QoS 1 messages to a subscriber that falls behind), log to a
 * file. Started and stopped by PID.
 */
export interface MosquittoPeer {
  port: number;
  dir: string;
  pid(): number | undefined;
  /** SIGTERM and wait (Mosquitto writes its persistence file on the way out). */
  stop(): Promise<void>;
  /** Start again on the same port with the same persistence. */
  start(): Promise<void>;
  log(): string;
  /** Stop and remove the folder. */
  dispose(): Promise<void>;
}

export function mosquittoUnavailable(): string | undefined {
  const bin = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p));
  if (!bin) return 'mosquitto is not installed (apt-get install mosquitto)';
  const v = spawnSync(bin, ['-h'], { encoding: 'utf8' });
  if (!/mosquitto version 2\./.test(`${v.stdout}${v.stderr}`)) return 'mosquitto 2.x is needed';
  return undefined;
}

function binary(): string {
  return ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => existsSync(p)) ?? 'mosquitto';
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const { connect } = await import('node:net');
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`mosquitto did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startMosquitto(options: { extraConfig?: string } = {}): Promise<MosquittoPeer> {
  const dir = mkdtempSync(join(tmpdir(), 'showsite-mosquitto-'));
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  const logFile = join(dir, 'mosquitto.log');
  writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1',
      'max_queued_messages 0',
      'max_inflight_messages 0',
      `log_dest file ${logFile}`,
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      // As root Mosquitto would drop to the mosquitto user, who cannot write this folder.
      ...(process.getuid?.() === 0 ? ['user root'] : []),
      options.extraConfig ?? '',
    ].join('\n') + '\n',
  );
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn(binary(), ['-c', conf], { stdio: 'ignore' });
    await waitForPort(port, 5000);
  };
  const stop = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return {
    port,
    dir,
    pid: () => proc?.pid,
    stop,
    start,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
