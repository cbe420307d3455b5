/**
 * Serial I/O relayed to the main thread. On Windows serialport's reads and writes complete through a
 * uv_async handle registered with the MAIN thread's loop (bindings-cpp serialport_win.cpp:
 * uv_async_init(uv_default_loop(), …)), so they cannot run in the DMX worker. The worker keeps the DMX
 * logic and talks to its ports through a MessagePort: `relayOpener(port)` is a SerialOpener there, and
 * `hostSerialRelay(port)` on the main thread opens the real ports and answers.
 *
 * Worker → main: {op:'open', id, path, baudRate} · {op:'write', id, seq, bytes} · {op:'close', id}
 * Main → worker: {op:'opened', id} · {op:'open-failed', id, message, code} · {op:'data', id, bytes} ·
 *                {op:'written', id, seq} · {op:'write-failed', id, seq, message, code} ·
 *                {op:'closed', id, error: {message, code} | null}
 * Every message is checked on arrival; a malformed one is dropped (and reported), never thrown on.
 */
import type { SerialLink, SerialLinkHandlers, SerialOpener } from './link.ts';
import { uucpLockHolder } from './link.ts';

/** What both ends need of a worker_threads MessagePort (tests use a real MessageChannel). */
export interface RelayPort {
  postMessage(value: unknown, transferList?: readonly ArrayBuffer[]): void;
  on(event: 'message' | 'close', listener: (value: unknown) => void): unknown;
  off(event: 'message' | 'close', listener: (value: unknown) => void): unknown;
  close?(): void;
}

export interface RelayError {
  message: string;
  code: string;
}

export type RelayRequest = { op: 'open'; id: number; path: string; baudRate: number } | { op: 'write'; id: number; seq: number; bytes: Uint8Array } | { op: 'close'; id: number };

export type RelayReply =
  | { op: 'opened'; id: number }
  | ({ op: 'open-failed'; id: number } & RelayError)
  | { op: 'data'; id: number; bytes: Uint8Array }
  | { op: 'written'; id: number; seq: number }
  | ({ op: 'write-failed'; id: number; seq: number } & RelayError)
  | { op: 'closed'; id: number; error: RelayError | null };

/** Called with why a message was dropped. */
export type InvalidMessageHook = (why: string, value: unknown) => void;

/** Should the worker relay its serial I/O? Always on Windows; elsewhere only when asked (tests). */
export function serialRelayWanted(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): boolean {
  return platform === 'win32' || env.SHOWSITE_SERIAL_RELAY === '1';
}

// ── checking messages ────────────────────────────────────────────────────────────────────────────

const MAX_PATH = 1024;
/** Far above any frame (an Enttec frame is 518 bytes): a bigger one is a bug, not a write. */
const MAX_BYTES = 1 << 20;
const MAX_TEXT = 2000;

type Fields = Record<string, unknown>;
const isRecord = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array && v.byteLength <= MAX_BYTES;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isError = (v: unknown): v is RelayError => isRecord(v) && isText(v.message) && isText(v.code);

/** A worker's request, or why it is not one. */
export function parseRelayRequest(v: unknown): RelayRequest | string {
  if (!isRecord(v)) return 'not an object';
  if (!isCount(v.id)) return 'id is not a non-negative integer';
  const id = v.id;
  switch (v.op) {
    case 'open':
      if (typeof v.path !== 'string' || v.path.length === 0 || v.path.length > MAX_PATH || v.path.includes('\0')) return 'path is not a usable port path';
      if (!isCount(v.baudRate) || v.baudRate === 0 || v.baudRate > 20_000_000) return 'baudRate is not a positive integer';
      return { op: 'open', id, path: v.path, baudRate: v.baudRate };
    case 'write':
      if (!isCount(v.seq)) return 'seq is not a non-negative integer';
      if (!isBytes(v.bytes)) return 'bytes is not a Uint8Array (at most 1 MiB)';
      return { op: 'write', id, seq: v.seq, bytes: v.bytes };
    case 'close':
      return { op: 'close', id };
    default:
      return `unknown op ${describeValue(v.op)}`;
  }
}

/** The main thread's reply, or why it is not one. */
export function parseRelayReply(v: unknown): RelayReply | string {
  if (!isRecord(v)) return 'not an object';
  if (!isCount(v.id)) return 'id is not a non-negative integer';
  const id = v.id;
  switch (v.op) {
    case 'opened':
      return { op: 'opened', id };
    case 'open-failed':
      return isText(v.message) && isText(v.code) ? { op: 'open-failed', id, message: v.message, code: v.code } : 'open-failed without message and code';
    case 'data':
      return isBytes(v.bytes) ? { op: 'data', id, bytes: v.bytes } : 'data without bytes';
    case 'written':
      return isCount(v.seq) ? { op: 'written', id, seq: v.seq } : 'written without seq';
    case 'write-failed':
      return isCount(v.seq) && isText(v.message) && isText(v.code) ? { op: 'write-failed', id, seq: v.seq, message: v.message, code: v.code } : 'write-failed without seq, message and code';
    case 'closed':
      if (v.error === null) return { op: 'closed', id, error: null };
      return isError(v.error) ? { op: 'closed', id, error: { message: v.error.message, code: v.error.code } } : 'closed with a malformed error';
    default:
      return `unknown op ${describeValue(v.op)}`;
  }
}

