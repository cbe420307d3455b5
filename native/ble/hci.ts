// HCI LE Advertising Report events (Core spec Vol 4 Part E §7.7.65.2 legacy, §7.7.65.13 extended):
// what a raw HCI socket, btmon or ble_monitor's captures hold. Parser and encoder. Pure.
//
// Packet: [0x04 packet type, optional] 0x3E (LE Meta event) · parameter length · subevent · num_reports · reports.
// Reports are read one after another (event type, address type, address, length, data, RSSI together),
// the layout Linux, BlueZ and Zephyr use; controllers send num_reports = 1 almost always.
import { parseAdInto } from './ad.ts';
import { emptyAdvertisement, macBytes, macFromReversedBytes, type Advertisement } from './advertisement.ts';
import { encodeAdStructures } from './ad.ts';
import { hexByteLower } from './hex.ts';

export const HCI_EVENT_PACKET = 0x04;
export const HCI_LE_META_EVENT = 0x3e;
export const LE_ADVERTISING_REPORT = 0x02;
export const LE_EXTENDED_ADVERTISING_REPORT = 0x0d;

/** Legacy report event types. */
export const ADV_IND = 0x00;
export const ADV_DIRECT_IND = 0x01;
export const ADV_SCAN_IND = 0x02;
export const ADV_NONCONN_IND = 0x03;
export const SCAN_RSP = 0x04;

/** RSSI / TX power value meaning "not available". */
const NOT_AVAILABLE = 127;

export interface HciAdvertisingReport {
  /** From the extended report subevent (0x0D). */
  extended: boolean;
  /** Legacy: 0–4 (ADV_IND … SCAN_RSP). Extended: the 16-bit bit field. */
  eventType: number;
  /** A scan response (legacy SCAN_RSP, or bit 3 of an extended event type). */
  scanResponse: boolean;
  /** Extended reports only: whether the controller delivered all of the data. */
  dataStatus: 'complete' | 'incomplete' | 'truncated';
  /** The raw AD bytes (a view into the packet). */
  data: Uint8Array;
  /** Parsed AD structures plus MAC, address type, RSSI and TX power from the report. */
  advertisement: Advertisement;
  /** Set when the AD bytes are corrupt; `advertisement` then holds what was parsed before the fault. */
  adError?: string;
}

export type HciParse =
  | { ok: true; reports: HciAdvertisingReport[] }
  /** `unsupported`: a well-formed packet that is not an advertising report (another event or subevent). */
  | { ok: false; reason: 'malformed' | 'unsupported'; message: string };

const LEGACY_FIXED = 10; // event type, address type, address ×6, data length, RSSI
const EXTENDED_FIXED = 24; // event type ×2, address type, address ×6, PHY ×2, SID, TX power, RSSI, interval ×2, direct address type, direct address ×6, data length

/**
 * Parse one HCI event packet holding LE advertising reports, with or without the leading 0x04 packet
 * type byte. Bytes after the declared parameter length are ignored (some dump tools append a checksum
 * or padding); fewer is a malformed (truncated) packet.
 */
