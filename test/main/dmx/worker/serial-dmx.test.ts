import { afterEach, describe, expect, it } from 'vitest';
import { DmxEngine } from '../../../../main/dmx/engine/index.ts';
import { InputTracker } from '../../../../main/dmx/worker/inputs.ts';
import { DmxRuntime } from '../../../../main/dmx/worker/runtime.ts';
import { SerialDmx, type SerialWorkerConfig } from '../../../../main/dmx/worker/serial-dmx.ts';
import type { WorkerConfig } from '../../../../main/dmx/worker/protocol.ts';
import { defaultSettings, type DmxInput, type DmxMonitor, type DmxSerialInput } from '../../../../preload/contract/index.ts';
import { EnttecFrameStream } from '../../../../native/enttec/stream.ts';
import { EnttecProTwin } from '../../../../native/enttec/twin.ts';
import type { SerialLinkHandlers, SerialOpener } from '../../../../native/serial/link.ts';
import { waitFor } from '../../../helpers/serve.ts';

interface Port {
  present: boolean;
  id: number;
  twin?: EnttecProTwin;
  writes: Uint8Array[];
  handlers?: SerialLinkHandlers;
  hold: boolean;
  releases: (() => void)[];
}

/** Serial ports in memory: /dev/ttyUSB0 answers as a USB Pro; others are text boards the test writes into. */
function fakePorts() {
  const ports = new Map<string, Port>();
  const opens: string[] = [];
  const add = (path: string, twin?: EnttecProTwin) => {
    const p: Port = { present: true, id: ports.size + 1, ...(twin ? { twin } : {}), writes: [], hold: false, releases: [] };
    ports.set(path, p);
    return p;
  };
  const open: SerialOpener = async (path, _baud, handlers) => {
    const p = ports.get(path);
    if (!p?.present) throw new Error(`Error: No such file or directory, cannot open ${path}`);
    opens.push(path);
    p.handlers = handlers;
    return {
      path,
      isOpen: true,
      write: async (bytes) => {
        if (!p.present) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        const copy = bytes.slice();
        p.writes.push(copy);
        if (p.hold) await new Promise<void>((r) => p.releases.push(r));
        const reply = p.twin?.feed(copy);
        if (reply && reply.length > 0) setTimeout(() => handlers.onData(reply), 0);
      },
      close: async () => {},
    };
  };
  const dmx = (path: string) => {
    const s = new EnttecFrameStream();
    return ports
      .get(path)!
      .writes.flatMap((w) => s.push(w))
      .filter((f) => f.label === 6)
      .map((f) => f.payload);
  };
  return { ports, opens, add, dmx, io: { open, deviceAt: async (path: string) => (ports.get(path)?.present ? ports.get(path)!.id : null), enttecTiming: { retryMs: 10, probeMs: 100, watchMs: 5 }, serialRetryMs: 10, serialWatchMs: 5 } };
}

const enttec = (patch: Partial<SerialWorkerConfig['enttec']> = {}, input: Partial<SerialWorkerConfig['enttec']['input']> = {}): SerialWorkerConfig['enttec'] => ({
  ...defaultSettings.dmx.enttec,
  enabled: true,
  port: '/dev/ttyUSB0',
  ...patch,
  input: { ...defaultSettings.dmx.enttec.input, ...input },
});
const serialInput = (patch: Partial<DmxSerialInput> = {}): DmxSerialInput => ({ port: '/dev/ttyACM0', baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 3, merge: false, lossTimeoutMs: 1000, ...patch });
const monitor = (patch: Partial<DmxMonitor> & Pick<DmxMonitor, 'source'>): DmxMonitor => ({ id: 'm', name: 'M', room: '', channel: 1, low: 0, high: 100, unit: '%', metric: 'level', ...patch });

function rig(network: DmxInput[] = []) {
  const fake = fakePorts();
  const engine = new DmxEngine({ universes: 4 });
  const tracker = new InputTracker(engine);
  tracker.configure(network, 0);
  let now = 0;
  const serial = new SerialDmx({ engine, network: tracker, networkInputs: () => network, clock: () => now, log: () => {}, io: fake.io, pacer: false });
  const render = () => engine.render(now);
  return { fake, engine, tracker, serial, render, at: (t: number) => (now = t), now: () => now };
}

