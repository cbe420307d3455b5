import { describe, expect, it } from 'vitest';
import type { RemoteInfo } from 'node:dgram';
import { decodeArtNet, encodeArtDmx, encodeArtPoll, encodeArtPollReply, encodeArtTimeCode, type ArtNetPacket } from '../../../../native/artnet/codec.ts';
import { decodeSacn, encodeSacnData, parseCid, type SacnPacket } from '../../../../native/sacn/codec.ts';
import type { DmxSettings } from '../../../../preload/contract/dmx-api.ts';
import { defaultSettings } from '../../../../preload/contract/index.ts';
import { DmxRuntime, type RuntimeIo } from '../../../../main/dmx/worker/runtime.ts';
import type { WorkerConfig } from '../../../../main/dmx/worker/protocol.ts';

interface Sent {
  bytes: Uint8Array;
  address: string;
  port?: number;
}

/** Fake sockets: record what the runtime sends, let the test deliver what it receives. */
function fakeIo() {
  const artnetSent: Sent[] = [];
  const inFlight: Sent[] = [];
  const complete = () => {
    for (const f of inFlight.splice(0)) artnetSent.push({ ...f, bytes: f.bytes.slice() });
  };
  const sacnSent: { packet: SacnPacket; target: string; universe: number }[] = [];
  let deliverArt: ((p: ArtNetPacket, from: RemoteInfo) => void) | undefined;
  let deliverSacn: ((p: SacnPacket, from: RemoteInfo) => void) | undefined;
  let artError: ((e: Error) => void) | undefined;
  let failOpen = 0;
  const io: RuntimeIo = {
    artnet: (o) => {
      deliverArt = o.onPacket;
      artError = o.onError;
      let open = false;
      return {
        open: async () => {
          if (failOpen > 0) {
            failOpen--;
            throw new Error('EADDRNOTAVAIL');
          }
          open = true;
        },
        // Like a real UDP socket, keep the caller's buffer (no copy): the bytes are read when the send
        // completes, which the rig does after each pump (so a buffer reused within one pump is caught).
        send: (bytes: Uint8Array, length: number, address: string, port?: number) => void inFlight.push({ bytes: bytes.subarray(0, length), address, port }),
        close: () => void (open = false),
        get isOpen() {
          return open;
        },
      };
    },
    sacnSender: () => ({ open: async () => {}, send: (bytes: Uint8Array, length: number, universe: number, target: string) => void sacnSent.push({ packet: decodeSacn(bytes.slice(0, length)), target, universe }), close: () => {} }),
    sacnReceiver: (_a, onPacket) => {
      deliverSacn = onPacket;
      return { open: async () => {}, listen: () => {}, close: () => {} };
    },
  };
  const from = (address: string, port = 6454): RemoteInfo => ({ address, port, family: 'IPv4', size: 0 });
  return {
    io,
    artnetSent,
    sacnSent,
    artnetIn: (bytes: Uint8Array, address: string, port?: number) => deliverArt!(decodeArtNet(bytes), from(address, port)),
    sacnIn: (bytes: Uint8Array, address: string) => deliverSacn!(decodeSacn(bytes), from(address, 5568)),
    artError: (e: Error) => artError!(e),
    failNextOpens: (n: number) => (failOpen = n),
    complete,
    dmxTo: (address?: string) => (complete(), artnetSent).map((s) => ({ ...s, p: decodeArtNet(s.bytes) })).filter((s) => s.p.op === 'dmx' && (address === undefined || s.address === address)),
  };
}

function config(patch: Partial<Omit<DmxSettings, 'artnet' | 'sacn'>> & { artnet?: Partial<DmxSettings['artnet']>; sacn?: Partial<DmxSettings['sacn']> } = {}): WorkerConfig {
  const d = defaultSettings.dmx;
  return {
    universes: 4,
    artnet: { ...d.artnet, enabled: true, interface: '10.0.0.1', ...patch.artnet, broadcastAddress: '10.255.255.255', mac: '02:00:00:00:00:01' },
    sacn: { ...d.sacn, ...patch.sacn, cid: '00112233-4455-6677-8899-aabbccddeeff' },
    outputs: patch.outputs ?? [{ protocol: 'artnet', universe: 1, portAddress: 1, target: '' }],
    inputs: patch.inputs ?? [],
  };
}

