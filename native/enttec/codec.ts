/**
 * Enttec DMX USB Pro message codec (PROTOCOLS.md §3): frames, request builders and reply decoders.
 * Pure: bytes in, values out. Encoders throw RangeError on arguments no widget could accept (a caller
 * bug); decoders never throw — bad input comes back as `{ ok: false, reason }`.
 *
 * Frame: 0x7E · label · len LSB · len MSB · data[len ≤ 600] · 0xE7 (OLA BaseUsbProWidget, Enttec API 1.44).
 */

export const SOM = 0x7e;
export const EOM = 0xe7;
/** Largest body a widget or OLA accepts (OLA `MAX_DATA_SIZE`). */
export const MAX_PAYLOAD = 600;
/** SOM + label + 2 length bytes. */
export const HEADER_SIZE = 4;
/** Header + EOM: a frame is always payload + 5 bytes. */
export const FRAME_OVERHEAD = HEADER_SIZE + 1;
/** DMX512 data slots in a universe (start code not counted). */
export const DMX_SLOTS = 512;
/** Label 6 frame for a full universe: 5 + start code + 512 slots. */
export const FULL_DMX_FRAME_SIZE = FRAME_OVERHEAD + 1 + DMX_SLOTS;

/** Port-1 labels of the USB Pro API, plus the identity labels OLA's detector sends (77, 78, 14). */
export const EnttecLabel = {
  reprogramFirmware: 1,
  programFlashPage: 2,
  getParams: 3,
  setParams: 4,
  receivedDmx: 5,
  sendDmx: 6,
  sendRdm: 7,
  receiveDmxOnChange: 8,
  changeOfState: 9,
  serialNumber: 10,
  rdmDiscovery: 11,
  rdmTimeout: 12,
  hardwareVersion: 14,
  manufacturer: 77,
  deviceName: 78,
} as const;
export type EnttecLabelName = keyof typeof EnttecLabel;

/** Enttec's ESTA manufacturer id, "EN" (OLA `EnttecUsbProWidget::ENTTEC_ESTA_ID`). */
export const ENTTEC_ESTA_ID = 0x454e;

export interface EnttecFrame {
  label: number;
  payload: Uint8Array;
}

/** A decoder's answer: a value, or a reason a person can read. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });
const okay = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

// ---------------------------------------------------------------------------------------------------
// Framing

/** One complete frame around `payload` (a fresh array of payload.length + 5 bytes). */
export function encodeFrame(label: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  if (!Number.isInteger(label) || label < 0 || label > 255) throw new RangeError(`label must be 0–255, got ${label}`);
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`payload must be at most ${MAX_PAYLOAD} bytes, got ${payload.length}`);
  const out = new Uint8Array(payload.length + FRAME_OVERHEAD);
  out[0] = SOM;
  out[1] = label;
  out[2] = payload.length & 0xff;
  out[3] = payload.length >> 8;
  out.set(payload, HEADER_SIZE);
  out[out.length - 1] = EOM;
  return out;
}

/** Bytes a label-6 frame of `slotCount` slots occupies (start code included). */
export function dmxFrameSize(slotCount: number): number {
  return slotCount + 1 + FRAME_OVERHEAD;
}

/**
 * Hot path: writes a label-6 "Output Only Send DMX" frame (start code + slots) into `out` from index 0
 * and returns the number of bytes written (518 for a full universe). Allocates nothing, so the frame
 * clock can reuse one buffer per port.
 */
export function encodeDmxInto(out: Uint8Array, slots: Uint8Array, startCode = 0): number {
  const n = slots.length;
  if (n > DMX_SLOTS) throw new RangeError(`a universe has at most ${DMX_SLOTS} slots, got ${n}`);
  const size = n + 1 + FRAME_OVERHEAD;
  if (out.length < size) throw new RangeError(`output buffer holds ${out.length} bytes, the frame needs ${size}`);
  const len = n + 1;
  out[0] = SOM;
  out[1] = EnttecLabel.sendDmx;
  out[2] = len & 0xff;
  out[3] = len >> 8;
  out[4] = startCode & 0xff;
  out.set(slots, 5);
  out[size - 1] = EOM;
  return size;
}

