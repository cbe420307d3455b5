import { afterEach, describe, expect, it } from 'vitest';
import { EnttecPort, type EnttecPortOptions } from '../../../native/enttec/port.ts';
import { EnttecFrameStream } from '../../../native/enttec/stream.ts';
import { EnttecProTwin } from '../../../native/enttec/twin.ts';
import type { SerialLink, SerialLinkHandlers, SerialOpener } from '../../../native/serial/link.ts';
import type { SerialPortEntry, SerialPortListing } from '../../../native/serial/list.ts';
import { waitFor } from '../../helpers/serve.ts';
import { openTwinEnd, socatUnavailable, startPtyPair } from '../../helpers/pty.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

interface FakeDevice {
  id: number;
  present: boolean;
  /** Answers like a USB Pro; absent = a device that never answers. */
  twin?: EnttecProTwin;
  openError?: Error;
  /** Host → device bytes, one entry per write. */
  writes: Uint8Array[];
  /** Hold every write until release() (a port that does not drain). */
  hold: boolean;
  releases: (() => void)[];
  handlers?: SerialLinkHandlers;
  entry: SerialPortEntry;
}

/** Serial ports in memory: a device answers through an EnttecProTwin; tests plug, unplug and stall them. */
function fakeBus() {
  const devices = new Map<string, FakeDevice>();
  const opens: string[] = [];
  let nextId = 1;
  const add = (path: string, options: { twin?: EnttecProTwin | null; vendorId?: string; productId?: string; openError?: Error } = {}) => {
    const d: FakeDevice = {
      id: nextId++,
      present: true,
      ...(options.twin === null ? {} : { twin: options.twin ?? new EnttecProTwin() }),
      ...(options.openError ? { openError: options.openError } : {}),
      writes: [],
      hold: false,
      releases: [],
      entry: { path, stablePath: null, vendorId: options.vendorId ?? '0403', productId: options.productId ?? '6001', serialNumber: null, manufacturer: null, product: null },
    };
    devices.set(path, d);
    return d;
  };
  const open: SerialOpener = async (path, _baud, handlers) => {
    const d = devices.get(path);
    if (!d?.present) throw new Error(`Error: No such file or directory, cannot open ${path}`);
    if (d.openError) throw d.openError;
    opens.push(path);
    d.handlers = handlers;
    let isOpen = true;
    const link: SerialLink = {
      path,
      get isOpen() {
        return isOpen;
      },
      write: async (bytes) => {
        if (!d.present || !isOpen) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        const copy = bytes.slice();
        d.writes.push(copy);
        if (d.hold) await new Promise<void>((r) => d.releases.push(r));
        const reply = d.twin?.feed(copy);
        if (reply && reply.length > 0) setTimeout(() => isOpen && handlers.onData(reply), 1);
      },
      close: async () => {
        isOpen = false;
      },
    };
    return link;
  };
  return {
    devices,
    opens,
    add,
    open,
    deviceAt: async (path: string) => (devices.get(path)?.present ? devices.get(path)!.id : null),
    list: async (): Promise<SerialPortListing> => ({ ports: [...devices.values()].filter((d) => d.present).map((d) => d.entry), method: 'scan', note: 'udevadm is not installed' }),
    /** Pull the cable: the node goes, the open link fails. */
    unplug(path: string) {
      const d = devices.get(path)!;
      d.present = false;
      d.handlers?.onClose(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
    },
    /** Host → device label-6 frames (start code + slots) in order. */
    dmxFrames(path: string): number[][] {
      const stream = new EnttecFrameStream();
      return devices
        .get(path)!
        .writes.flatMap((w) => stream.push(w))
        .filter((f) => f.label === 6)
        .map((f) => [...f.payload]);
    },
    labels(path: string): number[] {
      const stream = new EnttecFrameStream();
      return devices
        .get(path)!
        .writes.flatMap((w) => stream.push(w))
        .map((f) => f.label);
    },
  };
}

const fast = { retryMs: 20, scanMs: 30, probeMs: 150, watchMs: 10, stallMs: 200, unansweredMs: 10_000 };

describe('Enttec DMX USB Pro adapter', () => {
  const ports: EnttecPort[] = [];
  const make = (bus: ReturnType<typeof fakeBus>, options: Partial<EnttecPortOptions> = {}) => {
    const port = new EnttecPort({ port: '/dev/ttyUSB0', receive: 'off', open: bus.open, list: bus.list, deviceAt: bus.deviceAt, timing: fast, platform: 'linux', ...options });
    ports.push(port);
    port.start();
    return port;
  };
  afterEach(async () => {
    await Promise.all(ports.splice(0).map((p) => p.stop()));
  });
  const ok = (port: EnttecPort) => waitFor(() => (port.state === 'ok' ? true : undefined), 3000, 5);

  it('asks the widget who it is (labels 78, 10, 3, as OLA does) and shows serial, firmware and timing', async () => {
    const bus = fakeBus();
    bus.add('/dev/ttyUSB0', { twin: new EnttecProTwin({ serial: 0x00987654, firmware: 0x0209, rate: 30 }) });
    const port = make(bus);
    await ok(port);
    expect(bus.labels('/dev/ttyUSB0')).toEqual([78, 10, 3]);
    expect(port.status()).toMatchObject({ state: 'ok', path: '/dev/ttyUSB0', confirmed: true, serial: '00987654', firmware: '2.9', name: 'DMX USB PRO', widgetTiming: { breakTime: 10, mabTime: 14, rate: 30 } });
    expect(port.status().message).toBe('DMX USB PRO · serial 00987654 · firmware 2.9 · widget refresh 30/s');
  });

  it('never queues: while a write has not drained, frames are refused (busy), and the next one sent is the newest', async () => {
    const bus = fakeBus();
    const dev = bus.add('/dev/ttyUSB0');
    const port = make(bus);
    await ok(port);
    dev.hold = true;
    expect(port.sendDmx(Uint8Array.of(1))).toBe('sent');
    expect(port.sendDmx(Uint8Array.of(2))).toBe('busy');
    expect(port.sendDmx(Uint8Array.of(3))).toBe('busy');
    dev.releases.splice(0).forEach((r) => r());
    await new Promise((r) => setTimeout(r, 5)); // the drained write settles
    expect(port.sendDmx(Uint8Array.of(4))).toBe('sent');
    dev.releases.splice(0).forEach((r) => r());
    await new Promise((r) => setTimeout(r, 10));
    expect(bus.dmxFrames('/dev/ttyUSB0')).toEqual([
      [0, 1],
      [0, 4],
    ]);
    expect(port.status()).toMatchObject({ framesWritten: 2, busySkips: 2 });
  });

  it('a write that fails (unplugged) → lost at once; the same path back → ok again by itself, and frames flow', async () => {
    const bus = fakeBus();
    bus.add('/dev/ttyUSB0');
    const port = make(bus);
    await ok(port);
    bus.devices.get('/dev/ttyUSB0')!.present = false; // the node goes; the next write fails
    expect(port.sendDmx(Uint8Array.of(9))).toBe('sent');
    await waitFor(() => (port.state === 'lost' ? true : undefined), 1000, 1);
    expect(port.status().message).toMatch(/\/dev\/ttyUSB0: (unplugged|not connected)/);
    expect(port.sendDmx(Uint8Array.of(9))).toBe('down');
    bus.add('/dev/ttyUSB0'); // replugged: a new device behind the same path
    await ok(port);
    expect(port.sendDmx(Uint8Array.of(10))).toBe('sent');
    await waitFor(() => (bus.dmxFrames('/dev/ttyUSB0').some((f) => f[1] === 10) ? true : undefined), 1000, 1);
    expect(port.status()).toMatchObject({ connects: 2, everConnected: true, writeErrors: 1 });
  });

  it('a read error (the link closes), the node vanishing, or a write that never drains all count as lost', async () => {
    const bus = fakeBus();
    bus.add('/dev/ttyUSB0');
    const port = make(bus);
    await ok(port);
    bus.unplug('/dev/ttyUSB0');
    await waitFor(() => (port.state === 'lost' ? true : undefined), 1000, 1);

    bus.add('/dev/ttyUSB0');
    await ok(port);
    bus.devices.get('/dev/ttyUSB0')!.present = false; // quietly: only the watch on the device node sees it
    await waitFor(() => (port.state === 'lost' ? true : undefined), 1000, 1);
    expect(port.status().message).toMatch(/unplugged/);

    const dev = bus.add('/dev/ttyUSB0');
    await ok(port);
    dev.hold = true;
    port.sendDmx(Uint8Array.of(1));
    await waitFor(() => (port.state === 'lost' ? true : undefined), 2000, 5);
    expect(port.status().message).toMatch(/stopped taking data/);
  });

  it('a device swapped behind the same path (another node) is reopened and asked again', async () => {
    const bus = fakeBus();
    bus.add('/dev/ttyUSB0', { twin: new EnttecProTwin({ serial: 0x11111111 }) });
    const port = make(bus);
    await ok(port);
    bus.add('/dev/ttyUSB0', { twin: new EnttecProTwin({ serial: 0x22222222 }) });
    await waitFor(() => (port.status().serial === '22222222' && port.state === 'ok' ? true : undefined), 2000, 5);
  });

  it('cannot open: permission denied is an error with what to do, retried, never a throw', async () => {
    const bus = fakeBus();
    const dev = bus.add('/dev/ttyUSB0', { openError: new Error('Error: Permission denied, cannot open /dev/ttyUSB0') });
    const port = make(bus);
    await waitFor(() => (port.state === 'error' ? true : undefined), 1000, 1);
    expect(port.status().message).toBe('/dev/ttyUSB0: permission denied — add yourself to the dialout group (sudo usermod -aG dialout $USER, then log out and in) — retrying');
    delete dev.openError; // fixed by the user: picked up without a restart
    await ok(port);
  });

  it('a configured path with nothing there is "lost" (the operator expects a widget), with the reason', async () => {
    const bus = fakeBus();
    const port = make(bus, { port: '/dev/ttyUSB7' });
    await waitFor(() => (port.status().message.includes('not connected') ? true : undefined), 1000, 1);
    expect(port.state).toBe('lost');
    expect(port.status().everConnected).toBe(false);
  });

  it('a configured device that does not answer the probe is still driven, and says so', async () => {
    const bus = fakeBus();
    bus.add('/dev/ttyUSB0', { twin: null });
    const port = make(bus);
    await ok(port);
    expect(port.status()).toMatchObject({ confirmed: false, serial: null });
    expect(port.status().message).toMatch(/did not answer/);
    expect(port.sendDmx(Uint8Array.of(1))).toBe('sent');
  });

  it('auto-detect: the best candidate that answers wins; silent ones and excluded ports are left alone', async () => {
    const bus = fakeBus();
    bus.add('/dev/ttyUSB0', { twin: null }); // an Open DMX USB: same ids, no answer
    bus.add('/dev/ttyUSB1', { productId: '6010' });
    bus.add('/dev/ttyUSB2'); // a DMX text input's port, FTDI too
    bus.add('/dev/ttyACM0', { vendorId: '2341', productId: '0043' }); // an Arduino
    const port = make(bus, { port: 'auto', exclude: ['/dev/ttyUSB2'] });
    await ok(port);
    expect(port.status().path).toBe('/dev/ttyUSB1');
    expect(bus.opens).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
  });

  it('auto-detect with nothing plugged in searches and says why; the widget appearing is found by itself', async () => {
    const bus = fakeBus();
    const port = make(bus, { port: 'auto' });
    await waitFor(() => (port.status().message.includes('no FTDI serial device found') ? true : undefined), 1000, 1);
    expect(port.state).toBe('searching');
    expect(port.status().message).toContain('udevadm is not installed');
    bus.add('/dev/ttyUSB3');
    await ok(port);
    expect(port.status().path).toBe('/dev/ttyUSB3');
  });

  it('input: label 5 packets become the input universe (with receive on), and changes-only is asked with label 8', async () => {
    const bus = fakeBus();
    const dev = bus.add('/dev/ttyUSB0');
    let inputs = 0;
    const port = make(bus, { receive: 'always', onInput: () => inputs++ });
    await ok(port);
    port.sendDmx(Uint8Array.of(0)); // label 8 rides with the first frame
    await waitFor(() => (bus.labels('/dev/ttyUSB0').includes(8) ? true : undefined), 1000, 1);
    expect(dev.twin!.receiveMode).toBe('always');
    dev.handlers!.onData(dev.twin!.receiveInput(Uint8Array.of(10, 20, 30)));
    expect([...port.reader.input.subarray(0, 4)]).toEqual([10, 20, 30, 0]);
    expect(inputs).toBe(1);

    port.setReceive('changes');
    await waitFor(() => (port.sendDmx(Uint8Array.of(0)) === 'sent' ? true : undefined), 1000, 1);
    await waitFor(() => (dev.twin!.receiveMode === 'changesOnly' ? true : undefined), 1000, 1);
    expect(port.reader.input[0]).toBe(0); // blacked out, like the widget's reference
    dev.handlers!.onData(dev.twin!.receiveInput(Uint8Array.of(10, 21, 30)));
    expect([...port.reader.input.subarray(0, 3)]).toEqual([10, 21, 30]);
    expect(inputs).toBe(2);
  });

  it('with receive off, input packets are read but not announced', async () => {
    const bus = fakeBus();
    const dev = bus.add('/dev/ttyUSB0');
    let inputs = 0;
    const port = make(bus, { onInput: () => inputs++ });
    await ok(port);
    dev.handlers!.onData(dev.twin!.receiveInput(Uint8Array.of(1)));
    expect(inputs).toBe(0);
    expect(bus.labels('/dev/ttyUSB0')).not.toContain(8);
  });

  it('stop() closes the port and stops looking', async () => {
    const bus = fakeBus();
    bus.add('/dev/ttyUSB0');
    const port = make(bus);
    await ok(port);
    await port.stop();
    expect(port.state).toBe('stopped');
    expect(port.sendDmx(Uint8Array.of(1))).toBe('down');
    const opens = bus.opens.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(bus.opens.length).toBe(opens);
  });
});

const noSocat = socatUnavailable();
describe.skipIf(noSocat !== undefined)('Enttec adapter on a real pty (socat)', () => {
  const tempDir = useTempDirs();

  it('writes frames a widget reads; notices the unplug at once and comes back by itself on the replug', async () => {
    const dir = tempDir();
    let pair = await startPtyPair(dir);
    let end = await openTwinEnd(pair.b);
    const port = new EnttecPort({ port: pair.a, receive: 'off' });
    port.start();
    try {
      await waitFor(() => (port.state === 'ok' ? true : undefined), 5000, 5);
      expect(port.status().serial).toBe('00123456');
      port.sendDmx(Uint8Array.of(255, 128, 0));
      await waitFor(() => (end.twin.lastDmx ? true : undefined), 2000, 5);
      expect([...end.twin.lastDmx!.slots]).toEqual([255, 128, 0]);

      const t0 = performance.now();
      await pair.stop('SIGKILL');
      await waitFor(() => (port.state === 'lost' ? true : undefined), 2000, 2);
      expect(performance.now() - t0).toBeLessThan(1000);
      await end.close();

      pair = await startPtyPair(dir);
      end = await openTwinEnd(pair.b);
      const t1 = performance.now();
      await waitFor(() => (port.state === 'ok' ? true : undefined), 3000, 2);
      expect(performance.now() - t1).toBeLessThan(2000);
      port.sendDmx(Uint8Array.of(1, 2));
      await waitFor(() => (end.twin.lastDmx ? true : undefined), 2000, 5);
      expect([...end.twin.lastDmx!.slots]).toEqual([1, 2]);
    } finally {
      await port.stop();
      await end.close();
      await pair.stop();
    }
  });
});
