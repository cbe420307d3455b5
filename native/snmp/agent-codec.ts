import { isBerError, oidContent, readInt32, readOidContent, readTlv, signedContent, tlv, tlvSize, unsignedContent, type BerError, type Tlv } from './ber.ts';
import type { Varbind, VarbindType } from './varbind.ts';

/**
 * The agent side of SNMP v1 and v2c (RFC 1157, RFC 3416) for the simulated agents: decode a request,
 * answer it from a MIB, encode the response. Pure: bytes and a MIB lookup in, bytes out. SNMPv3 is not
 * served here (the real-agent integration tests cover v3 against snmpd).
 */

export const pduTags = {
  get: 0xa0,
  getNext: 0xa1,
  response: 0xa2,
  set: 0xa3,
  trapV1: 0xa4,
  getBulk: 0xa5,
  inform: 0xa6,
  trapV2: 0xa7,
  report: 0xa8,
} as const;

export type RequestPdu = 'get' | 'getNext' | 'getBulk' | 'set';

/** Wire version numbers: 0 = SNMPv1, 1 = SNMPv2c. */
export type CommunityVersion = 0 | 1;

export interface SnmpRequest {
  version: CommunityVersion;
  /** The community exactly as sent (bytes: it need not be text). */
  community: Uint8Array;
  pdu: RequestPdu;
  requestId: number;
  /** GETBULK only (0 otherwise). */
  nonRepeaters: number;
  maxRepetitions: number;
  oids: string[];
}

export type DecodedRequest = { ok: true; request: SnmpRequest } | { ok: false; reason: string };

export interface SnmpResponse {
  version: CommunityVersion;
  community: Uint8Array;
  requestId: number;
  errorStatus: number;
  errorIndex: number;
  varbinds: readonly Varbind[];
}

/** RFC 3416 error-status values the agent uses. */
export const errorStatus = { noError: 0, tooBig: 1, noSuchName: 2, readOnly: 4, genErr: 5, notWritable: 17 } as const;

const requestTags: Record<number, RequestPdu> = { [pduTags.get]: 'get', [pduTags.getNext]: 'getNext', [pduTags.getBulk]: 'getBulk', [pduTags.set]: 'set' };
const pduNames: Record<number, string> = { [pduTags.response]: 'Response', [pduTags.trapV1]: 'Trap', [pduTags.inform]: 'InformRequest', [pduTags.trapV2]: 'SNMPv2-Trap', [pduTags.report]: 'Report' };

/** Most varbinds a request may carry: far more than any manager sends, few enough to bound the work. */
export const maxRequestVarbinds = 256;

const bad = (reason: string): DecodedRequest => ({ ok: false, reason });