/** Convenience (allocates): a label-6 frame for `slots`. */
export function encodeDmx(slots: Uint8Array, startCode = 0): Uint8Array {
  const out = new Uint8Array(dmxFrameSize(Math.min(slots.length, DMX_SLOTS)));
  encodeDmxInto(out, slots, startCode);
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Requests (PC → widget)

/** Largest user-configuration block: 508 as recalled from the Enttec API text [UNVERIFIED]; 5 + 508 stays under 600 either way. */
export const MAX_USER_CONFIG = 508;
/** One break/MAB unit in µs (Enttec API text; OLA's ola_usbpro uses the same factor). */
export const TIME_UNIT_MICROS = 10.67;

/** Label 3 request. The payload is the user-config size wanted back (OLA sends 0: `00 00`). */
export function encodeGetParams(userConfigSize = 0): Uint8Array {
  if (!Number.isInteger(userConfigSize) || userConfigSize < 0 || userConfigSize > MAX_USER_CONFIG) {
    throw new RangeError(`user config size must be 0–${MAX_USER_CONFIG}, got ${userConfigSize}`);
  }
  return encodeFrame(EnttecLabel.getParams, Uint8Array.of(userConfigSize & 0xff, userConfigSize >> 8));
}

/**
 * Widget output timing: break and MAB in 10.67 µs steps (break 9–127, MAB 1–127), rate in packets/s
 * (1–40). PROTOCOLS.md §3.2 has these from Enttec API text (SECONDARY); OLA's own ola_usbpro tool
 * (examples/ola-usbpro.cpp @185b10f2) enforces the same ranges and prints the same 10.67 µs unit.
 */
export interface WidgetTiming {
  breakTime: number;
  mabTime: number;
  rate: number;
}

/** Label 3 reply. */
export interface WidgetParams extends WidgetTiming {
  /** 16-bit firmware version (OLA prints it as `${hi}.${lo}`, see formatFirmware). */
  firmware: number;
  userConfig: Uint8Array;
}

export const TIMING_LIMITS = {
  breakTime: { min: 9, max: 127 },
  mabTime: { min: 1, max: 127 },
  rate: { min: 1, max: 40 },
} as const;

/** Why `timing` is not something a widget accepts, or undefined when it is. */
export function timingProblem(timing: WidgetTiming): string | undefined {
  const check = (name: keyof WidgetTiming, what: string): string | undefined => {
    const v = timing[name];
    const { min, max } = TIMING_LIMITS[name];
    return Number.isInteger(v) && v >= min && v <= max ? undefined : `${what} must be a whole number ${min}–${max}, got ${v}`;
  };
  return (
    check('breakTime', 'break time (10.67 µs units)') ??
    check('mabTime', 'mark-after-break time (10.67 µs units)') ??
    check('rate', 'output rate (packets/s)')
  );
}

/** Label 4 request: `sizeLSB sizeMSB break mab rate [user config]`. Throws RangeError on out-of-range timing. */
export function encodeSetParams(timing: WidgetTiming, userConfig: Uint8Array = new Uint8Array(0)): Uint8Array {
  const problem = timingProblem(timing);
  if (problem) throw new RangeError(problem);
  if (userConfig.length > MAX_USER_CONFIG) throw new RangeError(`user config must be at most ${MAX_USER_CONFIG} bytes, got ${userConfig.length}`);
  const payload = new Uint8Array(5 + userConfig.length);
  payload[0] = userConfig.length & 0xff;
  payload[1] = userConfig.length >> 8;
  payload[2] = timing.breakTime;
  payload[3] = timing.mabTime;
  payload[4] = timing.rate;
  payload.set(userConfig, 5);
  return encodeFrame(EnttecLabel.setParams, payload);
}

/** Label 8: 0 = send every received packet (label 5), 1 = send changes only (label 9). */
export function encodeReceiveOnChange(changesOnly: boolean): Uint8Array {
  return encodeFrame(EnttecLabel.receiveDmxOnChange, Uint8Array.of(changesOnly ? 1 : 0));
}

export const encodeSerialRequest = (): Uint8Array => encodeFrame(EnttecLabel.serialNumber);
export const encodeManufacturerRequest = (): Uint8Array => encodeFrame(EnttecLabel.manufacturer);
export const encodeDeviceNameRequest = (): Uint8Array => encodeFrame(EnttecLabel.deviceName);
export const encodeHardwareVersionRequest = (): Uint8Array => encodeFrame(EnttecLabel.hardwareVersion);

// ---------------------------------------------------------------------------------------------------
// Replies (widget → PC)

/** Label 3 reply `fwLSB fwMSB break mab rate [user config]` (and the payload of a label-4 request, minus its size prefix). */
export function decodeParams(payload: Uint8Array): Decoded<WidgetParams> {
  if (payload.length < 5) return fail(`parameters reply has ${payload.length} bytes, needs at least 5`);
  return okay({
    firmware: payload[0]! | (payload[1]! << 8),
    breakTime: payload[2]!,
    mabTime: payload[3]!,
    rate: payload[4]!,
    userConfig: payload.slice(5),
  });
}

/** Label 4 request as a widget reads it. */
export function decodeSetParams(payload: Uint8Array): Decoded<WidgetTiming & { userConfig: Uint8Array }> {
  if (payload.length < 5) return fail(`set-parameters request has ${payload.length} bytes, needs at least 5`);
  const size = payload[0]! | (payload[1]! << 8);
  if (payload.length < 5 + size) return fail(`set-parameters request announces ${size} user-config bytes but carries ${payload.length - 5}`);
  return okay({ breakTime: payload[2]!, mabTime: payload[3]!, rate: payload[4]!, userConfig: payload.slice(5, 5 + size) });
}

/** Firmware as OLA shows it: major = high byte, minor = low byte (0x0104 → "1.4"). */
export function formatFirmware(firmware: number): string {
  return `${(firmware >> 8) & 0xff}.${firmware & 0xff}`;
}

export interface WidgetSerial {
  /** The 32-bit value, bytes least-significant first [VERIFIED: OLA UsbProWidgetDetector, LittleEndianToHost]. */
  raw: number;
  /** The raw value as 8 hex digits. */
  hex: string;
  /**
   * The serial as printed on the widget: each nibble is one decimal digit (BCD), so this equals `hex`
   * when every nibble is 0–9; undefined otherwise. [SECONDARY per Enttec API text; OLA's
   * UsbProDevice::SerialToString reads it the same way.]
   */
  bcd: string | undefined;
}

/** Label 10 reply: exactly 4 bytes, LSB first. */
export function decodeSerial(payload: Uint8Array): Decoded<WidgetSerial> {
  if (payload.length !== 4) return fail(`serial number reply has ${payload.length} bytes, expected 4`);
  const raw = (payload[0]! | (payload[1]! << 8) | (payload[2]! << 16) | (payload[3]! << 24)) >>> 0;
  const hex = raw.toString(16).padStart(8, '0');
  return okay({ raw, hex, bcd: /^[0-9]{8}$/.test(hex) ? hex : undefined });
}

/** Label 10 reply payload for a raw serial (LSB first). */
export function serialPayload(raw: number): Uint8Array {
  return Uint8Array.of(raw & 0xff, (raw >>> 8) & 0xff, (raw >>> 16) & 0xff, (raw >>> 24) & 0xff);
}

/** Longest name OLA reads from a label 77/78 reply. */
export const MAX_NAME_LENGTH = 32;

/** `idLSB idMSB text…`: shared by labels 77 and 78. The text ends at a NUL or after 32 characters; non-printable bytes show as '?'. */
function decodeIdentity(payload: Uint8Array, what: string): Decoded<{ id: number; name: string }> {
  if (payload.length < 2) return fail(`${what} reply has ${payload.length} bytes, needs at least 2`);
  let name = '';
  for (let i = 2; i < payload.length && name.length < MAX_NAME_LENGTH; i++) {
    const b = payload[i]!;
    if (b === 0) break;
    name += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '?';
  }
  return okay({ id: payload[0]! | (payload[1]! << 8), name });
}

/** Label 77 reply: ESTA manufacturer id + manufacturer name. */
export function decodeManufacturer(payload: Uint8Array): Decoded<{ estaId: number; name: string }> {
  const r = decodeIdentity(payload, 'manufacturer');
  return r.ok ? okay({ estaId: r.value.id, name: r.value.name }) : r;
}

/** Label 78 reply: the 2-byte id here is the manufacturer's device id (OLA `device_id`), not an ESTA id. */
export function decodeDeviceName(payload: Uint8Array): Decoded<{ deviceId: number; name: string }> {
  const r = decodeIdentity(payload, 'device name');
  return r.ok ? okay({ deviceId: r.value.id, name: r.value.name }) : r;
}

/** Label 77/78 reply payload: id LSB first + ASCII name (truncated to 32 characters, no terminator). */
export function identityPayload(id: number, name: string): Uint8Array {
  const text = name.slice(0, MAX_NAME_LENGTH);
  const out = new Uint8Array(2 + text.length);
  out[0] = id & 0xff;
  out[1] = (id >> 8) & 0xff;
  for (let i = 0; i < text.length; i++) out[2 + i] = text.charCodeAt(i) & 0x7f;
  return out;
}

/** Label 5: one DMX packet the widget received. */
export interface ReceivedDmx {
  /** Receive status byte; non-zero = the widget saw an error (API text: bit 0 queue overflow, bit 1 overrun — SECONDARY). */
  status: number;
  startCode: number;
  /** Slots 1..N (a view into the payload). */
  slots: Uint8Array;
  /** status ≠ 0: the slots may be corrupt (OLA drops such packets). */
  statusError: boolean;
  /** start code ≠ 0 (RDM 0xCC, text, SIP…): not dimmer data (OLA drops such packets). */
  alternateStartCode: boolean;
}

/** Label 5 payload `status startCode slot1…slotN`. Flags, never rejects, errors and alternate start codes. */
export function decodeReceivedDmx(payload: Uint8Array): Decoded<ReceivedDmx> {
  if (payload.length < 2) return fail(`received-DMX packet has ${payload.length} bytes, needs status and start code`);
  if (payload.length > 2 + DMX_SLOTS) return fail(`received-DMX packet carries ${payload.length - 2} slots, more than ${DMX_SLOTS}`);
  const status = payload[0]!;
  const startCode = payload[1]!;
  return okay({ status, startCode, slots: payload.subarray(2), statusError: status !== 0, alternateStartCode: startCode !== 0 });
}

/** Label 5 payload for a received packet. */
export function receivedDmxPayload(slots: Uint8Array, startCode = 0, status = 0): Uint8Array {
  const n = Math.min(slots.length, DMX_SLOTS);
  const out = new Uint8Array(2 + n);
  out[0] = status;
  out[1] = startCode;
  out.set(slots.subarray(0, n), 2);
  return out;
}

/** Slots covered by one change-of-state message: 5 bitmap bytes. */
export const COS_BLOCK_SLOTS = 40;

/** One changed slot. Slot 0 is the start code; 1..512 are DMX data. */
export interface SlotChange {
  slot: number;
  value: number;
}

/** Label 9: changed slots in one 40-slot window starting at slot startBlock·8. */
export interface ChangeOfState {
  startBlock: number;
  /** Changes in slot order (slot 0 = start code when present). Slots beyond 512 are left out. */
  changes: SlotChange[];
  /** Set bits that named slots beyond 512 (their data bytes are skipped). */
  beyondUniverse: number;
  /** Slot 0 changed to a non-zero start code: the rest is not dimmer data (OLA drops the message). */
  alternateStartCode: boolean;
}

/**
 * Label 9 payload `startBlock bitmap[5] data…`: bit i of the 40-bit bitmap (byte i>>3, bit i&7) marks
 * slot startBlock·8 + i as changed, and each set bit takes the next data byte. Trailing bytes after the
 * last needed one are ignored (OLA's own test pads the message to the 46-byte maximum).
 */
export function decodeChangeOfState(payload: Uint8Array): Decoded<ChangeOfState> {
  if (payload.length < 6) return fail(`change-of-state message has ${payload.length} bytes, needs start block and 5 bitmap bytes`);
  const startBlock = payload[0]!;
  const first = startBlock * 8;
  if (first > DMX_SLOTS) return fail(`change-of-state start block ${startBlock} begins at slot ${first}, beyond ${DMX_SLOTS}`);
  const changes: SlotChange[] = [];
  let beyondUniverse = 0;
  let next = 6;
  for (let i = 0; i < COS_BLOCK_SLOTS; i++) {
    if ((payload[1 + (i >> 3)]! & (1 << (i & 7))) === 0) continue;
    if (next >= payload.length) return fail(`change-of-state bitmap marks more slots than the ${payload.length - 6} data bytes carry`);
    const slot = first + i;
    const value = payload[next++]!;
    if (slot > DMX_SLOTS) beyondUniverse++;
    else changes.push({ slot, value });
  }
  const alternateStartCode = first === 0 && changes[0]?.slot === 0 && changes[0].value !== 0;
  return okay({ startBlock, changes, beyondUniverse, alternateStartCode });
}

/** Label 9 payload for changes within one window (all slots in [startBlock·8, startBlock·8 + 40)). */
export function changeOfStatePayload(startBlock: number, changes: readonly SlotChange[]): Uint8Array {
  const first = startBlock * 8;
  const sorted = [...changes].sort((a, b) => a.slot - b.slot);
  const out = new Uint8Array(6 + sorted.length);
  out[0] = startBlock;
  sorted.forEach((c, k) => {
    const i = c.slot - first;
    if (i < 0 || i >= COS_BLOCK_SLOTS) throw new RangeError(`slot ${c.slot} is outside the window starting at ${first}`);
    out[1 + (i >> 3)]! |= 1 << (i & 7);
    out[6 + k] = c.value;
  });
  return out;
}

/**
 * Applies a change-of-state message onto a universe buffer (`universe[0]` = slot 1, length ≥ 512) and
 * returns how many slots it wrote. Slot 0 (the start code) is not stored; a message that changes the
 * start code to non-zero is skipped whole, as OLA does.
 */
export function applyChangeOfState(universe: Uint8Array, cos: ChangeOfState): number {
  if (cos.alternateStartCode) return 0;
  let written = 0;
  for (const { slot, value } of cos.changes) {
    if (slot === 0 || slot > universe.length) continue;
    universe[slot - 1] = value;
    written++;
  }
  return written;
}
