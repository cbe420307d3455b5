// Art-Net codec tests. The packets are the real ones OLA's test suite sends/expects
// (PROTOCOLS.md §2.8: OLA plugins/artnet/ArtNetNodeTest.cpp @ 185b10f2); expectations come from
// the values OLA configured (names, addresses), not from our own arithmetic.
import { describe, expect, it } from 'vitest';
import {
  ArtNetSequencer,
  acceptArtNetSequence,
  decodeArtNet,
  encodeArtDmx,
  encodeArtDmxInto,
  encodeArtPoll,
  encodeArtPollReply,
  encodeArtSync,
  encodeArtTimeCode,
  formatPortAddress,
  nextArtNetSequence,
  pollTargets,
  portAddress,
  splitPortAddress,
  type ArtNetPacket,
} from '../../../native/artnet/codec.ts';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

// §2.8, verbatim.
const POLL = hex('41 72 74 2d 4e 65 74 00 00 20 00 0e 02 00');
const DMX_6 = hex('41 72 74 2d 4e 65 74 00 00 50 00 0e 00 01 23 04 00 06 00 01 02 03 04 05');
const DMX_5_PADDED = hex('41 72 74 2d 4e 65 74 00 00 50 00 0e 01 01 23 04 00 06 00 01 02 03 04 00');
const TIMECODE = hex('41 72 74 2d 4e 65 74 00 00 97 00 0e 00 00 0b 1e 14 0a 03');
const TOD_CONTROL = hex('41 72 74 2d 4e 65 74 00 00 82 00 0e 00 00 00 00 00 00 00 00 00 04 01 23');
const POLL_REPLY = hex(
  '4172742d4e65740000210a000001361900000402043100d2707a53686f7274204e616d65000000000000000054686973206973207468652076657279206c6f6e67206e616d6500000000000000000000000000000000000000000000000000000000000000000000000000002330303031205b305d204f4c410000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004c0c0c0c008080808800000002020202023202020000000000000000a0b0c1234560a00000100080000000000000000000000000000000000000000000000000000',
);

function expectOp<K extends ArtNetPacket['op']>(p: ArtNetPacket, op: K): Extract<ArtNetPacket, { op: K }> {
  expect(p.op, JSON.stringify(p)).toBe(op);
  return p as Extract<ArtNetPacket, { op: K }>;
}

describe('Port-Address', () => {
  it('joins and splits Net / Sub-Net / Universe (OLA README: 1/15/15 -> 511; §2.8: 4/2/3 -> 0x423)', () => {
    expect(portAddress(1, 15, 15)).toBe(511);
    expect(portAddress(4, 2, 3)).toBe(0x0423);
    expect(portAddress(127, 15, 15)).toBe(32767);
    expect(splitPortAddress(0x0423)).toEqual({ net: 4, subNet: 2, universe: 3 });
    expect(splitPortAddress(32767)).toEqual({ net: 127, subNet: 15, universe: 15 });
    expect(formatPortAddress(0x0423)).toBe('4:2:3');
  });
  it('rejects out-of-range parts and addresses', () => {
    expect(() => portAddress(128, 0, 0)).toThrow(RangeError);
    expect(() => portAddress(0, 16, 0)).toThrow(RangeError);
    expect(() => portAddress(0, 0, 16)).toThrow(RangeError);
    expect(() => portAddress(-1, 0, 0)).toThrow(RangeError);
    expect(() => portAddress(0.5, 0, 0)).toThrow(RangeError);
    expect(() => splitPortAddress(32768)).toThrow(RangeError);
    expect(() => splitPortAddress(-1)).toThrow(RangeError);
  });
});

