// Real packets captured from olad 0.10.9 (Debian package), Art-Net plugin bound to 10.78.0.1 in a
// network namespace, received by a plain UDP socket in a second namespace over a veth pair
// (PEERS.md recipe). OLA was patched `ola_patch -d 1 -p 0 -u 1`, then `ola_set_dmx -u 1 -d
// 255,128,0` and `-d 1,2,3,4,5,6,7,8,9,10`. Captured 2026-11-25 for these tests.
import { describe, expect, it } from 'vitest';
import { decodeArtNet, encodeArtDmx, encodeArtPoll, encodeArtPollReply, type ArtNetPacket, type ArtNodeInfo } from '../../../native/artnet/codec.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const OLA_POLL = '4172742d4e6574000020000e0200';
const OLA_POLL_REPLY_PATCHED =
  '4172742d4e65740000210a4e0001361900000000043100d2707a4f4c41202d204172744e6574206e6f6465004f4c41202d204172744e6574206e6f646500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002330303031205b315d204f4c410000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004c0c0c0c00008080800000000010000000000000000000000000000fa8e910342640a4e000100080000000000000000000000000000000000000000000000000000';
const OLA_TOD_REQUEST = '4172742d4e6574000080000e0000000000000000000000010100000000000000000000000000000000000000000000000000000000000000';
const OLA_DMX_3_SLOTS = '4172742d4e6574000050000e000001000004ff800000';
const OLA_DMX_10_SLOTS = '4172742d4e6574000050000e01000100000a0102030405060708090a';

function expectOp<K extends ArtNetPacket['op']>(p: ArtNetPacket, op: K): Extract<ArtNetPacket, { op: K }> {
  expect(p.op, JSON.stringify(p)).toBe(op);
  return p as Extract<ArtNetPacket, { op: K }>;
}

describe('olad 0.10.9 capture', () => {
  it('olad’s ArtPoll is byte for byte what encodeArtPoll() sends', () => {
    expect(toHex(encodeArtPoll())).toBe(OLA_POLL);
    expect(expectOp(decodeArtNet(hex(OLA_POLL)), 'poll').flags).toBe(0x02);
  });

  it('decodes olad’s ArtPollReply: its node, and the Port-Address it sends universe 1 on', () => {
    const p = expectOp(decodeArtNet(hex(OLA_POLL_REPLY_PATCHED)), 'pollReply');
    expect(p).toMatchObject({
      ip: '10.78.0.1', port: 6454, oem: 0x0431, status1: 0xd2, estaMan: 0x7a70,
      shortName: 'OLA - ArtNet node', longName: 'OLA - ArtNet node', nodeReport: '#0001 [1] OLA',
      numPorts: 4, mac: 'fa:8e:91:03:42:64', bindIp: '10.78.0.1', status2: 0x08, style: 0,
    });
    // OLA's "output" port 0 sends ArtDmx onto the network: an Art-Net input, enabled, on 0:0:1.
    expect(p.ports[0]).toMatchObject({ canInput: true, inputPortAddress: 1, inputDisabled: false });
    expect(p.ports.slice(1).every((port) => port.inputDisabled)).toBe(true);
  });

  it('re-encoding the decoded reply reproduces olad’s bytes exactly', () => {
    const p = expectOp(decodeArtNet(hex(OLA_POLL_REPLY_PATCHED)), 'pollReply');
    const { op: _op, length: _length, ports: _ports, outputPortAddresses: _o, inputPortAddresses: _i, ...info } = p;
    const reencoded = encodeArtPollReply(info satisfies ArtNodeInfo);
    expect(toHex(reencoded)).toBe(OLA_POLL_REPLY_PATCHED);
  });

  it('decodes olad’s ArtDmx (3 slots padded to 4, then 10 slots) and our encoder produces the same bytes', () => {
    const a = expectOp(decodeArtNet(hex(OLA_DMX_3_SLOTS)), 'dmx');
    expect([a.sequence, a.physical, a.portAddress, a.length, [...a.data]]).toEqual([0, 0, 1, 4, [255, 128, 0, 0]]);
    expect(toHex(encodeArtDmx({ sequence: 0, portAddress: 1, data: Uint8Array.from([255, 128, 0]) }))).toBe(OLA_DMX_3_SLOTS);
    const b = expectOp(decodeArtNet(hex(OLA_DMX_10_SLOTS)), 'dmx');
    expect([b.sequence, b.portAddress, [...b.data]]).toEqual([1, 1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(toHex(encodeArtDmx({ sequence: 1, portAddress: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) }))).toBe(OLA_DMX_10_SLOTS);
  });

  it('olad’s ArtTodRequest decodes as other, OpCode 0x8000', () => {
    expect(decodeArtNet(hex(OLA_TOD_REQUEST))).toEqual({ op: 'other', opcode: 0x8000, length: 56 });
  });
});
