import type { DeviceSighting, NameRecord, Sample } from '../../../native/ingest.ts';
import { ignored, rejected, type MapContext, type MapResult, type Mapper } from './mapper.ts';
import { isRecord, own, parseJsonObjectPayload, payloadText, shortString, toFiniteNumber } from './payload.ts';

/**
 * govee2mqtt (wez/govee2mqtt, read at 6f5a8449, 2026-04-12) — Govee cloud/LAN bridge publishing
 * Home-Assistant-style topics:
 *   gv2mqtt/sensor/sensor-<id>-sensortemperature/state   "22.50"  (src/hass_mqtt/sensor.rs CapabilitySensor:
 *   gv2mqtt/sensor/sensor-<id>-sensorhumidity/state      "45.10"   plain text `{value:.2}`, "" when unknown;
 *                                                                   temperature in the bridge's scale, default C)
 *   gv2mqtt/sensor/sensor-<id>-gv2mqtt-status/state      "Available" | "Missing" | "Unknown" (DeviceStatusDiagnostic)
 *   gv2mqtt/sensor/sensor-<id>-<other property>/state    JSON of the capability state
 *   gv2mqtt/sensor/global-<name>/state                   bridge diagnostics
 *   gv2mqtt/availability                                 "online" / "offline" (last will)
 *   gv2mqtt/light|switch|number|humidifier/…             controls — not readings
 *   <discovery prefix>/sensor/<unique_id>/config         HA discovery JSON (retained): device.model = SKU,
 *                                                        device.name, suggested_area, unit_of_measurement
 * `<id>` is topic_safe_id (src/service/hass.rs): the Govee device id ("52:8B:D4:AD:FC:45:5D:FE") with
 * ':' and ' ' removed; `<inst>` is the capability instance lower-cased.
 *
 * Identity: the Govee device id, `govee:52:8B:D4:AD:FC:45:5D:FE`. The topics carry nothing else: the
 * BLE MAC never appears, and although the last six bytes of some ids look like a Govee MAC, in others
 * they do not (the snapshots in govee2mqtt's tests have both), so guessing would merge the wrong devices.
 * A sensor also heard directly over BLE stays a second device until someone merges the two.
 */

export interface Govee2MqttOptions {
  /** The bridge's temperature scale (its --temperature-scale / GOVEE_TEMPERATURE_SCALE, default C) — used until discovery tells. */
  temperatureScale?: 'C' | 'F';
  /** Home Assistant discovery prefix to learn SKU, name and unit from; null to not subscribe. Default 'homeassistant'. */
  discoveryPrefix?: string | null;
}

interface Learned {
  model?: string;
  name?: string;
  room?: string;
  fahrenheit?: boolean;
}

/** Discovery configs remembered at most (one per sensor entity): hostile input cannot grow memory without bound. */
const maxLearned = 4096;

const metricFor: Readonly<Record<string, { metric: string; unit: string }>> = {
  sensortemperature: { metric: 'temperature', unit: '°C' },
  sensorhumidity: { metric: 'humidity', unit: '%' },
};

export function goveeDeviceId(topicSafeId: string): string | undefined {
  if (/^[0-9A-Fa-f]{16}$/.test(topicSafeId)) return `govee:${topicSafeId.toUpperCase().replace(/(..)(?!$)/g, '$1:')}`;
  if (/^[A-Za-z0-9_.]{1,64}$/.test(topicSafeId)) return `govee:${topicSafeId}`;
  return undefined;
}

/** 'sensor-528BD4ADFC455DFE-sensortemperature' → { id, instance }. */
function splitUniqueId(uid: string): { id: string; instance: string } | undefined {
  if (!uid.startsWith('sensor-')) return undefined;
  const dash = uid.indexOf('-', 7);
  if (dash <= 7 || dash === uid.length - 1) return undefined;
  return { id: uid.slice(7, dash), instance: uid.slice(dash + 1) };
}