/** Decode one datagram as an SNMP v1/v2c request. Never throws; anything else is a reject with a reason. */
export function decodeRequest(bytes: Uint8Array): DecodedRequest {
  const outer = readTlv(bytes, 0, bytes.length);
  if (isBerError(outer)) return bad(`message: ${outer.reason}`);
  if (outer.tag !== 0x30) return bad(`message is not a SEQUENCE (tag 0x${outer.tag.toString(16)})`);
  if (outer.end !== bytes.length) return bad(`${bytes.length - outer.end} stray bytes after the message`);

  const versionTlv = expect(bytes, outer.start, outer.end, 0x02, 'version');
  if (isBerError(versionTlv)) return bad(versionTlv.reason);
  const version = readInt32(bytes, versionTlv);
  if (isBerError(version)) return bad(`version: ${version.reason}`);
  if (version === 3) return bad('SNMPv3 is not served by this agent');
  if (version !== 0 && version !== 1) return bad(`unknown SNMP version ${version}`);

  const communityTlv = expect(bytes, versionTlv.end, outer.end, 0x04, 'community');
  if (isBerError(communityTlv)) return bad(communityTlv.reason);
  const community = bytes.slice(communityTlv.start, communityTlv.end);

  const pdu = readTlv(bytes, communityTlv.end, outer.end);
  if (isBerError(pdu)) return bad(`PDU: ${pdu.reason}`);
  if (pdu.end !== outer.end) return bad('stray bytes after the PDU');
  const kind = requestTags[pdu.tag];
  if (kind === undefined) return bad(pduNames[pdu.tag] ? `${pduNames[pdu.tag]} PDU is not a request an agent answers` : `unknown PDU tag 0x${pdu.tag.toString(16)}`);
  if (kind === 'getBulk' && version === 0) return bad('GetBulkRequest is not part of SNMPv1');

  const fields: number[] = [];
  let at = pdu.start;
  for (const name of ['request-id', kind === 'getBulk' ? 'non-repeaters' : 'error-status', kind === 'getBulk' ? 'max-repetitions' : 'error-index']) {
    const t = expect(bytes, at, pdu.end, 0x02, name);
    if (isBerError(t)) return bad(t.reason);
    const v = readInt32(bytes, t);
    if (isBerError(v)) return bad(`${name}: ${v.reason}`);
    fields.push(v);
    at = t.end;
  }
  const list = expect(bytes, at, pdu.end, 0x30, 'variable-bindings');
  if (isBerError(list)) return bad(list.reason);
  if (list.end !== pdu.end) return bad('stray bytes after the variable-bindings');

  const oids: string[] = [];
  for (let p = list.start; p < list.end; ) {
    const vb = expect(bytes, p, list.end, 0x30, 'varbind');
    if (isBerError(vb)) return bad(vb.reason);
    const name = expect(bytes, vb.start, vb.end, 0x06, 'varbind name');
    if (isBerError(name)) return bad(name.reason);
    const oid = readOidContent(bytes, name);
    if (isBerError(oid)) return bad(`varbind name: ${oid.reason}`);
    const value = readTlv(bytes, name.end, vb.end);
    if (isBerError(value)) return bad(`varbind value: ${value.reason}`);
    if (value.end !== vb.end) return bad('stray bytes inside a varbind');
    if (oids.length === maxRequestVarbinds) return bad(`more than ${maxRequestVarbinds} varbinds`);
    oids.push(oid);
    p = vb.end;
  }
  const [requestId, second, third] = fields as [number, number, number];
  const bulk = kind === 'getBulk';
  if (bulk && (second < 0 || third < 0)) return bad('negative non-repeaters or max-repetitions');
  return {
    ok: true,
    request: { version, community, pdu: kind, requestId, nonRepeaters: bulk ? second : 0, maxRepetitions: bulk ? third : 0, oids },
  };
}

function expect(bytes: Uint8Array, pos: number, limit: number, tag: number, what: string): Tlv | BerError {
  const t = readTlv(bytes, pos, limit);
  if (isBerError(t)) return { reason: `${what}: ${t.reason}` };
  if (t.tag !== tag) return { reason: `${what}: expected tag 0x${tag.toString(16)}, got 0x${t.tag.toString(16)}` };
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Encoding

const typeTags: Record<VarbindType, number> = {
  Integer: 0x02,
  OctetString: 0x04,
  Null: 0x05,
  ObjectIdentifier: 0x06,
  IpAddress: 0x40,
  Counter32: 0x41,
  Gauge32: 0x42,
  TimeTicks: 0x43,
  Opaque: 0x44,
  Counter64: 0x46,
  NoSuchObject: 0x80,
  NoSuchInstance: 0x81,
  EndOfMibView: 0x82,
};

const empty = new Uint8Array(0);
const textEncoder = new TextEncoder();

function bytesOf(value: Varbind['value']): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'string') return textEncoder.encode(value);
  throw new TypeError('an OCTET STRING needs text or bytes');
}