async function rig(cfg = config()) {
  const fake = fakeIo();
  let now = 1000;
  const logs: string[] = [];
  const runtime = new DmxRuntime({ config: cfg, output: new ArrayBuffer(cfg.universes * 512), seq: new Int32Array(1), io: fake.io, clock: () => now, log: (_l, m) => logs.push(m) });
  await runtime.start(now);
  const pump = runtime.pump.bind(runtime);
  runtime.pump = (t: number, slot?: number) => {
    pump(t, slot);
    fake.complete();
  };
  return { runtime, fake, logs, at: (t: number) => (now = t), now: () => now };
}

const pollReply = (ip: string, outputs: number[], mac = '0a:0b:0c:00:00:01') =>
  encodeArtPollReply({
    ip,
    mac,
    shortName: `node ${ip}`,
    numPorts: outputs.length,
    netSwitch: (outputs[0]! >> 8) & 0x7f,
    subSwitch: (outputs[0]! >> 4) & 0x0f,
    portTypes: [0, 1, 2, 3].map((i) => (i < outputs.length ? 0x80 : 0)) as [number, number, number, number],
    swOut: [0, 1, 2, 3].map((i) => (outputs[i] ?? 0) & 0x0f) as [number, number, number, number],
  });

describe('DMX runtime: what goes on the wire', () => {
  it('sends a changed universe at once, then at most refreshHz, coalescing to the newest frame (never a queue)', async () => {
    const { runtime, fake, at } = await rig();
    runtime.pump(1000);
    expect(fake.dmxTo()).toHaveLength(1); // first frame (all zero) goes out at start
    at(1005);
    runtime.command({ type: 'set', universe: 1, values: { '1': 10 } }, 1005);
    runtime.pump(1005);
    runtime.command({ type: 'set', universe: 1, values: { '1': 20 } }, 1006);
    runtime.pump(1006);
    runtime.command({ type: 'set', universe: 1, values: { '1': 30 } }, 1010);
    runtime.pump(1010);
    expect(fake.dmxTo()).toHaveLength(1); // 44 Hz: nothing within 22.7 ms of the last frame
    runtime.pump(1023);
    const frames = fake.dmxTo();
    expect(frames).toHaveLength(2);
    const last = frames.at(-1)!.p as Extract<ArtNetPacket, { op: 'dmx' }>;
    expect(last.data[0]).toBe(30); // the newest value, the intermediate ones were never sent
    expect(last.portAddress).toBe(1);
    expect(frames.at(-1)!.address).toBe('10.255.255.255'); // no node known: directed broadcast
  });

  it('a tick that woke late does not cost the next on-time tick its frame: the rate counts grid slots', async () => {
    const { runtime, fake } = await rig();
    const period = 1000 / 44;
    // A fade: the universe changes on every tick. Tick 2 wakes 4 ms late, tick 3 is on time again.
    const ticks = [0, 1, 2, 3, 4].map((k) => ({ slot: 1000 + k * period, late: k === 2 ? 4 : 0.2 }));
    for (const [k, { slot, late }] of ticks.entries()) {
      runtime.command({ type: 'set', universe: 1, values: { '1': 10 + k } }, slot + late);
      runtime.pump(slot + late, slot);
    }
    const frames = fake.dmxTo().map((f) => (f.p as Extract<ArtNetPacket, { op: 'dmx' }>).data[0]);
    expect(frames).toEqual([10, 11, 12, 13, 14]); // one frame per tick, none skipped after the late one
    // Extra pumps between ticks (a GO) are still held to the rate in real time: nothing 5 ms after a frame.
    runtime.command({ type: 'set', universe: 1, values: { '1': 99 } }, 1000 + 4 * period + 5);
    runtime.pump(1000 + 4 * period + 5);
    expect(fake.dmxTo()).toHaveLength(5);
    runtime.pump(1000 + 5 * period + 0.2, 1000 + 5 * period);
    expect((fake.dmxTo().at(-1)!.p as Extract<ArtNetPacket, { op: 'dmx' }>).data[0]).toBe(99);
  });

  it('frames of different universes sent in one pump each keep their own bytes (a UDP send reads its buffer later)', async () => {
    const { runtime, fake } = await rig(config({ outputs: [1, 2, 3, 4].map((u) => ({ protocol: 'artnet' as const, universe: u, portAddress: 10 + u, target: '' })) }));
    for (const u of [1, 2, 3, 4]) runtime.command({ type: 'set', universe: u, values: { '1': u * 10 } }, 1000);
    runtime.pump(1000);
    const frames = fake.dmxTo().map((f) => f.p as Extract<ArtNetPacket, { op: 'dmx' }>);
    expect(frames.map((f) => [f.portAddress, f.data[0]])).toEqual([
      [11, 10],
      [12, 20],
      [13, 30],
      [14, 40],
    ]);
  });

  it('resends an unchanged universe as a keep-alive about once a second, with rising sequence numbers', async () => {
    const { runtime, fake } = await rig();
    for (let t = 1000; t <= 4100; t += 23) runtime.pump(t);
    const frames = fake.dmxTo().map((f) => f.p as Extract<ArtNetPacket, { op: 'dmx' }>);
    expect(frames).toHaveLength(4); // t≈1000, 2001, 3002, 4003
    expect(frames.map((f) => f.sequence)).toEqual([1, 2, 3, 4]);
  });

  it('unicasts to the nodes that answered ArtPoll for the Port-Address; a node that goes quiet makes the output lost', async () => {
    const { runtime, fake, at } = await rig();
    runtime.pump(1000);
    fake.complete();
    expect(fake.artnetSent.some((s) => decodeArtNet(s.bytes).op === 'poll' && s.address === '10.255.255.255')).toBe(true);
    fake.artnetIn(pollReply('10.0.0.50', [1]), '10.0.0.50');
    fake.artnetIn(pollReply('10.0.0.51', [2], '0a:0b:0c:00:00:02'), '10.0.0.51');
    at(1100);
    runtime.command({ type: 'set', universe: 1, values: { '1': 99 } }, 1100);
    runtime.pump(1100);
    expect(fake.dmxTo().at(-1)!.address).toBe('10.0.0.50');
    expect(runtime.status(1100).outputs[0]).toMatchObject({ state: 'ok', destination: 'Art-Net 0:0:1 → 1 node' });
    expect(runtime.status(1100).nodes.map((n) => [n.ip, n.state])).toEqual([
      ['10.0.0.50', 'ok'],
      ['10.0.0.51', 'ok'],
    ]);
    // 10 s without a reply (nodeTimeoutS): lost, and the frames fall back to broadcast.
    at(12_000);
    runtime.pump(12_000);
    expect(runtime.status(12_000).outputs[0]).toMatchObject({ state: 'lost' });
    expect(runtime.status(12_000).nodes[0]).toMatchObject({ state: 'lost' });
    expect(fake.dmxTo().at(-1)!.address).toBe('10.255.255.255');
  });

  it('answers ArtPoll with a unicast ArtPollReply naming us and our output Port-Addresses', async () => {
    const { fake } = await rig(config({ outputs: [{ protocol: 'artnet', universe: 1, portAddress: 0x123, target: '' }] }));
    fake.artnetIn(encodeArtPoll(), '10.0.0.77', 6454);
    fake.complete();
    const reply = fake.artnetSent.map((s) => ({ ...s, p: decodeArtNet(s.bytes) })).find((s) => s.p.op === 'pollReply');
    expect(reply?.address).toBe('10.0.0.77');
    expect(reply?.p).toMatchObject({ op: 'pollReply', ip: '10.0.0.1', shortName: 'Showsite Console', style: 1, inputPortAddresses: [0x123] });
  });

  it('a unicast target gets every frame; nothing is sent while Art-Net is off or no interface is chosen', async () => {
    const { runtime, fake } = await rig(config({ outputs: [{ protocol: 'artnet', universe: 2, portAddress: 5, target: '10.0.0.9' }] }));
    runtime.pump(1000);
    expect(fake.dmxTo('10.0.0.9')).toHaveLength(1);
    const off = await rig(config({ artnet: { interface: '' } }));
    for (let t = 1000; t < 3000; t += 23) off.runtime.pump(t);
    expect(off.fake.dmxTo()).toHaveLength(0);
    expect(off.runtime.status(3000).outputs[0]).toMatchObject({ state: 'idle', message: expect.stringMatching(/choose the network interface/) });
  });

  it('a socket failure shows the output as lost and the socket reopens by itself', async () => {
    const { runtime, fake, at } = await rig();
    runtime.pump(1000);
    fake.failNextOpens(1);
    fake.artError(new Error('send ENETUNREACH'));
    at(1050);
    runtime.pump(1050);
    expect(runtime.status(1050).outputs[0]).toMatchObject({ state: 'lost', message: expect.stringMatching(/ENETUNREACH/) });
    // The first reopen fails, a later one succeeds; frames resume without anyone asking.
    for (let t = 1100; t <= 4000; t += 50) {
      at(t);
      runtime.pump(t);
      await Promise.resolve();
    }
    expect(runtime.status(4000).outputs[0]).toMatchObject({ state: 'ok' });
    const before = fake.dmxTo().length;
    runtime.command({ type: 'set', universe: 1, values: { '2': 1 } }, 4010);
    at(4030);
    runtime.pump(4030);
    expect(fake.dmxTo().length).toBeGreaterThan(before);
  });
});

