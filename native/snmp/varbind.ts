/**
 * The one shape SNMP answers take inside the console, whatever library fetched them, plus readers that
 * never throw: a reader returns `undefined` for a wrong type, an out-of-range value or an exception
 * (noSuchObject…), and the caller turns that into a counted "bad data" entry.
 */

export const varbindTypes = [
  'Integer',
  'OctetString',
  'ObjectIdentifier',
  'IpAddress',
  'Counter32',
  'Gauge32',
  'TimeTicks',
  'Counter64',
  'Opaque',
  'Null',
  'NoSuchObject',
  'NoSuchInstance',
  'EndOfMibView',
] as const;
export type VarbindType = (typeof varbindTypes)[number];

export interface Varbind {
  /** Numeric dotted OID, no leading dot: `1.3.6.1.2.1.1.3.0`. */
  oid: string;
  type: VarbindType;
  /**
   * Integer/Counter32/Gauge32/TimeTicks: number. Counter64: bigint, number, or big-endian bytes (net-snmp
   * hands a Buffer). OctetString/Opaque: bytes or (already decoded) text. ObjectIdentifier/IpAddress: text.
   * Null and the exceptions: null.
   */
  value: number | bigint | string | Uint8Array | null;
}

const two32 = 4294967296;
const two64 = 1n << 64n;

/** True when a varbind is there and is not the end of a walk (other exceptions count as answers to report). */
export function isAnswered(vb: Varbind | undefined): vb is Varbind {
  return vb !== undefined && vb.type !== 'EndOfMibView';
}

/** True for the "there is nothing here" answers: Null, noSuchObject, noSuchInstance, endOfMibView. */
export function isException(vb: Varbind | undefined): boolean {
  return vb === undefined || vb.type === 'Null' || vb.type === 'NoSuchObject' || vb.type === 'NoSuchInstance' || vb.type === 'EndOfMibView';
}

/** Why a varbind could not be read, in words for a bad-data entry. */
export function describeUnreadable(vb: Varbind | undefined, wanted: string): string {
  if (vb === undefined) return `missing (wanted ${wanted})`;
  if (vb.type === 'NoSuchObject' || vb.type === 'NoSuchInstance' || vb.type === 'EndOfMibView' || vb.type === 'Null') return `agent answered ${vb.type} (wanted ${wanted})`;
  return `${vb.type} ${preview(vb.value)} is not a valid ${wanted}`;
}

function preview(value: Varbind['value']): string {
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function integralNumber(value: Varbind['value']): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'bigint') return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : undefined;
  return undefined;
}

/** Integer32 (`Integer` type only): a whole number in −2^31 … 2^31−1. */
export function readInteger(vb: Varbind | undefined): number | undefined {
  if (vb === undefined || vb.type !== 'Integer') return undefined;
  const n = integralNumber(vb.value);
  return n !== undefined && n >= -2147483648 && n <= 2147483647 ? n : undefined;
}

/** Counter32, Gauge32 or TimeTicks: a whole number in 0 … 2^32−1. */
export function readUnsigned32(vb: Varbind | undefined): number | undefined {
  if (vb === undefined || (vb.type !== 'Counter32' && vb.type !== 'Gauge32' && vb.type !== 'TimeTicks')) return undefined;
  const n = integralNumber(vb.value);
  return n !== undefined && n >= 0 && n < two32 ? n : undefined;
}

/** Counter32 only (a counter column answered as Gauge32 is a wrong type, not a counter). */
export function readCounter32(vb: Varbind | undefined): number | undefined {
  return vb?.type === 'Counter32' ? readUnsigned32(vb) : undefined;
}

/** Counter64 as a bigint in 0 … 2^64−1 (from bigint, a safe integer, or big-endian bytes). */
export function readCounter64(vb: Varbind | undefined): bigint | undefined {
  if (vb === undefined || vb.type !== 'Counter64') return undefined;
  const v = vb.value;
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return undefined;
    n = BigInt(v);
  } else if (v instanceof Uint8Array) {
    // BER may add a leading zero byte (9 bytes for values ≥ 2^63); anything longer cannot fit.
    if (v.length === 0 || v.length > 9) return undefined;
    n = 0n;
    for (const byte of v) n = (n << 8n) | BigInt(byte);
  } else return undefined;
  return n >= 0n && n < two64 ? n : undefined;
}

/**
 * Any numeric varbind as a finite JS number: Integer, Counter32, Gauge32, TimeTicks, Counter64 (may lose
 * precision above 2^53, never range), and an Opaque-wrapped float/double (net-snmp's "Opaque: Float").
 */
