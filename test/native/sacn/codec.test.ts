// sACN (E1.31) codec tests. Published packets:
//  - ANSI E1.31-2018 Appendix B Table B-13 (data) and B-14 (sync), as transcribed in
//    RustLight/sacn tests/data_parse_tests.rs and tests/sync_parse_tests.rs @ 0e7f9827;
//  - the discovery packet of RustLight/sacn tests (built from Tables 4-3, 6-7, 8-9) and
//    patopesto/go-sacn packet/discovery_test.go, packet/data_test.go ("Small packet");
//  - the E1.31-2016 Appendix B packet with its misprinted lengths (Hundemeier/sacn
//    sacn/messages/data_packet_test.py; RustLight notes "0x7d in E1-31-2016 sample packet (which is wrong)").
import { describe, expect, it } from 'vitest';
import {
  acceptSacnSequence,
  cidToString,
  decodeSacn,
  encodeSacnData,
  encodeSacnDataInto,
  encodeSacnDiscovery,
  encodeSacnSync,
  multicastAddress,
  nextSacnSequence,
  parseCid,
  sacnDiscoveryPages,
  sacnSourceNameField,
  type SacnPacket,
} from '../../../native/sacn/codec.ts';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const zeros = (n: number) => '00'.repeat(n);

const CID_B13 = 'ef07c8dd00644401a3a2459ef8e6143e';
const PID = '4153432d45312e3137000000';
const SOURCE_A = '536f757263655f41' + zeros(56); // "Source_A", 64 bytes

// Table B-13: octets 0..125 (start code 0), then 512 slots (0 in the transcription).
const TABLE_B13 = hex(
  '0010 0000' + PID + '726e 00000004' + CID_B13 + '7258 00000002' + SOURCE_A + '64 1f1a 9a 00 0001' + '720b 02 a1 0000 0001 0201 00' + zeros(512),
);
// Same packet as printed in E1.31-2016: root 0x727d, framing 0x7257, DMP 0x720d — inconsistent lengths.
const E131_2016_MISPRINT = hex(
  '0010 0000' + PID + '727d 00000004' + CID_B13 + '7257 00000002' + SOURCE_A + '64 1f1a 9a 00 0001' + '720d 02 a1 0000 0001 0201 00' + zeros(512),
);
// RustLight TEST_DATA_PACKET_PARTIAL: property value count 30 (start code + 29 slots).
const PARTIAL_30 = hex('0010 0000' + PID + '708b 00000004' + CID_B13 + '7075 00000002' + SOURCE_A + '64 1f1a 9a 00 0001' + '7028 02 a1 0000 0001 001e 00' + zeros(29));
// Table B-14. The standard prints sequence 367, which does not fit a byte; RustLight uses 0x70.
const TABLE_B14 = hex('0010 0000' + PID + '7021 00000008' + CID_B13 + '700b 00000001 70 1f1a 0000');
// RustLight TEST_UNIVERSE_DISCOVERY_PACKET: page 1 of 2, universes 3, 4, 5.
const DISCOVERY_RUSTLIGHT = hex('0010 0000' + PID + '706e 00000008' + CID_B13 + '7058 00000002' + SOURCE_A + '00000000' + '700e 00000001 01 02 0003 0004 0005');
// go-sacn "Discovery packet with 2 universes": empty source name, page 3 of 5, universes 1 and 100.
const DISCOVERY_GO_SACN = hex('0010 0000' + PID + '706c 00000008' + CID_B13 + '7056 00000002' + zeros(64) + '00000000' + '700c 00000001 03 05 0001 0064');
// go-sacn "Small packet": zero CID and name, priority 100, seq 1, universe 1, 10 slots.
const SMALL_GO_SACN = hex('0010 0000' + PID + '7078 00000004' + zeros(16) + '7062 00000002' + zeros(64) + '64 0000 01 00 0001' + '7015 02 a1 0000 0001 000b 00' + 'ffffff000000000000ff');

function expectKind<K extends SacnPacket['kind']>(p: SacnPacket, kind: K): Extract<SacnPacket, { kind: K }> {
  expect(p.kind, JSON.stringify(p)).toBe(kind);
  return p as Extract<SacnPacket, { kind: K }>;
}

