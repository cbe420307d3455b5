// Fuzz: random and mutated datagrams into decodeArtNet and decodeSacn. Each must return (never
// throw), and every result must be either a packet whose fields are within their ranges or a
// reject with a known reason. Seeded, so a failure reproduces; the counts are printed.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../native/sim/random.ts';
import {
  decodeArtNet,
  encodeArtDmx,
  encodeArtPoll,
  encodeArtPollReply,
  encodeArtSync,
  encodeArtTimeCode,
  type ArtNetPacket,
  type ArtNetRejectReason,
} from '../../native/artnet/codec.ts';
import { decodeSacn, encodeSacnData, encodeSacnDiscovery, encodeSacnSync, type SacnPacket, type SacnRejectReason } from '../../native/sacn/codec.ts';

const CASES = 100_000; // per entry point, for each of random and mutated

const ARTNET_REASONS: readonly ArtNetRejectReason[] = ['too-short', 'bad-id', 'old-protocol-version', 'dmx-length-too-large', 'dmx-length-too-small', 'dmx-data-truncated', 'port-address-out-of-range', 'timecode-out-of-range'];
const SACN_REASONS: readonly SacnRejectReason[] = [
  'too-short', 'bad-preamble', 'bad-postamble', 'bad-packet-identifier', 'bad-flags', 'root-length-mismatch', 'unknown-root-vector', 'framing-length-mismatch',
  'unknown-framing-vector', 'dmp-length-mismatch', 'bad-dmp-vector', 'bad-dmp-address-type', 'bad-first-property-address', 'bad-address-increment',
  'property-count-out-of-range', 'universe-out-of-range', 'priority-out-of-range', 'sync-address-out-of-range', 'sync-length-mismatch', 'bad-discovery-layer',
  'discovery-page-out-of-range', 'non-zero-start-code',
];

const byte = (v: number) => Number.isInteger(v) && v >= 0 && v <= 255;
const u16 = (v: number) => Number.isInteger(v) && v >= 0 && v <= 0xffff;

/** Returns a description of what is wrong with an Art-Net result, or null if it is a valid one. */
function artNetProblem(p: ArtNetPacket, input: Uint8Array): string | null {
  switch (p.op) {
    case 'reject':
      return ARTNET_REASONS.includes(p.reason) ? null : `unknown reason ${p.reason}`;
    case 'dmx':
      if (!byte(p.sequence) || !byte(p.physical)) return 'sequence/physical';
      if (!(p.portAddress >= 0 && p.portAddress <= 32767)) return 'portAddress';
      if (p.length < 2 || p.length > 512 || p.data.length !== p.length) return 'length';
      if (p.data.buffer !== input.buffer || p.data.byteOffset !== input.byteOffset + 18) return 'data is not a view at offset 18';
      return null;
    case 'poll':
      return p.protocolVersion >= 14 && byte(p.flags) && byte(p.diagPriority) && [p.targetPortAddressTop, p.targetPortAddressBottom, p.estaMan, p.oem].every(u16) && p.length >= 14 ? null : 'poll fields';
    case 'pollReply':
      if (p.length < 207 || p.ports.length > 4 || p.shortName.length > 18 || p.longName.length > 64 || p.nodeReport.length > 64) return 'pollReply sizes';
      if (![...p.outputPortAddresses, ...p.inputPortAddresses].every((a) => a >= 0 && a <= 32767)) return 'pollReply port addresses';
      return /^\d+\.\d+\.\d+\.\d+$/.test(p.ip) && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(p.mac) ? null : 'pollReply ip/mac';
    case 'timeCode':
      return p.type <= 3 && p.hours <= 23 && p.minutes <= 59 && p.seconds <= 59 && p.frames < 30 && byte(p.streamId) ? null : 'timecode fields';
    case 'sync':
      return null;
    case 'other':
      return u16(p.opcode) && p.length === input.length ? null : 'other';
    default:
      return 'unknown op';
  }
}