function describeValue(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v;
  } catch {
    return typeof v;
  }
}

const toRelayError = (e: unknown): RelayError => ({
  message: (e instanceof Error ? e.message : String(e)).slice(0, MAX_TEXT),
  code: typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code).slice(0, MAX_TEXT) : '',
});
/** Back to an Error with its code, so describeSerialError reads it as it would a local one. */
const fromRelayError = (e: RelayError): Error => (e.code ? Object.assign(new Error(e.message), { code: e.code }) : new Error(e.message));
const closedError = () => new Error('the port is closed');

/** A fresh copy that owns its whole ArrayBuffer, so it can be transferred (the caller's array may be reused, pooled or shared). */
const ownedCopy = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

// ── the main thread ──────────────────────────────────────────────────────────────────────────────

export interface SerialRelayHost {
  /** Ports open or opening for the worker. */
  readonly portCount: number;
  /** The worker is gone: close every port held for it, stop answering, close the MessagePort. */
  close(): Promise<void>;
}

export interface HostOptions {
  /** A dropped message and why. */
  onInvalid?: InvalidMessageHook;
}

interface HostEntry {
  link: SerialLink | undefined;
  /** 'closed' was sent (or must not be: the host is shutting down). */
  done: boolean;
}

/**
 * Answer a worker's serial requests on this (the main) thread with real ports from `openPort`
 * (serialport by default). Replies go back in the order things happen; each port's 'closed' is sent once.
 */
export function hostSerialRelay(port: RelayPort, openPort: SerialOpener = openSerialPort, options: HostOptions = {}): SerialRelayHost {
  const entries = new Map<number, HostEntry>();
  const opening = new Set<Promise<unknown>>();
  let shut = false;
  let shutting: Promise<void> | undefined;

  const reply = (m: RelayReply, transfer?: ArrayBuffer[]) => {
    if (shut) return;
    try {
      port.postMessage(m, transfer);
    } catch (error) {
      options.onInvalid?.(`could not reply: ${toRelayError(error).message}`, m);
    }
  };
  const sendClosed = (id: number, entry: HostEntry, error: Error | null) => {
    if (entry.done) return;
    entry.done = true;
    if (entries.get(id) === entry) entries.delete(id);
    reply({ op: 'closed', id, error: error ? toRelayError(error) : null });
  };

  const open = (id: number, path: string, baudRate: number) => {
    if (entries.has(id)) {
      options.onInvalid?.(`port ${id} is already open`, { op: 'open', id, path });
      return;
    }
    const entry: HostEntry = { link: undefined, done: false };
    entries.set(id, entry);
    const handlers: SerialLinkHandlers = {
      onData: (chunk) => {
        if (entry.done || chunk.byteLength === 0) return;
        const bytes = ownedCopy(chunk);
        reply({ op: 'data', id, bytes }, [bytes.buffer]);
      },
      onClose: (error) => sendClosed(id, entry, error),
    };
    const attempt = (async () => {
      try {
        return await openPort(path, baudRate, handlers);
      } catch (error) {
        return { failed: error };
      }
    })();
    opening.add(attempt);
    void attempt.then((result) => {
      opening.delete(attempt);
      if ('failed' in result) {
        entry.done = true;
        if (entries.get(id) === entry) entries.delete(id);
        reply({ op: 'open-failed', id, ...toRelayError(result.failed) });
        return;
      }
      entry.link = result;
      if (shut || entry.done) {
        // The worker went away (or the port died) while it opened: nobody will ever close it but us.
        entry.done = true;
        void result.close().catch(() => {});
        return;
      }
      reply({ op: 'opened', id });
    });
  };

  const write = (id: number, seq: number, bytes: Uint8Array) => {
    const link = entries.get(id)?.link;
    if (!link || !link.isOpen) {
      reply({ op: 'write-failed', id, seq, message: 'the port is not open', code: 'EBADF' });
      return;
    }
    let pending: Promise<void>;
    try {
      pending = link.write(bytes);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      () => reply({ op: 'written', id, seq }),
      (error: unknown) => reply({ op: 'write-failed', id, seq, ...toRelayError(error) }),
    );
  };

  const close = (id: number) => {
    const entry = entries.get(id);
    if (!entry) {
      reply({ op: 'closed', id, error: null }); // already gone: the worker's close() still wants its answer
      return;
    }
    if (!entry.link) {
      options.onInvalid?.(`port ${id} is still opening`, { op: 'close', id });
      return;
    }
    const link = entry.link;
    void (async () => {
      try {
        await link.close();
      } catch {
        // closing a port that failed: it is closed either way
      }
      sendClosed(id, entry, null);
    })();
  };

  const onMessage = (value: unknown) => {
    if (shut) return;
    const m = parseRelayRequest(value);
    if (typeof m === 'string') {
      options.onInvalid?.(m, value);
      return;
    }
    if (m.op === 'open') open(m.id, m.path, m.baudRate);
    else if (m.op === 'write') write(m.id, m.seq, m.bytes);
    else close(m.id);
  };

  const shutdown = (): Promise<void> => {
    shutting ??= (async () => {
      shut = true;
      port.off('message', onMessage);
      port.off('close', onChannelClosed);
      const links = [...entries.values()].map((e) => {
        e.done = true;
        return e.link;
      });
      entries.clear();
      try {
        port.close?.();
      } catch {
        // already closed
      }
      await Promise.all(links.map((l) => l?.close().catch(() => {})));
      // Ports still opening close themselves when they finish (see open()); wait for that too.
      await Promise.all([...opening]);
    })();
    return shutting;
  };
  const onChannelClosed = () => void shutdown();

  port.on('message', onMessage);
  port.on('close', onChannelClosed);
  return {
    get portCount() {
      return entries.size;
    },
    close: shutdown,
  };
}