describe('E1.31 data packet', () => {
  it('encodes the Table B-13 packet byte for byte', () => {
    const b = encodeSacnData({ cid: hex(CID_B13), sourceName: 'Source_A', priority: 100, syncAddress: 7962, sequence: 154, universe: 1, slots: new Uint8Array(512) });
    expect(b.length).toBe(638);
    expect(toHex(b)).toBe(toHex(TABLE_B13));
  });

  it('decodes Table B-13 to the values the standard gives', () => {
    const p = expectKind(decodeSacn(TABLE_B13), 'data');
    expect(cidToString(p.cid)).toBe('ef07c8dd-0064-4401-a3a2-459ef8e6143e');
    expect([p.sourceName, p.priority, p.syncAddress, p.sequence, p.options, p.universe, p.startCode, p.slots.length]).toEqual(['Source_A', 100, 7962, 154, 0, 1, 0, 512]);
    expect([p.preview, p.streamTerminated, p.forceSync]).toEqual([false, false, false]);
  });

  it('rejects the E1.31-2016 sample with its misprinted lengths', () => {
    expect(decodeSacn(E131_2016_MISPRINT)).toEqual({ kind: 'reject', reason: 'root-length-mismatch' });
  });

  it('matches the partial-universe and small packets of two other libraries', () => {
    const partial = encodeSacnData({ cid: hex(CID_B13), sourceName: 'Source_A', syncAddress: 7962, sequence: 154, universe: 1, slots: new Uint8Array(29) });
    expect(toHex(partial)).toBe(toHex(PARTIAL_30));
    expect(expectKind(decodeSacn(PARTIAL_30), 'data').slots.length).toBe(29);
    const small = encodeSacnData({ cid: new Uint8Array(16), sourceName: '', sequence: 1, universe: 1, slots: hex('ffffff000000000000ff') });
    expect(toHex(small)).toBe(toHex(SMALL_GO_SACN));
    const p = expectKind(decodeSacn(SMALL_GO_SACN), 'data');
    expect([p.sourceName, [...p.slots]]).toEqual(['', [255, 255, 255, 0, 0, 0, 0, 0, 0, 255]]);
  });

  it('puts every field at the offset of Table 4-1', () => {
    const slots = Uint8Array.from({ length: 3 }, (_, i) => 0xa0 + i);
    const b = encodeSacnData({ cid: parseCid('00112233-4455-6677-8899-aabbccddeeff'), sourceName: 'FOH', priority: 0xc8, syncAddress: 0x1234, sequence: 0x56, preview: true, streamTerminated: true, forceSync: true, universe: 0xf9ff, slots });
    expect(b.length).toBe(129);
    expect(toHex(b.subarray(0, 2))).toBe('0010'); // preamble size
    expect(toHex(b.subarray(2, 4))).toBe('0000'); // post-amble size
    expect(Buffer.from(b.subarray(4, 16)).toString('latin1')).toBe('ASC-E1.17\0\0\0');
    expect(toHex(b.subarray(16, 18))).toBe('7071'); // flags 7, length 129 - 16 = 113
    expect(toHex(b.subarray(18, 22))).toBe('00000004');
    expect(toHex(b.subarray(22, 38))).toBe('00112233445566778899aabbccddeeff');
    expect(toHex(b.subarray(38, 40))).toBe('705b'); // 129 - 38 = 91
    expect(toHex(b.subarray(40, 44))).toBe('00000002');
    expect(Buffer.from(b.subarray(44, 47)).toString()).toBe('FOH');
    expect(b.subarray(47, 108).every((x) => x === 0)).toBe(true);
    expect(b[108]).toBe(0xc8); // priority
    expect(toHex(b.subarray(109, 111))).toBe('1234'); // sync address
    expect(b[111]).toBe(0x56); // sequence
    expect(b[112]).toBe(0xe0); // options: preview | terminated | force sync
    expect(toHex(b.subarray(113, 115))).toBe('f9ff'); // universe 63999
    expect(toHex(b.subarray(115, 117))).toBe('700e'); // 129 - 115 = 14
    expect(toHex(b.subarray(117, 125))).toBe('02a1000000010004'); // vector, type, first addr, incr, count 4
    expect(b[125]).toBe(0); // start code
    expect(toHex(b.subarray(126))).toBe('a0a1a2');
    const p = expectKind(decodeSacn(b), 'data');
    expect([p.priority, p.syncAddress, p.sequence, p.options, p.preview, p.streamTerminated, p.forceSync, p.universe]).toEqual([200, 0x1234, 0x56, 0xe0, true, true, true, 63999]);
  });

  it('round-trips random packets; slots and cid are views', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    for (let k = 0; k < 200; k++) {
      const slots = Uint8Array.from({ length: rnd(513) }, () => rnd(256));
      const cid = Uint8Array.from({ length: 16 }, () => rnd(256));
      const f = { cid, sourceName: `src ${k} ✓`, priority: rnd(201), syncAddress: rnd(64000), sequence: rnd(256), preview: rnd(2) === 1, streamTerminated: rnd(2) === 1, universe: 1 + rnd(63999), slots };
      const b = encodeSacnData(f);
      const p = expectKind(decodeSacn(b), 'data');
      expect({ ...p, cid: [...p.cid], slots: [...p.slots] }).toMatchObject({ ...f, cid: [...cid], slots: [...slots], forceSync: false });
      expect(p.slots.buffer).toBe(b.buffer);
    }
  });

  it('hot path: encodes into a reused buffer with a pre-encoded name', () => {
    const buf = new Uint8Array(638).fill(0xee);
    const name = sacnSourceNameField('Source_A');
    expect(encodeSacnDataInto(buf, { cid: hex(CID_B13), sourceName: name, syncAddress: 7962, sequence: 154, universe: 1, slots: new Uint8Array(512) })).toBe(638);
    expect(toHex(buf)).toBe(toHex(TABLE_B13));
    expect(() => encodeSacnDataInto(new Uint8Array(130), { cid: hex(CID_B13), sourceName: name, sequence: 0, universe: 1, slots: new Uint8Array(5) })).toThrow(RangeError);
  });

  it('source names are UTF-8, cut on a character boundary to 63 bytes + NUL', () => {
    const field = sacnSourceNameField('x' + 'あ'.repeat(30)); // 91 bytes of UTF-8
    expect(field.length).toBe(64);
    expect(field[63]).toBe(0);
    const b = encodeSacnData({ cid: new Uint8Array(16), sourceName: field, sequence: 0, universe: 1, slots: new Uint8Array(2) });
    expect(expectKind(decodeSacn(b), 'data').sourceName).toBe('x' + 'あ'.repeat(20));
    // A name filling all 64 bytes without NUL (from some other sender) is read whole.
    const full = b.slice();
    full.fill(0x41, 44, 108);
    expect(expectKind(decodeSacn(full), 'data').sourceName).toBe('A'.repeat(64));
  });

  it('encoder refuses out-of-range fields', () => {
    const base = { cid: new Uint8Array(16), sourceName: 's', sequence: 0, universe: 1, slots: new Uint8Array(1) };
    expect(() => encodeSacnData({ ...base, universe: 0 })).toThrow(RangeError);
    expect(() => encodeSacnData({ ...base, universe: 64000 })).toThrow(RangeError);
    expect(() => encodeSacnData({ ...base, priority: 201 })).toThrow(RangeError);
    expect(() => encodeSacnData({ ...base, slots: new Uint8Array(513) })).toThrow(RangeError);
    expect(() => encodeSacnData({ ...base, cid: new Uint8Array(15) })).toThrow(RangeError);
    expect(() => encodeSacnData({ ...base, sourceName: new Uint8Array(10) })).toThrow(RangeError);
  });
});

