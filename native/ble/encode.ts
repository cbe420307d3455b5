// Values → Govee advertisements: the inverse of govee.ts, for the simulated demo site and round-trip
// tests. decodeAdvertisement(encodeGovee(model, mac, r)[i]) gives back r within the format's resolution
// (0.1 °C / 0.1 % for packed models, 0.01 for int16 ones, 1 °C for H5055 probes). Pure.
import { concatBytes } from '../bytes.ts';
import { encodeAdStructures, splitForLegacyAdvertising } from './ad.ts';
import { macBytes, normalizeMac, type Advertisement } from './advertisement.ts';
import { ACTIVE_SCAN_MODELS, COMPANY_APPLE, COMPANY_GOVEE_0001, COMPANY_GOVEE_8801, COMPANY_GOVEE_EC88, MEAT_UUIDS, UUID_GOVEE_HYGROMETER } from './govee-models.ts';
import { hexByteUpper } from './hex.ts';
import { ADV_IND, SCAN_RSP, encodeHciAdvertisingReport } from './hci.ts';
import type { Readings } from './result.ts';

export const ENCODABLE_MODELS = [
  'H5072', 'H5075', 'H5129', 'H5074', 'H5051', 'H5052', 'H5071',
  'H5100', 'H5101', 'H5102', 'H5103', 'H5104', 'H5105', 'H5110', 'H5174', 'H5177', 'H5179',
  'H5108', 'H5112', 'H5140', 'H5178', 'H5106',
  'H5055', 'H5181', 'H5182', 'H5183', 'H5184', 'H5185', 'H5191', 'H5198',
] as const;
export type EncodableModel = (typeof ENCODABLE_MODELS)[number];

export interface EncodeOptions {
  /** Local name; default the model's naming convention (`GVH5075_DBF8` …). null = no name. */
  name?: string | null;
  /** Set the model's error flag (values are then sent but flagged). Also set when temperature is missing. */
  errorFlag?: boolean;
  /** H5179 only: the old firmware (`Govee_H5179_…`, company 0x8801) instead of the new one. */
  oldFirmware?: boolean;
  /** Glue Govee's 25-byte INTELLI_ROCKS iBeacon onto the manufacturer data, as some firmware does. */
  iBeaconTrailer?: boolean;
  /** Add the iBeacon as its own company-0x004C entry, as most firmware does. */
  iBeaconEntry?: boolean;
}

/** Govee's iBeacon after Apple's company id (23 bytes: `02 15`, UUID "INTELLI_ROCKS_HW", major, minor, power); with the id, 25. */
export const GOVEE_IBEACON = Uint8Array.from([
  0x02, 0x15, 0x49, 0x4e, 0x54, 0x45, 0x4c, 0x4c, 0x49, 0x5f, 0x52, 0x4f, 0x43, 0x4b, 0x53, 0x5f, 0x48, 0x57, 0x50, 0x75, 0xf2, 0xff, 0x0c,
]);

/**
 * Advertisements a Govee device of `model` at `mac` would send for these readings (names as the decoder
 * produces them: temperature, humidity, battery, pm25, co2, probeN, setpointN, setpointN_low,
 * probe1_humidity, remote_*). Models that carry two probes per packet give one advertisement per pair
 * with a plugged probe; H5112 and H5178 one per sensor. Battery defaults to 100 % where the model sends it.
 * Throws RangeError for an unknown model or a MAC that is not one.
 */
