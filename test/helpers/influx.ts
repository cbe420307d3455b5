import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../bench/stats.ts';

/**
 * A real InfluxDB 1.x (Debian `influxdb`) for tests and benches: its own config in `dir`, HTTP and RPC on
 * loopback ports, meta/data/wal under `dir`, no usage reporting, no internal monitor, quiet logs. Stopped
 * by PID. `stop()` then `start()` again reuses the same port and data (a restart of the target).
 */
export interface Influx {
  readonly url: string;
  readonly port: number;
  readonly pid: number | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** InfluxQL over HTTP; returns the parsed JSON. */
  query(q: string, db?: string): Promise<InfluxResult>;
}

export interface InfluxResult {
  results: { statement_id: number; error?: string; series?: { name: string; tags?: Record<string, string>; columns: string[]; values: unknown[][] }[] }[];
}

/** Why influxd cannot run here, or undefined when it can. */
export function influxUnavailable(): string | undefined {
  const r = spawnSync('influxd', ['version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return 'influxd is not installed (Debian package `influxdb`; .ci/run installs it)';
  return undefined;
}

export async function createInflux(dir: string): Promise<Influx> {
  const port = await freePort();
  const rpc = await freePort();
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'influxdb.conf');
  writeFileSync(
    config,
    `reporting-disabled = true
bind-address = "127.0.0.1:${rpc}"
[meta]
  dir = "${join(dir, 'meta')}"
  logging-enabled = false
[data]
  dir = "${join(dir, 'data')}"
  wal-dir = "${join(dir, 'wal')}"
  query-log-enabled = false
[monitor]
  store-enabled = false
[subscriber]
  enabled = false
[continuous_queries]
  enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:${port}"
  log-enabled = false
  pprof-enabled = false
[logging]
  level = "warn"
`,
  );
  const url = `http://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  let output = '';

  const ping = async () => {
    try {
      return (await fetch(`${url}/ping`)).status === 204;
    } catch {
      return false;
    }
  };

  return {
    url,
    port,
    get pid() {
      return proc?.pid;
    },
    async start() {
      if (proc) return;
      output = '';
      const p = spawn('influxd', ['run', '-config', config], { stdio: ['ignore', 'pipe', 'pipe'] });
      proc = p;
      p.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      p.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      const end = Date.now() + 30_000;
      while (!(await ping())) {
        if (p.exitCode !== null) throw new Error(`influxd exited with ${p.exitCode}:\n${output}`);
        if (Date.now() > end) throw new Error(`influxd did not answer /ping in 30 s:\n${output}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      const p = proc;
      if (!p) return;
      proc = undefined;
      if (p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      const killer = setTimeout(() => p.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
    async query(q, db) {
      const body = new URLSearchParams({ q, epoch: 'ms' });
      if (db) body.set('db', db);
      const res = await fetch(`${url}/query`, { method: 'POST', body });
      return (await res.json()) as InfluxResult;
    },
  };
}
