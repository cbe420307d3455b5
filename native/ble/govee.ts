// Govee advertisement decoders (PROTOCOLS.md §1): pick the model from name, service UUID and data,
// then read its layout. Bytes in, readings out; never throws. Pure.
//
// Decisions where the sources disagree (PROTOCOLS.md §1.3), each also marked where it is taken:
//  1. H5072/H5075 (and every packed24 model) negative temperatures: truncated, T6 → −7.3 °C / 48.1 %.
//  2. H5055 probe presence: a probe is reported when its value is not 0xFFFF; a presence bit that
//     disagrees is noted in `notes`, never used to drop or invent a value.
//  3. H5104 firmware with another encoding: not detectable from the bytes, so every H5104 is decoded
//     with packed24 like the rest of its family (the values govee-ble's tests assert).
//  4. H5106 freezing: the top bit of the 4-byte value is the sign (G15 → −2.5 °C, T22 → −7.5 °C).
//
// Layout readers take (bytes, offset) so the HCI fast path (decode.ts) can read straight from a packet.
import type { Advertisement, ManufacturerData } from './advertisement.ts';
import {
  COMPANY_APPLE,
  COMPANY_GOVEE_0001,
  COMPANY_GOVEE_8801,
  COMPANY_GOVEE_EC88,
  HYGRO_LAYOUT,
  MEAT_MODELS,
  UNSUPPORTED_H5194,
  meatModelFromUuids,
  modelNumberFromName,
} from './govee-models.ts';
import { hexByteLower } from './hex.ts';
import type { DecodeOk, DecodeReject, DecodeResult } from './result.ts';

/** Plausible range of a thermo-hygrometer's own sensor (govee-ble reports values outside it as errors). */
const MIN_TEMP = -40;
const MAX_TEMP = 100;

/** Extra facts that help pick the model when only manufacturer data is at hand. */
export interface DecodeHints {
  name?: string;
  serviceUuids?: readonly string[];
  mac?: string;
  rssi?: number;
}

/**
 * Decode one advertisement (merged with its scan response when there is one).
 * Meat thermometers are recognised by service UUID or name only (their "company id" is two MAC octets);
 * thermo-hygrometers by company id + data length, refined by the name.
 */
export function decodeAdvertisement(adv: Advertisement): DecodeResult {
  return decodeAdvertisementAs(adv, modelNumberFromName(adv.name), meatModelFromUuids(adv.serviceUuids));
}

/**
 * Decode an advertisement's manufacturer data as the models given (see decodeEntries), whatever its name
 * and UUIDs say; the result carries the advertisement's MAC and RSSI.
 */
export function decodeAdvertisementAs(adv: Advertisement, nameModel: number, uuidModel: number): DecodeResult {
  const result = decodeEntries(new EntryArray(adv.manufacturerData), nameModel, uuidModel);
  if (adv.mac !== undefined) result.mac = adv.mac;
  if (adv.rssi !== undefined) result.rssi = adv.rssi;
  return result;
}

/** Decode one manufacturer-data entry (company id + the bytes after it), with optional name/UUID hints. */
export function decodeManufacturerData(companyId: number, data: Uint8Array, hints: DecodeHints = {}): DecodeResult {
  const result = decodeEntries(new EntryArray([{ companyId, data }]), modelNumberFromName(hints.name), meatModelFromUuids(hints.serviceUuids ?? []));
  if (hints.mac !== undefined) result.mac = hints.mac;
  if (hints.rssi !== undefined) result.rssi = hints.rssi;
  return result;
}

/**
 * Manufacturer-data entries as the decoder walks them: each is a company id and a byte range
 * [start, end) of some buffer (the bytes after the company id).
 */
export interface MfrEntries {
  readonly count: number;
  companyId(i: number): number;
  buffer(i: number): Uint8Array;
  start(i: number): number;
  end(i: number): number;
}