export function encodeGovee(model: EncodableModel, mac: string, readings: Readings, options: EncodeOptions = {}): Advertisement[] {
  const m = normalizeMac(mac);
  if (m === undefined) throw new RangeError(`not a MAC address: ${JSON.stringify(mac)}`);
  const octets = macBytes(m);
  const n = Number(model.slice(1));
  const payloads = payloadsFor(n, octets, readings, options);
  if (payloads === undefined) throw new RangeError(`cannot encode model ${JSON.stringify(model)}`);
  const name = options.name === undefined ? defaultName(n, octets, options) : options.name;
  const meatUuid = Object.keys(MEAT_UUIDS).find((u) => MEAT_UUIDS[u] === n);
  return payloads.map(({ companyId, data }) => {
    const adv: Advertisement = {
      mac: m,
      addressType: 0,
      flags: 0x06,
      serviceUuids: [meatUuid ?? UUID_GOVEE_HYGROMETER],
      manufacturerData: [{ companyId, data: options.iBeaconTrailer ? concatBytes([data, Uint8Array.of(COMPANY_APPLE, 0x00), GOVEE_IBEACON]) : data }],
      serviceData: [],
    };
    if (options.iBeaconEntry) adv.manufacturerData.push({ companyId: COMPANY_APPLE, data: GOVEE_IBEACON });
    if (name !== null && name !== '') adv.name = name;
    return adv;
  });
}

/** Naming conventions of PROTOCOLS.md §1.1; XXXX = the last two MAC octets in upper-case hex. */
function defaultName(n: number, mac: Uint8Array, options: EncodeOptions): string | null {
  const tail = hexByteUpper(mac[4]!) + hexByteUpper(mac[5]!);
  if (n === 5051) return null; // seen with an empty name (govee-ble G1)
  if (n === 5055) return 'GVH5055';
  if (n === 5179) return options.oldFirmware ? `Govee_H5179_${tail}` : `GV5179_${tail}`;
  if (n === 5074 || n === 5052 || n === 5071 || n === 5184 || n === 5185) return `Govee_H${n}_${tail}`;
  if (n === 5108 || n === 5112 || n === 5140) return `GV${n}${tail}`;
  if (n === 5178) return `B5178${tail}`;
  return `GVH${n}_${tail}`;
}

interface Payload {
  companyId: number;
  data: Uint8Array;
}

function payloadsFor(n: number, mac: Uint8Array, r: Readings, o: EncodeOptions): Payload[] | undefined {
  const batt = clampInt(r.battery ?? 100, 0, 100);
  const err = o.errorFlag === true || r.temperature === undefined;
  const flag = err ? 0x80 : 0;
  const th = () => packed24(r.temperature ?? 0, r.humidity ?? 0);
  switch (n) {
    case 5072:
    case 5075:
    case 5129:
      return [{ companyId: COMPANY_GOVEE_EC88, data: Uint8Array.of(0x00, ...th(), batt | flag, 0x00) }];
    case 5074:
      return [{ companyId: COMPANY_GOVEE_EC88, data: Uint8Array.of(0x00, ...centi(r), batt, 0x02) }];
    case 5051:
    case 5052:
    case 5071:
      return [{ companyId: COMPANY_GOVEE_EC88, data: Uint8Array.of(0x00, ...centi(r), batt, 0x02, 0x01, 0x01) }];
    case 5179:
      if (o.oldFirmware) return [{ companyId: COMPANY_GOVEE_8801, data: Uint8Array.of(0xec, 0x00, 0x01, 0x01, ...centi(r), batt) }];
      return [{ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, ...th(), batt | flag) }];
    case 5100:
    case 5101:
    case 5102:
    case 5103:
    case 5104:
    case 5105:
    case 5110:
    case 5174:
    case 5177:
      return [{ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, ...th(), batt | flag) }];
    case 5108:
      return [{ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, ...th(), batt | flag, 0x00, 0x00) }];
    case 5112: {
      const out: Payload[] = [];
      if (r.probe1 !== undefined || r.probe2 === undefined) {
        const f = o.errorFlag || r.probe1 === undefined ? 0x80 : 0;
        out.push({ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, ...packed24(r.probe1 ?? 0, r.probe1_humidity ?? 0), batt | f, 0x00, 0x41) });
      }
      if (r.probe2 !== undefined) out.push({ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, ...packed24(r.probe2, 0), batt | (o.errorFlag ? 0x80 : 0), 0x00, 0x82) });
      return out;
    }
    case 5140: {
      const co2 = clampInt(r.co2 ?? 0, 0, 0xffff);
      return [{ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, ...th(), co2 >> 8, co2 & 0xff, err ? 0x01 : 0x00) }];
    }
    case 5178: {
      const out: Payload[] = [];
      if (r.temperature !== undefined || r.remote_temperature === undefined) {
        out.push({ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, 0x00, ...th(), batt | flag, 0x00, 0x00) });
      }
      if (r.remote_temperature !== undefined) {
        const rb = clampInt(r.remote_battery ?? 100, 0, 100);
        out.push({ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, 0x01, ...packed24(r.remote_temperature, r.remote_humidity ?? 0), rb | (o.errorFlag ? 0x80 : 0), 0x00, 0x00) });
      }
      return out;
    }
    case 5106: {
      const t = clampInt(Math.round(Math.abs(r.temperature ?? 0) * 10), 0, 2146);
      const h = clampInt(Math.round((r.humidity ?? 0) * 10), 0, 999);
      const pm = clampInt(r.pm25 ?? 0, 0, 999);
      const v = (t * 1_000_000 + h * 1000 + pm + ((r.temperature ?? 0) < 0 && t > 0 ? 0x80000000 : 0)) >>> 0;
      return [{ companyId: COMPANY_GOVEE_0001, data: Uint8Array.of(0x01, 0x01, v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff) }];
    }
    default:
      return meatPayloads(n, mac, r, batt);
  }
}