export function parseHciEvent(b: Uint8Array): HciParse {
  let o = 0;
  if (b.length > 0 && b[0] === HCI_EVENT_PACKET) o = 1;
  else if (b.length > 0 && b[0] !== HCI_LE_META_EVENT) {
    return b[0] === 0x01 || b[0] === 0x02 || b[0] === 0x03
      ? { ok: false, reason: 'unsupported', message: `HCI packet type 0x${hexByteLower(b[0]!)} is not an event` }
      : { ok: false, reason: 'malformed', message: `not an HCI event packet (starts 0x${hexByteLower(b[0]!)}, expected 0x04 or 0x3e)` };
  }
  if (b.length < o + 2) return { ok: false, reason: 'malformed', message: `HCI packet too short (${b.length} bytes)` };
  if (b[o] !== HCI_LE_META_EVENT) return { ok: false, reason: 'unsupported', message: `HCI event 0x${hexByteLower(b[o]!)} is not an LE Meta event (0x3e)` };
  const paramLen = b[o + 1]!;
  const start = o + 2;
  const end = start + paramLen;
  if (end > b.length) return { ok: false, reason: 'malformed', message: `HCI event truncated: header says ${paramLen} parameter bytes, ${b.length - start} present` };
  if (paramLen < 2) return { ok: false, reason: 'malformed', message: `LE Meta event with ${paramLen} parameter bytes` };
  const subevent = b[start]!;
  if (subevent !== LE_ADVERTISING_REPORT && subevent !== LE_EXTENDED_ADVERTISING_REPORT) {
    return { ok: false, reason: 'unsupported', message: `LE subevent 0x${hexByteLower(subevent)} is not an advertising report (0x02 or 0x0d)` };
  }
  const count = b[start + 1]!;
  if (count === 0) return { ok: false, reason: 'malformed', message: 'advertising report event with num_reports = 0' };
  const extended = subevent === LE_EXTENDED_ADVERTISING_REPORT;
  const reports: HciAdvertisingReport[] = [];
  let p = start + 2;
  for (let r = 0; r < count; r++) {
    const fixed = extended ? EXTENDED_FIXED : LEGACY_FIXED;
    if (p + fixed > end) return { ok: false, reason: 'malformed', message: `report ${r + 1} of ${count} truncated (needs ${fixed} header bytes, ${end - p} left)` };
    const report = extended ? readExtended(b, p, end) : readLegacy(b, p, end);
    if (typeof report === 'string') return { ok: false, reason: 'malformed', message: `report ${r + 1} of ${count}: ${report}` };
    reports.push(report.report);
    p = report.next;
  }
  if (p !== end) return { ok: false, reason: 'malformed', message: `${end - p} stray bytes after the last of ${count} report(s)` };
  return { ok: true, reports };
}

function readLegacy(b: Uint8Array, p: number, end: number): { report: HciAdvertisingReport; next: number } | string {
  const eventType = b[p]!;
  if (eventType > SCAN_RSP) return `unknown legacy event type 0x${hexByteLower(eventType)}`;
  const dataLen = b[p + 8]!;
  const dataStart = p + 9;
  const dataEnd = dataStart + dataLen;
  if (dataEnd + 1 > end) return `data length ${dataLen} runs past the event`;
  const adv = emptyAdvertisement();
  adv.mac = macFromReversedBytes(b, p + 2);
  adv.addressType = b[p + 1]!;
  const rssi = (b[dataEnd]! << 24) >> 24;
  if (rssi !== NOT_AVAILABLE) adv.rssi = rssi;
  const adError = parseAdInto(b, dataStart, dataEnd, adv);
  const report: HciAdvertisingReport = { extended: false, eventType, scanResponse: eventType === SCAN_RSP, dataStatus: 'complete', data: b.subarray(dataStart, dataEnd), advertisement: adv };
  if (adError !== undefined) report.adError = adError;
  return { report, next: dataEnd + 1 };
}

function readExtended(b: Uint8Array, p: number, end: number): { report: HciAdvertisingReport; next: number } | string {
  const eventType = b[p]! | (b[p + 1]! << 8);
  const status = (eventType >> 5) & 0x03;
  if (status === 3) return 'reserved data status 3 in event type';
  const addressType = b[p + 2]!;
  const txPower = (b[p + 12]! << 24) >> 24;
  const rssi = (b[p + 13]! << 24) >> 24;
  const dataLen = b[p + 23]!;
  const dataStart = p + EXTENDED_FIXED;
  const dataEnd = dataStart + dataLen;
  if (dataEnd > end) return `data length ${dataLen} runs past the event`;
  const adv = emptyAdvertisement();
  // 0xFF = anonymous advertisement: the address field carries nothing.
  if (addressType !== 0xff) {
    adv.mac = macFromReversedBytes(b, p + 3);
    adv.addressType = addressType;
  }
  if (rssi !== NOT_AVAILABLE) adv.rssi = rssi;
  const adError = parseAdInto(b, dataStart, dataEnd, adv);
  // TX power stated inside the AD data wins over the controller's report field.
  if (adv.txPower === undefined && txPower !== NOT_AVAILABLE) adv.txPower = txPower;
  const report: HciAdvertisingReport = {
    extended: true,
    eventType,
    scanResponse: (eventType & 0x08) !== 0,
    dataStatus: status === 0 ? 'complete' : status === 1 ? 'incomplete' : 'truncated',
    data: b.subarray(dataStart, dataEnd),
    advertisement: adv,
  };
  if (adError !== undefined) report.adError = adError;
  return { report, next: dataEnd };
}

