// decodeArtNet: one UDP payload -> a packet value or a counted reject. Never throws, never copies
// DMX data (ArtDmx `data` is a view into the caller's buffer: copy it if you keep it past the
// next receive). Layouts: PROTOCOLS.md §2.1–2.6.

import {
  ARTDMX_HEADER_LENGTH,
  ARTDMX_MAX_DATA,
  ARTDMX_MIN_DATA,
  ARTNET_PROTOCOL_VERSION,
  ARTPOLL_MIN_LENGTH,
  ARTPOLLREPLY_MIN_LENGTH,
  ARTSYNC_LENGTH,
  ARTTIMECODE_LENGTH,
  OP_DMX,
  OP_POLL,
  OP_POLL_REPLY,
  OP_SYNC,
  OP_TIME_CODE,
  TIMECODE_FRAMES,
} from './constants.ts';
import { byteAt, u16be } from './fields.ts';
import { readArtPollReply, type ArtPollReplyPacket } from './poll-reply.ts';

export interface ArtDmxPacket {
  op: 'dmx';
  /** 0 = sequencing disabled, else 1..255 (see acceptArtNetSequence). */
  sequence: number;
  /** Informational input port of the sender; not used for routing. */
  physical: number;
  /** 0..32767 (SubUni at 14, Net at 15). */
  portAddress: number;
  /** Slots actually delivered: min(Length field, bytes received after the header); 2..512. */
  length: number;
  /** DMX slots 1..length (no start code). A view into the input buffer, not a copy. */
  data: Uint8Array;
}

export interface ArtPollPacket {
  op: 'poll';
  protocolVersion: number;
  /** See ARTPOLL_FLAG_*. */
  flags: number;
  diagPriority: number;
  /** Art-Net 4 tail (offsets 14..21, big-endian); 0 when the poll is the short 14-byte form. */
  targetPortAddressTop: number;
  targetPortAddressBottom: number;
  estaMan: number;
  oem: number;
  /** Bytes received: 14 for OLA-style polls, 22 for Art-Net 4 ones. */
  length: number;
}

export interface ArtTimeCodePacket {
  op: 'timeCode';
  frames: number;
  seconds: number;
  minutes: number;
  hours: number;
  /** 0 Film 24, 1 EBU 25, 2 DF 29.97, 3 SMPTE 30. */
  type: number;
  /** Art-Net 4 (offset 13); 0 = master. */
  streamId: number;
}

export interface ArtSyncPacket {
  op: 'sync';
}

/** A well-formed Art-Net packet we do not interpret (ArtTodControl, ArtNzs, ArtAddress, …). */
export interface ArtOtherPacket {
  op: 'other';
  opcode: number;
  length: number;
}

export type ArtNetRejectReason =
  /** Fewer bytes than the packet's fixed part (10 for ID+OpCode, 12 with ProtVer, 14 ArtPoll/ArtSync, 18 ArtDmx, 19 ArtTimeCode, 207 ArtPollReply). */
  | 'too-short'
  /** Bytes 0..7 are not "Art-Net\0": the spec says discard. */
  | 'bad-id'
  /** ProtVer (big-endian, offset 10) < 14: the spec says accept >= 14 only. Not checked for ArtPollReply (it has none) or 'other'. */
  | 'old-protocol-version'
  /** ArtDmx Length field > 512: a DMX universe has 512 slots at most. */
  | 'dmx-length-too-large'
  /** ArtDmx Length field < 2: the spec's range is 2..512. */
  | 'dmx-length-too-small'
  /** Length field fine, but fewer than 2 data bytes actually arrived (OLA's minimum: header + 2). */
  | 'dmx-data-truncated'
  /** ArtDmx Net byte > 127 (Port-Address above 32767). */
  | 'port-address-out-of-range'
  /** ArtTimeCode with Type > 3 or a field past its range (hours 23, minutes/seconds 59, frames < rate). */
  | 'timecode-out-of-range';

export interface ArtNetReject {
  op: 'reject';
  reason: ArtNetRejectReason;
  /** The OpCode when the header got that far, else null. */
  opcode: number | null;
}

export type ArtNetPacket = ArtDmxPacket | ArtPollPacket | ArtPollReplyPacket | ArtTimeCodePacket | ArtSyncPacket | ArtOtherPacket | ArtNetReject;

const reject = (reason: ArtNetRejectReason, opcode: number | null): ArtNetReject => ({ op: 'reject', reason, opcode });