function sacnProblem(p: SacnPacket, input: Uint8Array): string | null {
  switch (p.kind) {
    case 'reject':
      if (!SACN_REASONS.includes(p.reason)) return `unknown reason ${p.reason}`;
      if (p.reason === 'non-zero-start-code' && (p.startCode === 0 || p.cid.length !== 16 || p.universe < 1 || p.universe > 63999)) return 'start-code reject fields';
      return null;
    case 'data':
      if (p.cid.length !== 16 || p.slots.length > 512) return 'sizes';
      if (p.universe < 1 || p.universe > 63999 || p.priority > 200 || p.syncAddress > 63999 || !byte(p.sequence)) return 'ranges';
      if (p.slots.buffer !== input.buffer || p.slots.byteOffset !== input.byteOffset + 126 || 126 + p.slots.length !== input.length) return 'slots view';
      return null;
    case 'sync':
      return p.cid.length === 16 && p.syncAddress >= 1 && p.syncAddress <= 63999 && input.length === 49 ? null : 'sync';
    case 'discovery':
      return p.cid.length === 16 && p.universes.length <= 512 && p.page <= p.lastPage && p.universes.every(u16) ? null : 'discovery';
    default:
      return 'unknown kind';
  }
}

function makeRng(seed: number) {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = int(256);
    return b;
  };
  return { rnd, int, pick, bytes };
}

type Rng = ReturnType<typeof makeRng>;

function artNetSeeds(r: Rng): Uint8Array[] {
  const seeds: Uint8Array[] = [encodeArtPoll(), encodeArtPoll(0x22, { tail: { targetPortAddressTop: 10, targetPortAddressBottom: 1 } }), encodeArtSync()];
  for (let i = 0; i < 20; i++) seeds.push(encodeArtDmx({ sequence: r.int(256), physical: r.int(4), portAddress: r.int(32768), data: r.bytes(1 + r.int(512)) }));
  seeds.push(encodeArtTimeCode({ hours: 10, minutes: 20, seconds: 30, frames: 11, type: 3 }));
  seeds.push(encodeArtPollReply({ ip: '10.0.0.1', netSwitch: 4, subSwitch: 2, numPorts: 4, portTypes: [0xc0, 0xc0, 0x80, 0x40], swOut: [3, 2, 1, 0], shortName: 'fuzz', longName: 'fuzz node', mac: '0a:0b:0c:12:34:56' }));
  return seeds;
}

function sacnSeeds(r: Rng): Uint8Array[] {
  const cid = r.bytes(16);
  const seeds: Uint8Array[] = [encodeSacnSync({ cid, sequence: 1, syncAddress: 7962 }), encodeSacnDiscovery({ cid, sourceName: 'fuzz', page: 0, lastPage: 1, universes: [1, 2, 3, 400] })];
  for (let i = 0; i < 20; i++) {
    seeds.push(encodeSacnData({ cid, sourceName: `fuzz ${i}`, priority: r.int(201), sequence: r.int(256), universe: 1 + r.int(63999), startCode: r.rnd() < 0.8 ? 0 : r.int(256), streamTerminated: r.rnd() < 0.2, slots: r.bytes(r.int(513)) }));
  }
  return seeds;
}

const ARTNET_OPCODES = [0x2000, 0x2100, 0x5000, 0x5100, 0x5200, 0x8200, 0x9700, 0x9800, 0xf800, 0x0000, 0xffff];

/** Random datagrams: a third pure noise, the rest noise behind a valid header so the deep paths run. */
function randomArtNet(r: Rng): Uint8Array {
  const b = r.bytes(r.pick([r.int(24), r.int(600), 18 + r.int(520), 207 + r.int(40)]));
  if (r.rnd() < 0.67 && b.length >= 10) {
    b.set([0x41, 0x72, 0x74, 0x2d, 0x4e, 0x65, 0x74, 0x00]);
    const op = r.pick(ARTNET_OPCODES);
    b[8] = op & 0xff;
    b[9] = op >> 8;
    if (b.length >= 12 && r.rnd() < 0.8) {
      b[10] = 0;
      b[11] = 14;
    }
    if (op === 0x5000 && b.length >= 18 && r.rnd() < 0.7) {
      const len = r.int(520); // a plausible Length, so random slots reach the DMX path
      b[16] = len >> 8;
      b[17] = len & 0xff;
    }
  }
  return b;
}