describe('rejects', () => {
  const good = () => TABLE_B13.slice();
  const at = (edits: Record<number, number>, from = good()) => {
    for (const [i, v] of Object.entries(edits)) from[Number(i)] = v;
    return decodeSacn(from);
  };
  const reason = (p: SacnPacket) => (p.kind === 'reject' ? p.reason : p.kind);

  it('each malformed field is named', () => {
    expect(reason(at({ 1: 0x11 }))).toBe('bad-preamble');
    expect(reason(at({ 3: 0x01 }))).toBe('bad-postamble');
    expect(reason(at({ 4: 0x40 }))).toBe('bad-packet-identifier');
    expect(reason(at({ 16: 0xf2 }))).toBe('bad-flags');
    expect(reason(at({ 17: 0x6d }))).toBe('root-length-mismatch');
    expect(reason(at({ 21: 0x03 }))).toBe('unknown-root-vector'); // rev2 draft
    expect(reason(at({ 38: 0x62 }))).toBe('bad-flags');
    expect(reason(at({ 39: 0x57 }))).toBe('framing-length-mismatch');
    expect(reason(at({ 43: 0x04 }))).toBe('unknown-framing-vector'); // OLA's draft discovery vector
    expect(reason(at({ 116: 0x0a }))).toBe('dmp-length-mismatch');
    expect(reason(at({ 117: 0x01 }))).toBe('bad-dmp-vector');
    expect(reason(at({ 118: 0xa0 }))).toBe('bad-dmp-address-type');
    expect(reason(at({ 120: 0x01 }))).toBe('bad-first-property-address');
    expect(reason(at({ 122: 0x02 }))).toBe('bad-address-increment');
    expect(reason(at({ 124: 0x00 }))).toBe('property-count-out-of-range'); // 0x0200 != 513
    expect(reason(at({ 113: 0, 114: 0 }))).toBe('universe-out-of-range');
    expect(reason(at({ 113: 0xfa, 114: 0x00 }))).toBe('universe-out-of-range'); // 64000
    expect(reason(at({ 108: 201 }))).toBe('priority-out-of-range');
    expect(reason(at({ 109: 0xfa, 110: 0x00 }))).toBe('sync-address-out-of-range');
  });

  it('property count above 513 is out of range even when lengths agree', () => {
    const b = encodeSacnData({ cid: new Uint8Array(16), sourceName: '', sequence: 0, universe: 1, slots: new Uint8Array(512) });
    const big = new Uint8Array(639);
    big.set(b);
    big[17] = 0x6f; // root 623
    big[39] = 0x59; // framing 601
    big[116] = 0x0c; // dmp 524
    big[124] = 0x02; // count 514
    expect(decodeSacn(big)).toEqual({ kind: 'reject', reason: 'property-count-out-of-range' });
  });

  it('truncated, extended and tiny datagrams are rejected, never thrown on', () => {
    for (let n = 0; n < TABLE_B13.length; n++) expect(decodeSacn(TABLE_B13.subarray(0, n)).kind).toBe('reject');
    const longer = new Uint8Array(640);
    longer.set(TABLE_B13);
    expect(reason(decodeSacn(longer))).toBe('root-length-mismatch');
    expect(reason(decodeSacn(new Uint8Array(0)))).toBe('too-short');
  });

  it('a non-zero start code is reported with what the caller needs to ignore it (or honour a termination)', () => {
    const b = encodeSacnData({ cid: hex(CID_B13), sourceName: 'x', priority: 150, sequence: 9, universe: 7, startCode: 0xdd, streamTerminated: true, slots: new Uint8Array(512).fill(100) });
    const p = decodeSacn(b);
    expect(p).toMatchObject({ kind: 'reject', reason: 'non-zero-start-code', startCode: 0xdd, universe: 7, priority: 150, sequence: 9, streamTerminated: true });
    if (p.kind === 'reject' && p.reason === 'non-zero-start-code') expect(cidToString(p.cid)).toBe('ef07c8dd-0064-4401-a3a2-459ef8e6143e');
  });
});

