// E1.31 encoders. Invalid arguments throw RangeError (our bug, not the network's).
// Offsets: ./layout.ts.

import {
  ACN_PACKET_IDENTIFIER,
  DATA_PACKET_MIN,
  DISCOVERY_PACKET_MIN,
  DMP_ADDRESS_TYPE,
  OPTION_FORCE_SYNC,
  OPTION_PREVIEW,
  OPTION_STREAM_TERMINATED,
  SACN_DEFAULT_PRIORITY,
  SACN_DISCOVERY_PAGE_SIZE,
  SACN_MAX_PRIORITY,
  SACN_MAX_UNIVERSE,
  SOURCE_NAME_SIZE,
  SYNC_PACKET_LENGTH,
  VECTOR_DMP_SET_PROPERTY,
  VECTOR_E131_DATA_PACKET,
  VECTOR_E131_EXTENDED_DISCOVERY,
  VECTOR_E131_EXTENDED_SYNCHRONIZATION,
  VECTOR_ROOT_E131_DATA,
  VECTOR_ROOT_E131_EXTENDED,
  VECTOR_UNIVERSE_DISCOVERY_UNIVERSE_LIST,
} from './layout.ts';

const isInt = (v: number, min: number, max: number) => (v | 0) === v && v >= min && v <= max;
function check(name: string, v: number, min: number, max: number): void {
  if (!isInt(v, min, max)) throw new RangeError(`${name} must be an integer ${min}..${max}, got ${v}`);
}

const utf8 = new TextEncoder();

/**
 * The 64-byte Source Name field: UTF-8, cut on a character boundary to at most 63 bytes, then NUL
 * filled. Build it once per source and pass it to encodeSacnDataInto to keep the hot path lean.
 */
export function sacnSourceNameField(name: string): Uint8Array {
  const field = new Uint8Array(SOURCE_NAME_SIZE);
  let bytes = utf8.encode(name);
  if (bytes.length > SOURCE_NAME_SIZE - 1) {
    let cut = SOURCE_NAME_SIZE - 1;
    while (cut > 0 && ((bytes[cut] ?? 0) & 0xc0) === 0x80) cut--; // do not split a multi-byte character
    bytes = bytes.subarray(0, cut);
  }
  field.set(bytes);
  return field;
}

function sourceNameBytes(name: string | Uint8Array): Uint8Array {
  if (typeof name === 'string') return sacnSourceNameField(name);
  if (name.length !== SOURCE_NAME_SIZE) throw new RangeError('a pre-encoded source name must be the 64-byte field from sacnSourceNameField');
  return name;
}

function writeU16(out: Uint8Array, i: number, v: number): void {
  out[i] = v >> 8;
  out[i + 1] = v & 0xff;
}
function writeU32(out: Uint8Array, i: number, v: number): void {
  out[i] = v >>> 24;
  out[i + 1] = (v >>> 16) & 0xff;
  out[i + 2] = (v >>> 8) & 0xff;
  out[i + 3] = v & 0xff;
}
/** Flags 0x7 in the top nibble, the PDU's length (from `offset` to the end) in the low 12 bits. */
const writeFlagsLength = (out: Uint8Array, offset: number, total: number) => writeU16(out, offset, 0x7000 | (total - offset));

/** Root layer octets 0..37 (flags&length written by the caller once the size is known). */
function writeRoot(out: Uint8Array, total: number, vector: number, cid: Uint8Array): void {
  if (cid.length !== 16) throw new RangeError(`CID must be 16 bytes, got ${cid.length}`);
  out[0] = 0x00;
  out[1] = 0x10; // preamble size
  out[2] = 0x00;
  out[3] = 0x00; // post-amble size
  for (let i = 0; i < 12; i++) out[4 + i] = ACN_PACKET_IDENTIFIER[i]!;
  writeFlagsLength(out, 16, total);
  writeU32(out, 18, vector);
  out.set(cid, 22);
}

export interface SacnDataFields {
  /** 16 bytes, stable per source (a UUID). */
  cid: Uint8Array;
  /** A string, or the field from sacnSourceNameField (faster). */
  sourceName: string | Uint8Array;
  /** 0..200, default 100. */
  priority?: number;
  /** 0 (default) = not synchronised. */
  syncAddress?: number;
  /** 0..255; see nextSacnSequence. */
  sequence: number;
  preview?: boolean;
  /** Set on the last packets of a stream (E1.31 asks senders to send three). */
  streamTerminated?: boolean;
  forceSync?: boolean;
  /** 1..63999 */
  universe: number;
  /** Default 0 (DMX levels). */
  startCode?: number;
  /** Slots 1..n, n = 0..512. */
  slots: Uint8Array;
}

/** Bytes a data packet with `slots` slots occupies. */
export const sacnDataSize = (slots: number): number => DATA_PACKET_MIN + slots;

/**
 * Hot path: writes an E1.31 data packet into `out` from offset 0 and returns its size (126 + slots).
 * No allocation when `sourceName` is the pre-encoded field. Reuse one `fields` object per universe.
 */