function integral(value: Varbind['value'], min: bigint, max: bigint, what: string): bigint {
  let v: bigint;
  if (typeof value === 'bigint') v = value;
  else if (typeof value === 'number' && Number.isSafeInteger(value)) v = BigInt(value);
  else if (value instanceof Uint8Array && value.length <= 9) {
    v = 0n;
    for (const b of value) v = (v << 8n) | BigInt(b);
  } else throw new TypeError(`${what} needs a whole number`);
  if (v < min || v > max) throw new RangeError(`${what} out of range`);
  return v;
}

/** A varbind's value as a TLV. Throws on a value its type cannot carry (the agent answers genErr). */
export function encodeValue(vb: Varbind): Uint8Array {
  const tag = typeTags[vb.type];
  switch (vb.type) {
    case 'Integer':
      return tlv(tag, signedContent(integral(vb.value, -2147483648n, 2147483647n, 'Integer')));
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
      return tlv(tag, unsignedContent(integral(vb.value, 0n, 4294967295n, vb.type)));
    case 'Counter64':
      return tlv(tag, unsignedContent(integral(vb.value, 0n, (1n << 64n) - 1n, 'Counter64')));
    case 'OctetString':
    case 'Opaque':
      return tlv(tag, bytesOf(vb.value));
    case 'ObjectIdentifier':
      if (typeof vb.value !== 'string') throw new TypeError('an OBJECT IDENTIFIER needs dotted text');
      return tlv(tag, oidContent(vb.value));
    case 'IpAddress': {
      const parts = typeof vb.value === 'string' ? vb.value.split('.').map(Number) : vb.value instanceof Uint8Array ? [...vb.value] : [];
      if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new TypeError('an IpAddress needs four octets');
      return tlv(tag, Uint8Array.from(parts));
    }
    default:
      return tlv(tag, empty);
  }
}

/** One varbind as a TLV. */
export function encodeVarbind(vb: Varbind): Uint8Array {
  return tlv(0x30, tlv(0x06, oidContent(vb.oid)), encodeValue(vb));
}

/** Bytes of the response message around variable-bindings of `varbindsBytes` bytes (to keep answers under a size). */
export function responseOverhead(r: Pick<SnmpResponse, 'community' | 'requestId' | 'errorStatus' | 'errorIndex'>, varbindsBytes: number): number {
  const pduContent = tlvSize(signedContent(r.requestId).length) + tlvSize(signedContent(r.errorStatus).length) + tlvSize(signedContent(r.errorIndex).length) + tlvSize(varbindsBytes);
  const messageContent = tlvSize(1) + tlvSize(r.community.length) + tlvSize(pduContent);
  return tlvSize(messageContent) - varbindsBytes;
}

/** A Response PDU from already-encoded varbinds. */
export function encodeResponseFrom(r: Omit<SnmpResponse, 'varbinds'>, encodedVarbinds: readonly Uint8Array[]): Uint8Array {
  return tlv(
    0x30,
    tlv(0x02, signedContent(r.version)),
    tlv(0x04, r.community),
    tlv(pduTags.response, tlv(0x02, signedContent(r.requestId)), tlv(0x02, signedContent(r.errorStatus)), tlv(0x02, signedContent(r.errorIndex)), tlv(0x30, ...encodedVarbinds)),
  );
}

export function encodeResponse(r: SnmpResponse): Uint8Array {
  return encodeResponseFrom(r, r.varbinds.map(encodeVarbind));
}

// ---------------------------------------------------------------------------------------------------
// Answering

/** What an agent needs of its MIB. */
export interface MibView {
  get(oid: string, now: number): Varbind;
  getNext(oid: string, now: number): Varbind;
}

export interface AnswerOptions {
  /** Largest response the agent sends (bytes); GETBULK answers are cut to fit, others answer tooBig. Default 1472 (an Ethernet frame). */
  maxResponseBytes?: number;
  /** Most GETBULK repetitions honoured. Default 64. */
  maxRepetitions?: number;
}