export function createGovee2MqttMapper(options: Govee2MqttOptions = {}): Mapper {
  const defaultFahrenheit = options.temperatureScale === 'F';
  const prefix = options.discoveryPrefix === undefined ? 'homeassistant' : options.discoveryPrefix;
  const learned = new Map<string, Learned>();
  const topics = ['gv2mqtt/#'];
  if (prefix) topics.push(`${prefix}/sensor/+/config`);

  const learn = (uid: string, payload: Uint8Array): MapResult => {
    if (payload.byteLength === 0) return ignored('discovery config removed');
    const parsed = parseJsonObjectPayload(payload);
    if (!parsed.ok) return ignored('discovery config of another integration');
    const cfg = parsed.value;
    const origin = own(cfg, 'origin');
    if (!isRecord(origin) || own(origin, 'name') !== 'gv2mqtt') return ignored('discovery config of another integration');
    const parts = splitUniqueId(uid);
    if (!parts) return ignored('govee2mqtt discovery config (not a sensor)');
    const device = own(cfg, 'device');
    const entry: Learned = learned.get(parts.id) ?? {};
    if (isRecord(device)) {
      const model = shortString(own(device, 'model'), 64);
      const name = shortString(own(device, 'name'), 64);
      const room = shortString(own(device, 'suggested_area'), 64);
      if (model) entry.model = model;
      if (name) entry.name = name;
      if (room) entry.room = room;
    }
    if (parts.instance === 'sensortemperature') {
      const unit = own(cfg, 'unit_of_measurement');
      if (unit === '°F') entry.fahrenheit = true;
      else if (unit === '°C') entry.fahrenheit = false;
    }
    if (!learned.has(parts.id) && learned.size >= maxLearned) return ignored('govee2mqtt discovery config (too many devices to remember)');
    learned.set(parts.id, entry);
    return ignored('govee2mqtt discovery config (model and name learned)');
  };

  const map = (topic: string, payload: Uint8Array, ctx: MapContext): MapResult => {
    if (typeof topic !== 'string') return rejected('topic is not a string');
    const levels = topic.split('/');
    if (prefix && levels.length === 4 && levels[0] === prefix && levels[1] === 'sensor' && levels[3] === 'config') return learn(levels[2]!, payload);
    if (levels[0] !== 'gv2mqtt') return ignored('not a govee2mqtt topic');
    if (topic === 'gv2mqtt/availability') return ignored('bridge availability');
    if (levels[1] !== 'sensor' || levels.length !== 4) return ignored('not a govee2mqtt sensor topic');
    const uid = levels[2]!;
    if (levels[3] === 'attributes') return ignored('status attributes');
    if (levels[3] !== 'state') return ignored('not a state topic');
    if (uid.startsWith('global-')) return ignored('bridge diagnostic');
    const parts = splitUniqueId(uid);
    if (!parts) return rejected(`unexpected sensor id '${uid.slice(0, 80)}'`);
    if (parts.instance === 'gv2mqtt-status') return ignored('device status (Available/Missing)');
    const m = metricFor[parts.instance];
    if (!m) return ignored(`property ${parts.instance.slice(0, 40)} is not a reading we keep`);
    const id = goveeDeviceId(parts.id);
    if (!id) return rejected(`unexpected Govee device id '${parts.id.slice(0, 80)}'`);
    if (payload.byteLength > 64) return rejected('sensor state is not a number');
    const text = payloadText(payload).trim();
    if (text.length === 0) return ignored('sensor has no value yet');
    let value = toFiniteNumber(text);
    if (value === undefined) return rejected(`sensor state '${text.slice(0, 20)}' is not a number`);
    const info = learned.get(parts.id);
    if (m.metric === 'temperature' && (info?.fahrenheit ?? defaultFahrenheit)) value = Math.round(((value - 32) / 1.8) * 100) / 100;
    if (!Number.isFinite(value)) return rejected('sensor state is out of range');

    const sample: Sample = { metric: m.metric, unit: m.unit, value, ts: ctx.now };
    const sighting: DeviceSighting = { id, kind: 'thermo-hygrometer', model: info?.model ?? 'Govee', source: 'mqtt' };
    const item: { sighting: DeviceSighting; samples: Sample[]; name?: NameRecord } = { sighting, samples: [sample] };
    if (info?.name || info?.room) {
      const name: NameRecord = {};
      if (info.name) name.name = info.name;
      if (info.room) name.room = info.room;
      item.name = name;
    }
    return { kind: 'readings', items: [item] };
  };

  return { id: 'govee2mqtt', label: 'govee2mqtt (Govee cloud/LAN bridge)', topics, map };
}
