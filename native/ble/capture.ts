// The BLE capture file: JSON lines, one advertisement per line, written by the scanner's "Record" and
// replayed by `showsite decode --capture FILE`. Pure (strings in, strings out).
//
// One line:
//   {"ts":1732280000000,"mac":"A4:C1:38:DD:DB:F8","rssi":-63,"name":"GVH5075_DBF8",
//    "mfr":[{"companyId":60552,"data":"00034db26400"}],"serviceUuids":["ec88"],
//    "serviceData":[{"uuid":"fe95","data":"…"}]}
// or, when the raw HCI event was at hand (it then wins over the other advertisement fields):
//   {"ts":1732280000000,"mac":"A4:C1:38:DD:DB:F8","rssi":-63,"hci":"043e2b0201…"}
// `ts` = epoch ms (required); `mac` upper case with colons; hex lower case without separators
// (any case and separators are accepted on input); `mfr[].data` excludes the company id.
import { normalizeMac, normalizeUuid, type Advertisement } from './advertisement.ts';
import { parseHciEvent } from './hci.ts';
import { parseHex, toHex } from './hex.ts';

export interface CaptureRecord {
  ts: number;
  mac?: string;
  rssi?: number;
  name?: string;
  /** A whole HCI LE advertising report event (packet type byte optional). */
  hci?: string;
  mfr?: { companyId: number; data: string }[];
  serviceUuids?: string[];
  serviceData?: { uuid: string; data: string }[];
}

/** The capture record for an advertisement heard at `ts`. */
export function captureRecordFromAdvertisement(adv: Advertisement, ts: number): CaptureRecord {
  const r: CaptureRecord = { ts };
  if (adv.mac !== undefined) r.mac = adv.mac;
  if (adv.rssi !== undefined) r.rssi = adv.rssi;
  if (adv.name !== undefined) r.name = adv.name;
  if (adv.manufacturerData.length > 0) r.mfr = adv.manufacturerData.map((m) => ({ companyId: m.companyId, data: toHex(m.data) }));
  if (adv.serviceUuids.length > 0) r.serviceUuids = [...adv.serviceUuids];
  if (adv.serviceData.length > 0) r.serviceData = adv.serviceData.map((s) => ({ uuid: s.uuid, data: toHex(s.data) }));
  return r;
}

/** The capture record for a raw HCI event (MAC/RSSI/name copied from its first report for grep-ability). */
export function captureRecordFromHci(bytes: Uint8Array, ts: number): CaptureRecord {
  const r: CaptureRecord = { ts };
  const parsed = parseHciEvent(bytes);
  const first = parsed.ok ? parsed.reports[0]?.advertisement : undefined;
  if (first?.mac !== undefined) r.mac = first.mac;
  if (first?.rssi !== undefined) r.rssi = first.rssi;
  if (first?.name !== undefined) r.name = first.name;
  r.hci = toHex(bytes);
  return r;
}

/** One line of the file, without the newline. */
export function encodeCaptureLine(record: CaptureRecord): string {
  return JSON.stringify(record);
}

export type CaptureLineParse = { ok: true; record: CaptureRecord } | { ok: false; message: string };