class EntryArray implements MfrEntries {
  readonly count: number;
  readonly list: readonly ManufacturerData[];
  constructor(list: readonly ManufacturerData[]) {
    this.list = list;
    this.count = list.length;
  }
  companyId(i: number): number {
    return this.list[i]!.companyId;
  }
  buffer(i: number): Uint8Array {
    return this.list[i]!.data;
  }
  start(): number {
    return 0;
  }
  end(i: number): number {
    return this.list[i]!.data.length;
  }
}

/**
 * The decoder proper. `nameModel`: the model number the local name announces (0 = none);
 * `uuidModel`: the meat-thermometer model a service UUID spells (0 = none).
 */
export function decodeEntries(entries: MfrEntries, nameModel: number, uuidModel: number): DecodeResult {
  if (uuidModel === UNSUPPORTED_H5194 || (uuidModel === 0 && nameModel === UNSUPPORTED_H5194)) {
    return reject('unknown', 'H5194: this 4-probe thermometer\'s advertisement layout is not public, so it cannot be decoded yet; record a capture of it so support can be added', 'H5194');
  }
  // A meat thermometer's UUID spells its model exactly; the name is the fallback (GVPROBE-style names carry none).
  const meat = uuidModel !== 0 ? uuidModel : MEAT_MODELS.has(nameModel) ? nameModel : 0;
  if (meat !== 0) return decodeMeat(meat, entries);

  let best: DecodeReject | undefined;
  let sawPayload = false;
  for (let i = 0; i < entries.count; i++) {
    const companyId = entries.companyId(i);
    if (companyId === COMPANY_APPLE) continue;
    sawPayload = true;
    const b = entries.buffer(i);
    const start = entries.start(i);
    const r = decodeHygrometer(companyId, b, start, trailerEnd(b, start, entries.end(i)), nameModel);
    if (r.ok) return r;
    if (best === undefined || (best.model === undefined && r.model !== undefined)) best = r;
  }
  if (best !== undefined) return best;
  if (!sawPayload && HYGRO_LAYOUT.has(nameModel)) return noPayload(`H${nameModel}`);
  if (nameModel !== 0) return reject('unknown', `Govee H${nameModel} is not a supported model`, `H${nameModel}`);
  if (entries.count === 0) return reject('unknown', 'no manufacturer data, and no Govee name or service UUID');
  if (!sawPayload) return reject('unknown', 'only an Apple/iBeacon (company 0x004c) entry: no sensor payload');
  return reject('unknown', 'no Govee payload');
}

function reject(reason: DecodeReject['reason'], message: string, model?: string): DecodeReject {
  const r: DecodeReject = { ok: false, reason, message };
  if (model !== undefined) r.model = model;
  return r;
}

/** A recognised device heard without its sensor data (e.g. an H5075 advertisement without its scan response). */
function noPayload(model: string): DecodeOk {
  return { ok: true, model, readings: {}, errors: ['no sensor data in this advertisement (H5074/H5075/H5129 send it in the scan response: scan actively)'] };
}

const INTELLI_ROCKS = [0x49, 0x4e, 0x54, 0x45, 0x4c, 0x4c, 0x49, 0x5f, 0x52, 0x4f, 0x43, 0x4b, 0x53];

/**
 * Govee sometimes glues its 25-byte iBeacon (`4c 00 02 15 "INTELLI_ROCKS_HW" …`) onto its own
 * manufacturer data. Rule of govee-ble and ble_monitor: longer than 25 bytes and containing
 * INTELLI_ROCKS → drop the last 25.
 */
export function stripIBeaconTrailer(d: Uint8Array): Uint8Array {
  const end = trailerEnd(d, 0, d.length);
  return end === d.length ? d : d.subarray(0, end);
}

/** End of the payload in b[start, end) once a glued-on iBeacon is dropped. */
function trailerEnd(b: Uint8Array, start: number, end: number): number {
  if (end - start <= 25) return end;
  outer: for (let i = start; i + INTELLI_ROCKS.length <= end; i++) {
    for (let k = 0; k < INTELLI_ROCKS.length; k++) if (b[i + k] !== INTELLI_ROCKS[k]) continue outer;
    return end - 25;
  }
  return end;
}

// ---------------------------------------------------------------------------------------------------
// Thermo-hygrometers and air-quality monitors

