// Real E1.31 packets captured from olad 0.10.9 (Debian package), E1.31 plugin bound to 10.78.0.1
// in a network namespace (CID 138cb075-2716-4e65-8119-c0ce499c22b6 from its ola-e131.conf,
// draft_discovery = true), received by a UDP socket that joined 239.255.0.1 and 239.255.250.214
// in a second namespace over a veth pair. OLA was patched to universe 1, sent 255,128,0 then
// 1..10, then was unpatched (three stream-terminated packets). Captured 2026-11-25.
import { describe, expect, it } from 'vitest';
import { cidToString, decodeSacn, encodeSacnData, parseCid, type SacnPacket } from '../../../native/sacn/codec.ts';

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');

const PREFIX = '001000004153432d45312e3137000000';
const CID = '138cb07527164e658119c0ce499c22b6';
const NAME = '766d2d4f4c4120536572766572' + '00'.repeat(51); // "vm-OLA Server"
const OLA_3_SLOTS = PREFIX + '7071' + '00000004' + CID + '705b' + '00000002' + NAME + '64000000000001700e02a100000001000400ff8000';
const OLA_10_SLOTS = PREFIX + '7078' + '00000004' + CID + '7062' + '00000002' + NAME + '64000001000001701502a100000001000b000102030405060708090a';
const olaTerminated = (seq: number) => PREFIX + '706e' + '00000004' + CID + '7058' + '00000002' + NAME + `640000${seq.toString(16).padStart(2, '0')}400001700b02a100000001000100`;
const OLA_DRAFT_DISCOVERY = PREFIX + '7065' + '00000004' + CID + '704f' + '00000004' + NAME + '0000000000fad60000';

function expectData(p: SacnPacket) {
  expect(p.kind, JSON.stringify(p)).toBe('data');
  return p as Extract<SacnPacket, { kind: 'data' }>;
}

describe('olad 0.10.9 capture', () => {
  const cid = parseCid('138cb075-2716-4e65-8119-c0ce499c22b6');

  it('decodes olad’s data packets to what was sent', () => {
    const a = expectData(decodeSacn(hex(OLA_3_SLOTS)));
    expect(cidToString(a.cid)).toBe('138cb075-2716-4e65-8119-c0ce499c22b6');
    expect([a.sourceName, a.priority, a.syncAddress, a.sequence, a.options, a.universe, [...a.slots]]).toEqual(['vm-OLA Server', 100, 0, 0, 0, 1, [255, 128, 0]]);
    const b = expectData(decodeSacn(hex(OLA_10_SLOTS)));
    expect([b.sequence, [...b.slots]]).toEqual([1, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
  });

  it('our encoder produces olad’s bytes from the same fields', () => {
    expect(toHex(encodeSacnData({ cid, sourceName: 'vm-OLA Server', sequence: 0, universe: 1, slots: Uint8Array.from([255, 128, 0]) }))).toBe(OLA_3_SLOTS);
    expect(toHex(encodeSacnData({ cid, sourceName: 'vm-OLA Server', sequence: 1, universe: 1, slots: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) }))).toBe(OLA_10_SLOTS);
  });

  it('olad’s release: three stream-terminated packets carrying only the start code', () => {
    for (const seq of [2, 3, 4]) {
      const p = expectData(decodeSacn(hex(olaTerminated(seq))));
      expect([p.sequence, p.streamTerminated, p.options, p.slots.length, p.universe]).toEqual([seq, true, 0x40, 0, 1]);
      expect(toHex(encodeSacnData({ cid, sourceName: 'vm-OLA Server', sequence: seq, universe: 1, streamTerminated: true, slots: new Uint8Array(0) }))).toBe(olaTerminated(seq));
    }
  });

  it('olad’s draft (pre-standard) universe discovery is a counted reject, not a data packet', () => {
    // Root vector 4 with framing vector 4 and no universe-discovery layer header (OLA E131Sender
    // SendDiscoveryData): universe 64214 (0xfad6), page 0 of 0, empty list.
    expect(decodeSacn(hex(OLA_DRAFT_DISCOVERY))).toEqual({ kind: 'reject', reason: 'unknown-framing-vector' });
  });
});