describe('serial DMX in the worker: the Enttec output', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((s) => s()));
  });
  const start = (r: ReturnType<typeof rig>, config: SerialWorkerConfig) => {
    r.serial.configure(config, r.now());
    stops.push(() => r.serial.stop());
  };
  const connected = (r: ReturnType<typeof rig>) => waitFor(() => (r.serial.outputs(r.now(), 0)[0]?.state === 'ok' ? true : undefined), 2000, 2);

  it('sends the engine’s universe every 1000/rateHz ms on a fixed beat, whatever the universe does (continuous refresh)', async () => {
    const r = rig();
    r.fake.add('/dev/ttyUSB0', new EnttecProTwin());
    start(r, { enttec: enttec({ rateHz: 40, universe: 2, slots: 3 }), serialInputs: [], monitors: [] });
    await connected(r);
    r.engine.setChannels(2, { '1': 255, '2': 128 }, 0);
    r.render();
    const sentAt: number[] = [];
    for (let t = 1000; t <= 1200; t += 1) {
      r.at(t);
      const before = r.fake.ports.get('/dev/ttyUSB0')!.writes.length;
      r.serial.sendDue(t);
      if (r.fake.ports.get('/dev/ttyUSB0')!.writes.length > before) sentAt.push(t);
      await Promise.resolve();
    }
    // Beat of 25 ms from the first frame: 1000, 1025, … 1200 (the first frame may carry label 8, none here).
    expect(sentAt).toEqual([1000, 1025, 1050, 1075, 1100, 1125, 1150, 1175, 1200]);
    const frames = r.fake.dmx('/dev/ttyUSB0');
    expect([...frames.at(-1)!]).toEqual([0, 255, 128, 0]); // start code 0 + slots 1..3 of universe 2
  });

  it('a late wake sends at once but keeps the beat; one missed by more than a period is dropped, never burst', async () => {
    const r = rig();
    r.fake.add('/dev/ttyUSB0', new EnttecProTwin());
    start(r, { enttec: enttec({ rateHz: 40 }), serialInputs: [], monitors: [] });
    await connected(r);
    expect(r.serial.sendDue(0)).toBe(25);
    await Promise.resolve();
    expect(r.serial.sendDue(31)).toBe(50); // 6 ms late: next still on the beat
    await Promise.resolve();
    expect(r.serial.sendDue(140)).toBe(165); // 90 ms late: re-based, one frame, no catch-up burst
    await Promise.resolve();
    expect(r.serial.sendDue(141)).toBe(165);
    expect(r.fake.dmx('/dev/ttyUSB0')).toHaveLength(3);
  });

  it('a port that has not drained: the frame is skipped (counted), and the newest goes 2 ms later', async () => {
    const r = rig();
    const port = r.fake.add('/dev/ttyUSB0', new EnttecProTwin());
    start(r, { enttec: enttec({ rateHz: 40, slots: 1 }), serialInputs: [], monitors: [] });
    await connected(r);
    port.hold = true;
    r.serial.sendDue(0);
    r.engine.setChannels(1, { '1': 9 }, 0);
    r.render();
    expect(r.serial.sendDue(25)).toBe(27);
    port.releases.splice(0).forEach((f) => f());
    port.hold = false;
    await new Promise((res) => setTimeout(res, 1));
    r.serial.sendDue(27);
    expect(r.fake.dmx('/dev/ttyUSB0').map((f) => [...f])).toEqual([
      [0, 0],
      [0, 9],
    ]);
    expect(r.serial.outputs(27, 0)[0]!.message).toMatch(/1 frame skipped while the port was busy/);
  });

  it('its row: numbered after the network outputs, names port, serial and firmware; idle → ok → lost → ok', async () => {
    const r = rig();
    start(r, { enttec: enttec({ port: 'auto' }), serialInputs: [], monitors: [] });
    // auto with nothing plugged in: idle, not an alarm
    await waitFor(() => (r.serial.outputs(0, 0)[0]?.message.includes('no FTDI') ? true : undefined), 2000, 2);
    expect(r.serial.outputs(0, 3)[0]).toMatchObject({ index: 3, protocol: 'enttec', universe: 1, state: 'idle', destination: 'Enttec DMX USB Pro auto-detect' });
    r.serial.configure({ enttec: enttec(), serialInputs: [], monitors: [] }, 0);
    const port = r.fake.add('/dev/ttyUSB0', new EnttecProTwin({ serial: 0x00424242, firmware: 0x0106 }));
    await connected(r);
    const row = r.serial.outputs(0, 3)[0]!;
    expect(row).toMatchObject({ index: 3, state: 'ok', destination: 'Enttec DMX USB Pro /dev/ttyUSB0 (serial 00424242, firmware 1.6)' });
    expect(row.message).toBe('DMX USB PRO, widget refresh 40/s · sending 40 frames/s, 512 channels');
    port.present = false;
    port.handlers!.onClose(new Error('EIO: i/o error, read'));
    expect(r.serial.outputs(0, 3)[0]).toMatchObject({ state: 'lost' });
    expect(r.serial.sendDue(0)).toBe(20); // while away: looks again soon, sends nothing
    port.present = true;
    await connected(r);
  });

  it('settings that do not touch the port (rate, universe, slots) keep it open; a new port reopens', async () => {
    const r = rig();
    r.fake.add('/dev/ttyUSB0', new EnttecProTwin());
    r.fake.add('/dev/ttyUSB1', new EnttecProTwin());
    start(r, { enttec: enttec(), serialInputs: [], monitors: [] });
    await connected(r);
    r.serial.configure({ enttec: enttec({ rateHz: 10, universe: 3, slots: 24 }), serialInputs: [], monitors: [] }, 0);
    expect(r.serial.outputs(0, 0)[0]).toMatchObject({ state: 'ok', universe: 3 });
    expect(r.fake.opens).toEqual(['/dev/ttyUSB0']);
    r.serial.configure({ enttec: enttec({ port: '/dev/ttyUSB1' }), serialInputs: [], monitors: [] }, 0);
    await connected(r);
    expect(r.fake.opens).toEqual(['/dev/ttyUSB0', '/dev/ttyUSB1']);
    r.serial.configure({ enttec: enttec({ enabled: false }), serialInputs: [], monitors: [] }, 0);
    expect(r.serial.outputs(0, 0)).toEqual([]);
  });
});

