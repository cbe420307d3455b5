// Bytes → readings in one call, for each shape raw BLE data arrives in. Pure; never throws.
import {
  AD_MANUFACTURER,
  AD_NAME_COMPLETE,
  AD_NAME_SHORT,
  AD_UUID128_COMPLETE,
  AD_UUID128_INCOMPLETE,
  AD_UUID16_COMPLETE,
  AD_UUID16_INCOMPLETE,
  AD_UUID32_COMPLETE,
  AD_UUID32_INCOMPLETE,
  decodeName,
  parseAdInto,
} from './ad.ts';
import { emptyAdvertisement, macFromReversedBytes, normalizeMac } from './advertisement.ts';
import { decodeAdvertisement, decodeEntries, type MfrEntries } from './govee.ts';
import { meatModelFromUuid16, modelNumberFromAsciiBytes, modelNumberFromName } from './govee-models.ts';
import { HCI_EVENT_PACKET, HCI_LE_META_EVENT, LE_ADVERTISING_REPORT, SCAN_RSP, parseHciEvent, type HciAdvertisingReport } from './hci.ts';
import type { DecodeResult } from './result.ts';

/**
 * Decode every report of an HCI LE (extended) advertising report event: one result per report, each
 * carrying the report's MAC and RSSI. A packet that is not a well-formed advertising report gives a
 * single `malformed` reject. Scan responses are decoded on their own here; to combine an ADV_IND with
 * its SCAN_RSP, parse with parseHciEvent and use mergeAdvertisements.
 *
 * Well-formed legacy reports (what a scanner delivers all day) are decoded straight from the packet,
 * without building the intermediate report and advertisement objects; anything else goes through
 * parseHciEvent. Both give the same results (the fuzz test checks it).
 */
export function decodeHciEvent(bytes: Uint8Array): DecodeResult[] {
  return decodeLegacyFast(bytes) ?? decodeHciEventGeneric(bytes);
}

function decodeHciEventGeneric(bytes: Uint8Array): DecodeResult[] {
  const parsed = parseHciEvent(bytes);
  if (!parsed.ok) return [{ ok: false, reason: 'malformed', message: parsed.message }];
  const out: DecodeResult[] = [];
  for (let i = 0; i < parsed.reports.length; i++) out.push(decodeHciReport(parsed.reports[i]!));
  return out;
}

/** One report: a corrupt AD payload is a `malformed` reject (nothing in it is trusted), else the decode. */
export function decodeHciReport(report: HciAdvertisingReport): DecodeResult {
  const adv = report.advertisement;
  if (report.adError !== undefined) {
    const r: DecodeResult = { ok: false, reason: 'malformed', message: `advertising data: ${report.adError}` };
    if (adv.mac !== undefined) r.mac = adv.mac;
    if (adv.rssi !== undefined) r.rssi = adv.rssi;
    return r;
  }
  return decodeAdvertisement(adv);
}

/** Decode raw AD bytes (an advertisement payload, or advertisement + scan response concatenated). */
export function decodeAdBytes(bytes: Uint8Array, meta: { mac?: string; rssi?: number } = {}): DecodeResult {
  const adv = emptyAdvertisement();
  const mac = meta.mac === undefined ? undefined : normalizeMac(meta.mac);
  if (mac !== undefined) adv.mac = mac;
  if (meta.rssi !== undefined) adv.rssi = meta.rssi;
  const error = parseAdInto(bytes, 0, bytes.length, adv);
  if (error !== undefined) {
    const r: DecodeResult = { ok: false, reason: 'malformed', message: `advertising data: ${error}` };
    if (mac !== undefined) r.mac = mac;
    return r;
  }
  return decodeAdvertisement(adv);
}

// ---------------------------------------------------------------------------------------------------
// Fast path

/** Manufacturer entries as [companyId, start, end] triples into one packet. */
class PacketEntries implements MfrEntries {
  readonly b: Uint8Array;
  readonly triples: number[];
  count = 0;
  constructor(b: Uint8Array) {
    this.b = b;
    this.triples = [];
  }
  add(companyId: number, start: number, end: number): void {
    this.triples.push(companyId, start, end);
    this.count++;
  }
  companyId(i: number): number {
    return this.triples[3 * i]!;
  }
  buffer(): Uint8Array {
    return this.b;
  }
  start(i: number): number {
    return this.triples[3 * i + 1]!;
  }
  end(i: number): number {
    return this.triples[3 * i + 2]!;
  }
}

/**
 * A well-formed legacy advertising report event decoded in place; undefined for anything else (the
 * generic path then produces the exact reject). Validates the whole packet first, as parseHciEvent does.
 */
