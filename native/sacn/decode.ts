// decodeSacn: one UDP payload (port 5568) -> an E1.31 data, sync or discovery packet, or a counted
// reject. Never throws. `cid` and `slots` are views into the caller's buffer (copy to keep them).
// Offsets and their sources: ./layout.ts.

import {
  ACN_PACKET_IDENTIFIER,
  DATA_PACKET_MIN,
  DISCOVERY_PACKET_MIN,
  DMP_ADDRESS_TYPE,
  OFF_CID,
  OFF_DISCOVERY_SOURCE_NAME,
  OFF_LAST_PAGE,
  OFF_OPTIONS,
  OFF_PAGE,
  OFF_PRIORITY,
  OFF_SEQUENCE,
  OFF_SLOTS,
  OFF_SOURCE_NAME,
  OFF_START_CODE,
  OFF_SYNC_ADDRESS,
  OFF_SYNC_SEQUENCE,
  OFF_SYNC_SYNC_ADDRESS,
  OFF_UNIVERSE,
  OFF_UNIVERSES,
  OPTION_FORCE_SYNC,
  OPTION_PREVIEW,
  OPTION_STREAM_TERMINATED,
  ROOT_LAYER_END,
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

export interface SacnDataPacket {
  kind: 'data';
  /** Sender's 16-byte Component Identifier (a view). Key sources by it, not by IP. */
  cid: Uint8Array;
  sourceName: string;
  /** 0..200 (higher wins). */
  priority: number;
  /** 0 = not synchronised, else the universe whose sync packets release this data. */
  syncAddress: number;
  /** 0..255, see acceptSacnSequence. */
  sequence: number;
  /** Raw options byte; the three flags below are its bits 7, 6 and 5. */
  options: number;
  /** Bit 7: preview/visualiser data — do not drive live output with it. */
  preview: boolean;
  /** Bit 6: the source stops sending this universe; release it now rather than after a timeout. */
  streamTerminated: boolean;
  /** Bit 5. */
  forceSync: boolean;
  /** 1..63999 */
  universe: number;
  startCode: 0;
  /** DMX slots 1..n (n = 0..512), start code excluded. A view into the input buffer. */
  slots: Uint8Array;
}

export interface SacnSyncPacket {
  kind: 'sync';
  cid: Uint8Array;
  sequence: number;
  /** 1..63999 */
  syncAddress: number;
}

export interface SacnDiscoveryPacket {
  kind: 'discovery';
  cid: Uint8Array;
  sourceName: string;
  page: number;
  lastPage: number;
  /** Universes this source is sending, as listed on this page (the standard says ascending). */
  universes: number[];
}

export type SacnRejectReason =
  /** Shorter than the packet's fixed part (38 root, 49 sync, 120 discovery, 126 data). */
  | 'too-short'
  /** Preamble Size is not 0x0010. */
  | 'bad-preamble'
  /** Post-amble Size is not 0x0000. */
  | 'bad-postamble'
  /** Octets 4..15 are not "ASC-E1.17\0\0\0". */
  | 'bad-packet-identifier'
  /** A flags&length field whose flags nibble is not 0x7. */
  | 'bad-flags'
  /** Root length != bytes after octet 16 (we require the datagram to hold exactly one root PDU). */
  | 'root-length-mismatch'
  /** Root vector neither DATA (4) nor EXTENDED (8). */
  | 'unknown-root-vector'
  /** Framing length != bytes after octet 38. */
  | 'framing-length-mismatch'
  /** Framing vector does not fit the root vector (e.g. OLA's draft discovery, framing vector 4). */
  | 'unknown-framing-vector'
  /** DMP length != bytes after octet 115. */
  | 'dmp-length-mismatch'
  /** DMP vector not SET_PROPERTY (0x02). */
  | 'bad-dmp-vector'
  /** Address & data type not 0xA1. */
  | 'bad-dmp-address-type'
  /** First property address not 0. */
  | 'bad-first-property-address'
  /** Address increment not 1 (OLA discards these too). */
  | 'bad-address-increment'
  /** Property value count not 1..513, or not matching the DMP length. */
  | 'property-count-out-of-range'
  /** Data universe outside 1..63999. */
  | 'universe-out-of-range'
  /** Priority above 200 (OLA ignores such data too). */
  | 'priority-out-of-range'
  /** Sync address above 63999 (data), or outside 1..63999 (sync packet). */
  | 'sync-address-out-of-range'
  /** Sync packet longer or shorter than 49 bytes / inconsistent framing length. */
  | 'sync-length-mismatch'
  /** Universe discovery layer length/vector wrong, odd list length or more than 512 universes. */
  | 'bad-discovery-layer'
  /** Discovery page number greater than the last page. */
  | 'discovery-page-out-of-range'
  /** A well-formed data packet whose START code is not 0 (e.g. 0xDD per-slot priority): not DMX levels. */
  | 'non-zero-start-code';

export interface SacnPlainReject {
  kind: 'reject';
  reason: Exclude<SacnRejectReason, 'non-zero-start-code'>;
}

/**
 * A valid data packet carrying something other than DMX levels. Ignore its slots, but honour
 * `streamTerminated` (OLA keeps processing non-zero start codes only for that).
 */
export interface SacnStartCodeReject {
  kind: 'reject';
  reason: 'non-zero-start-code';
  startCode: number;
  universe: number;
  cid: Uint8Array;
  priority: number;
  sequence: number;
  streamTerminated: boolean;
}

export type SacnReject = SacnPlainReject | SacnStartCodeReject;
export type SacnPacket = SacnDataPacket | SacnSyncPacket | SacnDiscoveryPacket | SacnReject;

const reject = (reason: SacnPlainReject['reason']): SacnPlainReject => ({ kind: 'reject', reason });

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u32 = (b: Uint8Array, i: number) => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** Checks a flags&length field at `offset` against the bytes left; returns a reject reason or null. */
function pduMismatch(b: Uint8Array, offset: number, mismatch: SacnPlainReject['reason']): SacnPlainReject['reason'] | null {
  if (b[offset]! >> 4 !== 0x7) return 'bad-flags';
  const length = ((b[offset]! & 0x0f) << 8) | b[offset + 1]!;
  return length === b.length - offset ? null : mismatch;
}

export function decodeSacn(b: Uint8Array): SacnPacket {
  const n = b.length;
  if (n < ROOT_LAYER_END + 6) return reject('too-short'); // root layer + framing flags/length + vector
  if (b[0] !== 0x00 || b[1] !== 0x10) return reject('bad-preamble');
  if (b[2] !== 0x00 || b[3] !== 0x00) return reject('bad-postamble');
  for (let i = 0; i < 12; i++) if (b[4 + i] !== ACN_PACKET_IDENTIFIER[i]) return reject('bad-packet-identifier');
  // Strict: one datagram = one root PDU of exactly the datagram's size. Every E1.31 sender
  // writes exact lengths; a mismatch means truncation or corruption.
  const root = pduMismatch(b, 16, 'root-length-mismatch');
  if (root) return reject(root);
  const rootVector = u32(b, 18);
  if (rootVector !== VECTOR_ROOT_E131_DATA && rootVector !== VECTOR_ROOT_E131_EXTENDED) return reject('unknown-root-vector');
  const framing = pduMismatch(b, 38, 'framing-length-mismatch');
  if (framing) return reject(framing);
  const framingVector = u32(b, 40);
  if (rootVector === VECTOR_ROOT_E131_DATA) {
    return framingVector === VECTOR_E131_DATA_PACKET ? decodeData(b) : reject('unknown-framing-vector');
  }
  if (framingVector === VECTOR_E131_EXTENDED_SYNCHRONIZATION) return decodeSync(b);
  if (framingVector === VECTOR_E131_EXTENDED_DISCOVERY) return decodeDiscovery(b);
  return reject('unknown-framing-vector');
}

function decodeData(b: Uint8Array): SacnDataPacket | SacnReject {
  const n = b.length;
  if (n < DATA_PACKET_MIN) return reject('too-short');
  const dmp = pduMismatch(b, 115, 'dmp-length-mismatch');
  if (dmp) return reject(dmp);
  if (b[117] !== VECTOR_DMP_SET_PROPERTY) return reject('bad-dmp-vector');
  if (b[118] !== DMP_ADDRESS_TYPE) return reject('bad-dmp-address-type');
  if (b[119] !== 0 || b[120] !== 0) return reject('bad-first-property-address');
  if (b[121] !== 0 || b[122] !== 1) return reject('bad-address-increment');
  const count = u16(b, 123); // start code + slots
  if (count < 1 || count > 513 || count !== n - OFF_START_CODE) return reject('property-count-out-of-range');
  const universe = u16(b, OFF_UNIVERSE);
  if (universe < 1 || universe > SACN_MAX_UNIVERSE) return reject('universe-out-of-range');
  const priority = b[OFF_PRIORITY]!;
  if (priority > SACN_MAX_PRIORITY) return reject('priority-out-of-range');
  const syncAddress = u16(b, OFF_SYNC_ADDRESS);
  if (syncAddress > SACN_MAX_UNIVERSE) return reject('sync-address-out-of-range');
  const options = b[OFF_OPTIONS]!;
  const startCode = b[OFF_START_CODE]!;
  if (startCode !== 0) {
    return {
      kind: 'reject',
      reason: 'non-zero-start-code',
      startCode,
      universe,
      cid: b.subarray(OFF_CID, OFF_CID + 16),
      priority,
      sequence: b[OFF_SEQUENCE]!,
      streamTerminated: (options & OPTION_STREAM_TERMINATED) !== 0,
    };
  }
  return {
    kind: 'data',
    cid: b.subarray(OFF_CID, OFF_CID + 16),
    sourceName: readSourceName(b, OFF_SOURCE_NAME),
    priority,
    syncAddress,
    sequence: b[OFF_SEQUENCE]!,
    options,
    preview: (options & OPTION_PREVIEW) !== 0,
    streamTerminated: (options & OPTION_STREAM_TERMINATED) !== 0,
    forceSync: (options & OPTION_FORCE_SYNC) !== 0,
    universe,
    startCode: 0,
    slots: b.subarray(OFF_SLOTS, n),
  };
}

function decodeSync(b: Uint8Array): SacnSyncPacket | SacnReject {
  // Root and framing lengths already match the buffer; a sync packet is exactly 49 bytes.
  if (b.length !== SYNC_PACKET_LENGTH) return reject(b.length < SYNC_PACKET_LENGTH ? 'too-short' : 'sync-length-mismatch');
  const syncAddress = u16(b, OFF_SYNC_SYNC_ADDRESS);
  if (syncAddress < 1 || syncAddress > SACN_MAX_UNIVERSE) return reject('sync-address-out-of-range');
  return { kind: 'sync', cid: b.subarray(OFF_CID, OFF_CID + 16), sequence: b[OFF_SYNC_SEQUENCE]!, syncAddress };
}

function decodeDiscovery(b: Uint8Array): SacnDiscoveryPacket | SacnReject {
  const n = b.length;
  if (n < DISCOVERY_PACKET_MIN) return reject('too-short');
  const udl = pduMismatch(b, 112, 'bad-discovery-layer');
  if (udl) return reject(udl);
  if (u32(b, 114) !== VECTOR_UNIVERSE_DISCOVERY_UNIVERSE_LIST) return reject('bad-discovery-layer');
  const listBytes = n - OFF_UNIVERSES;
  if (listBytes % 2 !== 0 || listBytes / 2 > SACN_DISCOVERY_PAGE_SIZE) return reject('bad-discovery-layer');
  const page = b[OFF_PAGE]!;
  const lastPage = b[OFF_LAST_PAGE]!;
  if (page > lastPage) return reject('discovery-page-out-of-range');
  const universes: number[] = [];
  for (let i = OFF_UNIVERSES; i < n; i += 2) universes.push(u16(b, i));
  return { kind: 'discovery', cid: b.subarray(OFF_CID, OFF_CID + 16), sourceName: readSourceName(b, OFF_DISCOVERY_SOURCE_NAME), page, lastPage, universes };
}

const utf8 = new TextDecoder('utf-8'); // non-fatal: bad sequences become U+FFFD

/** UTF-8, NUL-terminated within 64 bytes; plain ASCII (the common case) skips TextDecoder. */
function readSourceName(b: Uint8Array, offset: number): string {
  let end = offset;
  let ascii = true;
  const limit = offset + SOURCE_NAME_SIZE;
  for (; end < limit; end++) {
    const c = b[end]!;
    if (c === 0) break;
    if (c > 0x7f) ascii = false;
  }
  if (!ascii) return utf8.decode(b.subarray(offset, end));
  let s = '';
  for (let i = offset; i < end; i++) s += String.fromCharCode(b[i]!);
  return s;
}
