// A decode → the core's ingest types (native/ingest.ts). Pure.
import { normalizeMac } from './advertisement.ts';
import { kindOfModel } from './govee-models.ts';
import type { DeviceSighting, Sample } from '../ingest.ts';
import { unitFor, type DecodeOk } from './result.ts';

/** `ble:AA:BB:CC:DD:EE:FF`: one id per sensor whether a local scan or an MQTT gateway heard it. */
export function bleDeviceId(mac: string): string {
  const m = normalizeMac(mac);
  if (m === undefined) throw new RangeError(`not a MAC address: ${JSON.stringify(mac)}`);
  return `ble:${m}`;
}

/**
 * The sighting for a decoded advertisement. `mac` in any common spelling (colons, dashes, none; any
 * case); throws RangeError if it is not a MAC. Battery comes from the decode (absent when the model or
 * this packet does not carry it, so a known battery is not overwritten); RSSI from the argument, else
 * the decode.
 */
export function sightingFor(mac: string, result: DecodeOk, rssi?: number): DeviceSighting {
  const s: DeviceSighting = { id: bleDeviceId(mac), kind: kindOfModel(result.model), model: result.model, source: 'ble' };
  const r = rssi ?? result.rssi;
  if (r !== undefined) s.rssi = r;
  if (result.battery !== undefined) s.battery = result.battery;
  return s;
}

/**
 * One sample per reading. `battery` is NOT a sample: it travels on the sighting (the device row keeps
 * it and the Devices page shows it), and a battery series per sensor every few seconds would only
 * duplicate that. `remote_battery` (H5178's second sensor) has no place on the device, so it is a sample.
 */
export function samplesFor(result: DecodeOk, ts: number): Sample[] {
  const out: Sample[] = [];
  for (const metric in result.readings) {
    if (metric === 'battery') continue;
    out.push({ metric, unit: unitFor(metric), value: result.readings[metric]!, ts });
  }
  return out;
}
