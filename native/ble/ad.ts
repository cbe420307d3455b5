// Advertising Data (AD) structures: the length/type/value sequence inside an advertisement or scan
// response (Core spec Vol 3 Part C §11; types from the Assigned Numbers). Parser and encoder. Pure.
import { concatBytes } from '../bytes.ts';
import { emptyAdvertisement, type Advertisement } from './advertisement.ts';
import { hexByteLower } from './hex.ts';

export const AD_FLAGS = 0x01;
export const AD_UUID16_INCOMPLETE = 0x02;
export const AD_UUID16_COMPLETE = 0x03;
export const AD_UUID32_INCOMPLETE = 0x04;
export const AD_UUID32_COMPLETE = 0x05;
export const AD_UUID128_INCOMPLETE = 0x06;
export const AD_UUID128_COMPLETE = 0x07;
export const AD_NAME_SHORT = 0x08;
export const AD_NAME_COMPLETE = 0x09;
export const AD_TX_POWER = 0x0a;
export const AD_SERVICE_DATA16 = 0x16;
export const AD_SERVICE_DATA32 = 0x20;
export const AD_SERVICE_DATA128 = 0x21;
export const AD_MANUFACTURER = 0xff;

export type AdParse =
  | { ok: true; adv: Advertisement }
  /** `partial` holds every structure that was complete before the fault (for display and capture, not for decoding). */
  | { ok: false; message: string; partial: Advertisement };

/**
 * Parse AD structures from `bytes[start, end)`. Unknown types are skipped. A zero length byte ends the
 * data (controllers pad the 31-byte field with zeros). A structure whose length runs past the end is a
 * reject — the advertisement is corrupt, so nothing in it is trusted for readings — but what was parsed
 * before it is returned as `partial` so the unknown-device list can still show a name or company id.
 * Byte arrays in the result are views into `bytes` (no copy: this is on the scan hot path).
 */
export function parseAdStructures(bytes: Uint8Array, start = 0, end = bytes.length, into?: Advertisement): AdParse {
  const adv = into ?? emptyAdvertisement();
  const error = parseAdInto(bytes, start, end, adv);
  return error === undefined ? { ok: true, adv } : { ok: false, message: error, partial: adv };
}

/** As parseAdStructures, filling `adv` in place; returns an error message or undefined. */
export function parseAdInto(b: Uint8Array, start: number, end: number, adv: Advertisement): string | undefined {
  let i = start;
  let completeName = false;
  while (i < end) {
    const len = b[i]!;
    if (len === 0) return undefined;
    const next = i + 1 + len;
    if (next > end) return `AD structure at byte ${i - start} (type 0x${hexByteLower(b[i + 1] ?? 0)}) claims ${len} bytes but only ${end - i - 1} remain`;
    const type = b[i + 1]!;
    const v = i + 2; // first value byte
    const vlen = len - 1;
    switch (type) {
      case AD_FLAGS:
        if (vlen >= 1) adv.flags = b[v]!;
        break;
      case AD_UUID16_INCOMPLETE:
      case AD_UUID16_COMPLETE:
        for (let k = v; k + 1 < next; k += 2) addUuid(adv.serviceUuids, hexByteLower(b[k + 1]!) + hexByteLower(b[k]!));
        break;
      case AD_UUID32_INCOMPLETE:
      case AD_UUID32_COMPLETE:
        for (let k = v; k + 3 < next; k += 4) addUuid(adv.serviceUuids, uuid32At(b, k));
        break;
      case AD_UUID128_INCOMPLETE:
      case AD_UUID128_COMPLETE:
        for (let k = v; k + 15 < next; k += 16) addUuid(adv.serviceUuids, uuid128At(b, k));
        break;
      case AD_NAME_SHORT:
      case AD_NAME_COMPLETE:
        // The complete name wins over a shortened one, whatever their order.
        if (type === AD_NAME_COMPLETE || !completeName) adv.name = decodeName(b, v, next);
        if (type === AD_NAME_COMPLETE) completeName = true;
        break;
      case AD_TX_POWER:
        if (vlen >= 1) adv.txPower = (b[v]! << 24) >> 24;
        break;
      case AD_SERVICE_DATA16:
        if (vlen >= 2) adv.serviceData.push({ uuid: hexByteLower(b[v + 1]!) + hexByteLower(b[v]!), data: b.subarray(v + 2, next) });
        break;
      case AD_SERVICE_DATA32:
        if (vlen >= 4) adv.serviceData.push({ uuid: uuid32At(b, v), data: b.subarray(v + 4, next) });
        break;
      case AD_SERVICE_DATA128:
        if (vlen >= 16) adv.serviceData.push({ uuid: uuid128At(b, v), data: b.subarray(v + 16, next) });
        break;
      case AD_MANUFACTURER:
        // Fewer than 2 bytes cannot hold a company id: skipped like an unknown type.
        if (vlen >= 2) adv.manufacturerData.push({ companyId: b[v]! | (b[v + 1]! << 8), data: b.subarray(v + 2, next) });
        break;
      default:
        break;
    }
    i = next;
  }
  return undefined;
}

