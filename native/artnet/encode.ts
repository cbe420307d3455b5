// Art-Net encoders. Each returns/writes exactly the bytes to send; invalid arguments throw
// RangeError (a programming error on our side, unlike received bytes, which never throw).

import {
  ARTDMX_HEADER_LENGTH,
  ARTDMX_MAX_DATA,
  ARTNET_ID,
  ARTNET_PROTOCOL_VERSION,
  ARTPOLL_ARTNET4_LENGTH,
  ARTPOLL_FLAG_REPLY_ON_CHANGE,
  ARTPOLL_MIN_LENGTH,
  ARTSYNC_LENGTH,
  ARTTIMECODE_LENGTH,
  OP_DMX,
  OP_POLL,
  OP_SYNC,
  OP_TIME_CODE,
  TIMECODE_FRAMES,
} from './constants.ts';
import { checkInt } from './fields.ts';

const isInt = (v: number, max: number) => (v | 0) === v && v >= 0 && v <= max;

/** ID, OpCode (LE) and ProtVer 14 (BE): the first 12 bytes of every packet but ArtPollReply. */
function writeHeader(out: Uint8Array, opcode: number): void {
  for (let i = 0; i < 8; i++) out[i] = ARTNET_ID[i]!;
  out[8] = opcode & 0xff;
  out[9] = opcode >> 8;
  out[10] = 0;
  out[11] = ARTNET_PROTOCOL_VERSION;
}

/** Bytes an ArtDmx with `slots` slots occupies (odd counts padded to even). */
export const artDmxSize = (slots: number): number => ARTDMX_HEADER_LENGTH + slots + (slots & 1);

/**
 * Hot path: writes an ArtDmx into `out` (from offset 0) and returns its size. An odd slot count is
 * padded with one 0 to make Length even, as OLA does (ArtNetNode.cpp SendDMX; §2.8 second packet).
 * `length` defaults to data.length (1..512). No allocation.
 */
export function encodeArtDmxInto(out: Uint8Array, sequence: number, physical: number, portAddress: number, data: Uint8Array, length: number = data.length): number {
  if (!isInt(sequence, 255)) throw new RangeError(`sequence must be 0..255, got ${sequence}`);
  if (!isInt(physical, 255)) throw new RangeError(`physical must be 0..255, got ${physical}`);
  if (!isInt(portAddress, 32767)) throw new RangeError(`Port-Address must be 0..32767, got ${portAddress}`);
  if (!isInt(length, ARTDMX_MAX_DATA) || length < 1 || length > data.length) throw new RangeError(`slot count must be 1..512 and within data, got ${length}`);
  const padded = length + (length & 1);
  if (out.length < ARTDMX_HEADER_LENGTH + padded) throw new RangeError(`buffer of ${out.length} bytes is too small for ${ARTDMX_HEADER_LENGTH + padded}`);
  writeHeader(out, OP_DMX);
  out[12] = sequence;
  out[13] = physical;
  out[14] = portAddress & 0xff; // SubUni
  out[15] = portAddress >> 8; // Net
  out[16] = padded >> 8;
  out[17] = padded & 0xff;
  out.set(length === data.length ? data : data.subarray(0, length), ARTDMX_HEADER_LENGTH);
  if (padded !== length) out[ARTDMX_HEADER_LENGTH + length] = 0;
  return ARTDMX_HEADER_LENGTH + padded;
}

export interface ArtDmxInit {
  /** 0 = disabled, else 1..255 (see ArtNetSequencer). */
  sequence: number;
  /** Our input port number, informational; default 0. */
  physical?: number;
  portAddress: number;
  /** DMX slots 1..n (n = 1..512), no start code. */
  data: Uint8Array;
}

/** Convenience: a freshly allocated ArtDmx. */
export function encodeArtDmx(init: ArtDmxInit): Uint8Array {
  const out = new Uint8Array(artDmxSize(init.data.length));
  encodeArtDmxInto(out, init.sequence, init.physical ?? 0, init.portAddress, init.data);
  return out;
}

export interface ArtPollOptions {
  /** Offset 13: lowest diagnostics priority wanted; default 0. */
  diagPriority?: number;
  /**
   * The Art-Net 4 tail (offsets 14..21). Given -> a 22-byte poll; absent -> the 14-byte form.
   * Flags bit 5 (targeted mode) requires it.
   */
  tail?: { targetPortAddressTop?: number; targetPortAddressBottom?: number; estaMan?: number; oem?: number };
}

/**
 * An ArtPoll. Default: OLA's 14-byte form with Flags 0x02 ("reply when something changes"),
 * byte for byte the §2.8 packet — every Art-Net version must accept 14 bytes, while some older
 * nodes mis-handle longer polls. Pass `tail` for the 22-byte Art-Net 4 form.
 */
export function encodeArtPoll(flags: number = ARTPOLL_FLAG_REPLY_ON_CHANGE, options: ArtPollOptions = {}): Uint8Array {
  checkInt('flags', flags, 0, 255);
  const diag = options.diagPriority ?? 0;
  checkInt('diagPriority', diag, 0, 255);
  const tail = options.tail;
  if ((flags & 0x20) !== 0 && !tail) throw new RangeError('targeted ArtPoll (flags bit 5) needs tail.targetPortAddressTop/Bottom');
  const out = new Uint8Array(tail ? ARTPOLL_ARTNET4_LENGTH : ARTPOLL_MIN_LENGTH);
  writeHeader(out, OP_POLL);
  out[12] = flags;
  out[13] = diag;
  if (tail) {
    const fields = [tail.targetPortAddressTop ?? 0, tail.targetPortAddressBottom ?? 0, tail.estaMan ?? 0, tail.oem ?? 0];
    fields.forEach((v, i) => {
      checkInt(['targetPortAddressTop', 'targetPortAddressBottom', 'estaMan', 'oem'][i]!, v, 0, i < 2 ? 32767 : 65535);
      out[14 + i * 2] = v >> 8; // all big-endian (Hi then Lo)
      out[15 + i * 2] = v & 0xff;
    });
  }
  return out;
}

export interface ArtTimeCodeInit {
  frames: number;
  seconds: number;
  minutes: number;
  hours: number;
  /** 0 Film 24, 1 EBU 25, 2 DF 29.97, 3 SMPTE 30. */
  type: number;
  /** Art-Net 4 StreamId; default 0 (master). */
  streamId?: number;
}

/** A 19-byte ArtTimeCode (§2.5). Throws RangeError on a time no clock can show. */
export function encodeArtTimeCode(t: ArtTimeCodeInit): Uint8Array {
  checkInt('type', t.type, 0, 3);
  checkInt('frames', t.frames, 0, TIMECODE_FRAMES[t.type]! - 1);
  checkInt('seconds', t.seconds, 0, 59);
  checkInt('minutes', t.minutes, 0, 59);
  checkInt('hours', t.hours, 0, 23);
  const streamId = t.streamId ?? 0;
  checkInt('streamId', streamId, 0, 255);
  const out = new Uint8Array(ARTTIMECODE_LENGTH);
  writeHeader(out, OP_TIME_CODE);
  out[13] = streamId;
  out[14] = t.frames;
  out[15] = t.seconds;
  out[16] = t.minutes;
  out[17] = t.hours;
  out[18] = t.type;
  return out;
}

/** A 14-byte ArtSync (Aux1 = Aux2 = 0, §2.6). */
export function encodeArtSync(): Uint8Array {
  const out = new Uint8Array(ARTSYNC_LENGTH);
  writeHeader(out, OP_SYNC);
  return out;
}
