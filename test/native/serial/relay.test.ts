import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeSerialError, deviceAt, type SerialLink, type SerialLinkHandlers, type SerialOpener } from '../../../native/serial/link.ts';
import { hostSerialRelay, openSerialPort, parseRelayReply, parseRelayRequest, relayOpener, serialRelayWanted, type SerialRelayHost } from '../../../native/serial/relay.ts';
import { seededRandom } from '../../../native/sim/random.ts';
import { openFarEnd, socatUnavailable, startPtyPair } from '../../helpers/pty.ts';
import { waitFor } from '../../helpers/serve.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

/** A promise with its settle functions and whether it settled (to see that something has NOT happened yet). */
function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
function track<T>(p: Promise<T>) {
  const t = { settled: false as false | 'resolved' | 'rejected', error: undefined as unknown };
  p.then(
    () => (t.settled = 'resolved'),
    (e: unknown) => {
      t.settled = 'rejected';
      t.error = e;
    },
  );
  return t;
}
/** Messages over a MessageChannel take a turn of the event loop or two: let them through. */
const flush = async (turns = 5) => {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
};

interface FakeLink {
  path: string;
  baudRate: number;
  handlers: SerialLinkHandlers;
  written: Uint8Array[];
  writes: ReturnType<typeof deferred<void>>[];
  closeCalls: number;
  link: SerialLink;
}

/** A serial "driver" on the main thread whose every step the test controls. */
function fakeDriver() {
  const links: FakeLink[] = [];
  const failures = new Map<string, Error>();
  const open: SerialOpener = async (path, baudRate, handlers) => {
    await Promise.resolve();
    const failure = failures.get(path);
    if (failure) throw failure;
    let open = true;
    const f: FakeLink = {
      path,
      baudRate,
      handlers,
      written: [],
      writes: [],
      closeCalls: 0,
      link: {
        path,
        get isOpen() {
          return open;
        },
        write: (bytes) => {
          f.written.push(bytes.slice());
          const d = deferred<void>();
          f.writes.push(d);
          return d.promise;
        },
        close: async () => {
          f.closeCalls++;
          open = false;
        },
      },
    };
    links.push(f);
    return f.link;
  };
  return { open, links, failures };
}