// ── the worker ───────────────────────────────────────────────────────────────────────────────────

/** How long close() waits for the main thread to confirm (it is normally a few ms). */
const CLOSE_ACK_MS = 2000;

interface WorkerEntry {
  path: string;
  handlers: SerialLinkHandlers;
  phase: 'opening' | 'open' | 'closed';
  resolveOpen: (link: SerialLink) => void;
  rejectOpen: (error: Error) => void;
  writes: Map<number, { resolve: () => void; reject: (error: Error) => void }>;
  nextSeq: number;
  reported: boolean;
  acked: Promise<void>;
  ack: () => void;
}

export interface RelayOpenerOptions {
  /** A dropped message and why. */
  onInvalid?: InvalidMessageHook;
}

/** A SerialOpener (the worker's side) whose ports live on the main thread, behind `port`. */
export function relayOpener(port: RelayPort, options: RelayOpenerOptions = {}): SerialOpener {
  const entries = new Map<number, WorkerEntry>();
  let nextId = 1;
  let channelClosed = false;

  const post = (m: RelayRequest, transfer?: ArrayBuffer[]): boolean => {
    if (channelClosed) return false;
    try {
      port.postMessage(m, transfer);
      return true;
    } catch {
      return false;
    }
  };

  /** The link is over: pending writes fail, onClose runs once; `fromHost`: the main thread already closed it. */
  const end = (id: number, e: WorkerEntry, error: Error | null, fromHost: boolean) => {
    if (e.phase === 'opening') {
      entries.delete(id);
      e.phase = 'closed';
      e.rejectOpen(error ?? closedError());
      e.ack();
      return;
    }
    if (e.phase === 'open') {
      e.phase = 'closed';
      if (!fromHost && !post({ op: 'close', id })) fromHost = true;
      for (const w of e.writes.values()) w.reject(closedError());
      e.writes.clear();
      if (!e.reported) {
        e.reported = true;
        e.handlers.onClose(error);
      }
    }
    if (fromHost) {
      entries.delete(id);
      e.ack();
    }
  };

  const onMessage = (value: unknown) => {
    const m = parseRelayReply(value);
    if (typeof m === 'string') {
      options.onInvalid?.(m, value);
      return;
    }
    const e = entries.get(m.id);
    if (!e) return; // a late answer for a port already done with
    switch (m.op) {
      case 'opened':
        if (e.phase === 'opening') {
          e.phase = 'open';
          e.resolveOpen(linkFor(m.id, e));
        }
        return;
      case 'open-failed':
        if (e.phase === 'opening') end(m.id, e, fromRelayError(m), true);
        return;
      case 'data':
        if (e.phase === 'open') e.handlers.onData(m.bytes);
        return;
      case 'written': {
        const w = e.writes.get(m.seq);
        e.writes.delete(m.seq);
        w?.resolve();
        return;
      }
      case 'write-failed': {
        const w = e.writes.get(m.seq);
        if (!w) return;
        e.writes.delete(m.seq);
        const error = fromRelayError(m);
        w.reject(error);
        end(m.id, e, error, false); // as a local port: a failed write is a failed port
        return;
      }
      case 'closed':
        end(m.id, e, m.error ? fromRelayError(m.error) : e.phase === 'opening' ? new Error('closed while opening') : null, true);
        return;
    }
  };

  const onChannelClosed = () => {
    channelClosed = true;
    const gone = Object.assign(new Error('EIO: the serial relay to the main thread closed'), { code: 'EIO' });
    for (const [id, e] of [...entries]) end(id, e, gone, true);
  };

  const linkFor = (id: number, e: WorkerEntry): SerialLink => ({
    path: e.path,
    get isOpen() {
      return e.phase === 'open';
    },
    write: (bytes) => {
      if (e.phase !== 'open') return Promise.reject(closedError());
      const seq = e.nextSeq++;
      const copy = ownedCopy(bytes);
      return new Promise<void>((resolve, reject) => {
        e.writes.set(seq, { resolve, reject });
        if (!post({ op: 'write', id, seq, bytes: copy }, [copy.buffer])) end(id, e, Object.assign(new Error('EIO: the serial relay is closed'), { code: 'EIO' }), true);
      });
    },
    close: async () => {
      end(id, e, null, false);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([e.acked, new Promise<void>((r) => (timer = setTimeout(r, CLOSE_ACK_MS)))]);
      clearTimeout(timer);
    },
  });

  port.on('message', onMessage);
  port.on('close', onChannelClosed);

  return (path, baudRate, handlers) => {
    if (channelClosed) return Promise.reject(Object.assign(new Error('EIO: the serial relay is closed'), { code: 'EIO' }));
    const id = nextId++;
    return new Promise<SerialLink>((resolveOpen, rejectOpen) => {
      let ack = () => {};
      const acked = new Promise<void>((r) => (ack = r));
      entries.set(id, { path, handlers, phase: 'opening', resolveOpen, rejectOpen, writes: new Map(), nextSeq: 1, reported: false, acked, ack });
      if (!post({ op: 'open', id, path, baudRate })) onChannelClosed();
    });
  };
}

