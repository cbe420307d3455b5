/**
 * One open serial port as the adapters use it: bytes in through a callback, writes that say when the OS
 * took them, and a single "closed" callback whatever the cause (unplugged, our close, a read error).
 * Nothing is buffered behind the caller's back: a caller that waits for write() before writing again never
 * queues. Tests pass their own SerialOpener.
 */
import { writeSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { ReadStream } from 'node:tty';

export interface SerialLinkHandlers {
  /** Bytes read. The array is reused after the call returns: copy what you keep. */
  onData(chunk: Uint8Array): void;
  /** The link is gone: `error` null after our own close(), else why (unplugged, read failed). Called once. */
  onClose(error: Error | null): void;
}

export interface SerialLink {
  readonly path: string;
  readonly isOpen: boolean;
  /** Resolves when the OS has taken every byte; rejects when the port failed (unplugged). Do not reuse `bytes` before then. */
  write(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export type SerialOpener = (path: string, baudRate: number, handlers: SerialLinkHandlers) => Promise<SerialLink>;

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));
const errno = (e: unknown) => (typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type AsyncOpen = (path: string, options: Record<string, unknown>) => Promise<number>;
type AsyncClose = (fd: number) => Promise<void>;
let nativeBinding: Promise<{ asyncOpen: AsyncOpen; asyncClose: AsyncClose }> | undefined;
/** serialport's own native binding (serialport 13 depends on exactly this package), loaded on first open: only its open/close. */
const native = () => (nativeBinding ??= import('@serialport/bindings-cpp/dist/load-bindings.js').then((m) => m as unknown as { asyncOpen: AsyncOpen; asyncClose: AsyncClose }));

/**
 * The real thing, on Unix. serialport's native open (a thread-pool job, safe in a worker thread) sets the
 * port up: 8N1, raw, no flow control, the baud rate. Its reads and writes are NOT used: they wait on a
 * poller registered with the MAIN thread's event loop (bindings-cpp poller.cpp: uv_default_loop()), which
 * crashes the process when the DMX worker's port becomes readable. Instead the fd is read through a
 * tty.ReadStream (libuv, on this thread's own loop) and written directly (non-blocking: a full port answers
 * EAGAIN and the write tries again shortly).
 *
 * No flock either: a DMX worker that dies cannot close its ports, and a leftover lock would shut its
 * successor out for good. The UUCP lock files OLA and other serial programs take (/var/lock/LCK..ttyUSB0)
 * are honoured instead.
 */
export const openSerial: SerialOpener = async (path, baudRate, handlers) => {
  // Windows never gets here from the DMX worker: its ports are relayed to the main thread (relay.ts).
  if (process.platform === 'win32') throw Object.assign(new Error('openSerial is the Unix path; on Windows open ports through the serial relay (native/serial/relay.ts)'), { code: 'ENOTSUP' });
  const holder = await uucpLockHolder(path);
  if (holder) throw Object.assign(new Error(`locked by process ${holder.pid} (${holder.file})`), { code: 'EBUSY' });
  const { asyncOpen, asyncClose } = await native();
  const fd = await asyncOpen(path, { baudRate, dataBits: 8, stopBits: 1, parity: 'none', rtscts: false, xon: false, xoff: false, xany: false, hupcl: true, lock: false, vmin: 1, vtime: 0 });
  let stream: ReadStream;
  try {
    stream = new ReadStream(fd);
  } catch (error) {
    await asyncClose(fd).catch(() => {});
    throw error;
  }
  let open = true;
  let reported = false;
  let inflight: Promise<void> = Promise.resolve();
  const finish = (error: Error | null) => {
    if (!open) return;
    open = false;
    // Only after the last write has returned: a closed fd number can be reused by the next open.
    void inflight.finally(() => stream.destroy());
    if (!reported) {
      reported = true;
      handlers.onClose(error);
    }
  };
  stream.on('data', (chunk: Buffer) => {
    if (open) handlers.onData(chunk);
  });
  stream.on('error', (error) => finish(error));
  stream.on('end', () => finish(Object.assign(new Error('EIO: the device hung up'), { code: 'EIO' })));

  // The fd is non-blocking (serialport opens it O_NONBLOCK; libuv keeps it so), so a synchronous write
  // only copies into the kernel's tty buffer: microseconds, no thread-pool round trip that a busy process
  // would delay. A full buffer answers EAGAIN: then wait for it to drain at the device's pace.
  const writeAll = async (buf: Buffer) => {
    let offset = 0;
    let wait = 1;
    while (offset < buf.length) {
      if (!open) throw new Error('the port is closed');
      try {
        offset += writeSync(fd, buf, offset, buf.length - offset);
        wait = 1;
      } catch (error) {
        if (errno(error) !== 'EAGAIN' && errno(error) !== 'EWOULDBLOCK' && errno(error) !== 'EINTR') throw error;
        await sleep(wait);
        wait = Math.min(wait * 2, 8);
      }
    }
  };
  return {
    path,
    get isOpen() {
      return open;
    },
    write: (bytes) => {
      if (!open) return Promise.reject(new Error('the port is closed'));
      const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const op = writeAll(buf).catch((error: unknown) => {
        finish(asError(error));
        throw error;
      });
      inflight = op.catch(() => {});
      return op;
    },
    close: async () => {
      finish(null);
      await inflight;
    },
  };
};

const LOCK_DIRS = ['/var/lock', '/run/lock'];

/** A live process (not this one) that holds a UUCP lock on the port, or null. Stale locks (dead pid) are ignored. */
export async function uucpLockHolder(path: string, dirs: readonly string[] = LOCK_DIRS): Promise<{ pid: number; file: string } | null> {
  if (process.platform === 'win32') return null;
  const names = new Set([basename(path)]);
  try {
    names.add(basename(await realpath(path)));
  } catch {
    // not there: open will say so
  }
  for (const dir of dirs) {
    for (const name of names) {
      const file = `${dir}/LCK..${name}`;
      let text: Buffer;
      try {
        text = await readFile(file);
      } catch {
        continue;
      }
      // HDB style: the pid in ASCII; old style: a 4-byte binary int.
      const ascii = Number.parseInt(text.toString('latin1').trim(), 10);
      const pid = Number.isFinite(ascii) && ascii > 0 ? ascii : text.length === 4 ? text.readInt32LE(0) : 0;
      if (pid > 0 && pid !== process.pid && alive(pid)) return { pid, file };
    }
  }
  return null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * The device number behind a path (follows links), or null when nothing is there: a replug or an unplug shows as a change.
 * Windows has no device node to look at (COM3 is not a file): there it answers a constant, so the open
 * decides ("file not found") and an unplug shows as a failed read or write, or a write that stops draining.
 */
export async function deviceAt(path: string, platform: NodeJS.Platform = process.platform): Promise<number | null> {
  if (platform === 'win32') return 1;
  try {
    const s = await stat(path);
    return s.rdev || s.ino;
  } catch {
    return null;
  }
}

export type SerialErrorKind = 'permission' | 'missing' | 'busy' | 'not-serial' | 'unplugged' | 'unsupported' | 'other';

/** An open/read/write failure as an operator reads it, with what to do about it. */
export function describeSerialError(path: string, error: unknown, platform: NodeJS.Platform = process.platform): { kind: SerialErrorKind; message: string } {
  const text = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  const has = (re: RegExp) => re.test(text) || re.test(code);
  if (code === 'ENOTSUP') return { kind: 'unsupported', message: `${path}: ${text}` };
  if (has(/EACCES|permission denied|access is denied|access denied/i)) {
    if (platform === 'linux') return { kind: 'permission', message: `${path}: permission denied — add yourself to the dialout group (sudo usermod -aG dialout $USER, then log out and in)` };
    if (platform === 'win32') return { kind: 'permission', message: `${path}: access denied — another program has the port open (close it), or the driver needs reinstalling` };
    return { kind: 'permission', message: `${path}: permission denied — check the device's permissions (ls -l ${path})` };
  }
  if (has(/ENOENT|no such file|cannot find|file not found/i)) return { kind: 'missing', message: `${path}: not connected (no such device)` };
  if (has(/EBUSY|lock|resource busy|temporarily unavailable/i)) return { kind: 'busy', message: `${path}: in use by another program (${text}) — close it (OLA, QLC+, another console…)` };
  if (has(/ENOTTY|inappropriate ioctl|not a typewriter/i)) return { kind: 'not-serial', message: `${path}: not a serial port` };
  if (has(/EIO|ENXIO|ENODEV|input\/output error|bad file descriptor|no such device|disconnect/i)) return { kind: 'unplugged', message: `${path}: unplugged (${text})` };
  return { kind: 'other', message: `${path}: ${text}` };
}
