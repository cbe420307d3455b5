import type { DeviceSighting, Sample } from '../../../native/ingest.ts';
import { ignored, rejected, type MapContext, type MapResult, type MappedReading, type Mapper } from './mapper.ts';
import { kindFor, sensorUnits, unitFor } from './metrics.ts';
import { isRecord, own, parseJsonObjectPayload, shortString, toFiniteNumber } from './payload.ts';

/**
 * OpenMQTTGateway / Theengs Gateway BLE messages (PROTOCOLS.md §1.6):
 *   topic   home/<gateway>/BTtoMQTT/<MAC without colons>   (Theengs: publish_topic + "/" + mac)
 *           home/<gateway>/BTtoMQTT/undecoded               (OMG external-decoder mode: raw adverts)
 *           <gateway>/BTtoMQTT/…                            (gateways configured without the home/ prefix)
 *   payload {"id":"AA:BB:…","rssi":-70,"name":"GVH5075_1234","brand":"Govee","model_id":"H5072/75",
 *            "tempc":26.8,"hum":52.6,"batt":100}            decoded (numbers, or strings on old OMG)
 *           {"id":…,"rssi":…,"name":…,"manufacturerdata":"88ec000418ee6400"}   undecoded
 * Decoded fields win; otherwise the raw manufacturer/service data goes through our own BLE decoder
 * (injected: it lives in native/ble/). The device is keyed by its MAC exactly as the direct scanner keys
 * it (`ble:A4:C1:38:…`), so one sensor heard directly and through two gateways is one device; the
 * gateway is "heard via" with its own RSSI.
 */

export interface BleDecodeInput {
  mac: string;
  name?: string;
  manufacturerDataHex?: string;
  serviceDataHex?: string;
  serviceDataUuid?: string;
  rssi?: number;
}

export interface BleDecodeOutput {
  model: string;
  readings: Record<string, number>;
  errors: string[];
  battery?: number;
}

/** Our BLE decoder (native/ble/), injected so this mapper stays testable and independent of it. Null = not a device we know. */
export type DecodeBle = (input: BleDecodeInput) => BleDecodeOutput | null;

export interface OmgTheengsOptions {
  decodeBle: DecodeBle;
  /**
   * Accept decoded readings from any brand (SwitchBot, Xiaomi, BlueMaestro…). Default false: only Govee
   * (and brand-less old-OMG messages) — a gateway hears every BLE thing at a venue, and the neighbours'
   * sensors should not fill the device list.
   */
  allBrands?: boolean;
  /** The BLE decoders' model → kind rule, so a sensor gets the same kind whichever way it was heard. Default: from its metrics. */
  kindOfModel?: (model: string) => DeviceSighting['kind'];
}

/**
 * Decoded property → our metric. tempcN are the probes of BBQ thermometers. `battery` is not kept as a
 * sample: like the direct scanner (native/ble/sighting.ts samplesFor) it travels on the sighting, so
 * a sensor looks the same whichever way it was heard.
 */
const decodedFields: ReadonlyArray<readonly [field: string, metric: string, fahrenheitFallback?: string]> = [
  ['tempc', 'temperature', 'tempf'],
  ['hum', 'humidity'],
  ['batt', 'battery'],
  ['pm25', 'pm25'],
  ['co2', 'co2'],
  ['tempc1', 'probe1', 'tempf1'],
  ['tempc2', 'probe2', 'tempf2'],
  ['tempc3', 'probe3', 'tempf3'],
  ['tempc4', 'probe4', 'tempf4'],
  ['tempc5', 'probe5', 'tempf5'],
  ['tempc6', 'probe6', 'tempf6'],
];

// Any number of hex digits: Theengs reads by nibble index and its own published vectors carry a stray
// trailing digit (PROTOCOLS.md T2/T4); the decoder decides what to make of it.
const hex = /^[0-9a-fA-F]*$/;
const macTopicLevel = /^[0-9A-Fa-f]{12}$/;

/** 'a4c138dddbf8', 'A4:C1:38:DD:DB:F8', 'a4-c1-…' → 'A4:C1:38:DD:DB:F8'; anything else → undefined. */
export function normalizeMac(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  let digits: string;
  if (/^[0-9A-Fa-f]{12}$/.test(s)) digits = s;
  else if (/^[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}$/.test(s)) digits = s.replace(/[:-]/g, '');
  else return undefined;
  const up = digits.toUpperCase();
  return `${up.slice(0, 2)}:${up.slice(2, 4)}:${up.slice(4, 6)}:${up.slice(6, 8)}:${up.slice(8, 10)}:${up.slice(10, 12)}`;
}