/** Meat thermometers: the "company id" and data[0] are the MAC's last three octets. */
function meatPayloads(n: number, mac: Uint8Array, r: Readings, batt: number): Payload[] | undefined {
  const companyId = mac[3]! | (mac[4]! << 8);
  const m5 = mac[5]!;
  const p = (k: number, key: string) => be16(r[`${key}${k}`] === undefined ? -1 : clampInt(Math.round(r[`${key}${k}`]! * 100), -32768, 32767));
  const probe = (k: number) => p(k, 'probe');
  const high = (k: number) => (r[`probe${k}`] === undefined ? be16(-1) : p(k, 'setpoint'));
  const low = (k: number) => {
    const v = r[`setpoint${k}_low`];
    return be16(v === undefined || r[`probe${k}`] === undefined ? -1 : clampInt(Math.round(v * 100), -32768, 32767));
  };
  const pairs = (count: number) => {
    const with_ = [];
    for (let first = 1; first <= count; first += 2) if (r[`probe${first}`] !== undefined || r[`probe${first + 1}`] !== undefined) with_.push(first);
    return with_.length > 0 ? with_ : [1];
  };
  switch (n) {
    case 5055:
      return pairs(6).map((first) => {
        const pair = first === 1 ? 0x00 : first === 3 ? 0x40 : 0x80;
        const bitA = first === 1 ? 0x01 : first === 3 ? 0x04 : 0x10;
        const whole = (key: string) => {
          const v = r[key];
          return le16(v === undefined ? -1 : clampInt(Math.round(v), -32768, 32767));
        };
        const slot = (k: number) => (r[`probe${k}`] === undefined ? [...le16(-1), ...le16(-1), ...le16(-1)] : [...whole(`probe${k}`), ...whole(`setpoint${k}_low`), ...whole(`setpoint${k}`)]);
        const bits = (r[`probe${first}`] !== undefined ? bitA : 0) | (r[`probe${first + 1}`] !== undefined ? bitA << 1 : 0);
        return { companyId, data: Uint8Array.of(m5, 0x00, batt, pair | bits, 0x20, ...slot(first), 0x20, ...slot(first + 1), 0x00, 0x00) };
      });
    case 5181:
    case 5183:
      return [{ companyId, data: Uint8Array.of(m5, 0x01, 0x00, 0x01, 0x01, 0xe4, 0x01, 0x86, ...probe(1), ...high(1), 0x00, 0x00) }];
    case 5182:
      return [{ companyId, data: Uint8Array.of(m5, 0x01, 0x00, 0x01, 0x01, 0xe4, 0x01, 0x86, ...probe(1), ...high(1), 0x86, ...probe(2), ...high(2)) }];
    case 5184:
      return pairs(4).map((first) => ({
        companyId,
        data: Uint8Array.of(m5, 0x01, 0x00, 0x01, 0x01, 0xe4, first === 1 ? 0x01 : 0x02, 0x86, ...probe(first), ...high(first), 0x86, ...probe(first + 1), ...high(first + 1)),
      }));
    case 5185:
      return [{ companyId, data: Uint8Array.of(m5, 0x01, 0x00, 0x01, 0x01, 0xe4, 0xc1, 0xff, ...probe(1), ...high(1), 0xff, 0xff, ...probe(2), ...high(2), 0xff, 0xff) }];
    case 5191: {
      const ambient = be16(r.temperature === undefined ? -1 : clampInt(Math.round(r.temperature * 100), -32768, 32767));
      return [{ companyId, data: Uint8Array.of(m5, 0x01, 0x00, 0x01, 0x01, 0x4c, 0x5d, 0x04, ...probe(1), ...high(1), 0xff, 0xff, ...ambient, 0xff, 0xff) }];
    }
    case 5198:
      return pairs(4).map((first) => ({
        companyId,
        data: Uint8Array.of(m5, 0x01, 0x00, 0x01, 0x01, 0xa4, first === 1 ? 0x01 : 0x02, 0x0f, ...probe(first), ...high(first), ...low(first), ...probe(first + 1), ...high(first + 1), ...low(first + 1)),
      }));
    default:
      return undefined;
  }
}