export function readNumber(vb: Varbind | undefined): number | undefined {
  if (vb === undefined) return undefined;
  switch (vb.type) {
    case 'Integer':
      return readInteger(vb);
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
      return readUnsigned32(vb);
    case 'Counter64': {
      const n = readCounter64(vb);
      return n === undefined ? undefined : Number(n);
    }
    case 'Opaque':
      return vb.value instanceof Uint8Array ? readOpaqueFloat(vb.value) : undefined;
    default:
      return undefined;
  }
}

/** Opaque holding an ASN.1 float (9F 78 04 + 4 bytes) or double (9F 79 08 + 8 bytes), as NET-SNMP agents send. */
export function readOpaqueFloat(bytes: Uint8Array): number | undefined {
  // Some stacks pass the inner encoding, some the whole Opaque TLV (44 len …): skip an outer 0x44 header.
  let b = bytes;
  if (b.length >= 2 && b[0] === 0x44 && b[1] === b.length - 2) b = b.subarray(2);
  if (b.length < 3 || b[0] !== 0x9f) return undefined;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let v: number | undefined;
  if (b[1] === 0x78 && b[2] === 4 && b.length === 7) v = view.getFloat32(3);
  else if (b[1] === 0x79 && b[2] === 8 && b.length === 11) v = view.getFloat64(3);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });
const maxText = 255;

/**
 * OctetString as text (DisplayString is at most 255 characters; longer is cut). Trailing NULs, which some
 * agents pad with, are dropped. Bytes that are not UTF-8 become U+FFFD rather than an error.
 */
export function readString(vb: Varbind | undefined): string | undefined {
  if (vb === undefined || vb.type !== 'OctetString') return undefined;
  let s: string;
  if (typeof vb.value === 'string') s = vb.value;
  else if (vb.value instanceof Uint8Array) s = utf8.decode(vb.value.length > maxText * 4 ? vb.value.subarray(0, maxText * 4) : vb.value);
  else return undefined;
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  if (end !== s.length) s = s.slice(0, end);
  return s.length > maxText ? s.slice(0, maxText) : s;
}

const utf8Encoder = new TextEncoder();

/** OctetString as raw bytes (text values are UTF-8 encoded). */
export function readBytes(vb: Varbind | undefined): Uint8Array | undefined {
  if (vb === undefined || vb.type !== 'OctetString') return undefined;
  if (vb.value instanceof Uint8Array) return vb.value;
  if (typeof vb.value === 'string') return utf8Encoder.encode(vb.value);
  return undefined;
}

/** ObjectIdentifier value as a valid dotted OID. */
export function readOid(vb: Varbind | undefined): string | undefined {
  if (vb === undefined || vb.type !== 'ObjectIdentifier' || typeof vb.value !== 'string') return undefined;
  const oid = normalizeOid(vb.value);
  return oid;
}

/** A numeric dotted OID without leading dot, at most 128 sub-identifiers each ≤ 2^32−1 (no leading zeros). */
export function isValidOid(oid: string): boolean {
  const n = oid.length;
  if (n === 0 || n > 1400) return false;
  let parts = 0;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? oid.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      const len = i - start;
      if (len === 0 || len > 10 || ++parts > 128) return false;
      if (len > 1 && oid.charCodeAt(start) === 48) return false;
      if (len === 10 && oid.slice(start, i) > '4294967295') return false;
      start = i + 1;
    } else if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Strip one leading dot and check: `.1.3.6` → `1.3.6`; garbage → undefined. */
export function normalizeOid(oid: string): string | undefined {
  const s = oid.startsWith('.') ? oid.slice(1) : oid;
  return isValidOid(s) ? s : undefined;
}

/** True when `oid` lies strictly below `root` (`1.3.6.1.2` is under `1.3.6.1`, `1.3.6.10` is not). */
export function isUnder(oid: string, root: string): boolean {
  return oid.length > root.length && oid.charCodeAt(root.length) === 46 /* . */ && oid.startsWith(root);
}

/**
 * Order OIDs the way an agent walks them: sub-identifier by sub-identifier, numerically; a prefix sorts
 * first. Works on arbitrarily long numbers without parsing them (longer digit run = bigger, then text).
 * Garbage strings still get a consistent total order (non-numeric parts sort after numeric ones).
 */
export function compareOids(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    let ie = a.indexOf('.', i);
    if (ie < 0) ie = a.length;
    let je = b.indexOf('.', j);
    if (je < 0) je = b.length;
    const c = compareSegment(a, i, ie, b, j, je);
    if (c !== 0) return c;
    i = ie + 1;
    j = je + 1;
  }
  const aDone = i >= a.length;
  const bDone = j >= b.length;
  if (aDone && bDone) return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
  return aDone ? -1 : 1;
}