/** The id the direct BLE scanner gives the same sensor. */
export function bleDeviceId(mac: string): string {
  return `ble:${mac}`;
}

/** 'GVH5075_DBF8' / 'Govee_H5074_1234' / 'GV5179_1767' / 'B5178C545' → 'H5075' …; undefined when not a Govee name. */
export function goveeModelFromName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const m = /^(?:GVH|Govee_H|GV|B)(5\d{3})/.exec(name);
  return m ? `H${m[1]}` : undefined;
}

export function createOmgTheengsMapper(options: OmgTheengsOptions): Mapper {
  const allBrands = options.allBrands === true;
  return {
    id: 'omg-theengs',
    label: 'OpenMQTTGateway / Theengs Gateway (BLE)',
    topics: ['home/+/BTtoMQTT/#', '+/BTtoMQTT/#'],
    map: (topic, payload, ctx) => mapOmg(topic, payload, ctx, options.decodeBle, allBrands, options.kindOfModel),
  };
}

function mapOmg(
  topic: string,
  payload: Uint8Array,
  ctx: MapContext,
  decodeBle: DecodeBle,
  allBrands: boolean,
  kindOfModel: ((model: string) => DeviceSighting['kind']) | undefined,
): MapResult {
  const kindOf = (model: string, samples: readonly Sample[]): DeviceSighting['kind'] => {
    if (kindOfModel) {
      try {
        return kindOfModel(model);
      } catch {
        /* an injected rule that throws: fall back to the metrics */
      }
    }
    return kindFor(samples);
  };
  if (typeof topic !== 'string') return rejected('topic is not a string');
  const levels = topic.split('/');
  const bt = levels.indexOf('BTtoMQTT');
  if (bt < 0) {
    const last = levels[levels.length - 1];
    if (last === 'LWT' || last === 'presence') return ignored(`gateway ${last} message`);
    return ignored('not a BTtoMQTT topic');
  }
  // home/<gw>/BTtoMQTT/… or <gw>/BTtoMQTT/…: the gateway is the level just before BTtoMQTT.
  if (bt === 0 || bt > 2 || (bt === 2 && levels[0] !== 'home')) return ignored('not a gateway BTtoMQTT topic');
  const gatewayId = levels[bt - 1]!;
  if (gatewayId.length === 0) return rejected('topic has no gateway name');
  const rest = levels.slice(bt + 1);
  if (rest.length > 1) return ignored(`BTtoMQTT sub-topic ${rest.join("/").slice(0, 80)}`);
  const suffix = rest[0];
  const undecodedTopic = suffix === 'undecoded';
  // A suffix that is not a MAC (a Theengs Gateway on macOS publishes under the peripheral's UUID) is still
  // read: the payload id may hold the MAC; if not, the reject says why the device cannot be keyed.
  const topicMac = suffix !== undefined && !undecodedTopic && macTopicLevel.test(suffix) ? suffix : undefined;

  if (payload.byteLength === 0) return ignored('empty payload (a cleared retained message)');
  const parsed = parseJsonObjectPayload(payload);
  if (!parsed.ok) return rejected(parsed.reason);
  const msg = parsed.value;

  const modelId = shortString(own(msg, 'model_id'), 64);
  if (modelId === 'IBEACON') return ignored('iBeacon advertisement (Govee sends one beside its data)');
  const brand = shortString(own(msg, 'brand'), 64);
  if (brand !== undefined && brand !== 'Govee' && !allBrands) return ignored(`not a Govee device (${brand})`);

  const mac = normalizeMac(own(msg, 'id')) ?? (topicMac !== undefined ? normalizeMac(topicMac) : undefined);
  if (!mac) return rejected('no 48-bit MAC in the payload id or the topic (a gateway on macOS reports UUIDs, which cannot be matched to a sensor)');
  const rssiRaw = toFiniteNumber(own(msg, 'rssi'));
  const rssi = rssiRaw !== undefined && rssiRaw >= -150 && rssiRaw <= 20 ? rssiRaw : undefined;
  const name = shortString(own(msg, 'name'), 64);

  const samples: Sample[] = [];
  let battery: number | undefined;
  for (const [field, metric, fahrenheit] of decodedFields) {
    let v = toFiniteNumber(own(msg, field));
    if (v === undefined && fahrenheit) {
      const f = toFiniteNumber(own(msg, fahrenheit));
      if (f !== undefined) v = Math.round(((f - 32) / 1.8) * 100) / 100;
    }
    if (v === undefined || !Number.isFinite(v)) continue;
    if (metric === 'battery') battery = v;
    else samples.push({ metric, unit: sensorUnits[metric]!, value: v, ts: ctx.now });
  }

  if (samples.length > 0 || battery !== undefined) {
    const model = (brand === 'Govee' || brand === undefined ? goveeModelFromName(name) : undefined) ?? modelId ?? shortString(own(msg, 'model'), 64) ?? 'BLE sensor';
    return { kind: 'readings', items: [reading(mac, model, kindOf(model, samples), samples, battery, name, gatewayId, rssi)] };
  }

  // No decoded measurements: the raw advertisement through our own decoder.
  const mfr = own(msg, 'manufacturerdata');
  const svc = own(msg, 'servicedata');
  if (mfr === undefined && svc === undefined) return ignored(modelId ? `${modelId} message without measurements` : 'no measurements and no advertisement data');
  if (mfr !== undefined && (typeof mfr !== 'string' || !hex.test(mfr))) return rejected('manufacturerdata is not a hex string');
  if (svc !== undefined && (typeof svc !== 'string' || !hex.test(svc))) return rejected('servicedata is not a hex string');
  const input: BleDecodeInput = { mac };
  if (name !== undefined) input.name = name;
  if (typeof mfr === 'string' && mfr.length > 0) input.manufacturerDataHex = mfr.toLowerCase();
  if (typeof svc === 'string' && svc.length > 0) input.serviceDataHex = svc.toLowerCase();
  const uuid = shortString(own(msg, 'servicedatauuid'), 40);
  if (uuid !== undefined) input.serviceDataUuid = uuid.toLowerCase();
  if (rssi !== undefined) input.rssi = rssi;
  if (input.manufacturerDataHex === undefined && input.serviceDataHex === undefined) return ignored('empty advertisement data');

  let decoded: BleDecodeOutput | null;
  try {
    decoded = decodeBle(input);
  } catch (err) {
    return rejected(`BLE decoder failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Not a sensor we know (a phone, a beacon, someone else's gadget): expected at any venue, not an error.
  if (decoded === null || decoded === undefined) return ignored('not a known BLE sensor');
  const decodedSamples: Sample[] = [];
  const readings = isRecord(decoded.readings) ? decoded.readings : {};
  let decodedBattery = typeof decoded.battery === 'number' && Number.isFinite(decoded.battery) ? decoded.battery : undefined;
  for (const metric of Object.keys(readings)) {
    const v = readings[metric];
    const unit = unitFor(metric);
    if (typeof v !== 'number' || !Number.isFinite(v) || unit === undefined) continue;
    if (metric === 'battery') decodedBattery ??= v;
    else decodedSamples.push({ metric, unit, value: v, ts: ctx.now });
  }
  const errors = Array.isArray(decoded.errors) ? decoded.errors.filter((e) => typeof e === 'string') : [];
  if (decodedSamples.length === 0 && decodedBattery === undefined && errors.length > 0) return rejected(`BLE decoder: ${errors.join('; ')}`);
  const model = shortString(decoded.model, 64) ?? goveeModelFromName(name) ?? 'BLE sensor';
  // No samples and no errors: a known sensor with nothing to report this time (a BBQ probe unplugged) — still a sighting.
  return { kind: 'readings', items: [reading(mac, model, kindOf(model, decodedSamples), decodedSamples, decodedBattery, name, gatewayId, rssi)] };
}

function reading(
  mac: string,
  model: string,
  kind: DeviceSighting['kind'],
  samples: Sample[],
  battery: number | undefined,
  name: string | undefined,
  gatewayId: string,
  rssi: number | undefined,
): MappedReading {
  const sighting: DeviceSighting = { id: bleDeviceId(mac), kind, model, source: 'ble' };
  // Only what this message knows: an absent RSSI/battery must not erase the registry's last one.
  if (rssi !== undefined) sighting.rssi = rssi;
  if (battery !== undefined) sighting.battery = battery;
  const item: MappedReading = {
    sighting,
    samples,
    via: rssi === undefined ? { gatewayId } : { gatewayId, rssi },
  };
  if (name !== undefined) item.name = { name };
  return item;
}