describe('DMX runtime: inputs', () => {
  const artnetIn = (pa: number, values: number[], seq = 1) => encodeArtDmx({ sequence: seq, physical: 0, portAddress: pa, data: new Uint8Array(values) });

  it('an Art-Net input merges as a layer (HTP with the manual layer), holds its last frame, and is released when lost', async () => {
    const { runtime, fake, at } = await rig(config({ inputs: [{ protocol: 'artnet', portAddress: 7, universe: 1, merge: true, lossTimeoutMs: 3000 }] }));
    runtime.command({ type: 'set', universe: 1, values: { '1': 100 } }, 1000);
    fake.artnetIn(artnetIn(7, [50, 200, 0, 0]), '10.0.0.20');
    runtime.pump(1000);
    expect([...runtime.engine.output(1).subarray(0, 2)]).toEqual([100, 200]); // HTP per channel
    expect(runtime.status(1000).inputs[0]).toMatchObject({ state: 'receiving', sender: '10.0.0.20', framesReceived: 1 });
    at(3500);
    runtime.pump(3500);
    expect(runtime.engine.output(1)[1]).toBe(200); // the last good frame holds until the timeout
    at(4100);
    runtime.pump(4100);
    expect(runtime.status(4100).inputs[0]).toMatchObject({ state: 'lost' });
    expect([...runtime.engine.output(1).subarray(0, 2)]).toEqual([100, 0]);
  });

  it('a monitor-only input never reaches the output; our own broadcast frames are not an input', async () => {
    const { runtime, fake } = await rig(config({ inputs: [{ protocol: 'artnet', portAddress: 1, universe: 1, merge: false, lossTimeoutMs: 3000 }] }));
    fake.artnetIn(artnetIn(1, [255, 255]), '10.0.0.1', 6454); // our own packet looped back
    fake.artnetIn(artnetIn(1, [9, 8]), '10.0.0.30');
    runtime.pump(1000);
    expect(runtime.engine.output(1)[0]).toBe(0);
    expect(runtime.command({ type: 'input', index: 0 }, 1000)).toMatchObject({ ok: true, frames: { 0: expect.arrayContaining([9, 8]) } });
    expect(runtime.status(1000).inputs[0]).toMatchObject({ framesReceived: 1, sender: '10.0.0.30' });
  });

  it('sACN input: the highest priority source wins; a stream-terminated source is dropped at once', async () => {
    const cidA = parseCid('aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa');
    const cidB = parseCid('bbbbbbbb-bbbb-bbbb-bbbb-bbbbbbbbbbbb');
    const { runtime, fake } = await rig(config({ inputs: [{ protocol: 'sacn', sacnUniverse: 9, universe: 2, merge: true, lossTimeoutMs: 3000 }] }));
    fake.sacnIn(encodeSacnData({ cid: cidA, sourceName: 'desk A', priority: 100, sequence: 1, universe: 9, slots: new Uint8Array([10]) }), '10.0.0.40');
    fake.sacnIn(encodeSacnData({ cid: cidB, sourceName: 'desk B', priority: 150, sequence: 1, universe: 9, slots: new Uint8Array([60]) }), '10.0.0.41');
    fake.sacnIn(encodeSacnData({ cid: cidA, sourceName: 'desk A', priority: 100, sequence: 2, universe: 9, slots: new Uint8Array([11]) }), '10.0.0.40');
    runtime.pump(1000);
    expect(runtime.engine.output(2)[0]).toBe(60);
    expect(runtime.status(1000).inputs[0]!.sender).toMatch(/desk B/);
    fake.sacnIn(encodeSacnData({ cid: cidB, sourceName: 'desk B', priority: 150, sequence: 2, universe: 9, streamTerminated: true, slots: new Uint8Array(0) }), '10.0.0.41');
    fake.sacnIn(encodeSacnData({ cid: cidA, sourceName: 'desk A', priority: 100, sequence: 3, universe: 9, slots: new Uint8Array([12]) }), '10.0.0.40');
    runtime.pump(1030);
    expect(runtime.engine.output(2)[0]).toBe(12);
  });

  it('malformed packets are counted rejects; Art-Net timecode is kept for the schedule', async () => {
    const { runtime, fake } = await rig(config({ inputs: [{ protocol: 'artnet', portAddress: 1, universe: 1, merge: false, lossTimeoutMs: 3000 }] }));
    fake.artnetIn(new Uint8Array([1, 2, 3]), '10.0.0.5');
    fake.artnetIn(artnetIn(1, [1, 2, 3, 4]).subarray(0, 19), '10.0.0.5'); // an ArtDmx cut short
    fake.artnetIn(encodeArtTimeCode({ hours: 10, minutes: 20, seconds: 30, frames: 11, type: 3 }), '10.0.0.5');
    const s = runtime.status(1000);
    expect(s.inputs[0]!.rejected).toBe(2);
    expect(s.timecode).toMatchObject({ text: '10:20:30:11', type: 'SMPTE 30' });
  });
});

describe('DMX runtime: sACN output', () => {
  it('sends E1.31 with our CID, name and priority; on stop, three stream-terminated packets', async () => {
    const { runtime, fake } = await rig(config({ artnet: { enabled: false }, sacn: { enabled: true, interface: '10.0.0.1' }, outputs: [{ protocol: 'sacn', universe: 1, sacnUniverse: 5, target: '', priority: 120 }] }));
    runtime.command({ type: 'set', universe: 1, values: { '3': 33 } }, 1000);
    runtime.pump(1000);
    const data = fake.sacnSent.at(-1)!;
    expect(data.packet).toMatchObject({ kind: 'data', universe: 5, priority: 120, sourceName: 'Showsite Console', streamTerminated: false });
    expect((data.packet as Extract<SacnPacket, { kind: 'data' }>).slots[2]).toBe(33);
    runtime.stop();
    const last3 = fake.sacnSent.slice(-3).map((s) => s.packet);
    expect(last3.every((p) => p.kind === 'data' && p.streamTerminated)).toBe(true);
  });
});