const channels: MessageChannel[] = [];
const hosts: SerialRelayHost[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A relay over a real MessageChannel: the host on port1 (the "main thread"), the opener on port2 (the "worker"). */
function rig() {
  const driver = fakeDriver();
  const channel = new MessageChannel();
  channels.push(channel);
  const hostInvalid: string[] = [];
  const workerInvalid: string[] = [];
  const host = hostSerialRelay(channel.port1, driver.open, { onInvalid: (why) => hostInvalid.push(why) });
  hosts.push(host);
  const open = relayOpener(channel.port2, { onInvalid: (why) => workerInvalid.push(why) });
  const events: { data: number[][]; closes: (Error | null)[] } = { data: [], closes: [] };
  const handlers: SerialLinkHandlers = { onData: (c) => events.data.push([...c]), onClose: (e) => events.closes.push(e) };
  return { driver, channel, host, open, handlers, events, hostInvalid, workerInvalid };
}

describe('when to relay', () => {
  it('always on Windows, elsewhere only with SHOWSITE_SERIAL_RELAY=1', () => {
    expect(serialRelayWanted('win32', {})).toBe(true);
    expect(serialRelayWanted('linux', {})).toBe(false);
    expect(serialRelayWanted('darwin', { SHOWSITE_SERIAL_RELAY: '0' })).toBe(false);
    expect(serialRelayWanted('linux', { SHOWSITE_SERIAL_RELAY: '1' })).toBe(true);
  });

  it('Windows has no device node to watch: deviceAt lets the open decide', async () => {
    expect(await deviceAt('COM3', 'win32')).not.toBeNull();
    expect(await deviceAt('/dev/does-not-exist-relay-test', 'linux')).toBeNull();
  });
});

describe('serial relay over a MessageChannel (fake ports)', () => {
  it('an open that fails rejects with the driver’s message and code, read as a local failure would be', async () => {
    const r = rig();
    r.driver.failures.set('COM7', Object.assign(new Error('Opening COM7: File not found'), { code: 'ENOENT' }));
    r.driver.failures.set('COM8', new Error('Opening COM8: Access denied'));
    const missing = await r.open('COM7', 115_200, r.handlers).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Error);
    expect((missing as Error).message).toBe('Opening COM7: File not found');
    expect((missing as { code?: string }).code).toBe('ENOENT');
    expect(describeSerialError('COM7', missing, 'win32').kind).toBe('missing');
    const denied = await r.open('COM8', 115_200, r.handlers).catch((e: unknown) => e);
    expect(describeSerialError('COM8', denied, 'win32')).toEqual({ kind: 'permission', message: 'COM8: access denied — another program has the port open (close it), or the driver needs reinstalling' });
    expect((denied as { code?: string }).code).toBeUndefined();
    expect(r.host.portCount).toBe(0);
    expect(r.events.closes).toEqual([]); // never opened: nothing to close
  });

  it('opens with the path and baud rate asked; bytes flow both ways, copied, in order', async () => {
    const r = rig();
    const link = await r.open('/dev/ttyUSB3', 57_600, r.handlers);
    expect(link.path).toBe('/dev/ttyUSB3');
    expect(link.isOpen).toBe(true);
    const f = r.driver.links[0]!;
    expect([f.path, f.baudRate]).toEqual(['/dev/ttyUSB3', 57_600]);
    expect(r.host.portCount).toBe(1);

    // In: the driver reuses its read buffer after each call (as the SerialLinkHandlers doc allows).
    const pool = new Uint8Array(4);
    pool.set([0x7e, 0x05, 0x02, 0x00]);
    f.handlers.onData(pool.subarray(0, 4));
    pool.set([0x00, 0x01, 0xe7]);
    f.handlers.onData(pool.subarray(0, 3));
    pool.fill(0xaa);
    await waitFor(() => (r.events.data.length === 2 ? true : undefined), 2000, 5);
    expect(r.events.data).toEqual([
      [0x7e, 0x05, 0x02, 0x00],
      [0x00, 0x01, 0xe7],
    ]);

    // Out: a view into a bigger buffer (EnttecPort reuses one frame buffer) goes as just its bytes, and the
    // caller's buffer is neither detached nor shared.
    const frame = new Uint8Array(16).fill(9);
    frame.set([1, 2, 3], 4);
    const write = link.write(frame.subarray(4, 7));
    expect(frame.byteLength).toBe(16);
    const shared = new Uint8Array(new SharedArrayBuffer(2));
    shared.set([5, 6]);
    const write2 = link.write(shared);
    shared.set([0, 0]);
    await waitFor(() => (f.written.length === 2 ? true : undefined), 2000, 5);
    expect(f.written.map((b) => [...b])).toEqual([
      [1, 2, 3],
      [5, 6],
    ]);
    f.writes[0]!.resolve();
    f.writes[1]!.resolve();
    await write;
    await write2;
  });

  it('a write resolves only on its own "written": out-of-order completions settle the right promises', async () => {
    const r = rig();
    const link = await r.open('COM3', 115_200, r.handlers);
    const f = r.driver.links[0]!;
    const first = track(link.write(new Uint8Array([1])));
    const second = track(link.write(new Uint8Array([2])));
    await waitFor(() => (f.writes.length === 2 ? true : undefined), 2000, 5);
    await flush();
    expect([first.settled, second.settled]).toEqual([false, false]); // the OS has not taken them yet
    f.writes[1]!.resolve();
    await waitFor(() => second.settled || undefined, 2000, 5);
    expect(second.settled).toBe('resolved');
    expect(first.settled).toBe(false);
    f.writes[0]!.resolve();
    await waitFor(() => first.settled || undefined, 2000, 5);
    expect(first.settled).toBe('resolved');
    expect(link.isOpen).toBe(true);
    expect(r.events.closes).toEqual([]);
  });

  it('a failed write rejects with its error and ends the link: onClose(error) once, the port closed on the main thread', async () => {
    const r = rig();
    const link = await r.open('COM3', 115_200, r.handlers);
    const f = r.driver.links[0]!;
    const write = link.write(new Uint8Array([1, 2]));
    await waitFor(() => (f.writes.length === 1 ? true : undefined), 2000, 5);
    f.writes[0]!.reject(Object.assign(new Error('Writing to COM port (WriteIOCompletion): Access denied'), { code: 'EIO' }));
    const error = await write.catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/WriteIOCompletion/);
    expect((error as { code?: string }).code).toBe('EIO');
    expect(link.isOpen).toBe(false);
    expect(r.events.closes).toHaveLength(1);
    expect(r.events.closes[0]?.message).toMatch(/WriteIOCompletion/);
    await expect(link.write(new Uint8Array([3]))).rejects.toThrow(/closed/);
    await waitFor(() => (f.closeCalls === 1 && r.host.portCount === 0 ? true : undefined), 2000, 5);
  });

  it('unplugged: onClose(error) exactly once, pending writes fail, later writes fail, close() still resolves', async () => {
    const r = rig();
    const link = await r.open('COM4', 115_200, r.handlers);
    const f = r.driver.links[0]!;
    const pending = track(link.write(new Uint8Array([1])));
    await waitFor(() => (f.writes.length === 1 ? true : undefined), 2000, 5);
    const unplugged = Object.assign(new Error('Reading from COM port (ReadIOCompletion): Operation aborted'), { code: 'EIO' });
    f.handlers.onClose(unplugged);
    f.handlers.onClose(unplugged); // a driver that says it twice is still one close for the caller
    f.handlers.onData(new Uint8Array([9])); // and bytes after the unplug go nowhere
    await waitFor(() => (r.events.closes.length > 0 ? true : undefined), 2000, 5);
    await flush();
    expect(r.events.closes).toHaveLength(1);
    expect(r.events.closes[0]?.message).toBe('Reading from COM port (ReadIOCompletion): Operation aborted');
    expect((r.events.closes[0] as { code?: string }).code).toBe('EIO');
    expect(describeSerialError('COM4', r.events.closes[0], 'win32').kind).toBe('unplugged');
    expect(r.events.data).toEqual([]);
    expect(link.isOpen).toBe(false);
    await waitFor(() => pending.settled || undefined, 2000, 5);
    expect(pending.settled).toBe('rejected');
    await expect(link.write(new Uint8Array([2]))).rejects.toThrow(/closed/);
    await link.close();
    expect(r.events.closes).toHaveLength(1);
    expect(r.host.portCount).toBe(0);
  });

  it('close during a pending write: onClose(null) once, the write rejects, the port is closed on the main thread', async () => {
    const r = rig();
    const link = await r.open('COM5', 115_200, r.handlers);
    const f = r.driver.links[0]!;
    const pending = track(link.write(new Uint8Array([1, 2, 3])));
    await waitFor(() => (f.writes.length === 1 ? true : undefined), 2000, 5);
    await link.close();
    expect(r.events.closes).toEqual([null]);
    expect(link.isOpen).toBe(false);
    expect(f.closeCalls).toBe(1);
    expect(r.host.portCount).toBe(0);
    await flush();
    expect(pending.settled).toBe('rejected');
    expect((pending.error as Error).message).toMatch(/closed/);
    // The driver finishing the write afterwards changes nothing.
    f.writes[0]!.resolve();
    await flush();
    expect(r.events.closes).toEqual([null]);
    await link.close(); // twice is fine
  });

  it('the worker gone (host closed): every port it held is closed, even one still opening', async () => {
    const r = rig();
    await r.open('COM1', 115_200, r.handlers);
    await r.open('COM2', 115_200, r.handlers);
    const slow = deferred<SerialLink>();
    let lateLinkClosed = false;
    const opener: SerialOpener = (path, baud, handlers) => (path === 'COM9' ? slow.promise : r.driver.open(path, baud, handlers));
    // A second host on a fresh channel, with a port that finishes opening only after the worker went.
    const channel = new MessageChannel();
    channels.push(channel);
    const host = hostSerialRelay(channel.port1, opener);
    const open = relayOpener(channel.port2);
    const opening = track(open('COM9', 115_200, r.handlers));
    await flush();
    const closing = host.close();
    slow.resolve({ path: 'COM9', isOpen: true, write: async () => {}, close: async () => void (lateLinkClosed = true) });
    await closing;
    expect(lateLinkClosed).toBe(true);
    // The worker's side learns the channel closed: its open fails rather than hanging.
    await waitFor(() => opening.settled || undefined, 2000, 5);
    expect(opening.settled).toBe('rejected');

    await r.host.close();
    expect(r.driver.links.map((l) => l.closeCalls)).toEqual([1, 1]);
    expect(r.host.portCount).toBe(0);
  });

  it('the channel closing under the worker ends its links with an error (the worker sees "unplugged")', async () => {
    const r = rig();
    const link = await r.open('COM3', 115_200, r.handlers);
    r.channel.port1.close();
    await waitFor(() => (r.events.closes.length === 1 ? true : undefined), 2000, 5);
    expect(describeSerialError('COM3', r.events.closes[0], 'win32').kind).toBe('unplugged');
    expect(link.isOpen).toBe(false);
    await expect(r.open('COM3', 115_200, r.handlers)).rejects.toThrow(/relay/);
    await waitFor(() => (r.driver.links[0]!.closeCalls === 1 ? true : undefined), 2000, 5); // the host closed what it held
  });
});