describe('serial DMX in the worker: inputs and monitors', () => {
  const stops: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(stops.splice(0).map((s) => s()));
  });

  it('the Enttec’s DMX IN: an input after the network inputs, merged as a layer, released when silent', async () => {
    const r = rig([{ protocol: 'artnet', portAddress: 1, universe: 1, merge: false, lossTimeoutMs: 3000 }]);
    const port = r.fake.add('/dev/ttyUSB0', new EnttecProTwin());
    r.serial.configure({ enttec: enttec({}, { enabled: true, universe: 2, merge: true, lossTimeoutMs: 1000 }), serialInputs: [], monitors: [] }, 0);
    stops.push(() => r.serial.stop());
    await waitFor(() => (r.serial.inputs(0, 1)[0]?.message === 'every packet (label 5)' ? true : undefined), 2000, 2);
    expect(r.serial.inputs(0, 1)[0]).toMatchObject({ index: 1, protocol: 'enttec', universe: 2, merge: true, state: 'waiting' });
    r.at(100);
    port.handlers!.onData(port.twin!.receiveInput(Uint8Array.of(200, 0, 50)));
    r.render();
    expect([...r.engine.output(2).subarray(0, 3)]).toEqual([200, 0, 50]);
    expect(r.serial.inputs(100, 1)[0]).toMatchObject({ state: 'receiving', framesReceived: 1, sender: 'DMX USB Pro 00123456', lastFrameAgeMs: 0 });
    expect([...r.serial.inputFrame(0)!.subarray(0, 3)]).toEqual([200, 0, 50]);
    r.at(1200);
    r.serial.expire(1200);
    r.render();
    expect(r.engine.output(2)[0]).toBe(0);
    expect(r.serial.inputs(1200, 1)[0]).toMatchObject({ state: 'lost', lastFrameAgeMs: 1100 });
  });

  it('a SparkFun text input: its own row with the last-line age, merged into its universe, lost when silent', async () => {
    const r = rig();
    const board = r.fake.add('/dev/ttyACM0');
    r.serial.configure({ enttec: { ...enttec(), enabled: false }, serialInputs: [serialInput({ merge: true, lastChannel: 4 })], monitors: [] }, 0);
    stops.push(() => r.serial.stop());
    await waitFor(() => (r.serial.inputs(0, 2)[0]?.message?.startsWith('last line never') ? true : undefined), 2000, 2);
    expect(r.serial.inputs(0, 2)[0]).toMatchObject({ index: 2, protocol: 'serial', source: 'DMX text (SparkFun) /dev/ttyACM0', universe: 3, state: 'waiting', sender: '/dev/ttyACM0 at 115200 baud' });
    r.at(500);
    board.handlers!.onData(new TextEncoder().encode('junk\r\nDMX: read value from channel 1: 128\r\nDMX: read value from channel 9: 1\r\n'));
    r.render();
    expect(r.engine.output(3)[0]).toBe(128);
    r.at(800);
    const row = r.serial.inputs(800, 2)[0]!;
    expect(row).toMatchObject({ state: 'receiving', framesReceived: 1, lastFrameAgeMs: 300 });
    expect(row.message).toBe('last line 0.3 s ago · 3 lines, 1 noise, 1 outside 1–4');
    r.at(1600);
    r.serial.expire(1600);
    r.render();
    expect(r.engine.output(3)[0]).toBe(0);
    expect(r.serial.inputs(1600, 2)[0]!.state).toBe('lost');
  });

  it('monitors: raw values from the output, an Art-Net input, the Enttec and a serial input; null while a source is silent', async () => {
    const network: DmxInput[] = [{ protocol: 'artnet', portAddress: 16, universe: 4, merge: false, lossTimeoutMs: 1000 }];
    const r = rig(network);
    const port = r.fake.add('/dev/ttyUSB0', new EnttecProTwin());
    const board = r.fake.add('/dev/ttyACM0');
    const monitors = [
      monitor({ id: 'wall', source: 'output:1', channel: 101, fineChannel: 102 }),
      monitor({ id: 'console', source: 'artnet:16', channel: 2 }),
      monitor({ id: 'pro', source: 'enttec', channel: 1, fineChannel: 2 }),
      monitor({ id: 'shield', source: 'serial:/dev/ttyACM0', channel: 1 }),
      monitor({ id: 'nowhere', source: 'sacn:9', channel: 1 }),
    ];
    r.serial.configure({ enttec: enttec({}, { enabled: true }), serialInputs: [serialInput()], monitors }, 0);
    stops.push(() => r.serial.stop());
    await waitFor(() => (r.serial.report(0).widget?.connected ? true : undefined), 2000, 2);
    expect(r.serial.report(0).monitors).toEqual([
      { id: 'wall', raw: 0 },
      { id: 'console', raw: null },
      { id: 'pro', raw: null },
      { id: 'shield', raw: null },
      { id: 'nowhere', raw: null },
    ]);
    r.at(10);
    r.engine.setChannels(1, { '101': 0x80, '102': 0x01 }, 10);
    r.render();
    r.tracker.artnetFrame(16, Uint8Array.of(0, 77), 2, '10.0.0.9', 10);
    port.handlers!.onData(port.twin!.receiveInput(Uint8Array.of(0xff, 0xfe)));
    board.handlers!.onData(new TextEncoder().encode('DMX: read value from channel 1: 42\n'));
    const report = r.serial.report(10);
    expect(report.monitors).toEqual([
      { id: 'wall', raw: 0x8001 },
      { id: 'console', raw: 77 },
      { id: 'pro', raw: 0xfffe },
      { id: 'shield', raw: 42 },
      { id: 'nowhere', raw: null },
    ]);
    expect(report.widget).toEqual({ path: '/dev/ttyUSB0', serial: '00123456', firmware: '1.44', name: 'DMX USB PRO', connected: true });
    // Five seconds later every input is silent: their monitors have no value (the tile goes stale), the output's still does.
    r.tracker.expire(5010); // the frame clock's pump does this for Art-Net/sACN inputs
    expect(r.serial.report(5010).monitors.map((m) => m.raw)).toEqual([0x8001, null, null, null, null]);
  });
});

