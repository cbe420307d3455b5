// Small helpers for the BLE tests: hex in, advertisement out.
import type { Advertisement } from '../../../native/ble/advertisement.ts';
import { parseHex } from '../../../native/ble/hex.ts';

export function bytes(hex: string): Uint8Array {
  const p = parseHex(hex);
  if (!p.ok) throw new Error(p.message);
  return p.bytes;
}

/** Manufacturer data in the Theengs convention (company id first, LE) → entry. */
export function mfr(hex: string): { companyId: number; data: Uint8Array } {
  const b = bytes(hex);
  return { companyId: b[0]! | (b[1]! << 8), data: b.subarray(2) };
}

export function adv(parts: { name?: string; uuids?: string[]; mfr?: (string | { companyId: number; data: string })[]; mac?: string; rssi?: number }): Advertisement {
  const a: Advertisement = {
    serviceUuids: parts.uuids ?? [],
    manufacturerData: (parts.mfr ?? []).map((m) => (typeof m === 'string' ? mfr(m) : { companyId: m.companyId, data: bytes(m.data) })),
    serviceData: [],
  };
  if (parts.name !== undefined) a.name = parts.name;
  if (parts.mac !== undefined) a.mac = parts.mac;
  if (parts.rssi !== undefined) a.rssi = parts.rssi;
  return a;
}
