import { describe, expect, it } from 'vitest';
import { answerRequest, decodeRequest, encodeValue, encodeVarbind, type MibView, type SnmpRequest } from '../../../native/snmp/agent-codec.ts';
import { oidContent, readOidContent, readTlv } from '../../../native/snmp/ber.ts';
import { createSimMib, createSimSwitch } from '../../../native/snmp/sim-mib.ts';
import type { Varbind } from '../../../native/snmp/varbind.ts';

const hex = (s: string) => Uint8Array.from(s.replace(/\s+/g, '').match(/../g)!.map((b) => parseInt(b, 16)));
const toHex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, '0')).join(' ');
const ascii = (s: string) => new TextEncoder().encode(s);

/**
 * GetRequest for sysDescr.0, SNMPv2c, community "public", request-id 1 — written out by hand from X.690:
 * SEQUENCE(38) { INTEGER 1, OCTET STRING "public", GetRequest(25) { INTEGER 1, INTEGER 0, INTEGER 0,
 * SEQUENCE(14) { SEQUENCE(12) { OID 1.3.6.1.2.1.1.1.0 (2b 06 01 02 01 01 01 00), NULL } } } }.
 */
const getSysDescr = hex('30 26 02 01 01 04 06 70 75 62 6c 69 63 a0 19 02 01 01 02 01 00 02 01 00 30 0e 30 0c 06 08 2b 06 01 02 01 01 01 00 05 00');

function request(r: Partial<SnmpRequest> & Pick<SnmpRequest, 'pdu' | 'oids'>): SnmpRequest {
  return { version: 1, community: ascii('public'), requestId: 77, nonRepeaters: 0, maxRepetitions: 0, ...r };
}

/** Decode our own response with the generic TLV reader: [errorStatus, errorIndex, varbinds as [oid, tag, content hex]]. */
function readResponse(bytes: Uint8Array) {
  const msg = readTlv(bytes, 0, bytes.length) as { tag: number; start: number; end: number };
  const version = readTlv(bytes, msg.start, msg.end) as { end: number };
  const community = readTlv(bytes, version.end, msg.end) as { end: number };
  const pdu = readTlv(bytes, community.end, msg.end) as { tag: number; start: number; end: number };
  expect(pdu.tag).toBe(0xa2);
  const ints: number[] = [];
  let at = pdu.start;
  for (let i = 0; i < 3; i++) {
    const t = readTlv(bytes, at, pdu.end) as { start: number; end: number };
    let v = 0;
    for (let k = t.start; k < t.end; k++) v = v * 256 + bytes[k]!;
    ints.push(v);
    at = t.end;
  }
  const list = readTlv(bytes, at, pdu.end) as { start: number; end: number };
  const binds: [string, number, string][] = [];
  for (let p = list.start; p < list.end; ) {
    const vb = readTlv(bytes, p, list.end) as { start: number; end: number };
    const name = readTlv(bytes, vb.start, vb.end) as { tag: number; start: number; end: number };
    const value = readTlv(bytes, name.end, vb.end) as { tag: number; start: number; end: number };
    binds.push([readOidContent(bytes, name) as string, value.tag, toHex(bytes.subarray(value.start, value.end))]);
    p = vb.end;
  }
  return { requestId: ints[0], errorStatus: ints[1], errorIndex: ints[2], binds, size: bytes.length };
}