describe('DmxRuntime with serial devices', () => {
  it('status lists the Enttec row and its input after the network ones; dmx.input reaches them by index', async () => {
    const fake = fakePorts();
    const port = fake.add('/dev/ttyUSB0', new EnttecProTwin());
    const d = defaultSettings.dmx;
    const config: WorkerConfig = {
      universes: 4,
      artnet: { ...d.artnet, broadcastAddress: '10.255.255.255', mac: '02:00:00:00:00:01' },
      sacn: { ...d.sacn, cid: '00112233-4455-6677-8899-aabbccddeeff' },
      outputs: [{ protocol: 'artnet', universe: 1, portAddress: 1, target: '' }],
      inputs: [{ protocol: 'artnet', portAddress: 5, universe: 1, merge: false, lossTimeoutMs: 3000 }],
      serial: { enttec: enttec({}, { enabled: true, universe: 2 }), serialInputs: [], monitors: [] },
    };
    const runtime = new DmxRuntime({ config, output: new ArrayBuffer(4 * 512), seq: new Int32Array(1), clock: () => performance.now(), log: () => {}, serialIo: fake.io });
    await runtime.start(performance.now());
    try {
      await waitFor(() => (runtime.status(performance.now()).outputs[1]?.state === 'ok' ? true : undefined), 2000, 5);
      const status = runtime.status(performance.now());
      expect(status.outputs.map((o) => [o.index, o.protocol])).toEqual([
        [0, 'artnet'],
        [1, 'enttec'],
      ]);
      expect(status.inputs.map((i) => [i.index, i.protocol])).toEqual([
        [0, 'artnet'],
        [1, 'enttec'],
      ]);
      port.handlers!.onData(port.twin!.receiveInput(Uint8Array.of(1, 2, 3)));
      const r = runtime.command({ type: 'input', index: 1 }, performance.now());
      expect(r.ok && r.frames?.[1]?.slice(0, 4)).toEqual([1, 2, 3, 0]);
      // The worker's own pacer sends the Enttec's frames (nobody calls sendDue here).
      await waitFor(() => (fake.dmx('/dev/ttyUSB0').length >= 3 ? true : undefined), 2000, 5);
    } finally {
      await runtime.stop();
    }
    const writes = fake.ports.get('/dev/ttyUSB0')!.writes.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(fake.ports.get('/dev/ttyUSB0')!.writes.length).toBe(writes); // stopped means stopped
  });
});
