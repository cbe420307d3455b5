import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { concatBytes } from '../../native/bytes.ts';
import { EnttecProTwin } from '../../native/enttec/twin.ts';
import { openSerial, type SerialLink } from '../../native/serial/link.ts';

/**
 * socat pty pairs (PEERS.md "Serial: socat"): a null-modem cable between two paths, started and killed by
 * the test. Killing socat is "unplugging" both ends; starting it again at the same paths is "replugging".
 */
export interface PtyPair {
  /** The two ends (symlinks to /dev/pts/N). */
  a: string;
  b: string;
  proc: ChildProcess;
  /** Kill socat (SIGKILL = yanked cable: its links stay behind, dangling) and wait for it to go. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function socatUnavailable(): string | undefined {
  if (process.platform === 'win32') return 'socat pty pairs need a Unix system';
  const r = spawnSync('socat', ['-V'], { encoding: 'utf8' });
  return r.status === 0 ? undefined : 'socat is not installed (apt-get install socat)';
}

/** Start `socat pty,link=a pty,link=b` and wait until both links exist. `mode` e.g. '666' for another user (olad). */
export async function startPtyPair(dir: string, names: [string, string] = ['ttyA', 'ttyB'], options: { mode?: string } = {}): Promise<PtyPair> {
  const a = join(dir, names[0]);
  const b = join(dir, names[1]);
  for (const p of [a, b]) rmSync(p, { force: true }); // a dangling link from a killed socat
  const mode = options.mode ? `,mode=${options.mode}` : '';
  const proc = spawn('socat', [`pty,raw,echo=0,link=${a}${mode}`, `pty,raw,echo=0,link=${b}${mode}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(a) && existsSync(b))) {
    if (proc.exitCode !== null || Date.now() > deadline) throw new Error(`socat did not make the pty pair: ${err}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    a,
    b,
    proc,
    stop: async (signal = 'SIGKILL') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      await exited;
    },
  };
}

/** The far end of a pty: every byte received, and a way to answer. */
export interface FarEnd {
  link: SerialLink;
  /** Everything received since open (or since take()). */
  received(): Uint8Array;
  take(): Uint8Array;
  write(bytes: Uint8Array | string): Promise<void>;
  closed: Promise<Error | null>;
  close(): Promise<void>;
}

export async function openFarEnd(path: string, onData?: (chunk: Uint8Array, end: FarEnd) => void): Promise<FarEnd> {
  let chunks: Uint8Array[] = [];
  let closedWith: (e: Error | null) => void = () => {};
  const closed = new Promise<Error | null>((r) => (closedWith = r));
  // Assigned once the link exists; the data callback (which only runs after that) uses it.
  // eslint-disable-next-line prefer-const
  let end: FarEnd;
  const link = await openSerial(path, 115_200, {
    onData: (chunk) => {
      const copy = chunk.slice();
      chunks.push(copy);
      if (onData) onData(copy, end);
    },
    onClose: (e) => closedWith(e),
  });
  const joined = () => concatBytes(chunks);
  end = {
    link,
    received: joined,
    take: () => {
      const out = joined();
      chunks = [];
      return out;
    },
    write: (bytes) => link.write(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
    closed,
    close: () => link.close(),
  };
  return end;
}

/** A simulated DMX USB Pro answering on the far end of a pty; `arrivals` stamps each label-6 frame. */
export async function openTwinEnd(path: string, twin = new EnttecProTwin({ historyLimit: 100_000 })): Promise<FarEnd & { twin: EnttecProTwin }> {
  const end = await openFarEnd(path, (chunk, e) => {
    const reply = twin.feed(chunk, performance.now());
    if (reply.length > 0) void e.write(reply).catch(() => {});
  });
  return Object.assign(end, { twin });
}

/**
 * The raw bytes of every complete Enttec frame with `label` in a captured byte stream, walked by length
 * (as a widget reads it), so a test can compare bytes on the wire, not decoded values.
 */
export function rawFrames(stream: Uint8Array, label: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i + 4 < stream.length) {
    if (stream[i] !== 0x7e) {
      i++;
      continue;
    }
    const len = stream[i + 2]! | (stream[i + 3]! << 8);
    const end = i + 4 + len;
    if (len > 600 || end >= stream.length || stream[end] !== 0xe7) {
      i++;
      continue;
    }
    if (stream[i + 1] === label) out.push(stream.slice(i, end + 1));
    i = end + 1;
  }
  return out;
}

export const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
