// OpenMQTTGateway / Theengs Gateway BTtoMQTT messages (PROTOCOLS.md §1.6) → the same decode result
// as a local scan. Raw fields (`manufacturerdata`, company id first in air order) are decoded by our own
// decoders; messages the gateway already decoded (`tempc`, `hum`, `batt`, `tempc1`…, possibly as
// strings) are taken as given. Pure; never throws.
import { normalizeMac, normalizeUuid, type Advertisement } from './advertisement.ts';
import { decodeAdvertisement } from './govee.ts';
import { modelNumberFromName } from './govee-models.ts';
import { parseHex, toHex } from './hex.ts';
import { unitFor, type DecodeOk, type DecodeReject, type DecodeResult, type Readings } from './result.ts';

/** Names of the already-decoded fields we read, and the reading each becomes. */
const DECODED_FIELDS: readonly (readonly [string, string])[] = [
  ['tempc', 'temperature'],
  ['hum', 'humidity'],
  ['batt', 'battery'],
  ['pm25', 'pm25'],
  ['co2', 'co2'],
  ...[1, 2, 3, 4, 5, 6].map((n) => [`tempc${n}`, `probe${n}`] as const),
];

export interface GatewayContext {
  /** MAC from the topic (`…/BTtoMQTT/A4C138DDDBF8`) for messages that carry no `id`. */
  mac?: string;
}

export type GatewayParse =
  | {
      ok: true;
      mac?: string;
      rssi?: number;
      name?: string;
      /** Built from the raw fields; absent when the message carries no manufacturer data. */
      advertisement?: Advertisement;
      /** Why the raw fields could not become an advertisement (bad hex…). */
      advertisementError?: string;
      /** Whether the gateway already decoded values (tempc, hum, batt, pm25, co2, tempcN, tempf…). */
      hasDecodedFields: boolean;
      message: Record<string, unknown>;
    }
  | { ok: false; message: string };

