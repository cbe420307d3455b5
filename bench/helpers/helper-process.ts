import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface HelperProcess {
  proc: ChildProcess;
  /** Everything it printed so far. */
  output: () => string;
  /** Settles once it printed "ready"; rejects if it exits first or takes over 20 s. */
  ready: Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts one of the measuring scripts in bench/helpers/ (`artnet-receiver.ts` …) in its own process, so what
 * it times is not disturbed by the event loop under test.
 */
export function startHelper(script: string, args: string[]): HelperProcess {
  return spawnHelper(script, process.execPath, [new URL(`./${script}`, import.meta.url).pathname, ...args]);
}

/**
 * Compiles one of the C helpers in bench/helpers/ (`artnet-receiver.c`) with the system's C compiler into
 * `outDir`; undefined (and the reason) when there is no compiler or it fails, so the caller can fall back.
 */
export function buildNativeHelper(source: string, outDir: string): { binary?: string; why?: string } {
  const binary = join(outDir, source.replace(/\.c$/, ''));
  const r = spawnSync('cc', ['-O2', '-o', binary, new URL(`./${source}`, import.meta.url).pathname], { encoding: 'utf8' });
  if (r.error) return { why: `no C compiler (${r.error.message})` };
  if (r.status !== 0) return { why: `cc failed: ${r.stderr.trim().split('\n')[0]}` };
  return { binary };
}

/** Starts a compiled helper (see buildNativeHelper); same contract as startHelper. */
export function startNativeHelper(binary: string, args: string[]): HelperProcess {
  return spawnHelper(binary, binary, args);
}

function spawnHelper(script: string, command: string, args: string[]): HelperProcess {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const ready = (async () => {
    const end = Date.now() + 20_000;
    while (!out.includes('ready')) {
      if (proc.exitCode !== null || Date.now() > end) throw new Error(`${script} did not start`);
      await sleep(20);
    }
  })();
  return { proc, output: () => out, ready };
}

/** SIGTERM, wait for it to exit, and return the one JSON line of figures it printed then ({} if none). */
export async function stopHelper(h: Pick<HelperProcess, 'proc' | 'output'>): Promise<Record<string, unknown>> {
  h.proc.kill('SIGTERM');
  await new Promise((r) => h.proc.once('exit', r));
  return JSON.parse(h.output().split('\n').find((l) => l.startsWith('{')) ?? '{}') as Record<string, unknown>;
}