function companyHex(c: number): string {
  return `0x${hexByteLower(c >> 8)}${hexByteLower(c)}`;
}

function describeLayouts(model: number): string {
  return (HYGRO_LAYOUT.get(model) ?? []).map(([c, n]) => `company ${companyHex(c)} with ${n} data bytes`).join(' or ');
}

function decodeHygrometer(companyId: number, d: Uint8Array, o: number, end: number, nameModel: number): DecodeResult {
  const n = end - o;
  const layouts = HYGRO_LAYOUT.get(nameModel);
  let model: number;
  if (layouts !== undefined) {
    // The name names a known model: the data must arrive in (one of) that model's layout(s).
    let fits = false;
    for (const [c, len] of layouts) if (c === companyId && len === n) fits = true;
    if (!fits) return reject('malformed', `H${nameModel}: expected ${describeLayouts(nameModel)}, got company ${companyHex(companyId)} with ${n}`, `H${nameModel}`);
    model = nameModel;
  } else if (nameModel !== 0) {
    return reject('unknown', `Govee H${nameModel} is not a supported model`, `H${nameModel}`);
  } else {
    model = modelFromData(companyId, n);
    if (model === -1) {
      return reject('unknown', 'company 0x0001 with 6 data bytes is an H5100-family thermo-hygrometer or an H5106 air monitor, which only the local name tells apart; none was heard');
    }
    if (model === 0) return reject('unknown', `company ${companyHex(companyId)} with ${n} data bytes matches no Govee layout`);
  }
  const out = newOk(nameModel !== 0 ? `H${model}` : defaultLabel(model));
  switch (model) {
    case 5072:
    case 5075:
    case 5129:
      packed24(d, o + 1, d[o + 4]!, out, 'temperature', 'humidity');
      battery(d[o + 4]! & 0x7f, out, 'battery');
      break;
    case 5074:
    case 5051:
    case 5052:
    case 5071:
      centi(d, o + 1, out);
      battery(d[o + 5]!, out, 'battery');
      break;
    case 5179:
      if (companyId === COMPANY_GOVEE_8801) {
        centi(d, o + 4, out);
        battery(d[o + 8]!, out, 'battery');
      } else {
        packed24(d, o + 2, d[o + 5]!, out, 'temperature', 'humidity');
        battery(d[o + 5]! & 0x7f, out, 'battery');
      }
      break;
    case 5100:
    case 5101:
    case 5102:
    case 5103:
    case 5104: // §1.3-3: decoded like its family; see the file header.
    case 5105:
    case 5110:
    case 5174:
    case 5177:
    case 5108:
      packed24(d, o + 2, d[o + 5]!, out, 'temperature', 'humidity');
      battery(d[o + 5]! & 0x7f, out, 'battery');
      break;
    case 5106:
      h5106(d, o, out);
      break;
    case 5112:
      h5112(d, o, out);
      break;
    case 5140:
      h5140(d, o, out);
      break;
    case 5178:
      h5178(d, o, out);
      break;
  }
  return out;
}

/** Model number from company id + length alone; 0 = none, −1 = ambiguous without a name. */
function modelFromData(companyId: number, n: number): number {
  if (companyId === COMPANY_GOVEE_EC88) return n === 6 ? 5075 : n === 7 ? 5074 : n === 9 ? 5051 : 0;
  if (companyId === COMPANY_GOVEE_8801) return n === 9 ? 5179 : 0;
  if (companyId === COMPANY_GOVEE_0001) return n === 6 ? -1 : n === 8 ? 5108 : n === 9 ? 5178 : 0;
  return 0;
}

/** Label when no name said which model: the EC88 6-byte layout is shared by H5072 and H5075. */
function defaultLabel(model: number): string {
  return model === 5075 ? 'H5072/H5075' : `H${model}`;
}

function newOk(model: string): DecodeOk {
  return { ok: true, model, readings: {}, errors: [] };
}

function addNote(out: DecodeOk, note: string): void {
  (out.notes ??= []).push(note);
}

