// The Govee catalogue (PROTOCOLS.md §1.1–1.2): which model numbers exist, how they name themselves,
// which service UUID the meat thermometers spell their model with, and what company id / length
// each thermo-hygrometer layout uses. Data only, plus the name → model-number reader. Pure.
import type { DeviceSighting } from '../ingest.ts';

export const COMPANY_GOVEE_EC88 = 0xec88;
export const COMPANY_GOVEE_0001 = 0x0001; // Nokia's id in the SIG list; Govee reuses it
export const COMPANY_GOVEE_8801 = 0x8801; // old-firmware H5179
export const COMPANY_APPLE = 0x004c; // Govee's iBeacon rides on Apple's id: never a sensor payload

/** 16-bit service UUID advertised by the thermo-hygrometers. */
export const UUID_GOVEE_HYGROMETER = 'ec88';

/** Meat thermometers spell their model in a 16-bit UUID (air bytes `51 98` = UUID 0x9851 = H5198). */
export const MEAT_UUIDS: Readonly<Record<string, number>> = {
  '5550': 5055,
  '8151': 5181,
  '8251': 5182,
  '8351': 5183,
  '8451': 5184,
  '8551': 5185,
  '9151': 5191,
  '9851': 5198,
  // Hypothesis only (PROTOCOLS.md §1.4): by the pattern above H5194 would be 0x9451. It is recognised
  // solely to be reported as unsupported, never decoded.
  '9451': 5194,
};

export const MEAT_MODELS: ReadonlySet<number> = new Set([5055, 5181, 5182, 5183, 5184, 5185, 5191, 5198]);

/** The 4-probe thermometer whose advertisement layout is not public (PROTOCOLS.md §1.4). */
export const UNSUPPORTED_H5194 = 5194;

/** Thermo-hygrometer / air-quality layouts: model number → [company id, data length] it must arrive with. */
export const HYGRO_LAYOUT: ReadonlyMap<number, readonly (readonly [number, number])[]> = new Map<number, readonly (readonly [number, number])[]>([
  [5072, [[COMPANY_GOVEE_EC88, 6]]],
  [5075, [[COMPANY_GOVEE_EC88, 6]]],
  [5129, [[COMPANY_GOVEE_EC88, 6]]],
  [5074, [[COMPANY_GOVEE_EC88, 7]]],
  [5051, [[COMPANY_GOVEE_EC88, 9]]],
  [5052, [[COMPANY_GOVEE_EC88, 9]]],
  [5071, [[COMPANY_GOVEE_EC88, 9]]],
  [5100, [[COMPANY_GOVEE_0001, 6]]],
  [5101, [[COMPANY_GOVEE_0001, 6]]],
  [5102, [[COMPANY_GOVEE_0001, 6]]],
  [5103, [[COMPANY_GOVEE_0001, 6]]],
  [5104, [[COMPANY_GOVEE_0001, 6]]],
  [5105, [[COMPANY_GOVEE_0001, 6]]],
  [5110, [[COMPANY_GOVEE_0001, 6]]],
  [5174, [[COMPANY_GOVEE_0001, 6]]],
  [5177, [[COMPANY_GOVEE_0001, 6]]],
  // Same product, two firmwares: old `Govee_H5179_…` on 0x8801, new `GV5179_…` on 0x0001.
  [5179, [[COMPANY_GOVEE_8801, 9], [COMPANY_GOVEE_0001, 6]]],
  [5106, [[COMPANY_GOVEE_0001, 6]]],
  [5108, [[COMPANY_GOVEE_0001, 8]]],
  [5112, [[COMPANY_GOVEE_0001, 8]]],
  [5140, [[COMPANY_GOVEE_0001, 8]]],
  [5178, [[COMPANY_GOVEE_0001, 9]]],
]);

/** Models whose readings only arrive in the scan response (PROTOCOLS.md §1.1). */
export const ACTIVE_SCAN_MODELS: ReadonlySet<string> = new Set(['H5074', 'H5075', 'H5129']);

/**
 * The Govee model number a local name announces, or 0. Names seen: `GVH5075_DBF8`, `Govee_H5074_5FF4`,
 * `GV5179_6319`, `GV51085242` (no underscore), `GV5112AC3D`, `B5178C545`, `GVH5055`. Anything else is
 * searched for an `H5xxx` token (the substring rule govee-ble uses).
 */
export function modelNumberFromName(name: string | undefined): number {
  if (name === undefined) return 0;
  return modelNumberFrom(name.length, (i) => name.charCodeAt(i));
}

/** The same from the raw bytes of an ASCII name (the HCI fast path, which never builds the string). */
export function modelNumberFromAsciiBytes(b: Uint8Array, start: number, end: number): number {
  return modelNumberFrom(end - start, (i) => b[start + i]!);
}

const G = 71, V = 86, H = 72, B = 66, O = 111, E = 101, UNDERSCORE = 95, FIVE = 53;

function modelNumberFrom(len: number, c: (i: number) => number): number {
  if (len < 5) return 0;
  let at = -1;
  if (len >= 7 && c(0) === G && c(1) === O && c(2) === V && c(3) === E && c(4) === E && c(5) === UNDERSCORE && c(6) === H) at = 7; // Govee_H
  else if (c(0) === G && c(1) === V && c(2) === H) at = 3; // GVH
  else if (c(0) === G && c(1) === V) at = 2; // GV
  else if ((c(0) === B || c(0) === H) && c(1) === FIVE) at = 1; // B5178…, H5…
  let n = at >= 0 ? fourDigits(len, c, at) : 0;
  for (let i = 0; n === 0 && i + 1 < len; i++) if (c(i) === H && c(i + 1) === FIVE) n = fourDigits(len, c, i + 1);
  return n;
}

function fourDigits(len: number, c: (i: number) => number, at: number): number {
  if (len < at + 4 || c(at) !== FIVE) return 0;
  let n = 0;
  for (let i = at; i < at + 4; i++) {
    const d = c(i) - 48;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

const MEAT_BY_UUID16: ReadonlyMap<number, number> = new Map(Object.entries(MEAT_UUIDS).map(([u, m]) => [parseInt(u, 16), m]));

/** The meat-thermometer model a service UUID list spells (first match), or 0. */
export function meatModelFromUuids(uuids: readonly string[]): number {
  for (let i = 0; i < uuids.length; i++) {
    const u = uuids[i]!;
    if (u.length !== 4) continue;
    const m = MEAT_BY_UUID16.get(parseInt(u, 16));
    if (m !== undefined) return m;
  }
  return 0;
}

/** The same for one 16-bit UUID value (0 if it spells no meat thermometer). */
export function meatModelFromUuid16(value: number): number {
  return MEAT_BY_UUID16.get(value) ?? 0;
}

export type BleDeviceKind = Extract<DeviceSighting['kind'], 'thermo-hygrometer' | 'meat-probe' | 'other'>;

/** Device kind for a decoded model: air-quality and CO₂ monitors are `other` (no better kind exists yet). */
export function kindOfModel(model: string): BleDeviceKind {
  const n = Number(/5\d{3}/.exec(model)?.[0] ?? 0);
  if (MEAT_MODELS.has(n) || n === UNSUPPORTED_H5194) return 'meat-probe';
  if (n === 5106 || n === 5140) return 'other';
  return 'thermo-hygrometer';
}