function randomSacn(r: Rng): Uint8Array {
  const b = r.bytes(r.pick([r.int(50), r.int(700), 126 + r.int(513), 49, 120 + 2 * r.int(520)]));
  if (r.rnd() < 0.67 && b.length >= 44) {
    b.set([0x00, 0x10, 0x00, 0x00, 0x41, 0x53, 0x43, 0x2d, 0x45, 0x31, 0x2e, 0x31, 0x37, 0x00, 0x00, 0x00]);
    const n = b.length;
    const fl = (off: number) => {
      if (off + 1 < n) {
        b[off] = 0x70 | (((n - off) >> 8) & 0x0f);
        b[off + 1] = (n - off) & 0xff;
      }
    };
    fl(16);
    b.set([0, 0, 0, r.pick([4, 8, 3, 0])], 18);
    fl(38);
    b.set([0, 0, 0, r.pick([1, 2, 4])], 40);
    if (r.rnd() < 0.5) {
      fl(115);
      fl(112);
    }
    if (r.rnd() < 0.4 && n >= 126) {
      // a plausible DMP header, so random slots reach the data path
      b.set([0x02, 0xa1, 0, 0, 0, 1, (n - 125) >> 8, (n - 125) & 0xff], 117);
      if (r.rnd() < 0.7) b[125] = 0;
    }
  }
  return b;
}

/** One mutation of a valid packet: flips, truncation, extension, length lies, opcode/vector swaps, splices. */
function mutate(r: Rng, seed: Uint8Array, seeds: readonly Uint8Array[], lengthFields: readonly number[], swap: (b: Uint8Array) => void): Uint8Array {
  let b: Uint8Array = seed.slice();
  const rounds = 1 + r.int(3);
  for (let k = 0; k < rounds; k++) {
    switch (r.int(7)) {
      case 0: {
        const flips = 1 + r.int(8);
        for (let i = 0; i < flips && b.length > 0; i++) {
          const at = r.int(b.length);
          b[at] = b[at]! ^ (1 << r.int(8));
        }
        break;
      }
      case 1:
        b = b.slice(0, r.int(b.length + 1));
        break;
      case 2: {
        const longer = new Uint8Array(b.length + 1 + r.int(64));
        longer.set(b);
        longer.set(r.bytes(longer.length - b.length), b.length);
        b = longer;
        break;
      }
      case 3: {
        const off = r.pick(lengthFields); // a length field told a lie
        if (off + 1 < b.length) {
          const lie = r.pick([0, 1, 2, 0xff, 0xffff, r.int(0x10000), ((b[off]! << 8) | b[off + 1]!) + r.pick([-2, -1, 1, 2])]) & 0xffff;
          b[off] = lie >> 8;
          b[off + 1] = lie & 0xff;
        }
        break;
      }
      case 4:
        swap(b);
        break;
      case 5: {
        const other = r.pick(seeds);
        const cut = r.int(Math.min(b.length, other.length) + 1);
        const spliced = new Uint8Array(cut + (other.length - cut));
        spliced.set(b.subarray(0, cut));
        spliced.set(other.subarray(cut), cut);
        b = spliced;
        break;
      }
      default: {
        if (b.length > 0) b[r.int(b.length)] = r.pick([0, 0xff, 0x7f, 0x80, r.int(256)]);
      }
    }
  }
  return b;
}