export function encodeSacnDataInto(out: Uint8Array, f: SacnDataFields): number {
  const slots = f.slots.length;
  const priority = f.priority ?? SACN_DEFAULT_PRIORITY;
  const syncAddress = f.syncAddress ?? 0;
  const startCode = f.startCode ?? 0;
  if (slots > 512) throw new RangeError(`at most 512 slots, got ${slots}`);
  check('universe', f.universe, 1, SACN_MAX_UNIVERSE);
  check('priority', priority, 0, SACN_MAX_PRIORITY);
  check('syncAddress', syncAddress, 0, SACN_MAX_UNIVERSE);
  check('sequence', f.sequence, 0, 255);
  check('startCode', startCode, 0, 255);
  const total = DATA_PACKET_MIN + slots;
  if (out.length < total) throw new RangeError(`buffer of ${out.length} bytes is too small for ${total}`);
  writeRoot(out, total, VECTOR_ROOT_E131_DATA, f.cid);
  writeFlagsLength(out, 38, total);
  writeU32(out, 40, VECTOR_E131_DATA_PACKET);
  out.set(sourceNameBytes(f.sourceName), 44);
  out[108] = priority;
  writeU16(out, 109, syncAddress);
  out[111] = f.sequence;
  out[112] = (f.preview ? OPTION_PREVIEW : 0) | (f.streamTerminated ? OPTION_STREAM_TERMINATED : 0) | (f.forceSync ? OPTION_FORCE_SYNC : 0);
  writeU16(out, 113, f.universe);
  writeFlagsLength(out, 115, total);
  out[117] = VECTOR_DMP_SET_PROPERTY;
  out[118] = DMP_ADDRESS_TYPE;
  writeU16(out, 119, 0); // first property address
  writeU16(out, 121, 1); // address increment
  writeU16(out, 123, slots + 1); // property value count: start code + slots
  out[125] = startCode;
  out.set(f.slots, 126);
  return total;
}

/** Convenience: a freshly allocated data packet. */
export function encodeSacnData(f: SacnDataFields): Uint8Array {
  const out = new Uint8Array(sacnDataSize(f.slots.length));
  encodeSacnDataInto(out, f);
  return out;
}

export interface SacnSyncFields {
  cid: Uint8Array;
  sequence: number;
  /** 1..63999: the universe the sync packet is addressed to (data packets name it in syncAddress). */
  syncAddress: number;
}

/** A 49-byte E1.31 synchronization packet. */
export function encodeSacnSync(f: SacnSyncFields): Uint8Array {
  check('sequence', f.sequence, 0, 255);
  check('syncAddress', f.syncAddress, 1, SACN_MAX_UNIVERSE);
  const out = new Uint8Array(SYNC_PACKET_LENGTH);
  writeRoot(out, SYNC_PACKET_LENGTH, VECTOR_ROOT_E131_EXTENDED, f.cid);
  writeFlagsLength(out, 38, SYNC_PACKET_LENGTH);
  writeU32(out, 40, VECTOR_E131_EXTENDED_SYNCHRONIZATION);
  out[44] = f.sequence;
  writeU16(out, 45, f.syncAddress);
  return out; // 47..48 reserved, 0
}

export interface SacnDiscoveryFields {
  cid: Uint8Array;
  sourceName: string | Uint8Array;
  page: number;
  lastPage: number;
  /** At most 512, ascending (this page's share of the list). */
  universes: readonly number[];
}

/** A universe-discovery packet (one page), 120 + 2 × universes bytes. */
export function encodeSacnDiscovery(f: SacnDiscoveryFields): Uint8Array {
  check('lastPage', f.lastPage, 0, 255);
  check('page', f.page, 0, f.lastPage);
  if (f.universes.length > SACN_DISCOVERY_PAGE_SIZE) throw new RangeError(`at most ${SACN_DISCOVERY_PAGE_SIZE} universes per page`);
  f.universes.forEach((u) => check('universe', u, 1, SACN_MAX_UNIVERSE));
  const total = DISCOVERY_PACKET_MIN + 2 * f.universes.length;
  const out = new Uint8Array(total);
  writeRoot(out, total, VECTOR_ROOT_E131_EXTENDED, f.cid);
  writeFlagsLength(out, 38, total);
  writeU32(out, 40, VECTOR_E131_EXTENDED_DISCOVERY);
  out.set(sourceNameBytes(f.sourceName), 44);
  // 108..111 reserved, 0
  writeFlagsLength(out, 112, total);
  writeU32(out, 114, VECTOR_UNIVERSE_DISCOVERY_UNIVERSE_LIST);
  out[118] = f.page;
  out[119] = f.lastPage;
  f.universes.forEach((u, i) => writeU16(out, 120 + 2 * i, u));
  return out;
}

/** Splits a universe list into discovery pages: sorted, de-duplicated, 512 per page. */
export function sacnDiscoveryPages(universes: readonly number[]): Array<{ page: number; lastPage: number; universes: number[] }> {
  const sorted = [...new Set(universes)].sort((a, b) => a - b);
  const lastPage = Math.max(0, Math.ceil(sorted.length / SACN_DISCOVERY_PAGE_SIZE) - 1);
  const pages: Array<{ page: number; lastPage: number; universes: number[] }> = [];
  for (let page = 0; page <= lastPage; page++) {
    pages.push({ page, lastPage, universes: sorted.slice(page * SACN_DISCOVERY_PAGE_SIZE, (page + 1) * SACN_DISCOVERY_PAGE_SIZE) });
  }
  return pages;
}