/** Parse and validate one line. Blank lines and lines starting with `#` are not records (`ok: false`, message `skip`). */
export function parseCaptureLine(line: string): CaptureLineParse {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return { ok: false, message: 'skip' };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `not JSON: ${(error as Error).message}` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { ok: false, message: 'a capture line must be a JSON object' };
  const o = v as Record<string, unknown>;
  if (typeof o.ts !== 'number' || !Number.isFinite(o.ts)) return { ok: false, message: '"ts" (epoch ms) is missing or not a number' };
  const r: CaptureRecord = { ts: o.ts };
  if (o.mac !== undefined) {
    const mac = typeof o.mac === 'string' ? normalizeMac(o.mac) : undefined;
    if (mac === undefined) return { ok: false, message: `"mac" is not a MAC address` };
    r.mac = mac;
  }
  if (o.rssi !== undefined && o.rssi !== null) {
    if (typeof o.rssi !== 'number' || !Number.isInteger(o.rssi)) return { ok: false, message: '"rssi" must be an integer (dBm)' };
    r.rssi = o.rssi;
  }
  if (o.name !== undefined && o.name !== null) {
    if (typeof o.name !== 'string') return { ok: false, message: '"name" must be a string' };
    r.name = o.name;
  }
  if (o.hci !== undefined) {
    if (typeof o.hci !== 'string') return { ok: false, message: '"hci" must be a hex string' };
    r.hci = o.hci;
  }
  if (o.mfr !== undefined) {
    if (!Array.isArray(o.mfr)) return { ok: false, message: '"mfr" must be an array' };
    const list: { companyId: number; data: string }[] = [];
    for (const e of o.mfr as unknown[]) {
      const m = e as Record<string, unknown> | null;
      if (typeof m !== 'object' || m === null || typeof m.companyId !== 'number' || !Number.isInteger(m.companyId) || m.companyId < 0 || m.companyId > 0xffff || typeof m.data !== 'string') {
        return { ok: false, message: '"mfr" entries must be {"companyId": 0–65535, "data": hex}' };
      }
      list.push({ companyId: m.companyId, data: m.data });
    }
    r.mfr = list;
  }
  if (o.serviceUuids !== undefined) {
    if (!Array.isArray(o.serviceUuids) || !(o.serviceUuids as unknown[]).every((u) => typeof u === 'string')) return { ok: false, message: '"serviceUuids" must be an array of strings' };
    r.serviceUuids = [...(o.serviceUuids as string[])];
  }
  if (o.serviceData !== undefined) {
    if (!Array.isArray(o.serviceData)) return { ok: false, message: '"serviceData" must be an array' };
    const list: { uuid: string; data: string }[] = [];
    for (const e of o.serviceData as unknown[]) {
      const s = e as Record<string, unknown> | null;
      if (typeof s !== 'object' || s === null || typeof s.uuid !== 'string' || typeof s.data !== 'string') return { ok: false, message: '"serviceData" entries must be {"uuid": string, "data": hex}' };
      list.push({ uuid: s.uuid, data: s.data });
    }
    r.serviceData = list;
  }
  if (r.hci === undefined && r.mfr === undefined && r.serviceUuids === undefined && r.serviceData === undefined && r.name === undefined) {
    return { ok: false, message: 'a capture line needs "hci", or "mfr"/"serviceUuids"/"serviceData"/"name"' };
  }
  return { ok: true, record: r };
}

export type CaptureAdvertisements =
  | { ok: true; advertisements: { advertisement: Advertisement; error?: string }[] }
  | { ok: false; message: string };

/**
 * The advertisement(s) a record holds: every report of its HCI event (each with its AD error, if the
 * bytes are corrupt), or the one built from its fields. `rssi`/`mac` on the line fill gaps the HCI
 * event leaves (it always has a MAC, but its RSSI may be "not available").
 */
export function captureAdvertisements(r: CaptureRecord): CaptureAdvertisements {
  if (r.hci !== undefined) {
    const hex = parseHex(r.hci, { oddDigits: 'reject' });
    if (!hex.ok) return { ok: false, message: `"hci": ${hex.message}` };
    const parsed = parseHciEvent(hex.bytes);
    if (!parsed.ok) return { ok: false, message: `"hci": ${parsed.message}` };
    return {
      ok: true,
      advertisements: parsed.reports.map((rep) => {
        const adv = rep.advertisement;
        if (adv.rssi === undefined && r.rssi !== undefined) adv.rssi = r.rssi;
        return rep.adError === undefined ? { advertisement: adv } : { advertisement: adv, error: rep.adError };
      }),
    };
  }
  const adv: Advertisement = { serviceUuids: [], manufacturerData: [], serviceData: [] };
  if (r.mac !== undefined) adv.mac = r.mac;
  if (r.rssi !== undefined) adv.rssi = r.rssi;
  if (r.name !== undefined) adv.name = r.name;
  for (const m of r.mfr ?? []) {
    const hex = parseHex(m.data, { oddDigits: 'reject' });
    if (!hex.ok) return { ok: false, message: `"mfr" data: ${hex.message}` };
    adv.manufacturerData.push({ companyId: m.companyId, data: hex.bytes });
  }
  for (const u of r.serviceUuids ?? []) {
    const uuid = normalizeUuid(u);
    if (uuid === undefined) return { ok: false, message: `"serviceUuids": ${JSON.stringify(u)} is not a UUID` };
    if (!adv.serviceUuids.includes(uuid)) adv.serviceUuids.push(uuid);
  }
  for (const s of r.serviceData ?? []) {
    const uuid = normalizeUuid(s.uuid);
    const hex = parseHex(s.data, { oddDigits: 'reject' });
    if (uuid === undefined) return { ok: false, message: `"serviceData": ${JSON.stringify(s.uuid)} is not a UUID` };
    if (!hex.ok) return { ok: false, message: `"serviceData" data: ${hex.message}` };
    adv.serviceData.push({ uuid, data: hex.bytes });
  }
  return { ok: true, advertisements: [{ advertisement: adv }] };
}