export function decodeArtNet(b: Uint8Array): ArtNetPacket {
  const n = b.length;
  if (n < 10) return reject('too-short', null);
  if (b[0] !== 0x41 || b[1] !== 0x72 || b[2] !== 0x74 || b[3] !== 0x2d || b[4] !== 0x4e || b[5] !== 0x65 || b[6] !== 0x74 || b[7] !== 0x00) {
    return reject('bad-id', null);
  }
  const opcode = b[8]! | (b[9]! << 8); // little-endian
  switch (opcode) {
    case OP_DMX:
      return decodeDmx(b);
    case OP_POLL_REPLY:
      // No ProtVer. "Consumers of ArtPollReply must accept a packet of length 207 bytes or larger".
      return n < ARTPOLLREPLY_MIN_LENGTH ? reject('too-short', opcode) : readArtPollReply(b);
    case OP_POLL:
      return decodePoll(b);
    case OP_TIME_CODE:
      return decodeTimeCode(b);
    case OP_SYNC:
      if (n < ARTSYNC_LENGTH) return reject('too-short', opcode);
      return protocolVersion(b) < ARTNET_PROTOCOL_VERSION ? reject('old-protocol-version', opcode) : { op: 'sync' };
    default:
      return { op: 'other', opcode, length: n };
  }
}

const protocolVersion = (b: Uint8Array) => (b[10]! << 8) | b[11]!; // big-endian, caller checked length

function decodeDmx(b: Uint8Array): ArtDmxPacket | ArtNetReject {
  const n = b.length;
  if (n < ARTDMX_HEADER_LENGTH) return reject('too-short', OP_DMX);
  if (protocolVersion(b) < ARTNET_PROTOCOL_VERSION) return reject('old-protocol-version', OP_DMX);
  const declared = (b[16]! << 8) | b[17]!;
  if (declared > ARTDMX_MAX_DATA) return reject('dmx-length-too-large', OP_DMX);
  if (declared < ARTDMX_MIN_DATA) return reject('dmx-length-too-small', OP_DMX);
  // Lenient like OLA (ArtNetNode.cpp HandleDataPacket): use min(Length, bytes received), so a
  // short datagram still updates the slots it carries; but fewer than 2 data bytes is no packet.
  const available = n - ARTDMX_HEADER_LENGTH;
  const length = declared < available ? declared : available;
  if (length < ARTDMX_MIN_DATA) return reject('dmx-data-truncated', OP_DMX);
  const net = b[15]!;
  if (net > 0x7f) return reject('port-address-out-of-range', OP_DMX);
  return {
    op: 'dmx',
    sequence: b[12]!,
    physical: b[13]!,
    portAddress: (net << 8) | b[14]!,
    length,
    data: b.subarray(ARTDMX_HEADER_LENGTH, ARTDMX_HEADER_LENGTH + length),
  };
}

function decodePoll(b: Uint8Array): ArtPollPacket | ArtNetReject {
  // "Consumers of ArtPoll must accept a packet of length 14 bytes or larger": the Art-Net 4 tail
  // (offsets 14..21) is optional and every missing byte reads as 0.
  if (b.length < ARTPOLL_MIN_LENGTH) return reject('too-short', OP_POLL);
  const version = protocolVersion(b);
  if (version < ARTNET_PROTOCOL_VERSION) return reject('old-protocol-version', OP_POLL);
  return {
    op: 'poll',
    protocolVersion: version,
    flags: b[12]!,
    diagPriority: b[13]!,
    targetPortAddressTop: u16be(b, 14),
    targetPortAddressBottom: u16be(b, 16),
    estaMan: u16be(b, 18),
    oem: u16be(b, 20),
    length: b.length,
  };
}

function decodeTimeCode(b: Uint8Array): ArtTimeCodePacket | ArtNetReject {
  if (b.length < ARTTIMECODE_LENGTH) return reject('too-short', OP_TIME_CODE);
  if (protocolVersion(b) < ARTNET_PROTOCOL_VERSION) return reject('old-protocol-version', OP_TIME_CODE);
  const frames = byteAt(b, 14);
  const seconds = byteAt(b, 15);
  const minutes = byteAt(b, 16);
  const hours = byteAt(b, 17);
  const type = byteAt(b, 18);
  // Same validity rule as OLA's TimeCode::IsValid: a value no clock can show is a corrupt packet.
  const rate = TIMECODE_FRAMES[type];
  if (rate === undefined || frames >= rate || seconds > 59 || minutes > 59 || hours > 23) return reject('timecode-out-of-range', OP_TIME_CODE);
  return { op: 'timeCode', frames, seconds, minutes, hours, type, streamId: byteAt(b, 13) };
}

/**
 * Should a node with these Port-Addresses answer this ArtPoll? Always, unless the poll is in
 * targeted mode (Flags bit 5), in which case only if one of them lies in
 * TargetPortAddressBottom..Top (§2.3, SECONDARY).
 */
export function pollTargets(poll: ArtPollPacket, portAddresses: readonly number[]): boolean {
  if ((poll.flags & 0x20) === 0) return true;
  return portAddresses.some((a) => a >= poll.targetPortAddressBottom && a <= poll.targetPortAddressTop);
}
