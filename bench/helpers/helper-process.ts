import { spawn, type ChildProcess } from 'node:child_process';

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
  const proc = spawn(process.execPath, [new URL(`./${script}`, import.meta.url).pathname, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
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