/** Split a gateway message into its advertisement (raw fields) and its identity; no decoding yet. */
export function parseGatewayMessage(json: unknown, context: GatewayContext = {}): GatewayParse {
  let msg: unknown = json;
  if (typeof json === 'string') {
    try {
      msg = JSON.parse(json);
    } catch (error) {
      return { ok: false, message: `gateway message is not JSON: ${(error as Error).message}` };
    }
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { ok: false, message: 'gateway message must be a JSON object' };
  const m = msg as Record<string, unknown>;
  const out: GatewayParse = { ok: true, hasDecodedFields: DECODED_FIELDS.some(([f]) => m[f] !== undefined) || m.tempf !== undefined, message: m };
  const mac = (typeof m.id === 'string' ? normalizeMac(m.id) : undefined) ?? (context.mac === undefined ? undefined : normalizeMac(context.mac));
  if (mac !== undefined) out.mac = mac;
  const rssi = numberOf(m.rssi);
  if (rssi !== undefined && Number.isInteger(rssi)) out.rssi = rssi;
  if (typeof m.name === 'string') out.name = m.name;
  const adv = advertisementOf(m, out.mac, out.name);
  if (typeof adv === 'string') out.advertisementError = adv;
  else if (adv !== undefined) out.advertisement = adv;
  return out;
}

/**
 * Decode one gateway message (an object, or its JSON text). When raw manufacturer data is present and
 * decodes, it wins over decoded fields in the same message (ours truncate correctly where Theengs prints
 * T6 as −7.3481). The result carries `mac` (from `id`, else the context's topic MAC) and `rssi` when known.
 */
export function decodeGatewayMessage(json: unknown, context: GatewayContext = {}): DecodeResult {
  const p = parseGatewayMessage(json, context);
  if (!p.ok) return { ok: false, reason: 'malformed', message: p.message };
  const tag = (r: DecodeResult): DecodeResult => {
    if (p.mac !== undefined) r.mac = p.mac;
    if (p.rssi !== undefined) r.rssi = p.rssi;
    return r;
  };
  const modelId = p.message.model_id;
  if (typeof modelId === 'string' && modelId.toUpperCase() === 'IBEACON') {
    return tag({ ok: false, reason: 'unknown', message: 'an iBeacon frame (Govee\'s INTELLI_ROCKS beacon) carries no sensor data' });
  }
  let rawReject: DecodeReject | undefined;
  if (p.advertisementError !== undefined) rawReject = { ok: false, reason: 'malformed', message: p.advertisementError };
  else if (p.advertisement !== undefined) {
    const r = decodeAdvertisement(p.advertisement);
    if (r.ok || !p.hasDecodedFields) return tag(r);
    rawReject = r;
  }
  if (!p.hasDecodedFields) {
    return tag(rawReject ?? { ok: false, reason: 'unknown', message: 'gateway message has neither manufacturerdata nor decoded values (tempc, hum, batt…)' });
  }
  return tag(fromDecodedFields(p.message, p.name));
}

/** The advertisement in a raw message; undefined if it has no manufacturer data, a string if that is broken. */
function advertisementOf(m: Record<string, unknown>, mac: string | undefined, name: string | undefined): Advertisement | string | undefined {
  if (m.manufacturerdata === undefined) return undefined;
  if (typeof m.manufacturerdata !== 'string') return 'manufacturerdata must be a hex string';
  const hex = parseHex(m.manufacturerdata); // an odd trailing digit is dropped, as Theengs reads by nibble
  if (!hex.ok) return `manufacturerdata: ${hex.message}`;
  if (hex.bytes.length < 2) return `manufacturerdata has ${hex.bytes.length} byte(s): no room for the company id`;
  const b = hex.bytes;
  const adv: Advertisement = { serviceUuids: [], manufacturerData: [{ companyId: b[0]! | (b[1]! << 8), data: b.subarray(2) }], serviceData: [] };
  if (mac !== undefined) adv.mac = mac;
  if (name !== undefined) adv.name = name;
  const rssi = numberOf(m.rssi);
  if (rssi !== undefined && Number.isInteger(rssi)) adv.rssi = rssi;
  const tx = numberOf(m.txpower);
  if (tx !== undefined && Number.isInteger(tx)) adv.txPower = tx;
  if (typeof m.servicedata === 'string' && typeof m.servicedatauuid === 'string') {
    const uuid = normalizeUuid(m.servicedatauuid);
    const data = parseHex(m.servicedata);
    if (uuid !== undefined && data.ok) adv.serviceData.push({ uuid, data: data.bytes });
  }
  return adv;
}

function fromDecodedFields(m: Record<string, unknown>, name: string | undefined): DecodeResult {
  const brand = typeof m.brand === 'string' ? m.brand : undefined;
  const modelId = typeof m.model_id === 'string' ? m.model_id : undefined;
  if (brand !== undefined && !/govee/i.test(brand)) return { ok: false, reason: 'unknown', message: `not a Govee device (brand ${JSON.stringify(brand)})` };
  const fromName = modelNumberFromName(name);
  const model = fromName !== 0 ? `H${fromName}` : modelId !== undefined && modelId !== '' ? expandModelId(modelId) : brand !== undefined ? 'Govee' : undefined;
  if (model === undefined) {
    return { ok: false, reason: 'unknown', message: 'decoded values without brand, model_id or a Govee name: cannot tell which device sent them' };
  }
  const out: DecodeOk = { ok: true, model, readings: {}, errors: [] };
  for (const [field, reading] of DECODED_FIELDS) take(m, field, reading, out.readings, out.errors);
  if (out.readings.temperature === undefined && m.tempc === undefined && m.tempf !== undefined) {
    const f = numberOf(m.tempf);
    if (f === undefined) out.errors.push('temperature: tempf is not a number');
    else out.readings.temperature = Math.round(((f - 32) / 1.8) * 100) / 100;
  }
  for (let n = 1; n <= 6; n++) {
    if (m[`tempc${n}`] !== undefined || m[`tempf${n}`] === undefined) continue;
    const f = numberOf(m[`tempf${n}`]);
    if (f === undefined) out.errors.push(`probe${n}: tempf${n} is not a number`);
    else out.readings[`probe${n}`] = Math.round(((f - 32) / 1.8) * 100) / 100;
  }
  // The gateway's numbers are taken as given, but only within what a Govee sensor can report.
  for (const metric of Object.keys(out.readings)) {
    const v = out.readings[metric]!;
    const [lo, hi] = PLAUSIBLE[metric] ?? PLAUSIBLE.temperature!;
    if (Number.isFinite(v) && v >= lo && v <= hi) continue;
    delete out.readings[metric];
    out.errors.push(`${metric}: out of range (${v} ${unitFor(metric)})`);
  }
  if (out.readings.battery !== undefined) out.battery = out.readings.battery;
  return out;
}

/** Theengs abbreviates shared layouts: `H5072/75` → `H5072/H5075`, `H5100/01/02` → `H5100/H5101/H5102`. */
function expandModelId(id: string): string {
  const parts = id.split('/');
  const first = parts[0]!;
  if (!/^H\d{4}$/.test(first)) return id;
  return parts.map((p, i) => (i > 0 && /^\d{2}$/.test(p) ? `${first.slice(0, 3)}${p}` : p)).join('/');
}

/** Accepted ranges for already-decoded values; temperatures cover meat probes (Govee's go to 300 °C). */
const PLAUSIBLE: Readonly<Record<string, readonly [number, number]>> = {
  temperature: [-60, 400],
  humidity: [0, 100],
  battery: [0, 100],
  pm25: [0, 1000],
  co2: [0, 100_000],
};

function take(m: Record<string, unknown>, field: string, reading: string, readings: Readings, errors: string[]): void {
  if (m[field] === undefined) return;
  const v = numberOf(m[field]);
  if (v === undefined) errors.push(`${reading}: ${field} is not a number (${describe(m[field])})`);
  else readings[reading] = v;
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v;
}

/** A finite number from a number or a numeric string (old OMG firmware sends `"hum":"52.6"`). */
function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The raw (undecoded) message a Theengs/OMG gateway publishes for an advertisement: `id`, `name`, `rssi`,
 * the FIRST manufacturer-data entry as hex with the company id first (gateways look at one only), and
 * the first service data. For simulated gateways and tests.
 */
export function encodeGatewayMessage(adv: Advertisement): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (adv.mac !== undefined) out.id = adv.mac;
  if (adv.name !== undefined) out.name = adv.name;
  if (adv.rssi !== undefined) out.rssi = adv.rssi;
  const mfr = adv.manufacturerData[0];
  if (mfr !== undefined) {
    const withId = new Uint8Array(mfr.data.length + 2);
    withId[0] = mfr.companyId & 0xff;
    withId[1] = (mfr.companyId >> 8) & 0xff;
    withId.set(mfr.data, 2);
    out.manufacturerdata = toHex(withId);
  }
  const sd = adv.serviceData[0];
  if (sd !== undefined) {
    out.servicedata = toHex(sd.data);
    out.servicedatauuid = sd.uuid;
  }
  if (adv.txPower !== undefined) out.txpower = adv.txPower;
  return out;
}