describe('ArtPoll', () => {
  it('encodes OLA’s 14-byte poll byte for byte by default', () => {
    expect(toHex(encodeArtPoll())).toBe(toHex(POLL));
    expect(toHex(encodeArtPoll(0x02))).toBe(toHex(POLL));
  });
  it('decodes OLA’s poll, the missing Art-Net 4 tail reading as 0', () => {
    const p = expectOp(decodeArtNet(POLL), 'poll');
    expect(p).toEqual({ op: 'poll', protocolVersion: 14, flags: 0x02, diagPriority: 0, targetPortAddressTop: 0, targetPortAddressBottom: 0, estaMan: 0, oem: 0, length: 14 });
  });
  it('encodes and decodes the 22-byte Art-Net 4 form (tail big-endian at 14..21)', () => {
    const b = encodeArtPoll(0x22, { diagPriority: 0x40, tail: { targetPortAddressTop: 0x0423, targetPortAddressBottom: 0x0400, estaMan: 0x7a70, oem: 0x0431 } });
    expect(b.length).toBe(22);
    expect(toHex(b.subarray(12))).toBe('2240' + '0423' + '0400' + '7a70' + '0431');
    const p = expectOp(decodeArtNet(b), 'poll');
    expect([p.targetPortAddressTop, p.targetPortAddressBottom, p.estaMan, p.oem, p.length]).toEqual([0x0423, 0x0400, 0x7a70, 0x0431, 22]);
    expect(pollTargets(p, [0x0423])).toBe(true);
    expect(pollTargets(p, [0x0500])).toBe(false);
    expect(pollTargets(expectOp(decodeArtNet(POLL), 'poll'), [0x0500])).toBe(true); // not targeted
  });
  it('a 15..21-byte poll keeps the bytes it has and reads the rest as 0', () => {
    const b = new Uint8Array(16);
    b.set(POLL);
    b[14] = 0x01;
    b[15] = 0x02;
    expect(expectOp(decodeArtNet(b), 'poll')).toMatchObject({ targetPortAddressTop: 0x0102, targetPortAddressBottom: 0, length: 16 });
  });
  it('refuses a targeted poll without the tail', () => {
    expect(() => encodeArtPoll(0x20)).toThrow(RangeError);
  });
});

