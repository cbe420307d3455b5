import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface Served {
  proc: ChildProcess;
  port: number;
  url: string;
  output: () => string;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Start `showsite serve` as a real process. entry 'source' runs main/cli/index.ts (Node strips the types);
 * 'bundle' runs what ships (dist/core/cli.js, needs `npm run build`).
 */
export function startServe(args: string[], options: { entry?: 'source' | 'bundle'; timeoutMs?: number } = {}): Promise<Served> {
  const entry = options.entry === 'bundle' ? 'dist/core/cli.js' : 'main/cli/index.ts';
  // Every test core also checks its own results against the contract (a violation answers `internal`).
  const env = { ...process.env, SHOWSITE_CHECK_CONTRACT: '1' };
  const proc = spawn(process.execPath, [entry, 'serve', '--log-level', 'warn', '--quiet', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), options.timeoutMs ?? 20_000);
    const onData = () => {
      const m = /listening on http:\/\/[^:]+:(\d+)\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout!.off('data', onData);
      const port = Number(m[1]);
      resolve({
        proc,
        port,
        url: `http://127.0.0.1:${port}`,
        output: () => out,
        stop: async () => {
          if (proc.exitCode === null) proc.kill('SIGTERM');
          return exited;
        },
      });
    };
    proc.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

/** Run the CLI to completion (for commands expected to fail fast). */
export function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, ['main/cli/index.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, output })));
}

/** A tiny WebSocket client for tests: request/response by id, and collected events. */
export async function connectWs(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + '/ws', { headers });
  const events: { topic: string; data: unknown }[] = [];
  const replies = new Map<unknown, (m: unknown) => void>();
  const loose: unknown[] = [];
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString()) as { id?: unknown; topic?: string; data?: unknown };
    if (m.topic) events.push({ topic: m.topic, data: m.data });
    else if (m.id != null && replies.has(m.id)) replies.get(m.id)!(m);
    else loose.push(m);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  return {
    ws,
    events,
    loose,
    closed,
    call(method: string, params?: unknown): Promise<{ result?: unknown; error?: { code: string; message: string } }> {
      const id = nextId++;
      return new Promise((resolve) => {
        replies.set(id, resolve as (m: unknown) => void);
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    /** Send raw text; resolves with the next reply that has no known id. */
    raw(text: string): Promise<unknown> {
      const before = loose.length;
      ws.send(text);
      return waitFor(() => (loose.length > before ? loose[before] : undefined));
    },
    close: () => ws.close(),
  };
}

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