/** 3 bytes: sign bit + (round(|t|×10) × 1000 + round(h×10)), big-endian. */
function packed24(t: number, h: number): [number, number, number] {
  const ti = clampInt(Math.round(Math.abs(t) * 10), 0, 8388);
  const hi = clampInt(Math.round(h * 10), 0, 999);
  const v = ti * 1000 + hi + (t < 0 && ti > 0 ? 0x800000 : 0);
  return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}

/** int16 LE temperature ×100, uint16 LE humidity ×100. */
function centi(r: Readings): number[] {
  const t = clampInt(Math.round((r.temperature ?? 0) * 100), -32768, 32767);
  const h = clampInt(Math.round((r.humidity ?? 0) * 100), 0, 0xffff);
  return [t & 0xff, (t >> 8) & 0xff, h & 0xff, h >> 8];
}

function be16(v: number): [number, number] {
  return [(v >> 8) & 0xff, v & 0xff];
}

function le16(v: number): [number, number] {
  return [v & 0xff, (v >> 8) & 0xff];
}

function clampInt(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(v)));
}

/**
 * What goes on air for one encoded advertisement: the ADV_IND payload and, when needed, the SCAN_RSP
 * payload (H5074/H5075/H5129 put their readings there; a name that does not fit goes there too).
 */
export function toAirPayloads(model: EncodableModel, adv: Advertisement): { advertising: Uint8Array; scanResponse?: Uint8Array } {
  const split = splitForLegacyAdvertising(adv, { payloadInScanResponse: ACTIVE_SCAN_MODELS.has(model) });
  const out: { advertising: Uint8Array; scanResponse?: Uint8Array } = { advertising: encodeAdStructures(split.advertising) };
  if (split.scanResponse) out.scanResponse = encodeAdStructures(split.scanResponse);
  return out;
}

/**
 * HCI LE Advertising Report events (with the 0x04 packet type byte) a scanning controller would deliver
 * for these readings: per advertisement an ADV_IND report, then a SCAN_RSP report when there is one.
 */
export function encodeGoveeHci(model: EncodableModel, mac: string, readings: Readings, options: EncodeOptions & { rssi?: number } = {}): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const adv of encodeGovee(model, mac, readings, options)) {
    const air = toAirPayloads(model, adv);
    const base = { mac, addressType: 0, ...(options.rssi === undefined ? {} : { rssi: options.rssi }) };
    out.push(encodeHciAdvertisingReport([{ ...base, eventType: ADV_IND, data: air.advertising }]));
    if (air.scanResponse) out.push(encodeHciAdvertisingReport([{ ...base, eventType: SCAN_RSP, data: air.scanResponse }]));
  }
  return out;
}