// ---------------------------------------------------------------------------------------------------
// Encoder (for the simulated scanner and round-trip tests)

export interface HciReportInput {
  mac: string;
  /** AD bytes, or an advertisement to lay out with encodeAdStructures. */
  data: Uint8Array | Advertisement;
  /** Legacy event type, default ADV_IND (0); SCAN_RSP (4) for a scan response. */
  eventType?: number;
  /** Default 0 (public). */
  addressType?: number;
  /** dBm; omitted = 127 (not available). */
  rssi?: number;
}

/**
 * An HCI LE Advertising Report event (subevent 0x02), with the 0x04 packet type byte unless
 * `packetType: false`. Throws RangeError if a report's data exceeds the 31-byte legacy limit or the
 * event would exceed 255 parameter bytes.
 */
export function encodeHciAdvertisingReport(reports: readonly HciReportInput[], options: { packetType?: boolean } = {}): Uint8Array {
  if (reports.length === 0 || reports.length > 25) throw new RangeError(`an advertising report event holds 1–25 reports, not ${reports.length}`);
  const bodies = reports.map((r) => {
    const data = r.data instanceof Uint8Array ? r.data : encodeAdStructures(r.data);
    if (data.length > 31) throw new RangeError(`legacy advertising data is at most 31 bytes, got ${data.length}`);
    const out = new Uint8Array(LEGACY_FIXED + data.length);
    out[0] = r.eventType ?? ADV_IND;
    out[1] = r.addressType ?? 0;
    out.set(macBytes(r.mac).reverse(), 2);
    out[8] = data.length;
    out.set(data, 9);
    out[9 + data.length] = (r.rssi ?? NOT_AVAILABLE) & 0xff;
    return out;
  });
  return wrapLeMeta(LE_ADVERTISING_REPORT, bodies, options.packetType ?? true);
}

export interface HciExtendedReportInput extends Omit<HciReportInput, 'eventType'> {
  /** The 16-bit event type field; default 0x0013 (legacy ADV_IND: connectable, scannable, legacy PDU). */
  eventType?: number;
  txPower?: number;
}

/** An HCI LE Extended Advertising Report event (subevent 0x0D). PHYs 1M/none, SID 0xFF, no direct address. */
export function encodeHciExtendedAdvertisingReport(reports: readonly HciExtendedReportInput[], options: { packetType?: boolean } = {}): Uint8Array {
  if (reports.length === 0 || reports.length > 10) throw new RangeError(`an extended report event holds 1–10 reports, not ${reports.length}`);
  const bodies = reports.map((r) => {
    const data = r.data instanceof Uint8Array ? r.data : encodeAdStructures(r.data);
    const out = new Uint8Array(EXTENDED_FIXED + data.length);
    const type = r.eventType ?? 0x0013;
    out[0] = type & 0xff;
    out[1] = (type >> 8) & 0xff;
    out[2] = r.addressType ?? 0;
    out.set(macBytes(r.mac).reverse(), 3);
    out[9] = 0x01; // primary PHY LE 1M
    out[10] = 0x00; // no secondary PHY
    out[11] = 0xff; // no SID
    out[12] = (r.txPower ?? NOT_AVAILABLE) & 0xff;
    out[13] = (r.rssi ?? NOT_AVAILABLE) & 0xff;
    // interval (14..15) = 0, direct address type/address (16..22) = 0
    out[23] = data.length;
    out.set(data, EXTENDED_FIXED);
    return out;
  });
  return wrapLeMeta(LE_EXTENDED_ADVERTISING_REPORT, bodies, options.packetType ?? true);
}

function wrapLeMeta(subevent: number, bodies: readonly Uint8Array[], packetType: boolean): Uint8Array {
  const paramLen = 2 + bodies.reduce((n, x) => n + x.length, 0);
  if (paramLen > 255) throw new RangeError(`LE Meta event parameters would be ${paramLen} bytes (max 255)`);
  const head = packetType ? 1 : 0;
  const out = new Uint8Array(head + 2 + paramLen);
  if (packetType) out[0] = HCI_EVENT_PACKET;
  out[head] = HCI_LE_META_EVENT;
  out[head + 1] = paramLen;
  out[head + 2] = subevent;
  out[head + 3] = bodies.length;
  let o = head + 4;
  for (const x of bodies) {
    out.set(x, o);
    o += x.length;
  }
  return out;
}