function addUuid(list: string[], uuid: string): void {
  if (!list.includes(uuid)) list.push(uuid);
}

function uuid32At(b: Uint8Array, k: number): string {
  const hi = hexByteLower(b[k + 3]!) + hexByteLower(b[k + 2]!);
  const lo = hexByteLower(b[k + 1]!) + hexByteLower(b[k]!);
  return hi === '0000' ? lo : `${hi}${lo}-0000-1000-8000-00805f9b34fb`;
}

/** 128-bit UUIDs travel least significant byte first. */
function uuid128At(b: Uint8Array, k: number): string {
  let s = '';
  for (let j = 15; j >= 0; j--) {
    s += hexByteLower(b[k + j]!);
    if (j === 12 || j === 10 || j === 8 || j === 6) s += '-';
  }
  return s.startsWith('0000') && s.endsWith('-0000-1000-8000-00805f9b34fb') ? s.slice(4, 8) : s;
}

let utf8: TextDecoder | undefined;

/** A local name from its AD bytes: UTF-8, trailing NULs (some firmware pads) dropped; ASCII takes a fast path. */
export function decodeName(b: Uint8Array, from: number, to: number): string {
  while (to > from && b[to - 1] === 0) to--;
  let ascii = true;
  for (let k = from; k < to; k++) {
    if (b[k]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return (utf8 ??= new TextDecoder('utf-8')).decode(b.subarray(from, to));
  let s = '';
  for (let k = from; k < to; k++) s += String.fromCharCode(b[k]!);
  return s;
}

// ---------------------------------------------------------------------------------------------------
// Encoder

/** One AD structure as bytes. Throws RangeError if the value cannot fit a structure (> 254 bytes). */
export function adStructure(type: number, value: Uint8Array): Uint8Array {
  if (value.length > 254) throw new RangeError(`AD value of ${value.length} bytes is too long`);
  const out = new Uint8Array(value.length + 2);
  out[0] = value.length + 1;
  out[1] = type;
  out.set(value, 2);
  return out;
}

function uuidBytes(uuid: string): { type: 'u16' | 'u128'; bytes: Uint8Array } {
  if (/^[0-9a-f]{4}$/.test(uuid)) {
    const v = parseInt(uuid, 16);
    return { type: 'u16', bytes: Uint8Array.of(v & 0xff, v >> 8) };
  }
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`not a normalised UUID: ${JSON.stringify(uuid)}`);
  const bytes = new Uint8Array(16);
  for (let j = 0; j < 16; j++) bytes[15 - j] = parseInt(hex.slice(j * 2, j * 2 + 2), 16);
  return { type: 'u128', bytes };
}

/**
 * The AD bytes for an advertisement, in the order Govee devices use: flags, complete 16-bit UUID list,
 * complete 128-bit UUID list, complete local name, TX power, service data, manufacturer data.
 * No length limit is applied here (a legacy advertisement holds 31 bytes: see `splitForLegacyAdvertising`).
 */
export function encodeAdStructures(adv: Advertisement): Uint8Array {
  const parts: Uint8Array[] = [];
  if (adv.flags !== undefined) parts.push(adStructure(AD_FLAGS, Uint8Array.of(adv.flags & 0xff)));
  const u16: Uint8Array[] = [];
  const u128: Uint8Array[] = [];
  for (const u of adv.serviceUuids) {
    const e = uuidBytes(u);
    (e.type === 'u16' ? u16 : u128).push(e.bytes);
  }
  if (u16.length > 0) parts.push(adStructure(AD_UUID16_COMPLETE, concatBytes(u16)));
  if (u128.length > 0) parts.push(adStructure(AD_UUID128_COMPLETE, concatBytes(u128)));
  if (adv.name !== undefined) parts.push(adStructure(AD_NAME_COMPLETE, new TextEncoder().encode(adv.name)));
  if (adv.txPower !== undefined) parts.push(adStructure(AD_TX_POWER, Uint8Array.of(adv.txPower & 0xff)));
  for (const s of adv.serviceData) {
    const e = uuidBytes(s.uuid);
    parts.push(adStructure(e.type === 'u16' ? AD_SERVICE_DATA16 : AD_SERVICE_DATA128, concatBytes([e.bytes, s.data])));
  }
  for (const m of adv.manufacturerData) {
    parts.push(adStructure(AD_MANUFACTURER, concatBytes([Uint8Array.of(m.companyId & 0xff, (m.companyId >> 8) & 0xff), m.data])));
  }
  return concatBytes(parts);
}

/** Legacy (BLE 4.x) advertising and scan-response payloads hold at most 31 bytes each. */
export const LEGACY_AD_MAX = 31;

/**
 * Lay an advertisement out the way a legacy advertiser must: an ADV_IND payload and, when needed, a
 * SCAN_RSP payload, each ≤ 31 bytes. Flags and service UUIDs go in the advertisement; manufacturer data
 * goes there too unless `payloadInScanResponse` (H5074/H5075 do that: only an active scan sees their
 * readings); the name goes wherever it still fits, scan response first when it has to move.
 * Throws RangeError when the content cannot fit in two 31-byte payloads.
 */
export function splitForLegacyAdvertising(adv: Advertisement, options: { payloadInScanResponse?: boolean } = {}): { advertising: Advertisement; scanResponse?: Advertisement } {
  const base = { mac: adv.mac, addressType: adv.addressType, rssi: adv.rssi };
  const advertising: Advertisement = strip({ ...base, flags: adv.flags, serviceUuids: [...adv.serviceUuids], manufacturerData: [], serviceData: [...adv.serviceData], txPower: adv.txPower });
  const scanResponse: Advertisement = strip({ ...base, serviceUuids: [], manufacturerData: [], serviceData: [] });
  (options.payloadInScanResponse ? scanResponse : advertising).manufacturerData.push(...adv.manufacturerData);
  if (adv.name !== undefined) {
    const withName = { ...advertising, name: adv.name };
    if (!options.payloadInScanResponse && encodeAdStructures(withName).length <= LEGACY_AD_MAX) advertising.name = adv.name;
    else scanResponse.name = adv.name;
  }
  for (const [label, a] of [['advertising', advertising], ['scan response', scanResponse]] as const) {
    const n = encodeAdStructures(a).length;
    if (n > LEGACY_AD_MAX) throw new RangeError(`${label} payload is ${n} bytes; a legacy advertisement holds ${LEGACY_AD_MAX}`);
  }
  const hasScanResponse = scanResponse.name !== undefined || scanResponse.manufacturerData.length > 0;
  return hasScanResponse ? { advertising, scanResponse } : { advertising };
}

function strip(a: Advertisement): Advertisement {
  const out = a as unknown as Record<string, unknown>;
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return a;
}