describe('malformed messages are dropped, never thrown on', () => {
  it('requests: each broken field is named', () => {
    const ok = { op: 'open', id: 1, path: 'COM3', baudRate: 115200 };
    expect(parseRelayRequest(ok)).toEqual(ok);
    const bad: [unknown, RegExp][] = [
      [null, /not an object/],
      [[1, 2], /not an object/],
      ['open', /not an object/],
      [{ ...ok, id: -1 }, /id/],
      [{ ...ok, id: 1.5 }, /id/],
      [{ ...ok, id: '1' }, /id/],
      [{ ...ok, path: '' }, /path/],
      [{ ...ok, path: 'COM3\0' }, /path/],
      [{ ...ok, path: 'x'.repeat(2000) }, /path/],
      [{ ...ok, baudRate: 0 }, /baudRate/],
      [{ ...ok, baudRate: Number.NaN }, /baudRate/],
      [{ op: 'write', id: 1, seq: 1, bytes: [1, 2, 3] }, /bytes/],
      [{ op: 'write', id: 1, seq: 1, bytes: new Uint8Array((1 << 20) + 1) }, /bytes/],
      [{ op: 'write', id: 1, bytes: new Uint8Array(1) }, /seq/],
      [{ op: 'explode', id: 1 }, /unknown op "explode"/],
      [{ id: 1 }, /unknown op/],
    ];
    for (const [value, why] of bad) expect(parseRelayRequest(value), JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `bytes(${v.length})` : v))).toMatch(why);
  });

  it('replies: each broken field is named', () => {
    expect(parseRelayReply({ op: 'closed', id: 2, error: null })).toEqual({ op: 'closed', id: 2, error: null });
    expect(parseRelayReply({ op: 'closed', id: 2, error: { message: 'gone', code: 'EIO' } })).toEqual({ op: 'closed', id: 2, error: { message: 'gone', code: 'EIO' } });
    expect(parseRelayReply({ op: 'closed', id: 2, error: 'gone' })).toMatch(/error/);
    expect(parseRelayReply({ op: 'closed', id: 2 })).toMatch(/error/);
    expect(parseRelayReply({ op: 'written', id: 2, seq: -4 })).toMatch(/seq/);
    expect(parseRelayReply({ op: 'data', id: 2, bytes: 'abc' })).toMatch(/bytes/);
    expect(parseRelayReply({ op: 'open-failed', id: 2, message: 'x' })).toMatch(/code/);
    expect(parseRelayReply({ op: 'write-failed', id: 2, seq: 1, message: 5, code: '' })).toMatch(/message/);
  });

  it('over the channel: garbage is reported on both ends and the relay keeps working', async () => {
    const r = rig();
    r.channel.port2.postMessage({ op: 'open', id: 'x', path: 'COM3', baudRate: 9600 });
    r.channel.port2.postMessage({ op: 'write', id: 1, seq: 1, bytes: 'not bytes' });
    r.channel.port2.postMessage(42);
    r.channel.port1.postMessage({ op: 'data', id: 1, bytes: [1, 2] });
    r.channel.port1.postMessage({ op: 'opened' });
    await waitFor(() => (r.hostInvalid.length === 3 && r.workerInvalid.length === 2 ? true : undefined), 2000, 5);
    expect(r.hostInvalid).toEqual(['id is not a non-negative integer', 'bytes is not a Uint8Array (at most 1 MiB)', 'not an object']);
    expect(r.workerInvalid).toEqual(['data without bytes', 'id is not a non-negative integer']);
    expect(r.driver.links).toHaveLength(0);
    const link = await r.open('COM3', 9600, r.handlers);
    const write = link.write(new Uint8Array([7]));
    await waitFor(() => (r.driver.links[0]?.writes.length === 1 ? true : undefined), 2000, 5);
    r.driver.links[0]!.writes[0]!.resolve();
    await write;
  });

  it('10 000 mutated requests and 10 000 mutated replies: every one reported, no throw; 5 000 random values each way: no throw', async () => {
    const rand = seededRandom(0x5e41a1);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const junk = (): unknown =>
      pick<() => unknown>([
        () => -1 - Math.floor(rand() * 1000),
        () => rand(),
        () => Number.NaN,
        () => Infinity,
        () => 2 ** 60,
        () => '',
        () => 'x'.repeat(Math.floor(rand() * 3000) + 2001),
        () => null,
        () => undefined,
        () => true,
        () => [1, 2, 3],
        () => ({ nested: { deeper: [rand()] } }),
        () => new Uint8Array(3),
        () => new Date(0),
        () => new Map([[1, 2]]),
        () => 123n,
      ])();
    // Each request/reply template with ONE field made invalid: every one must be dropped and reported.
    const requestTemplates = [() => ({ op: 'open', id: 5, path: 'COM3', baudRate: 9600 }), () => ({ op: 'write', id: 5, seq: 1, bytes: new Uint8Array(4) }), () => ({ op: 'close', id: 5 })];
    const replyTemplates = [
      () => ({ op: 'opened', id: 5 }),
      () => ({ op: 'open-failed', id: 5, message: 'x', code: 'E' }),
      () => ({ op: 'data', id: 5, bytes: new Uint8Array(2) }),
      () => ({ op: 'written', id: 5, seq: 1 }),
      () => ({ op: 'write-failed', id: 5, seq: 1, message: 'x', code: 'E' }),
      () => ({ op: 'closed', id: 5, error: { message: 'x', code: 'E' } }),
    ];
    const breakable: Record<string, readonly string[]> = {
      open: ['op', 'id', 'path', 'baudRate'],
      write: ['op', 'id', 'seq', 'bytes'],
      close: ['op', 'id'],
      opened: ['op', 'id'],
      'open-failed': ['op', 'id', 'message', 'code'],
      data: ['op', 'id', 'bytes'],
      written: ['op', 'id', 'seq'],
      'write-failed': ['op', 'id', 'seq', 'message', 'code'],
      closed: ['op', 'id', 'error'],
    };
    const mutate = (m: Record<string, unknown>) => {
      const field = pick(breakable[String(m.op)]!);
      let v = junk();
      // A junk value that happens to be valid for that field is made invalid for sure.
      if (field === 'error' && (v === null || v === undefined)) v = 'not an error';
      if (field === 'op' && typeof v === 'string') v = `${v}?`;
      if ((field === 'message' || field === 'code') && v === '') v = 0;
      if (field === 'bytes' && v instanceof Uint8Array) v = [...v];
      if (rand() < 0.2) delete m[field];
      else m[field] = v;
      return m;
    };
    const r = rig();
    let sent = 0;
    for (let i = 0; i < 10_000; i++) {
      r.channel.port2.postMessage(mutate(pick(requestTemplates)()));
      r.channel.port1.postMessage(mutate(pick(replyTemplates)()));
      sent++;
    }
    await waitFor(() => (r.hostInvalid.length >= sent && r.workerInvalid.length >= sent ? true : undefined), 20_000, 20);
    expect(r.hostInvalid).toHaveLength(sent);
    expect(r.workerInvalid).toHaveLength(sent);
    expect(r.driver.links).toHaveLength(0);

    // Random values (some may even be valid: an open opens, a reply for an unknown id is ignored).
    const ops = ['open', 'write', 'close', 'opened', 'open-failed', 'data', 'written', 'write-failed', 'closed', 'OPEN', '', 'toString', '__proto__'];
    const randomValue = (): unknown => {
      if (rand() < 0.2) return junk();
      const o: Record<string, unknown> = {};
      for (const k of ['op', 'id', 'seq', 'path', 'baudRate', 'bytes', 'message', 'code', 'error']) {
        if (rand() < 0.5) continue;
        o[k] = k === 'op' ? pick(ops) : rand() < 0.5 ? junk() : k === 'bytes' ? new Uint8Array(Math.floor(rand() * 8)) : Math.floor(rand() * 8);
      }
      return o;
    };
    for (let i = 0; i < 5000; i++) {
      r.channel.port2.postMessage(randomValue());
      r.channel.port1.postMessage(randomValue());
    }
    await flush(20);
    // Still working afterwards: a fresh open, a write, a close.
    const link = await r.open('COM3', 9600, r.handlers);
    const f = r.driver.links.at(-1)!; // the random opens were all handled before this one (flush above)
    expect([f.path, f.baudRate]).toEqual(['COM3', 9600]);
    const write = link.write(new Uint8Array([1]));
    await waitFor(() => (f.writes.length === 1 ? true : undefined), 5000, 5);
    f.writes[0]!.resolve();
    await write;
    await link.close();
    expect(r.events.closes.at(-1)).toBeNull();
  }, 60_000);
});

