// The advertisement model every BLE path produces (HCI report, AD bytes, gateway JSON, capture file)
// and the small pure helpers around it: MAC and UUID normal forms, merging a scan response. Pure.
import { hexByteLower, hexByteUpper } from './hex.ts';

/** Manufacturer-specific data: the 2-byte company id (little-endian on air) and the bytes AFTER it. */
export interface ManufacturerData {
  companyId: number;
  data: Uint8Array;
}

export interface ServiceData {
  /** Same normal form as `Advertisement.serviceUuids`. */
  uuid: string;
  data: Uint8Array;
}

/**
 * One advertisement (optionally merged with its scan response), whatever way it was heard.
 * UUIDs: 16-bit ones as 4 lower-case hex digits of the UUID value (`ec88`; air bytes `88 ec`), 128-bit
 * ones in full lower-case form; a 128-bit UUID on the Bluetooth base is shortened to its 16-bit form.
 */
export interface Advertisement {
  /** `AA:BB:CC:DD:EE:FF`, upper case. Absent when the source gives none (macOS UUIDs, anonymous adverts). */
  mac?: string;
  /** HCI address type: 0 public, 1 random, 2/3 identity (extended reports); absent when unknown. */
  addressType?: number;
  name?: string;
  serviceUuids: string[];
  manufacturerData: ManufacturerData[];
  serviceData: ServiceData[];
  txPower?: number;
  rssi?: number;
  flags?: number;
}

export function emptyAdvertisement(): Advertisement {
  return { serviceUuids: [], manufacturerData: [], serviceData: [] };
}

/** MAC from the 6 address bytes as they travel in HCI (least significant octet first). */
export function macFromReversedBytes(b: Uint8Array, offset: number): string {
  return (
    hexByteUpper(b[offset + 5]!) + ':' + hexByteUpper(b[offset + 4]!) + ':' + hexByteUpper(b[offset + 3]!) + ':' +
    hexByteUpper(b[offset + 2]!) + ':' + hexByteUpper(b[offset + 1]!) + ':' + hexByteUpper(b[offset]!)
  );
}

const MAC_PATTERN = /^[0-9a-fA-F]{2}([:-]?)[0-9a-fA-F]{2}\1[0-9a-fA-F]{2}\1[0-9a-fA-F]{2}\1[0-9a-fA-F]{2}\1[0-9a-fA-F]{2}$/;

/**
 * `AA:BB:CC:DD:EE:FF` from `aa:bb:…`, `AA-BB-…` or `AABBCCDDEEFF` (MQTT topics drop the colons);
 * undefined for anything that is not a 48-bit address (a macOS peripheral UUID, a 3-octet id).
 */
export function normalizeMac(text: string): string | undefined {
  const s = text.trim();
  if (!MAC_PATTERN.test(s)) return undefined;
  const hex = s.replace(/[:-]/g, '').toUpperCase();
  return hex.replace(/(..)(?!$)/g, '$1:');
}

/** The 6 MAC octets, most significant first (A4:C1:38:… → [0xA4, 0xC1, 0x38, …]). */
export function macBytes(mac: string): Uint8Array {
  const norm = normalizeMac(mac);
  if (!norm) throw new RangeError(`not a MAC address: ${JSON.stringify(mac)}`);
  const out = new Uint8Array(6);
  for (let i = 0; i < 6; i++) out[i] = parseInt(norm.slice(i * 3, i * 3 + 2), 16);
  return out;
}

/** 16-bit UUID value → normal form (`0xec88` → `ec88`). */
export function uuid16(value: number): string {
  return hexByteLower((value >> 8) & 0xff) + hexByteLower(value & 0xff);
}

const BASE_UUID_TAIL = '-0000-1000-8000-00805f9b34fb';

/**
 * Normal form of a UUID written any common way: `EC88`, `0xec88`, `0000ec88-0000-1000-8000-00805f9b34fb`
 * (→ `ec88`), a 32-hex-digit or dashed 128-bit one (→ dashed lower case). Undefined if it is neither.
 * 16-bit UUIDs are given as their value, the way bleak/BlueZ print them: H5198's air bytes `51 98` are `9851`.
 */
export function normalizeUuid(text: string): string | undefined {
  let s = text.trim().toLowerCase();
  if (s.startsWith('0x')) s = s.slice(2);
  if (/^[0-9a-f]{4}$/.test(s)) return s;
  if (/^[0-9a-f]{8}$/.test(s)) return s.startsWith('0000') ? s.slice(4) : `${s}${BASE_UUID_TAIL}`;
  const compact = s.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(compact)) return undefined;
  if (s.includes('-') && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(s)) return undefined;
  const dashed = `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
  if (dashed.endsWith(BASE_UUID_TAIL) && dashed.startsWith('0000')) return dashed.slice(4, 8);
  return dashed;
}

/**
 * An advertisement merged with its scan response (or any later packet from the same device).
 * `b` is the later packet: its scalar fields win when present; UUIDs are a union; manufacturer and
 * service data are keyed by company id / UUID and `b`'s entry replaces `a`'s. The MAC must agree
 * (a merge of two different devices throws a RangeError: that is a caller bug, not data).
 */
export function mergeAdvertisements(a: Advertisement, b: Advertisement): Advertisement {
  if (a.mac !== undefined && b.mac !== undefined && a.mac !== b.mac) {
    throw new RangeError(`cannot merge advertisements of ${a.mac} and ${b.mac}`);
  }
  const out: Advertisement = {
    serviceUuids: [...a.serviceUuids],
    manufacturerData: a.manufacturerData.filter((m) => !b.manufacturerData.some((n) => n.companyId === m.companyId)),
    serviceData: a.serviceData.filter((s) => !b.serviceData.some((t) => t.uuid === s.uuid)),
  };
  for (const u of b.serviceUuids) if (!out.serviceUuids.includes(u)) out.serviceUuids.push(u);
  out.manufacturerData.push(...b.manufacturerData);
  out.serviceData.push(...b.serviceData);
  const mac = b.mac ?? a.mac;
  if (mac !== undefined) out.mac = mac;
  const addressType = b.addressType ?? a.addressType;
  if (addressType !== undefined) out.addressType = addressType;
  const name = b.name ?? a.name;
  if (name !== undefined) out.name = name;
  const txPower = b.txPower ?? a.txPower;
  if (txPower !== undefined) out.txPower = txPower;
  const rssi = b.rssi ?? a.rssi;
  if (rssi !== undefined) out.rssi = rssi;
  const flags = b.flags ?? a.flags;
  if (flags !== undefined) out.flags = flags;
  return out;
}