const isException = (vb: Varbind) => vb.type === 'NoSuchObject' || vb.type === 'NoSuchInstance' || vb.type === 'EndOfMibView';

/** SNMPv1 has no Counter64: GETNEXT steps over them (RFC 3584 §4.2.2.1), GET answers noSuchName. */
function nextV1(mib: MibView, oid: string, now: number): Varbind {
  let vb = mib.getNext(oid, now);
  for (let guard = 0; vb.type === 'Counter64' && guard < 100_000; guard++) vb = mib.getNext(vb.oid, now);
  return vb;
}

/**
 * The response to a decoded request, as bytes. v2c: exceptions per varbind (noSuchObject, noSuchInstance,
 * endOfMibView); v1: the first missing value fails the whole request with noSuchName and its index. SET is
 * refused (the simulated MIBs are read-only). A value the MIB cannot encode answers genErr, never throws.
 */
export function answerRequest(request: SnmpRequest, mib: MibView, now: number, options: AnswerOptions = {}): Uint8Array {
  const limit = options.maxResponseBytes ?? 1472;
  const base = { version: request.version, community: request.community, requestId: request.requestId };
  const nullBinds = (): Varbind[] => request.oids.map((oid) => ({ oid, type: 'Null', value: null }));
  const refuse = (status: number, index: number, varbinds: Varbind[] = nullBinds()) => encodeResponse({ ...base, errorStatus: status, errorIndex: index, varbinds });
  try {
    if (request.pdu === 'set') return refuse(request.version === 0 ? errorStatus.readOnly : errorStatus.notWritable, request.oids.length ? 1 : 0);

    const encoded: Uint8Array[] = [];
    let size = 0;
    const fitsWith = (extra: number) => size + extra + responseOverhead({ ...base, errorStatus: 0, errorIndex: 0 }, size + extra) <= limit;
    /** Adds the varbind if the answer still fits; false when it would not (nothing added). */
    const add = (vb: Varbind): boolean => {
      const e = encodeVarbind(vb);
      if (!fitsWith(e.length)) return false;
      encoded.push(e);
      size += e.length;
      return true;
    };

    if (request.pdu === 'get' || request.pdu === 'getNext') {
      for (let i = 0; i < request.oids.length; i++) {
        const oid = request.oids[i]!;
        let vb: Varbind;
        if (request.version === 0) {
          vb = request.pdu === 'get' ? mib.get(oid, now) : nextV1(mib, oid, now);
          if (isException(vb) || vb.type === 'Counter64') return refuse(errorStatus.noSuchName, i + 1);
        } else vb = request.pdu === 'get' ? mib.get(oid, now) : mib.getNext(oid, now);
        if (!add(vb)) return refuse(errorStatus.tooBig, 0, []);
      }
      return encodeResponseFrom({ ...base, errorStatus: 0, errorIndex: 0 }, encoded);
    }

    // GETBULK (RFC 3416 §4.2.3): N non-repeaters once, then up to M rows of the R repeaters.
    const n = Math.min(request.nonRepeaters, request.oids.length);
    const m = Math.min(request.maxRepetitions, options.maxRepetitions ?? 64);
    for (let i = 0; i < n; i++) {
      if (!add(mib.getNext(request.oids[i]!, now))) return refuse(errorStatus.tooBig, 0, []);
    }
    const cursors = request.oids.slice(n);
    rows: for (let row = 0; row < m && cursors.length > 0; row++) {
      let allEnded = true;
      for (let j = 0; j < cursors.length; j++) {
        const vb = mib.getNext(cursors[j]!, now);
        if (!add(vb)) break rows;
        if (vb.type !== 'EndOfMibView') {
          allEnded = false;
          cursors[j] = vb.oid;
        }
      }
      if (allEnded) break;
    }
    return encodeResponseFrom({ ...base, errorStatus: 0, errorIndex: 0 }, encoded);
  } catch {
    return refuse(errorStatus.genErr, 0);
  }
}