describe('BER pieces (X.690)', () => {
  it('encodes OIDs: first two arcs packed as 40·x + y, big arcs in base-128 with continuation bits', () => {
    expect(toHex(oidContent('1.3.6.1.2.1.1.1.0'))).toBe('2b 06 01 02 01 01 01 00');
    // 21239 = 1·128² + 37·128 + 119 → 81 a5 77 (Geist's enterprise number)
    expect(toHex(oidContent('1.3.6.1.4.1.21239.5.1'))).toBe('2b 06 01 04 01 81 a5 77 05 01');
    expect(toHex(oidContent('2.999.3'))).toBe('88 37 03'); // X.690 §8.19.5 example: {2 999 3}
    expect(readOidContent(hex('88 37 03'), { tag: 6, start: 0, end: 3 })).toBe('2.999.3');
    expect(readOidContent(hex('2b 06 01 04 01 81 a5 77 05 01'), { tag: 6, start: 0, end: 10 })).toBe('1.3.6.1.4.1.21239.5.1');
  });

  it('encodes integers in minimal two’s complement, unsigned types with a leading zero when the top bit is set', () => {
    const enc = (vb: Varbind) => toHex(encodeValue(vb));
    expect(enc({ oid: '1.3', type: 'Integer', value: 0 })).toBe('02 01 00');
    expect(enc({ oid: '1.3', type: 'Integer', value: 127 })).toBe('02 01 7f');
    expect(enc({ oid: '1.3', type: 'Integer', value: 128 })).toBe('02 02 00 80');
    expect(enc({ oid: '1.3', type: 'Integer', value: -1 })).toBe('02 01 ff');
    expect(enc({ oid: '1.3', type: 'Integer', value: -129 })).toBe('02 02 ff 7f');
    expect(enc({ oid: '1.3', type: 'Integer', value: -2147483648 })).toBe('02 04 80 00 00 00');
    expect(enc({ oid: '1.3', type: 'Counter32', value: 4294967295 })).toBe('41 05 00 ff ff ff ff');
    expect(enc({ oid: '1.3', type: 'Gauge32', value: 1000 })).toBe('42 02 03 e8');
    expect(enc({ oid: '1.3', type: 'TimeTicks', value: 0 })).toBe('43 01 00');
    expect(enc({ oid: '1.3', type: 'Counter64', value: (1n << 64n) - 1n })).toBe('46 09 00 ff ff ff ff ff ff ff ff');
    expect(enc({ oid: '1.3', type: 'IpAddress', value: '10.0.0.5' })).toBe('40 04 0a 00 00 05');
    expect(enc({ oid: '1.3', type: 'OctetString', value: 'hi' })).toBe('04 02 68 69');
    expect(enc({ oid: '1.3', type: 'NoSuchInstance', value: null })).toBe('81 00');
    expect(enc({ oid: '1.3', type: 'EndOfMibView', value: null })).toBe('82 00');
    expect(() => enc({ oid: '1.3', type: 'Integer', value: 2 ** 31 })).toThrow();
    expect(() => enc({ oid: '1.3', type: 'Counter32', value: -1 })).toThrow();
  });

  it('reads long-form lengths and refuses indefinite or overlong ones', () => {
    const long = new Uint8Array(3 + 200);
    long.set([0x04, 0x81, 200]);
    expect(readTlv(long, 0, long.length)).toEqual({ tag: 4, start: 3, end: 203 });
    expect(readTlv(hex('30 80 00 00'), 0, 4)).toEqual({ reason: 'indefinite length is not allowed in SNMP' });
    expect(readTlv(hex('04 05 61'), 0, 3)).toEqual({ reason: 'truncated: 5 bytes announced, 1 present' });
  });
});

describe('decoding requests', () => {
  it('decodes a hand-assembled v2c GetRequest', () => {
    const d = decodeRequest(getSysDescr);
    expect(d).toEqual({ ok: true, request: { version: 1, community: ascii('public'), pdu: 'get', requestId: 1, nonRepeaters: 0, maxRepetitions: 0, oids: ['1.3.6.1.2.1.1.1.0'] } });
  });

  it('reads GETBULK’s non-repeaters and max-repetitions in place of error-status and error-index', () => {
    // Same message with the PDU tag made a5 and the two integers 1 and 10.
    const bulk = getSysDescr.slice();
    bulk[13] = 0xa5;
    bulk[20] = 1;
    bulk[23] = 10;
    const d = decodeRequest(bulk);
    expect(d.ok && d.request).toMatchObject({ pdu: 'getBulk', nonRepeaters: 1, maxRepetitions: 10 });
  });

  it('refuses what an agent must not answer, saying why', () => {
    const v3 = getSysDescr.slice();
    v3[4] = 3;
    expect(decodeRequest(v3)).toEqual({ ok: false, reason: 'SNMPv3 is not served by this agent' });
    const v1bulk = getSysDescr.slice();
    v1bulk[4] = 0;
    v1bulk[13] = 0xa5;
    expect(decodeRequest(v1bulk)).toEqual({ ok: false, reason: 'GetBulkRequest is not part of SNMPv1' });
    const response = getSysDescr.slice();
    response[13] = 0xa2;
    expect(decodeRequest(response)).toEqual({ ok: false, reason: 'Response PDU is not a request an agent answers' });
    expect(decodeRequest(getSysDescr.subarray(0, 30)).ok).toBe(false);
    expect(decodeRequest(new Uint8Array([...getSysDescr, 0])).ok).toBe(false);
    expect(decodeRequest(new Uint8Array(0))).toEqual({ ok: false, reason: 'message: truncated: expected a tag' });
  });
});