describe('ArtDmx', () => {
  const slots6 = Uint8Array.from([0, 1, 2, 3, 4, 5]);
  it('encodes §2.8 packet 1 (seq 0, physical 1, Port-Address 0x0423, 6 slots)', () => {
    expect(toHex(encodeArtDmx({ sequence: 0, physical: 1, portAddress: 0x0423, data: slots6 }))).toBe(toHex(DMX_6));
  });
  it('encodes §2.8 packet 2: 5 slots padded with one 0 to Length 6', () => {
    expect(toHex(encodeArtDmx({ sequence: 1, physical: 1, portAddress: 0x0423, data: Uint8Array.from([0, 1, 2, 3, 4]) }))).toBe(toHex(DMX_5_PADDED));
  });
  it('encodes into a reused buffer, overwriting stale bytes, and returns the size', () => {
    const buf = new Uint8Array(530).fill(0xee);
    expect(encodeArtDmxInto(buf, 1, 1, 0x0423, Uint8Array.from([0, 1, 2, 3, 4]))).toBe(24);
    expect(toHex(buf.subarray(0, 24))).toBe(toHex(DMX_5_PADDED));
    // only the first 5 of a longer array
    expect(encodeArtDmxInto(buf, 0, 1, 0x0423, Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7]), 6)).toBe(24);
    expect(toHex(buf.subarray(0, 24))).toBe(toHex(DMX_6));
  });
  it('decodes both §2.8 packets', () => {
    const a = expectOp(decodeArtNet(DMX_6), 'dmx');
    expect([a.sequence, a.physical, a.portAddress, a.length]).toEqual([0, 1, 0x0423, 6]);
    expect([...a.data]).toEqual([0, 1, 2, 3, 4, 5]);
    const b = expectOp(decodeArtNet(DMX_5_PADDED), 'dmx');
    expect([b.sequence, b.length, [...b.data]]).toEqual([1, 6, [0, 1, 2, 3, 4, 0]]);
  });
  it('returns data as a view into the input, not a copy', () => {
    const input = DMX_6.slice();
    const p = expectOp(decodeArtNet(input), 'dmx');
    expect(p.data.buffer).toBe(input.buffer);
    input[18] = 99;
    expect(p.data[0]).toBe(99);
  });
  it('works on a Node Buffer that sits at an offset inside a larger pool', () => {
    const pool = Buffer.alloc(100, 0xaa);
    DMX_6.forEach((v, i) => (pool[37 + i] = v));
    const p = expectOp(decodeArtNet(pool.subarray(37, 37 + DMX_6.length)), 'dmx');
    expect([...p.data]).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('a full 512-slot universe round-trips', () => {
    const data = Uint8Array.from({ length: 512 }, (_, i) => (i * 7) & 0xff);
    const p = expectOp(decodeArtNet(encodeArtDmx({ sequence: 200, portAddress: 32767, data })), 'dmx');
    expect([p.sequence, p.portAddress, p.length]).toEqual([200, 32767, 512]);
    expect(p.data).toEqual(data);
  });
  it('is lenient like OLA: a truncated datagram delivers min(Length, bytes received)', () => {
    const full = encodeArtDmx({ sequence: 3, portAddress: 1, data: new Uint8Array(512).fill(9) });
    const p = expectOp(decodeArtNet(full.subarray(0, 18 + 100)), 'dmx');
    expect(p.length).toBe(100);
    // extra bytes beyond Length are ignored
    const longer = new Uint8Array(DMX_6.length + 10);
    longer.set(DMX_6);
    expect(expectOp(decodeArtNet(longer), 'dmx').length).toBe(6);
    // odd Length accepted on receive (the "even" rule is for senders)
    const odd = DMX_6.slice(0, 23);
    odd[17] = 5;
    expect(expectOp(decodeArtNet(odd), 'dmx').length).toBe(5);
  });
  it('rejects what is not a usable ArtDmx, with the reason', () => {
    const withLength = (len: number) => {
      const b = DMX_6.slice();
      b[16] = len >> 8;
      b[17] = len & 0xff;
      return b;
    };
    expect(decodeArtNet(withLength(513))).toEqual({ op: 'reject', reason: 'dmx-length-too-large', opcode: 0x5000 });
    expect(decodeArtNet(withLength(0xffff))).toMatchObject({ reason: 'dmx-length-too-large' });
    expect(decodeArtNet(withLength(1))).toMatchObject({ reason: 'dmx-length-too-small' });
    expect(decodeArtNet(withLength(0))).toMatchObject({ reason: 'dmx-length-too-small' });
    expect(decodeArtNet(DMX_6.subarray(0, 19))).toMatchObject({ reason: 'dmx-data-truncated' }); // 1 data byte
    expect(decodeArtNet(DMX_6.subarray(0, 18))).toMatchObject({ reason: 'dmx-data-truncated' });
    expect(decodeArtNet(DMX_6.subarray(0, 17))).toMatchObject({ reason: 'too-short', opcode: 0x5000 });
    const oldVersion = DMX_6.slice();
    oldVersion[11] = 13;
    expect(decodeArtNet(oldVersion)).toMatchObject({ reason: 'old-protocol-version' });
    const newer = DMX_6.slice();
    newer[10] = 1; // ProtVer 0x010e >= 14: accepted
    expect(decodeArtNet(newer).op).toBe('dmx');
    const bigNet = DMX_6.slice();
    bigNet[15] = 0x80;
    expect(decodeArtNet(bigNet)).toMatchObject({ reason: 'port-address-out-of-range' });
  });
  it('encoder refuses bad arguments', () => {
    const d = new Uint8Array(4);
    expect(() => encodeArtDmxInto(new Uint8Array(600), 256, 0, 0, d)).toThrow(RangeError);
    expect(() => encodeArtDmxInto(new Uint8Array(600), 0, 0, 32768, d)).toThrow(RangeError);
    expect(() => encodeArtDmxInto(new Uint8Array(600), 0, 0, 0, new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodeArtDmxInto(new Uint8Array(600), 0, 0, 0, new Uint8Array(513))).toThrow(RangeError);
    expect(() => encodeArtDmxInto(new Uint8Array(21), 0, 0, 0, d)).toThrow(RangeError);
  });
});

describe('ArtTimeCode', () => {
  it('encodes 10:20:30:11 SMPTE byte for byte (§2.8)', () => {
    expect(toHex(encodeArtTimeCode({ hours: 10, minutes: 20, seconds: 30, frames: 11, type: 3 }))).toBe(toHex(TIMECODE));
  });
  it('decodes it', () => {
    expect(decodeArtNet(TIMECODE)).toEqual({ op: 'timeCode', frames: 11, seconds: 30, minutes: 20, hours: 10, type: 3, streamId: 0 });
  });
  it('rejects impossible times and short packets; encoder refuses them', () => {
    const bad = (i: number, v: number) => {
      const b = TIMECODE.slice();
      b[i] = v;
      return decodeArtNet(b);
    };
    expect(bad(18, 4)).toMatchObject({ reason: 'timecode-out-of-range' });
    expect(bad(17, 24)).toMatchObject({ reason: 'timecode-out-of-range' });
    expect(bad(16, 60)).toMatchObject({ reason: 'timecode-out-of-range' });
    expect(bad(14, 30)).toMatchObject({ reason: 'timecode-out-of-range' }); // SMPTE: 0..29
    const film = TIMECODE.slice();
    film[18] = 0;
    film[14] = 24; // Film: 0..23
    expect(decodeArtNet(film)).toMatchObject({ reason: 'timecode-out-of-range' });
    expect(decodeArtNet(TIMECODE.subarray(0, 18))).toMatchObject({ reason: 'too-short', opcode: 0x9700 });
    expect(() => encodeArtTimeCode({ hours: 0, minutes: 0, seconds: 0, frames: 25, type: 1 })).toThrow(RangeError);
  });
});

describe('ArtSync and other opcodes', () => {
  it('ArtSync is 14 bytes, Aux 0, and decodes', () => {
    const s = encodeArtSync();
    expect(toHex(s)).toBe('4172742d4e6574000052000e0000');
    expect(decodeArtNet(s)).toEqual({ op: 'sync' });
    expect(decodeArtNet(s.subarray(0, 13))).toMatchObject({ op: 'reject', reason: 'too-short' });
  });
  it('ArtTodControl (§2.8) decodes as other, OpCode 0x8200', () => {
    expect(decodeArtNet(TOD_CONTROL)).toEqual({ op: 'other', opcode: 0x8200, length: 24 });
  });
});

describe('ArtPollReply', () => {
  // The node OLA's test configures (ArtNetNodeTest.cpp L289 ff., PROTOCOLS.md §2.8).
  const olaNode = {
    ip: '10.0.0.1',
    netSwitch: 4,
    subSwitch: 2,
    oem: 0x0431,
    status1: 0xd2,
    estaMan: 0x7a70,
    shortName: 'Short Name',
    longName: 'This is the very long name',
    nodeReport: '#0001 [0] OLA',
    numPorts: 4,
    portTypes: [0xc0, 0xc0, 0xc0, 0xc0] as [number, number, number, number],
    goodInput: [8, 8, 8, 8] as [number, number, number, number],
    goodOutput: [0x80, 0, 0, 0] as [number, number, number, number],
    swIn: [0x20, 0x20, 0x20, 0x20] as [number, number, number, number],
    swOut: [0x23, 0x20, 0x20, 0x20] as [number, number, number, number],
    mac: '0a:0b:0c:12:34:56',
    bindIp: '10.0.0.1',
    status2: 0x08,
  };

  it('encoding OLA’s field values gives the exact 239-byte dump', () => {
    const b = encodeArtPollReply(olaNode);
    expect(b.length).toBe(239);
    expect(toHex(b)).toBe(toHex(POLL_REPLY));
  });

  it('decoding the dump gives those values back', () => {
    const p = expectOp(decodeArtNet(POLL_REPLY), 'pollReply');
    expect(p).toMatchObject({ ...olaNode, port: 6454, version: 0, ubea: 0, acnPriority: 0, swMacro: 0, swRemote: 0, style: 0, bindIndex: 0, length: 239 });
    expect(p.goodOutputB).toEqual([0, 0, 0, 0]);
    expect([p.status3, p.user, p.refreshRate, p.backgroundQueuePolicy, p.defaultRespUid]).toEqual([0, 0, 0, 0, '0000:00000000']);
  });

  it('works out each port’s Port-Addresses (4:2:3 is the one OLA sends ArtDmx on in §2.8)', () => {
    const p = expectOp(decodeArtNet(POLL_REPLY), 'pollReply');
    expect(p.outputPortAddresses).toEqual([0x0423, 0x0420, 0x0420, 0x0420]);
    expect(p.inputPortAddresses).toEqual([0x0420, 0x0420, 0x0420, 0x0420]);
    expect(p.ports[0]).toEqual({ index: 0, protocol: 0, canOutput: true, canInput: true, outputPortAddress: 0x0423, inputPortAddress: 0x0420, outputActive: true, inputDisabled: true });
    expect(p.ports[1]?.outputActive).toBe(false);
  });

  it('ports that cannot output or input have no address; numPorts limits the list', () => {
    const b = encodeArtPollReply({ ip: '2.0.0.9', netSwitch: 1, subSwitch: 15, numPorts: 2, portTypes: [0x80, 0x40, 0xc0, 0xc0], swOut: [0x0f, 0, 0, 0], swIn: [0, 0x05, 0, 0] });
    const p = expectOp(decodeArtNet(b), 'pollReply');
    expect(p.ports).toHaveLength(2);
    expect(p.outputPortAddresses).toEqual([511]); // 1:15:15, as in OLA's README table
    expect(p.inputPortAddresses).toEqual([0x01f5]);
  });

  it('accepts the 207-byte pre-Art-Net-3 form (bind fields read as 0) and rejects 206', () => {
    const p = expectOp(decodeArtNet(POLL_REPLY.subarray(0, 207)), 'pollReply');
    expect([p.shortName, p.mac, p.bindIp, p.status2, p.length]).toEqual(['Short Name', '0a:0b:0c:12:34:56', '0.0.0.0', 0, 207]);
    expect(decodeArtNet(POLL_REPLY.subarray(0, 206))).toEqual({ op: 'reject', reason: 'too-short', opcode: 0x2100 });
  });

  it('has no ProtVer: bytes 10..11 are the IP, so a 10.0.x.x node is not "version 2560"', () => {
    const b = encodeArtPollReply({ ip: '0.0.0.1' }); // bytes 10..11 = 0 would fail a ProtVer check
    expect(decodeArtNet(b).op).toBe('pollReply');
  });

  it('Art-Net 4 fields round-trip; names are truncated to fit with a NUL', () => {
    const b = encodeArtPollReply({
      ip: '192.168.1.20', bindIndex: 2, goodOutputB: [0xc0, 0, 0, 0], status3: 0x08, defaultRespUid: '7a70:12345678', user: 0x1234, refreshRate: 44, backgroundQueuePolicy: 1, style: 1,
      shortName: 'x'.repeat(30), longName: 'ü-long',
    });
    const p = expectOp(decodeArtNet(b), 'pollReply');
    expect([p.bindIndex, p.goodOutputB, p.status3, p.defaultRespUid, p.user, p.refreshRate, p.backgroundQueuePolicy, p.style]).toEqual([2, [0xc0, 0, 0, 0], 8, '7a70:12345678', 0x1234, 44, 1, 1]);
    expect(p.shortName).toBe('x'.repeat(17));
    expect(b[26 + 17]).toBe(0);
    expect(p.longName).toBe('?-long');
  });

  it('encoder refuses malformed fields', () => {
    expect(() => encodeArtPollReply({ ip: '10.0.0' })).toThrow(RangeError);
    expect(() => encodeArtPollReply({ ip: '10.0.0.256' })).toThrow(RangeError);
    expect(() => encodeArtPollReply({ ip: '10.0.0.1', mac: '0a:0b' })).toThrow(RangeError);
    expect(() => encodeArtPollReply({ ip: '10.0.0.1', netSwitch: 128 })).toThrow(RangeError);
    expect(() => encodeArtPollReply({ ip: '10.0.0.1', numPorts: 5 })).toThrow(RangeError);
  });
});

describe('sequence numbers', () => {
  it('send side: 1..255, wrapping 255 -> 1, never 0', () => {
    expect(nextArtNetSequence(0)).toBe(1);
    expect(nextArtNetSequence(1)).toBe(2);
    expect(nextArtNetSequence(254)).toBe(255);
    expect(nextArtNetSequence(255)).toBe(1);
    const s = new ArtNetSequencer();
    const seen = Array.from({ length: 300 }, () => s.next(0x0423));
    expect(seen[0]).toBe(1);
    expect(seen[254]).toBe(255);
    expect(seen[255]).toBe(1);
    expect(seen).not.toContain(0);
    expect(s.next(0x0001)).toBe(1); // independent per Port-Address
    s.reset(0x0423);
    expect(s.next(0x0423)).toBe(1);
  });
  it('receive side: accepts in order, wraps (spec 255->1 and OLA 255->0->1), 0 = disabled; drops recent repeats', () => {
    expect(acceptArtNetSequence(1, 2)).toBe(true);
    expect(acceptArtNetSequence(255, 1)).toBe(true); // spec wrap
    expect(acceptArtNetSequence(255, 0)).toBe(true); // OLA quirk (§2.8)
    expect(acceptArtNetSequence(0, 1)).toBe(true);
    expect(acceptArtNetSequence(7, 0)).toBe(true);
    expect(acceptArtNetSequence(10, 10)).toBe(false); // duplicate
    expect(acceptArtNetSequence(10, 9)).toBe(false); // late
    expect(acceptArtNetSequence(10, 250)).toBe(false); // late across the wrap (-16)
    expect(acceptArtNetSequence(100, 50)).toBe(true); // big jump back: a restarted sender
  });
});

describe('garbage', () => {
  it('rejects short and foreign datagrams without throwing', () => {
    expect(decodeArtNet(new Uint8Array(0))).toEqual({ op: 'reject', reason: 'too-short', opcode: null });
    expect(decodeArtNet(POLL.subarray(0, 9))).toMatchObject({ reason: 'too-short' });
    expect(decodeArtNet(new TextEncoder().encode('Art-Net\u0001\u0000\u0050xxxxxxxxxxxxxxxx'))).toMatchObject({ reason: 'bad-id' });
    const lower = DMX_6.slice();
    lower[0] = 0x61; // 'art-Net'
    expect(decodeArtNet(lower)).toMatchObject({ reason: 'bad-id' });
    expect(decodeArtNet(POLL.subarray(0, 12))).toMatchObject({ reason: 'too-short', opcode: 0x2000 });
  });
});