const noSocat = socatUnavailable();
describe.skipIf(noSocat !== undefined)('openSerialPort (serialport on the main thread) over a socat pty', () => {
  const tempDir = useTempDirs();

  it('bytes both ways, writes resolve once drained, an unplug closes it once with an error', async () => {
    const dir = tempDir();
    const pair = await startPtyPair(dir, ['near', 'far']);
    const far = await openFarEnd(pair.b);
    const got: number[] = [];
    const closes: (Error | null)[] = [];
    const link = await openSerialPort(pair.a, 115_200, { onData: (c) => got.push(...c), onClose: (e) => closes.push(e) });
    try {
      await far.write(new Uint8Array([0x7e, 0x0a, 0x00, 0x00, 0xe7]));
      await waitFor(() => (got.length === 5 ? true : undefined), 3000, 5);
      expect(got).toEqual([0x7e, 0x0a, 0x00, 0x00, 0xe7]);
      const frames = Array.from({ length: 20 }, (_, i) => new Uint8Array(518).fill(i));
      await Promise.all(frames.map((f) => link.write(f)));
      await waitFor(() => (far.received().length === 20 * 518 ? true : undefined), 3000, 5);
      const received = far.take();
      // In order: frame i is 518 bytes of i.
      for (let i = 0; i < 20; i++) expect(received.subarray(i * 518, (i + 1) * 518).every((b) => b === i)).toBe(true);

      await pair.stop('SIGKILL');
      await waitFor(() => (closes.length > 0 ? true : undefined), 3000, 10);
      await new Promise((r) => setTimeout(r, 100));
      expect(closes).toHaveLength(1);
      expect(closes[0]).toBeInstanceOf(Error);
      expect(link.isOpen).toBe(false);
      await expect(link.write(new Uint8Array([1]))).rejects.toThrow();
    } finally {
      await link.close();
      await far.close().catch(() => {});
      await pair.stop();
    }
  });

  it('hosted: the relay opens a real pty, and a missing path fails as "not connected"', async () => {
    const dir = tempDir();
    const pair = await startPtyPair(dir, ['near', 'far']);
    const far = await openFarEnd(pair.b);
    const channel = new MessageChannel();
    channels.push(channel);
    const host = hostSerialRelay(channel.port1 as MessagePort);
    hosts.push(host);
    const open = relayOpener(channel.port2);
    const got: number[] = [];
    const link = await open(pair.a, 115_200, { onData: (c) => got.push(...c), onClose: () => {} });
    try {
      await link.write(new TextEncoder().encode('hello'));
      await waitFor(() => (far.received().length === 5 ? true : undefined), 3000, 5);
      expect(new TextDecoder().decode(far.take())).toBe('hello');
      await far.write('DMX: read value from channel 1: 255\n');
      await waitFor(() => (got.length === 36 ? true : undefined), 3000, 5);
      const missing = await open(`${dir}/nothing-here`, 115_200, { onData: () => {}, onClose: () => {} }).catch((e: unknown) => e);
      expect(describeSerialError('x', missing, 'linux').kind).toBe('missing');
    } finally {
      await link.close();
      await far.close().catch(() => {});
      await pair.stop();
    }
  });

  it('a worker thread that dies: the host closes the ports it opened for it (serialport’s lock is free again)', async () => {
    const dir = tempDir();
    const pair = await startPtyPair(dir, ['near', 'far']);
    const far = await openFarEnd(pair.b);
    const channel = new MessageChannel();
    channels.push(channel);
    const host = hostSerialRelay(channel.port1 as MessagePort);
    hosts.push(host);
    const script = join(dir, 'worker.mjs');
    writeFileSync(
      script,
      `import { parentPort, workerData } from 'node:worker_threads';
const { relayOpener } = await import(${JSON.stringify(new URL('../../../native/serial/relay.ts', import.meta.url).href)});
const link = await relayOpener(workerData.port)(workerData.path, 115200, { onData() {}, onClose() {} });
await link.write(new TextEncoder().encode('hi'));
parentPort.postMessage('wrote');
setTimeout(() => { throw new Error('the worker crashed'); }, 20);
`,
    );
    const worker = new Worker(script, { workerData: { port: channel.port2, path: pair.a }, transferList: [channel.port2] });
    const crashed = new Promise<Error>((resolve) => worker.once('error', resolve));
    const exited = new Promise<number>((resolve) => worker.once('exit', resolve));
    try {
      await new Promise((resolve) => worker.once('message', resolve));
      await waitFor(() => (far.received().length === 2 ? true : undefined), 3000, 5);
      expect(host.portCount).toBe(1);
      // While the worker's port is open nobody else gets it (so the check below can fail).
      await expect(openSerialPort(pair.a, 115_200, { onData: () => {}, onClose: () => {} })).rejects.toThrow(/lock/i);
      expect((await crashed).message).toBe('the worker crashed');
      await exited;
      await waitFor(() => (host.portCount === 0 ? true : undefined), 3000, 10);
      const again = await openSerialPort(pair.a, 115_200, { onData: () => {}, onClose: () => {} });
      expect(again.isOpen).toBe(true);
      await again.close();
    } finally {
      await worker.terminate();
      await far.close().catch(() => {});
      await pair.stop();
    }
  });
});
