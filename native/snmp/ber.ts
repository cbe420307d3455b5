/**
 * The few BER (X.690) pieces SNMP v1/v2c messages use: definite lengths, single-byte tags, INTEGER,
 * unsigned application integers, OCTET STRING, NULL and OBJECT IDENTIFIER. Pure: bytes in, values out.
 * Readers never throw; they return a `BerError` saying why when the bytes are not what they should be.
 */

/** Why some bytes could not be read. */
export interface BerError {
  reason: string;
}

export const isBerError = (v: unknown): v is BerError => typeof v === 'object' && v !== null && 'reason' in v;
const fail = (reason: string): BerError => ({ reason });

/** One tag-length-value: the content is `bytes[start, end)`. */
export interface Tlv {
  tag: number;
  start: number;
  end: number;
}

/** Longest length SNMP over UDP can need (a datagram is at most 65 535 bytes). */
const maxLength = 0xffff;

/** The TLV at `pos`, which must end by `limit`. */
export function readTlv(bytes: Uint8Array, pos: number, limit: number): Tlv | BerError {
  if (pos >= limit) return fail('truncated: expected a tag');
  const tag = bytes[pos]!;
  if ((tag & 0x1f) === 0x1f) return fail(`tag 0x${tag.toString(16)} uses the multi-byte form, which SNMP never does`);
  if (pos + 1 >= limit) return fail('truncated: expected a length');
  const first = bytes[pos + 1]!;
  let length: number;
  let start: number;
  if (first < 0x80) {
    length = first;
    start = pos + 2;
  } else {
    const n = first & 0x7f;
    if (n === 0) return fail('indefinite length is not allowed in SNMP');
    if (n > 3) return fail(`length of ${n} bytes is longer than a datagram needs`);
    if (pos + 2 + n > limit) return fail('truncated inside a length');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[pos + 2 + i]!;
    if (length > maxLength) return fail(`length ${length} is longer than a datagram`);
    start = pos + 2 + n;
  }
  const end = start + length;
  if (end > limit) return fail(`truncated: ${length} bytes announced, ${limit - start} present`);
  return { tag, start, end };
}

/**
 * An INTEGER that fits in 32 bits (version, request-id, error-status…). Request-ids are signed in the SMI
 * but some managers send them as unsigned 32-bit values: both ranges are accepted and kept as sent.
 */
export function readInt32(bytes: Uint8Array, tlv: Tlv): number | BerError {
  const n = tlv.end - tlv.start;
  if (n === 0) return fail('empty INTEGER');
  if (n > 5) return fail('INTEGER wider than 32 bits');
  let v = 0;
  for (let i = tlv.start; i < tlv.end; i++) v = v * 256 + bytes[i]!;
  if (bytes[tlv.start]! & 0x80) v -= 256 ** n;
  if (v < -2147483648 || v > 4294967295) return fail('INTEGER wider than 32 bits');
  return v;
}

/** An OBJECT IDENTIFIER's content as dotted text (`1.3.6.1.2.1.1.3.0`). */
export function readOidContent(bytes: Uint8Array, tlv: Tlv): string | BerError {
  const { start, end } = tlv;
  if (end === start) return fail('empty OBJECT IDENTIFIER');
  if (end - start > 1400) return fail('OBJECT IDENTIFIER is absurdly long');
  const parts: number[] = [];
  let v = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (digits === 0 && b === 0x80) return fail('OBJECT IDENTIFIER sub-identifier has a leading 0x80 byte');
    v = v * 128 + (b & 0x7f);
    digits++;
    if (v > 4294967295 + 80) return fail('OBJECT IDENTIFIER sub-identifier above 2^32');
    if (b & 0x80) continue;
    if (parts.length === 0) {
      // The first byte packs two arcs: 40·x + y, x ∈ {0,1,2}.
      if (v < 40) parts.push(0, v);
      else if (v < 80) parts.push(1, v - 40);
      else parts.push(2, v - 80);
    } else if (v > 4294967295) return fail('OBJECT IDENTIFIER sub-identifier above 2^32');
    else parts.push(v);
    if (parts.length > 128) return fail('OBJECT IDENTIFIER has more than 128 sub-identifiers');
    v = 0;
    digits = 0;
  }
  if (digits !== 0) return fail('OBJECT IDENTIFIER ends inside a sub-identifier');
  return parts.join('.');
}

// ---------------------------------------------------------------------------------------------------
// Writing

/** Length octets for `n` bytes of content. */
export function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  if (n < 0x100) return [0x81, n];
  if (n < 0x10000) return [0x82, n >> 8, n & 0xff];
  return [0x83, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** Size of a whole TLV whose content is `contentLength` bytes. */
export function tlvSize(contentLength: number): number {
  return 1 + lengthBytes(contentLength).length + contentLength;
}

/** A TLV around content already encoded (one or several parts, concatenated). */
export function tlv(tag: number, ...parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const head = lengthBytes(n);
  const out = new Uint8Array(1 + head.length + n);
  out[0] = tag;
  out.set(head, 1);
  let at = 1 + head.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Minimal two's-complement content for a signed integer (safe-integer range or bigint). */
export function signedContent(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0xffn);
    out.unshift(byte);
    v >>= 8n;
    // Done when the rest is pure sign extension of the byte just written.
    if ((v === 0n && (byte & 0x80) === 0) || (v === -1n && (byte & 0x80) !== 0)) break;
  }
  return Uint8Array.from(out);
}

/** Content for an unsigned application integer (Counter32, Gauge32, TimeTicks, Counter64): a leading 0 keeps it positive. */
export function unsignedContent(value: number | bigint): Uint8Array {
  const v = BigInt(value);
  if (v < 0n) throw new RangeError('unsigned value is negative');
  return signedContent(v);
}

/** OBJECT IDENTIFIER content from dotted text. Throws on a malformed OID (callers pass checked OIDs). */
export function oidContent(oid: string): Uint8Array {
  const parts = oid.split('.').map(Number);
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 4294967295)) throw new RangeError(`not an OID: ${oid}`);
  const [x, y] = parts as [number, number];
  if (x > 2 || (x < 2 && y >= 40)) throw new RangeError(`not an OID: ${oid}`);
  const out: number[] = [];
  const push = (n: number) => {
    const septets: number[] = [n % 128];
    n = Math.floor(n / 128);
    while (n > 0) {
      septets.unshift((n % 128) | 0x80);
      n = Math.floor(n / 128);
    }
    out.push(...septets);
  };
  push(x * 40 + y);
  for (let i = 2; i < parts.length; i++) push(parts[i]!);
  return Uint8Array.from(out);
}