function decodeLegacyFast(b: Uint8Array): DecodeResult[] | undefined {
  const o = b.length > 0 && b[0] === HCI_EVENT_PACKET ? 1 : 0;
  if (b.length < o + 4 || b[o] !== HCI_LE_META_EVENT) return undefined;
  const start = o + 2;
  const end = start + b[o + 1]!;
  if (end > b.length || end < start + 2 || b[start] !== LE_ADVERTISING_REPORT) return undefined;
  const count = b[start + 1]!;
  if (count === 0) return undefined;
  let p = start + 2;
  for (let r = 0; r < count; r++) {
    if (p + 10 > end || b[p]! > SCAN_RSP) return undefined;
    const next = p + 10 + b[p + 8]!;
    if (next > end) return undefined;
    p = next;
  }
  if (p !== end) return undefined;
  const out: DecodeResult[] = [];
  p = start + 2;
  for (let r = 0; r < count; r++) {
    const dataStart = p + 9;
    const dataEnd = dataStart + b[p + 8]!;
    const result = decodeAdInPlace(b, dataStart, dataEnd);
    if (result === undefined) return undefined; // corrupt AD data: let the generic path word the reject
    result.mac = macFromReversedBytes(b, p + 2);
    const rssi = (b[dataEnd]! << 24) >> 24;
    if (rssi !== 127) result.rssi = rssi;
    out.push(result);
    p = dataEnd + 1;
  }
  return out;
}

const BASE_UUID_LE = [0xfb, 0x34, 0x9b, 0x5f, 0x80, 0x00, 0x00, 0x80, 0x00, 0x10, 0x00, 0x00];

/**
 * Walk AD structures in b[start, end) collecting only what the decoders use: the name's model number,
 * the first meat-thermometer UUID, and the manufacturer entries. Same rules as parseAdInto (complete name
 * wins, zero length ends the data, 32/128-bit UUIDs on the base shorten to 16 bits); undefined on overrun.
 */
function decodeAdInPlace(b: Uint8Array, start: number, end: number): DecodeResult | undefined {
  const entries = new PacketEntries(b);
  let nameStart = -1;
  let nameEnd = -1;
  let completeName = false;
  let uuidModel = 0;
  let i = start;
  while (i < end) {
    const len = b[i]!;
    if (len === 0) break;
    const next = i + 1 + len;
    if (next > end) return undefined;
    const type = b[i + 1]!;
    const v = i + 2;
    if (type === AD_MANUFACTURER) {
      if (len >= 3) entries.add(b[v]! | (b[v + 1]! << 8), v + 2, next);
    } else if (type === AD_NAME_COMPLETE || type === AD_NAME_SHORT) {
      if (type === AD_NAME_COMPLETE || !completeName) {
        nameStart = v;
        nameEnd = next;
      }
      if (type === AD_NAME_COMPLETE) completeName = true;
    } else if (uuidModel === 0) {
      if (type === AD_UUID16_COMPLETE || type === AD_UUID16_INCOMPLETE) {
        for (let k = v; k + 1 < next && uuidModel === 0; k += 2) uuidModel = meatModelFromUuid16(b[k]! | (b[k + 1]! << 8));
      } else if (type === AD_UUID32_COMPLETE || type === AD_UUID32_INCOMPLETE) {
        for (let k = v; k + 3 < next && uuidModel === 0; k += 4) if (b[k + 2] === 0 && b[k + 3] === 0) uuidModel = meatModelFromUuid16(b[k]! | (b[k + 1]! << 8));
      } else if (type === AD_UUID128_COMPLETE || type === AD_UUID128_INCOMPLETE) {
        for (let k = v; k + 15 < next && uuidModel === 0; k += 16) if (onBaseUuid(b, k)) uuidModel = meatModelFromUuid16(b[k + 12]! | (b[k + 13]! << 8));
      }
    }
    i = next;
  }
  return decodeEntries(entries, nameModelAt(b, nameStart, nameEnd), uuidModel);
}

function onBaseUuid(b: Uint8Array, k: number): boolean {
  if (b[k + 14] !== 0 || b[k + 15] !== 0) return false;
  for (let j = 0; j < 12; j++) if (b[k + j] !== BASE_UUID_LE[j]) return false;
  return true;
}

/** Model number from the name bytes; a non-ASCII name is decoded as text first, exactly as the parser does. */
function nameModelAt(b: Uint8Array, start: number, end: number): number {
  if (start < 0) return 0;
  while (end > start && b[end - 1] === 0) end--;
  for (let k = start; k < end; k++) if (b[k]! >= 0x80) return modelNumberFromName(decodeName(b, start, end));
  return modelNumberFromAsciiBytes(b, start, end);
}