/**
 * Packed 3-byte temperature+humidity at d[i..i+2], big-endian: bit 23 = sign, the rest =
 * temp×10 × 1000 + hum×10. §1.3-1: truncation, not division by 10000 (the low three decimal digits are
 * humidity). Error bit = bit 7 of the model's battery byte; temperatures outside −40…100 °C are errors too.
 * hName null: the sensor measures temperature only, whatever the humidity digits hold.
 */
function packed24(d: Uint8Array, i: number, flagByte: number, out: DecodeOk, tName: string, hName: string | null): void {
  const raw = (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!;
  const v = raw & 0x7fffff;
  const t = Math.trunc(v / 1000) / 10;
  const temp = raw & 0x800000 && t !== 0 ? -t : t;
  if (flagByte & 0x80) {
    out.errors.push(`${tName}: error flag set`);
    if (hName !== null) out.errors.push(`${hName}: error flag set`);
  } else {
    tempHum(temp, (v % 1000) / 10, out, tName, hName);
  }
}

function tempHum(temp: number, hum: number, out: DecodeOk, tName: string, hName: string | null): void {
  if (temp < MIN_TEMP || temp > MAX_TEMP) {
    out.errors.push(`${tName}: out of range (${temp} °C)`);
    if (hName !== null) out.errors.push(`${hName}: discarded with its out-of-range temperature`);
    return;
  }
  out.readings[tName] = temp;
  if (hName === null) return;
  if (hum > 100) out.errors.push(`${hName}: out of range (${hum} %)`);
  else out.readings[hName] = hum;
}

/** int16 LE temperature /100 then uint16 LE humidity /100 at d[i..i+3] (H5074, H5051/52/71, old H5179). */
function centi(d: Uint8Array, i: number, out: DecodeOk): void {
  const t = ((d[i]! | (d[i + 1]! << 8)) << 16) >> 16;
  const h = d[i + 2]! | (d[i + 3]! << 8);
  tempHum(t / 100, h / 100, out, 'temperature', 'humidity');
}

function battery(pct: number, out: DecodeOk, name: 'battery' | 'remote_battery'): void {
  if (pct > 100) {
    out.errors.push(`${name}: out of range (${pct} %)`);
    return;
  }
  out.readings[name] = pct;
  if (name === 'battery') out.battery = pct;
}

/** H5106: 4-byte BE value = temp×10 × 1e6 + hum×10 × 1e3 + PM2.5; top bit = sign (§1.3-4). No battery. */
function h5106(d: Uint8Array, o: number, out: DecodeOk): void {
  const raw = ((d[o + 2]! << 24) | (d[o + 3]! << 16) | (d[o + 4]! << 8) | d[o + 5]!) >>> 0;
  const v = raw & 0x7fffffff;
  const t = Math.trunc(v / 1_000_000) / 10;
  const temp = raw & 0x80000000 && t !== 0 ? -t : t;
  const hum = Math.trunc((v % 1_000_000) / 1000) / 10;
  tempHum(temp, hum, out, 'temperature', 'humidity');
  out.readings.pm25 = v % 1000;
}

/** H5112: data[7] says which probe this packet carries: 0x41 probe 1 (temp + humidity), 0x82 probe 2 (temp only). */
function h5112(d: Uint8Array, o: number, out: DecodeOk): void {
  const probeId = d[o + 7]!;
  if (probeId === 0x41) packed24(d, o + 2, d[o + 5]!, out, 'probe1', 'probe1_humidity');
  else if (probeId === 0x82) packed24(d, o + 2, d[o + 5]!, out, 'probe2', null);
  else out.errors.push(`probe id 0x${hexByteLower(probeId)} is unknown (0x41 = probe 1, 0x82 = probe 2): values ignored`);
  battery(d[o + 5]! & 0x7f, out, 'battery');
}

/** H5140: packed24 + CO₂ uint16 BE ppm; data[7] ≠ 0 flags all three as errors. No battery. */
function h5140(d: Uint8Array, o: number, out: DecodeOk): void {
  if (d[o + 7] !== 0) {
    out.errors.push('temperature: error flag set', 'humidity: error flag set', 'co2: error flag set');
    return;
  }
  packed24(d, o + 2, 0, out, 'temperature', 'humidity');
  out.readings.co2 = (d[o + 5]! << 8) | d[o + 6]!;
}

/** H5178: data[2] = sensor (0 the unit itself, 1 its remote sensor); packed24 at 3; battery data[6]. */
function h5178(d: Uint8Array, o: number, out: DecodeOk): void {
  const sensor = d[o + 2]!;
  if (sensor === 0) {
    packed24(d, o + 3, d[o + 6]!, out, 'temperature', 'humidity');
    battery(d[o + 6]! & 0x7f, out, 'battery');
  } else if (sensor === 1) {
    // The remote's own battery cannot go on the device (it holds one battery): it is a reading.
    packed24(d, o + 3, d[o + 6]!, out, 'remote_temperature', 'remote_humidity');
    battery(d[o + 6]! & 0x7f, out, 'remote_battery');
  } else out.errors.push(`sensor id ${sensor} is unknown (0 = main unit, 1 = remote): values ignored`);
}

// ---------------------------------------------------------------------------------------------------
// Meat thermometers

/** Bytes each meat layout reads (nominal lengths: H5181/83 14, H5182/84 17, H5185/91/98 20, H5055 20). */
const MEAT_MIN_LENGTH: Readonly<Record<number, number>> = { 5055: 18, 5181: 12, 5183: 12, 5182: 17, 5184: 17, 5185: 18, 5191: 16, 5198: 20 };

const NO_VALUE = -1; // 0xFFFF read as int16: no probe / alarm not set

function decodeMeat(model: number, entries: MfrEntries): DecodeResult {
  const label = `H${model}`;
  const need = MEAT_MIN_LENGTH[model]!;
  let d: Uint8Array | undefined;
  let o = 0;
  let shortLength = -1;
  for (let i = 0; i < entries.count; i++) {
    const b = entries.buffer(i);
    const start = entries.start(i);
    // The "company id" is two MAC octets and may happen to be 0x004c: only skip a real iBeacon (02 15 …).
    if (entries.companyId(i) === COMPANY_APPLE && b[start] === 0x02 && b[start + 1] === 0x15) continue;
    const n = trailerEnd(b, start, entries.end(i)) - start;
    if (n >= need) {
      d = b;
      o = start;
      break;
    }
    if (shortLength < 0) shortLength = n;
  }
  if (d === undefined) {
    if (shortLength >= 0) return reject('malformed', `${label}: manufacturer data is ${shortLength} bytes, its layout needs ${need}`, label);
    return { ok: true, model: label, readings: {}, errors: ['no sensor data in this advertisement'] };
  }
  const out = newOk(label);
  switch (model) {
    case 5055:
      h5055(d, o, out);
      break;
    case 5181:
    case 5183:
      probe(out, 1, be16(d, o + 8), be16(d, o + 10));
      break;
    case 5182:
      probe(out, 1, be16(d, o + 8), be16(d, o + 10));
      probe(out, 2, be16(d, o + 13), be16(d, o + 15));
      break;
    case 5184: {
      const first = pairSelector(d[o + 6]!);
      if (first === 0) out.errors.push(`probe pair selector 0x${hexByteLower(d[o + 6]!)} is unknown: values ignored`);
      else {
        probe(out, first, be16(d, o + 8), be16(d, o + 10));
        probe(out, first + 1, be16(d, o + 13), be16(d, o + 15));
      }
      break;
    }
    case 5185:
      probe(out, 1, be16(d, o + 8), be16(d, o + 10));
      probe(out, 2, be16(d, o + 14), be16(d, o + 16));
      break;
    case 5191: {
      probe(out, 1, be16(d, o + 8), be16(d, o + 10));
      const ambient = be16(d, o + 14);
      if (ambient !== NO_VALUE) out.readings.temperature = ambient / 100;
      break;
    }
    case 5198: {
      const first = pairSelector(d[o + 6]!);
      if (first === 0) out.errors.push(`probe pair selector 0x${hexByteLower(d[o + 6]!)} is unknown: values ignored`);
      else {
        probe(out, first, be16(d, o + 8), be16(d, o + 10), be16(d, o + 12));
        probe(out, first + 1, be16(d, o + 14), be16(d, o + 16), be16(d, o + 18));
      }
      break;
    }
  }
  return out;
}

function be16(d: Uint8Array, i: number): number {
  return ((d[i]! << 24) | (d[i + 1]! << 16)) >> 16;
}

function le16(d: Uint8Array, i: number): number {
  return ((d[i]! | (d[i + 1]! << 8)) << 16) >> 16;
}

/** H5184/H5198: data[6] & 0x3f picks the pair (1 → probes 1+2, 2 → 3+4); the top two bits are flags. */
function pairSelector(b: number): number {
  const low = b & 0x3f;
  return low === 1 ? 1 : low === 2 ? 3 : 0;
}

const PROBE = ['', 'probe1', 'probe2', 'probe3', 'probe4', 'probe5', 'probe6'];
const SETPOINT = ['', 'setpoint1', 'setpoint2', 'setpoint3', 'setpoint4', 'setpoint5', 'setpoint6'];
const SETPOINT_LOW = ['', 'setpoint1_low', 'setpoint2_low', 'setpoint3_low', 'setpoint4_low', 'setpoint5_low', 'setpoint6_low'];

/**
 * One probe in hundredths of °C. 0xFFFF = no probe; any other value (negative too: a probe in a freezer)
 * is a reading. A probe's setpoints are only reported while the probe is plugged in: an empty slot's
 * alarm limits describe nothing, and "all probes unplugged" must give empty readings.
 */
function probe(out: DecodeOk, n: number, value: number, high: number, low: number = NO_VALUE): void {
  if (value === NO_VALUE) return;
  out.readings[PROBE[n]!] = value / 100;
  if (high !== NO_VALUE) out.readings[SETPOINT[n]!] = high / 100;
  if (low !== NO_VALUE) out.readings[SETPOINT_LOW[n]!] = low / 100;
}

/** H5055 presence bits per pair (govee-ble): pair 1/2 → 0x01/0x02, 3/4 → 0x04/0x08, 5/6 → 0x10/0x20. */
function h5055(d: Uint8Array, o: number, out: DecodeOk): void {
  const sel = d[o + 3]!;
  const pair = sel & 0xc0;
  if (pair === 0xc0) {
    out.errors.push(`probe selector 0x${hexByteLower(sel)} names no probe pair: probe values ignored`);
    battery(d[o + 2]! & 0x7f, out, 'battery');
    return;
  }
  const first = pair === 0x00 ? 1 : pair === 0x40 ? 3 : 5;
  const bitA = pair === 0x00 ? 0x01 : pair === 0x40 ? 0x04 : 0x10;
  // Little-endian whole °C: temp, min alarm, max alarm; pad byte; the same for the second probe.
  h5055Probe(out, first, le16(d, o + 5), le16(d, o + 7), le16(d, o + 9), (sel & bitA) !== 0);
  h5055Probe(out, first + 1, le16(d, o + 12), le16(d, o + 14), le16(d, o + 16), (sel & (bitA << 1)) !== 0);
  battery(d[o + 2]! & 0x7f, out, 'battery');
}

function h5055Probe(out: DecodeOk, n: number, value: number, min: number, max: number, presenceBit: boolean): void {
  // §1.3-2: the value decides (Theengs' rule, which matches T4/T16); a disagreeing bit is only noted.
  if (value !== NO_VALUE && !presenceBit) addNote(out, `${PROBE[n]}: reported although its presence bit is clear`);
  if (value === NO_VALUE && presenceBit) addNote(out, `${PROBE[n]}: presence bit set but no value (0xFFFF)`);
  if (value === NO_VALUE) return;
  out.readings[PROBE[n]!] = value;
  if (max !== NO_VALUE) out.readings[SETPOINT[n]!] = max;
  if (min !== NO_VALUE) out.readings[SETPOINT_LOW[n]!] = min;
}