describe('sync packet', () => {
  it('encodes and decodes Table B-14', () => {
    expect(toHex(encodeSacnSync({ cid: hex(CID_B13), sequence: 0x70, syncAddress: 7962 }))).toBe(toHex(TABLE_B14));
    const p = expectKind(decodeSacn(TABLE_B14), 'sync');
    expect([cidToString(p.cid), p.sequence, p.syncAddress]).toEqual(['ef07c8dd-0064-4401-a3a2-459ef8e6143e', 0x70, 7962]);
  });
  it('rejects a sync address of 0 or an odd length', () => {
    const zero = TABLE_B14.slice();
    zero[45] = 0;
    zero[46] = 0;
    expect(decodeSacn(zero)).toEqual({ kind: 'reject', reason: 'sync-address-out-of-range' });
    const longer = new Uint8Array(50);
    longer.set(TABLE_B14);
    longer[17] = 0x22;
    longer[39] = 0x0c;
    expect(decodeSacn(longer)).toEqual({ kind: 'reject', reason: 'sync-length-mismatch' });
    expect(() => encodeSacnSync({ cid: hex(CID_B13), sequence: 0, syncAddress: 0 })).toThrow(RangeError);
  });
});

describe('universe discovery', () => {
  it('encodes and decodes the RustLight discovery packet', () => {
    expect(toHex(encodeSacnDiscovery({ cid: hex(CID_B13), sourceName: 'Source_A', page: 1, lastPage: 2, universes: [3, 4, 5] }))).toBe(toHex(DISCOVERY_RUSTLIGHT));
    expect(decodeSacn(DISCOVERY_RUSTLIGHT)).toMatchObject({ kind: 'discovery', sourceName: 'Source_A', page: 1, lastPage: 2, universes: [3, 4, 5] });
  });
  it('decodes the go-sacn discovery packet', () => {
    expect(decodeSacn(DISCOVERY_GO_SACN)).toMatchObject({ kind: 'discovery', sourceName: '', page: 3, lastPage: 5, universes: [1, 100] });
  });
  it('rejects a broken universe list layer and impossible pages', () => {
    const odd = new Uint8Array(DISCOVERY_RUSTLIGHT.length + 1);
    odd.set(DISCOVERY_RUSTLIGHT);
    for (const off of [17, 39, 113]) odd[off] = odd[off]! + 1; // lengths agree with the extra byte
    expect(decodeSacn(odd)).toEqual({ kind: 'reject', reason: 'bad-discovery-layer' });
    const page = DISCOVERY_RUSTLIGHT.slice();
    page[118] = 3;
    expect(decodeSacn(page)).toEqual({ kind: 'reject', reason: 'discovery-page-out-of-range' });
    const vec = DISCOVERY_RUSTLIGHT.slice();
    vec[117] = 2;
    expect(decodeSacn(vec)).toEqual({ kind: 'reject', reason: 'bad-discovery-layer' });
  });
  it('pages a long list 512 at a time, sorted and de-duplicated', () => {
    const pages = sacnDiscoveryPages([...Array.from({ length: 1100 }, (_, i) => 1100 - i), 5]);
    expect(pages.map((p) => [p.page, p.lastPage, p.universes.length])).toEqual([[0, 2, 512], [1, 2, 512], [2, 2, 76]]);
    expect(pages[0]!.universes.slice(0, 3)).toEqual([1, 2, 3]);
    expect(sacnDiscoveryPages([])).toEqual([{ page: 0, lastPage: 0, universes: [] }]);
    const packet = encodeSacnDiscovery({ cid: new Uint8Array(16), sourceName: 'x', ...pages[0]! });
    expect(packet.length).toBe(120 + 1024);
    expect(expectKind(decodeSacn(packet), 'discovery').universes).toEqual(pages[0]!.universes);
  });
});