function isDigits(s: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let k = from; k < to; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function compareSegment(a: string, as: number, ae: number, b: string, bs: number, be: number): number {
  const an = isDigits(a, as, ae);
  const bn = isDigits(b, bs, be);
  if (an && bn) {
    while (as < ae - 1 && a.charCodeAt(as) === 48) as++;
    while (bs < be - 1 && b.charCodeAt(bs) === 48) bs++;
    if (ae - as !== be - bs) return ae - as < be - bs ? -1 : 1;
  } else if (an !== bn) return an ? -1 : 1;
  const sa = a.slice(as, ae);
  const sb = b.slice(bs, be);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** One table as rows: row index (the OID part after the column, e.g. `3` or `1.2`) → column number → varbind. */
export type TableRows = Map<string, Map<number, Varbind>>;

/** Where a table extraction puts what it could not place. */
export interface TableProblems {
  /** OIDs answered twice with different values (the first answer is kept). */
  duplicates: string[];
}

/** The walks that can hold rows of `entryOid`: keyed by the table, one of its columns, or a subtree above it. */
function relevantWalks(walks: ReadonlyMap<string, readonly Varbind[]> | Iterable<readonly Varbind[]>, entryOid: string): Iterable<readonly Varbind[]> {
  if (!(walks instanceof Map)) return walks as Iterable<readonly Varbind[]>;
  const out: (readonly Varbind[])[] = [];
  for (const [root, walk] of walks as ReadonlyMap<string, readonly Varbind[]>) {
    if (root === entryOid || isUnder(root, entryOid) || isUnder(entryOid, root)) out.push(walk);
  }
  return out;
}

/**
 * Rows of the table whose entry OID is `entryOid` (`<entry>.<column>.<index…>`), from every varbind under
 * it in the walks (several column walks or one table walk, in any order; other OIDs are skipped). Given the
 * poller's map of walks, only walks keyed at, under or above the table are read (overshoot elsewhere is not
 * this table's answer). endOfMibView ends a walk and is skipped; a noSuchObject/noSuchInstance/Null inside
 * a walk is kept as the cell's answer (readers refuse it, so the profile reports it). Rows come out sorted
 * by index.
 */
export function extractTable(walks: ReadonlyMap<string, readonly Varbind[]> | Iterable<readonly Varbind[]>, entryOid: string, problems?: TableProblems): TableRows {
  const rows: TableRows = new Map();
  const prefixLength = entryOid.length + 1;
  for (const walk of relevantWalks(walks, entryOid)) {
    for (const vb of walk) {
      if (typeof vb?.oid !== 'string' || !isUnder(vb.oid, entryOid) || vb.type === 'EndOfMibView') continue;
      // `<column>.<index…>`: parse the column in place (this runs for every cell of every poll)
      const oid = vb.oid;
      let column = 0;
      let at = prefixLength;
      for (; at < oid.length && at - prefixLength < 10; at++) {
        const c = oid.charCodeAt(at);
        if (c < 48 || c > 57) break;
        column = column * 10 + (c - 48);
      }
      if (at === prefixLength || oid.charCodeAt(at) !== 46 || at === oid.length - 1) continue;
      const index = oid.slice(at + 1);
      if (!isValidOid(index)) continue;
      let row = rows.get(index);
      if (!row) {
        row = new Map();
        rows.set(index, row);
      }
      const seen = row.get(column);
      if (seen === undefined) row.set(column, vb);
      else if (problems && !sameVarbind(seen, vb)) problems.duplicates.push(vb.oid);
    }
  }
  // Walks come in order, so rows usually are already: sort only when they aren't.
  let previous: string | undefined;
  for (const index of rows.keys()) {
    if (previous !== undefined && compareOids(previous, index) > 0) return new Map([...rows].sort((x, y) => compareOids(x[0], y[0])));
    previous = index;
  }
  return rows;
}

/** Varbinds under `root` from the walks that can hold them (endOfMibView aside), first answer per OID, in walk order. */
export function collectUnder(walks: ReadonlyMap<string, readonly Varbind[]> | Iterable<readonly Varbind[]>, root: string): Varbind[] {
  const seen = new Set<string>();
  const out: Varbind[] = [];
  for (const walk of relevantWalks(walks, root)) {
    for (const vb of walk) {
      if (typeof vb?.oid !== 'string' || !isUnder(vb.oid, root) || vb.type === 'EndOfMibView' || seen.has(vb.oid)) continue;
      seen.add(vb.oid);
      out.push(vb);
    }
  }
  return out;
}

function sameVarbind(a: Varbind, b: Varbind): boolean {
  if (a.type !== b.type) return false;
  if (a.value instanceof Uint8Array && b.value instanceof Uint8Array) {
    return a.value.length === b.value.length && a.value.every((x, k) => x === (b.value as Uint8Array)[k]);
  }
  return a.value === b.value;
}