describe('answering from a MIB', () => {
  const t = 1_750_000_000_000;
  const mib = createSimMib([
    { oid: '1.3.6.1.2.1.1.3.0', read: () => ['TimeTicks', 4242] },
    { oid: '1.3.6.1.2.1.1.5.0', read: () => ['OctetString', 'core'] },
    { oid: '1.3.6.1.2.1.31.1.1.1.6.1', read: () => ['Counter64', 5_000_000_000n] },
    { oid: '1.3.6.1.2.1.31.1.1.1.18.1', read: () => ['OctetString', 'uplink'] },
  ]);

  it('v2c GET: values in place, exceptions per varbind, request-id and community echoed', () => {
    const r = readResponse(answerRequest(request({ pdu: 'get', oids: ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.5.1', '1.3.6.1.9.0'] }), mib, t));
    expect(r.requestId).toBe(77);
    expect(r.errorStatus).toBe(0);
    expect(r.binds).toEqual([
      ['1.3.6.1.2.1.1.5.0', 0x04, '63 6f 72 65'],
      ['1.3.6.1.2.1.1.5.1', 0x81, ''], // an instance of an object we serve: noSuchInstance
      ['1.3.6.1.9.0', 0x80, ''],
    ]);
  });

  it('v1 GET: one missing value fails the request with noSuchName and its 1-based index', () => {
    const r = readResponse(answerRequest(request({ version: 0, pdu: 'get', oids: ['1.3.6.1.2.1.1.5.0', '1.3.6.1.9.0'] }), mib, t));
    expect([r.errorStatus, r.errorIndex]).toEqual([2, 2]);
    // Counter64 does not exist in SNMPv1 either.
    const c64 = readResponse(answerRequest(request({ version: 0, pdu: 'get', oids: ['1.3.6.1.2.1.31.1.1.1.6.1'] }), mib, t));
    expect([c64.errorStatus, c64.errorIndex]).toEqual([2, 1]);
  });

  it('v1 GETNEXT steps over Counter64 (RFC 3584) and ends in noSuchName; v2c ends in endOfMibView', () => {
    const v1 = readResponse(answerRequest(request({ version: 0, pdu: 'getNext', oids: ['1.3.6.1.2.1.1.5.0'] }), mib, t));
    expect(v1.binds).toEqual([['1.3.6.1.2.1.31.1.1.1.18.1', 0x04, '75 70 6c 69 6e 6b']]);
    expect(readResponse(answerRequest(request({ version: 0, pdu: 'getNext', oids: ['1.3.6.1.2.1.31.1.1.1.18.1'] }), mib, t)).errorStatus).toBe(2);
    const v2 = readResponse(answerRequest(request({ pdu: 'getNext', oids: ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.31.1.1.1.18.1'] }), mib, t));
    expect(v2.binds).toEqual([
      ['1.3.6.1.2.1.31.1.1.1.6.1', 0x46, '01 2a 05 f2 00'], // 5 000 000 000 = 0x012a05f200
      ['1.3.6.1.2.1.31.1.1.1.18.1', 0x82, ''],
    ]);
  });

  it('GETBULK: non-repeaters once, then rows of the repeaters until all have ended', () => {
    const r = readResponse(answerRequest(request({ pdu: 'getBulk', nonRepeaters: 1, maxRepetitions: 10, oids: ['1.3.6.1.2.1.1.3', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.31.1.1.1.18'] }), mib, t));
    expect(r.binds.map(([oid, tag]) => `${oid}/${tag.toString(16)}`)).toEqual([
      '1.3.6.1.2.1.1.3.0/43', // the non-repeater
      '1.3.6.1.2.1.31.1.1.1.6.1/46', // row 1
      '1.3.6.1.2.1.31.1.1.1.18.1/4',
      '1.3.6.1.2.1.31.1.1.1.18.1/4', // row 2
      '1.3.6.1.2.1.31.1.1.1.18.1/82',
      '1.3.6.1.2.1.31.1.1.1.18.1/82', // row 3: both ended → stop
      '1.3.6.1.2.1.31.1.1.1.18.1/82',
    ]);
  });

  it('cuts GETBULK answers to the size limit, and answers tooBig to a GET that cannot fit', () => {
    const sw = createSimSwitch({ bootAt: t - 86_400_000 });
    const full = readResponse(answerRequest(request({ pdu: 'getBulk', maxRepetitions: 64, oids: ['1.3.6.1.2.1.2.2.1'] }), sw, t, { maxResponseBytes: 100_000 }));
    expect(full.binds).toHaveLength(64);
    const cut = readResponse(answerRequest(request({ pdu: 'getBulk', maxRepetitions: 64, oids: ['1.3.6.1.2.1.2.2.1'] }), sw, t, { maxResponseBytes: 400 }));
    expect(cut.size).toBeLessThanOrEqual(400);
    expect(cut.binds.length).toBeGreaterThan(3);
    expect(cut.binds).toEqual(full.binds.slice(0, cut.binds.length));
    const tooBig = readResponse(answerRequest(request({ pdu: 'get', oids: Array.from({ length: 40 }, () => '1.3.6.1.2.1.1.1.0') }), sw, t, { maxResponseBytes: 400 }));
    expect([tooBig.errorStatus, tooBig.binds.length]).toEqual([1, 0]);
  });

  it('refuses SET (read-only agent) and answers genErr, not a crash, when the MIB holds an unencodable value', () => {
    expect(readResponse(answerRequest(request({ pdu: 'set', oids: ['1.3.6.1.2.1.1.5.0'] }), mib, t)).errorStatus).toBe(17);
    expect(readResponse(answerRequest(request({ version: 0, pdu: 'set', oids: ['1.3.6.1.2.1.1.5.0'] }), mib, t)).errorStatus).toBe(4);
    const broken: MibView = { get: (oid) => ({ oid, type: 'Integer', value: Number.NaN }), getNext: (oid) => ({ oid, type: 'Integer', value: 1.5 }) };
    expect(readResponse(answerRequest(request({ pdu: 'get', oids: ['1.3.6'] }), broken, t)).errorStatus).toBe(5);
  });

  it('a whole varbind TLV: SEQUENCE { OID, value }', () => {
    expect(toHex(encodeVarbind({ oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 100 }))).toBe('30 0d 06 08 2b 06 01 02 01 01 03 00 43 01 64');
  });
});