describe('addressing and sequence', () => {
  it('multicast group is 239.255.hi.lo', () => {
    expect(multicastAddress(1)).toBe('239.255.0.1');
    expect(multicastAddress(256)).toBe('239.255.1.0');
    expect(multicastAddress(63999)).toBe('239.255.249.255'); // Hundemeier/sacn test_calculate_multicast_addr
    expect(multicastAddress(64214)).toBe('239.255.250.214');
    expect(() => multicastAddress(0)).toThrow(RangeError);
    expect(() => multicastAddress(64000)).toThrow(RangeError);
  });
  it('CID text round trip', () => {
    expect(toHex(parseCid('ef07c8dd-0064-4401-a3a2-459ef8e6143e'))).toBe(CID_B13);
    expect(() => parseCid('nope')).toThrow(RangeError);
  });
  it('sequence wraps 255 -> 0 and the E1.31 window drops (-20, 0]', () => {
    expect(nextSacnSequence(255)).toBe(0);
    expect(nextSacnSequence(7)).toBe(8);
    expect(acceptSacnSequence(255, 0)).toBe(true);
    expect(acceptSacnSequence(10, 11)).toBe(true);
    expect(acceptSacnSequence(10, 10)).toBe(false);
    expect(acceptSacnSequence(10, 251)).toBe(false); // -15 across the wrap
    expect(acceptSacnSequence(10, 246)).toBe(true); // -20: treated as a new stream
    expect(acceptSacnSequence(100, 0)).toBe(true);
  });
});