// ── serialport, on the main thread ───────────────────────────────────────────────────────────────

const errorText = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * A port opened with serialport, for the main thread (where its reads and writes work on every OS):
 * 8N1, no flow control. A write resolves when serialport has written it AND drain says the OS took it;
 * writes run one after another. onClose runs once: unplugged (serialport's disconnect), a read or
 * write error, or our close().
 */
export const openSerialPort: SerialOpener = async (path, baudRate, handlers) => {
  const holder = await uucpLockHolder(path);
  if (holder) throw Object.assign(new Error(`locked by process ${holder.pid} (${holder.file})`), { code: 'EBUSY' });
  const { SerialPort } = await import('serialport');
  const sp = new SerialPort({ path, baudRate, dataBits: 8, stopBits: 1, parity: 'none', rtscts: false, xon: false, xoff: false, xany: false, hupcl: true, autoOpen: false });
  /** Opened and not yet closed: onClose is owed exactly once from here on. */
  let open = false;
  const finish = (error: Error | null) => {
    if (!open) return;
    open = false;
    handlers.onClose(error);
  };
  // Before opening: an 'error' event with no listener would throw on the main thread.
  sp.on('error', (error: Error) => {
    finish(error);
    if (sp.isOpen) sp.close(() => {});
  });
  await new Promise<void>((resolve, reject) => sp.open((error) => (error ? reject(error) : resolve())));
  open = true;
  sp.on('data', (chunk: Buffer) => {
    if (open) handlers.onData(chunk);
  });
  sp.on('close', (error: Error | null | undefined) => finish(error ?? null));
  sp.on('end', () => finish(Object.assign(new Error('EIO: the device hung up'), { code: 'EIO' })));

  const writeAndDrain = (buf: Buffer) =>
    new Promise<void>((resolve, reject) => {
      // serialport queues a write or drain on a port that is not open until it opens: that would never settle.
      if (!open || !sp.isOpen) return reject(closedError());
      sp.write(buf, (error) => {
        if (error) return reject(error);
        if (!sp.isOpen) return reject(closedError());
        sp.drain((e) => (e ? reject(e) : resolve()));
      });
    });
  let tail: Promise<void> = Promise.resolve();
  return {
    path,
    get isOpen() {
      return open;
    },
    write: (bytes) => {
      if (!open) return Promise.reject(closedError());
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const op = tail.then(() => writeAndDrain(buf));
      tail = op.catch(() => {});
      return op.catch((error: unknown) => {
        const e = errorText(error);
        finish(e);
        if (sp.isOpen) sp.close(() => {});
        throw e;
      });
    },
    close: async () => {
      finish(null);
      if (sp.isOpen) await new Promise<void>((resolve) => sp.close(() => resolve()));
      else if (sp.closing) await new Promise<void>((resolve) => sp.once('close', () => resolve()));
    },
  };
};