function runFuzz<T>(label: string, produce: () => Uint8Array, decode: (b: Uint8Array) => T, problem: (p: T, b: Uint8Array) => string | null, key: (p: T) => string) {
  const counts: Record<string, number> = {};
  let rejects = 0;
  let valid = 0;
  const started = performance.now();
  for (let i = 0; i < CASES; i++) {
    const input = produce();
    let result: T;
    try {
      result = decode(input);
    } catch (error) {
      throw new Error(`${label} #${i} threw on ${Buffer.from(input).toString('hex')}: ${(error as Error).message}`);
    }
    const what = problem(result, input);
    if (what) throw new Error(`${label} #${i}: ${what} for ${Buffer.from(input).toString('hex')} -> ${JSON.stringify(result)}`);
    const k = key(result);
    counts[k] = (counts[k] ?? 0) + 1;
    if (k.startsWith('reject:')) rejects++;
    else valid++;
  }
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${CASES} cases in ${ms} ms — ${valid} valid, ${rejects} counted rejects`, counts);
  expect(valid + rejects).toBe(CASES);
  return counts;
}

const artKey = (p: ArtNetPacket) => (p.op === 'reject' ? `reject:${p.reason}` : p.op);
const sacnKey = (p: SacnPacket) => (p.kind === 'reject' ? `reject:${p.reason}` : p.kind);

describe('fuzz: Art-Net and sACN decoders', () => {
  it('the seeds themselves decode as valid packets', () => {
    const r = makeRng(1);
    for (const s of artNetSeeds(r)) expect(decodeArtNet(s).op).not.toBe('reject');
    for (const s of sacnSeeds(r)) {
      const p = decodeSacn(s);
      expect(p.kind === 'reject' ? p.reason : 'ok').toMatch(/^(ok|non-zero-start-code)$/);
    }
  });

  it(`decodeArtNet: ${CASES} random datagrams`, () => {
    const r = makeRng(20261201);
    const counts = runFuzz('artnet random', () => randomArtNet(r), decodeArtNet, artNetProblem, artKey);
    expect(counts['reject:bad-id']).toBeGreaterThan(0);
    expect(counts.dmx).toBeGreaterThan(1000); // noise behind a header reaches the DMX path
  });

  it(`decodeArtNet: ${CASES} mutated packets`, () => {
    const r = makeRng(20261202);
    const seeds = artNetSeeds(r);
    const swapOpcode = (b: Uint8Array) => {
      if (b.length >= 10) {
        const op = r.pick(ARTNET_OPCODES);
        b[8] = op & 0xff;
        b[9] = op >> 8;
      }
    };
    const counts = runFuzz('artnet mutated', () => mutate(r, r.pick(seeds), seeds, [16, 10, 172], swapOpcode), decodeArtNet, artNetProblem, artKey);
    for (const reason of ['too-short', 'dmx-length-too-large', 'dmx-data-truncated', 'old-protocol-version']) expect(counts[`reject:${reason}`], reason).toBeGreaterThan(0);
    expect(counts.dmx).toBeGreaterThan(0);
    expect(counts.pollReply).toBeGreaterThan(0);
  });

  it(`decodeSacn: ${CASES} random datagrams`, () => {
    const r = makeRng(20261203);
    const counts = runFuzz('sacn random', () => randomSacn(r), decodeSacn, sacnProblem, sacnKey);
    expect(counts['reject:bad-preamble']).toBeGreaterThan(0);
    expect(Object.keys(counts).length).toBeGreaterThan(8); // reaches the deeper checks
    expect(counts.data).toBeGreaterThan(0);
  });

  it(`decodeSacn: ${CASES} mutated packets`, () => {
    const r = makeRng(20261204);
    const seeds = sacnSeeds(r);
    const swapVector = (b: Uint8Array) => {
      const at = r.pick([21, 43, 117, 118, 117 /* dmp */]);
      if (at < b.length) b[at] = r.pick([0, 1, 2, 3, 4, 8, 0xa1, 0xdd, r.int(256)]);
    };
    const counts = runFuzz('sacn mutated', () => mutate(r, r.pick(seeds), seeds, [16, 38, 115, 123, 112], swapVector), decodeSacn, sacnProblem, sacnKey);
    for (const reason of ['root-length-mismatch', 'framing-length-mismatch', 'dmp-length-mismatch', 'property-count-out-of-range', 'unknown-root-vector', 'bad-flags']) {
      expect(counts[`reject:${reason}`], reason).toBeGreaterThan(0);
    }
    expect(counts.data).toBeGreaterThan(0);
    expect(counts.sync).toBeGreaterThan(0);
    expect(counts.discovery).toBeGreaterThan(0);
  });
});
