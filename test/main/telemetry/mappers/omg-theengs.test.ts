import { describe, expect, it, vi } from 'vitest';
import { createOmgTheengsMapper, type BleDecodeInput, type BleDecodeOutput } from '../../../../main/telemetry/mappers/omg-theengs.ts';
import { decodeGatewayBle, gatewayKindOfModel } from '../../../../main/telemetry/mappers/ble-decoder.ts';
import { unitFor } from '../../../../main/telemetry/mappers/metrics.ts';
import { BLE_UNITS } from '../../../../native/ble/result.ts';
import { bleDeviceId as scannerDeviceId } from '../../../../native/ble/sighting.ts';
import { bleDeviceId, normalizeMac } from '../../../../main/telemetry/mappers/omg-theengs.ts';
import { ctx, enc, json, readingsOf, units, values } from './helpers.ts';

/**
 * A stand-in decoder that knows exactly the captures of PROTOCOLS.md §1.5.4, with the values worked
 * out by hand there — so these tests check the mapper, not the decoder.
 */
function fakeDecoder() {
  const known: Record<string, BleDecodeOutput> = {
    '0100010103787664': { model: 'H5105', readings: { temperature: 22.7, humidity: 44.6, battery: 100 }, errors: [], battery: 100 }, // theengs/gateway#247
    '0100010103e5c664': { model: 'H5179', readings: { temperature: 25.5, humidity: 43.0, battery: 100 }, errors: [], battery: 100 }, // theengs/gateway#309
    '88ec00034e103b00': { model: 'H5075', readings: { temperature: 21.6, humidity: 59.2, battery: 59 }, errors: [], battery: 59 }, // HA core#81335
    '88ec00ffff': { model: 'H5075', readings: {}, errors: ['wrong length for H5075'] },
  };
  return vi.fn((input: BleDecodeInput): BleDecodeOutput | null => (input.manufacturerDataHex ? (known[input.manufacturerDataHex] ?? null) : null));
}

describe('OpenMQTTGateway / Theengs mapper', () => {
  it('subscribes to both gateway topic forms', () => {
    expect(createOmgTheengsMapper({ decodeBle: fakeDecoder() }).topics).toEqual(['home/+/BTtoMQTT/#', '+/BTtoMQTT/#']);
  });

  it('maps the T5-derived Theengs Gateway message (decoded fields, §1.6) without calling the decoder', () => {
    const decodeBle = fakeDecoder();
    const m = createOmgTheengsMapper({ decodeBle });
    const payload = { name: 'GVH5075_1234', id: 'A4:C1:38:DD:DB:F8', rssi: -70, brand: 'Govee', model: 'Thermo-Hygrometer', model_id: 'H5072/75', type: 'THB', tempc: 26.8, tempf: 80.24, hum: 52.6, batt: 100 };
    const [item, ...more] = readingsOf(m.map('home/TheengsGateway/BTtoMQTT/A4C138DDDBF8', json(payload), ctx(1000)));
    expect(more).toEqual([]);
    expect(item!.sighting).toEqual({ id: 'ble:A4:C1:38:DD:DB:F8', kind: 'thermo-hygrometer', model: 'H5075', source: 'ble', rssi: -70, battery: 100 });
    expect(values(item!)).toEqual({ temperature: 26.8, humidity: 52.6 });
    expect(units(item!)).toEqual({ temperature: '°C', humidity: '%' });
    expect(item!.samples.every((s) => s.ts === 1000)).toBe(true);
    expect(item!.via).toEqual({ gatewayId: 'TheengsGateway', rssi: -70 });
    expect(item!.name).toEqual({ name: 'GVH5075_1234' });
    expect(decodeBle).not.toHaveBeenCalled();
  });

  it('reads old OpenMQTTGateway string values and takes the MAC from the topic (ble.md example)', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    const [item] = readingsOf(m.map('home/OpenMQTTGateway/BTtoMQTT/4C33A6603C79', enc('{"hum":"52.6","tempc":"19.2","tempf":"66.56"}'), ctx()));
    expect(item!.sighting.id).toBe('ble:4C:33:A6:60:3C:79');
    expect(values(item!)).toEqual({ temperature: 19.2, humidity: 52.6 });
    expect(item!.via).toEqual({ gatewayId: 'OpenMQTTGateway' });
    expect(item!.sighting.rssi).toBeUndefined();
  });

  it('ignores other brands by default and maps them when asked (OMG issue #1288 SwitchBot example)', () => {
    const payload = enc('{"id":"C6:C7:52:66:3C:BF","mac_type":1,"rssi":-23,"brand":"SwitchBot","model":"Meter (Plus)","model_id":"THX1/W230150X","tempc":17.6,"tempf":63.68,"hum":63,"batt":100}');
    const topic = 'home/OMG_lab/BTtoMQTT/C6C752663CBF';
    const strict = createOmgTheengsMapper({ decodeBle: fakeDecoder() }).map(topic, payload, ctx());
    expect(strict).toEqual({ kind: 'ignored', reason: 'not a Govee device (SwitchBot)' });
    const [item] = readingsOf(createOmgTheengsMapper({ decodeBle: fakeDecoder(), allBrands: true }).map(topic, payload, ctx()));
    expect(item!.sighting).toMatchObject({ id: 'ble:C6:C7:52:66:3C:BF', model: 'THX1/W230150X', battery: 100, rssi: -23 });
    expect(values(item!)).toEqual({ temperature: 17.6, humidity: 63 });
    expect(item!.via).toEqual({ gatewayId: 'OMG_lab', rssi: -23 });
  });

  it('rejects a message whose id is not a 48-bit MAC (Theengs docs BlueMaestro example, "F3:52:85")', () => {
    const payload = enc('{"name":"F35285","id":"F3:52:85","rssi":-82,"brand":"BlueMaestro","model":"TempoDisc","model_id":"BM_V23","tempc":24.1,"tempf":75.38,"hum":104.7,"dp":24.8,"volt":2.56,"mfr":"Blue Maestro Limited"}');
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder(), allBrands: true });
    expect(m.map('home/TheengsGateway/BTtoMQTT/F35285', payload, ctx()).kind).toBe('rejected');
  });

  it('decodes an undecoded capture (theengs/gateway#247, GVH5105) through the injected decoder', () => {
    const decodeBle = fakeDecoder();
    const m = createOmgTheengsMapper({ decodeBle });
    const payload = enc('{"manufacturerdata": "0100010103787664", "name": "GVH5105_5D6F", "id": "D0:30:38:35:5D:6F", "rssi": -68, "mfr": "Nokia Mobile Phones"}');
    const [item] = readingsOf(m.map('home/TheengsGateway/BTtoMQTT/D03038355D6F', payload, ctx()));
    expect(decodeBle).toHaveBeenCalledWith({ mac: 'D0:30:38:35:5D:6F', name: 'GVH5105_5D6F', manufacturerDataHex: '0100010103787664', rssi: -68 });
    expect(item!.sighting).toEqual({ id: 'ble:D0:30:38:35:5D:6F', kind: 'thermo-hygrometer', model: 'H5105', source: 'ble', rssi: -68, battery: 100 });
    // Battery travels on the sighting, as the direct scanner does it — not as a sample.
    expect(values(item!)).toEqual({ temperature: 22.7, humidity: 44.6 });
  });

  it('ignores the Govee iBeacon that rides beside the data (theengs/gateway#247)', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    const payload = enc('{"name": "GVH5105_5D6F", "id": "D0:30:38:35:5D:6F", "rssi": -68, "brand": "GENERIC", "model_id": "IBEACON", "type": "BCON", "mfid": "4c00", "uuid": "494e54454c4c495f524f434b535f4857", "major": 20597, "minor": -3329, "volt": 1.2}');
    expect(m.map('home/TheengsGateway/BTtoMQTT/D03038355D6F', payload, ctx()).kind).toBe('ignored');
  });

  it('one sensor heard via two gateways is one device with an RSSI per gateway', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    const raw = (rssi: number) => json({ manufacturerdata: '0100010103e5c664', name: 'GV5179_1767', id: 'E2:6A:C4:86:17:67', rssi });
    const [a] = readingsOf(m.map('home/FOH/BTtoMQTT/E26AC4861767', raw(-73), ctx()));
    const [b] = readingsOf(m.map('Stage/BTtoMQTT/E26AC4861767', raw(-51), ctx()));
    expect(a!.sighting.id).toBe('ble:E2:6A:C4:86:17:67');
    expect(b!.sighting.id).toBe(a!.sighting.id);
    expect(a!.via).toEqual({ gatewayId: 'FOH', rssi: -73 });
    expect(b!.via).toEqual({ gatewayId: 'Stage', rssi: -51 });
    expect(values(b!)).toEqual({ temperature: 25.5, humidity: 43 });
  });

  it('decodes OMG external-decoder publishes on …/BTtoMQTT/undecoded (the MAC comes from the payload)', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    const [item] = readingsOf(m.map('home/OMG_ESP32_BLE/BTtoMQTT/undecoded', json({ id: 'a4:c1:38:a9:22:86', mac_type: 0, rssi: -80, name: 'GVH5075_2286', manufacturerdata: '88ec00034e103b00' }), ctx()));
    expect(item!.sighting).toMatchObject({ id: 'ble:A4:C1:38:A9:22:86', battery: 59 });
    expect(values(item!)).toEqual({ temperature: 21.6, humidity: 59.2 });
    expect(item!.via!.gatewayId).toBe('OMG_ESP32_BLE');
    expect(m.map('home/OMG/BTtoMQTT/undecoded', json({ rssi: -80, manufacturerdata: '88ec00034e103b00' }), ctx()).kind).toBe('rejected');
  });

  it('maps BBQ probes (T1, H5055) to probe1…', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    const payload = { name: 'GVH5055', id: 'A4:C1:38:00:00:55', brand: 'Govee', model: 'Bluetooth BBQ Thermometer', model_id: 'H5055', type: 'BBQ', tempc1: 23, tempf1: 73.4, tempc2: 115, tempf2: 239, batt: 70 };
    const [item] = readingsOf(m.map('home/gw/BTtoMQTT/A4C138000055', json(payload), ctx()));
    expect(values(item!)).toEqual({ probe1: 23, probe2: 115 });
    expect(item!.sighting).toMatchObject({ kind: 'meat-probe', model: 'H5055', battery: 70 });
  });

  it('air-quality fields and a Fahrenheit-only message', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    const [air] = readingsOf(m.map('home/gw/BTtoMQTT/A4C138000106', json({ id: 'A4:C1:38:00:01:06', brand: 'Govee', model_id: 'H5106', tempc: 24.8, hum: 70.2, pm25: 1 }), ctx()));
    expect(values(air!)).toEqual({ temperature: 24.8, humidity: 70.2, pm25: 1 });
    expect(units(air!).pm25).toBe('µg/m³');
    expect(air!.sighting.kind).toBe('climate-monitor');
    const [f] = readingsOf(m.map('home/gw/BTtoMQTT/A4C138000107', json({ id: 'A4:C1:38:00:01:07', tempf: 80.24 }), ctx()));
    expect(values(f!)).toEqual({ temperature: 26.8 });
  });

  it('noise is ignored, not rejected: LWT, presence, unknown devices, sub-topics, cleared retained messages', () => {
    const decodeBle = fakeDecoder();
    const m = createOmgTheengsMapper({ decodeBle });
    expect(m.map('home/TheengsGateway/LWT', enc('offline'), ctx()).kind).toBe('ignored');
    expect(m.map('home/TheengsGateway/presence', enc('{"id":"x"}'), ctx()).kind).toBe('ignored');
    expect(m.map('home/gw/BTtoMQTT/A4C138DDDBF8', new Uint8Array(0), ctx()).kind).toBe('ignored');
    expect(m.map('home/gw/BTtoMQTT/A4C138DDDBF8/extra', enc('{}'), ctx()).kind).toBe('ignored');
    // A phone: the decoder does not know it.
    const phone = m.map('home/gw/BTtoMQTT/112233445566', json({ id: '11:22:33:44:55:66', rssi: -60, manufacturerdata: '4c0010051b18aa' }), ctx());
    expect(phone).toEqual({ kind: 'ignored', reason: 'not a known BLE sensor' });
    expect(m.map('home/gw/BTtoMQTT/112233445566', json({ id: '11:22:33:44:55:66', rssi: -60 }), ctx()).kind).toBe('ignored');
  });

  it('malformed input is rejected with a reason; a throwing decoder is contained', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    for (const p of ['{', '[1,2]', '"x"', '{"id":"A4:C1:38:00:00:01","manufacturerdata":"zz"}', '{"id":"A4:C1:38:00:00:01","manufacturerdata":12}']) {
      const r = m.map('home/gw/BTtoMQTT/A4C138000001', enc(p), ctx());
      expect(r.kind, p).toBe('rejected');
    }
    expect(m.map('home/gw/BTtoMQTT/A4C138000001', json({ id: 'A4:C1:38:00:00:01', manufacturerdata: '88ec00ffff' }), ctx())).toEqual({ kind: 'rejected', reason: 'BLE decoder: wrong length for H5075' });
    const throwing = createOmgTheengsMapper({
      decodeBle: () => {
        throw new Error('boom');
      },
    });
    expect(throwing.map('home/gw/BTtoMQTT/A4C138000001', json({ id: 'A4:C1:38:00:00:01', manufacturerdata: '88ec00' }), ctx())).toEqual({ kind: 'rejected', reason: 'BLE decoder failed: boom' });
  });

  it('numeric strings must be numbers: blanks and hex are not zero', () => {
    const m = createOmgTheengsMapper({ decodeBle: fakeDecoder() });
    const r = m.map('home/gw/BTtoMQTT/A4C138000001', json({ id: 'A4:C1:38:00:00:01', brand: 'Govee', tempc: ' ', hum: '0x10', batt: 'NaN' }), ctx());
    expect(r.kind).toBe('ignored');
  });
});

describe('OpenMQTTGateway / Theengs mapper with the real native/ble decoder', () => {
  const m = createOmgTheengsMapper({ decodeBle: decodeGatewayBle, kindOfModel: gatewayKindOfModel });
  const cases: Array<[label: string, payload: object, expected: Record<string, number>, battery: number | undefined, model: string]> = [
    ['theengs/gateway#247 GVH5105', { manufacturerdata: '0100010103787664', name: 'GVH5105_5D6F', id: 'D0:30:38:35:5D:6F', rssi: -68 }, { temperature: 22.7, humidity: 44.6 }, 100, 'H5105'],
    ['theengs/gateway#309 new-firmware H5179', { manufacturerdata: '0100010103e5c664', name: 'GV5179_1767', id: 'E2:6A:C4:86:17:67', rssi: -73 }, { temperature: 25.5, humidity: 43 }, 100, 'H5179'],
    ['HA core#81335 GVH5075 (company 0xEC88)', { manufacturerdata: '88ec00034e103b00', name: 'GVH5075_2286', id: 'A4:C1:38:A9:22:86' }, { temperature: 21.6, humidity: 59.2 }, 59, 'H5075'],
    ['GoveeBTTempLogger#36 old-firmware H5179', { manufacturerdata: '0188EC000101EC09621664', name: 'Govee_H5179_00B7', id: 'A4:C1:38:00:00:B7' }, { temperature: 25.4, humidity: 57.3 }, 100, 'H5179'],
    ['T26 H5075 with the iBeacon trailer', { manufacturerdata: '88ec000384e45c004c000215494e54454c4c495f524f434b535f48575075f2ffc2', name: 'GVH5075_1234', id: 'A4:C1:38:00:12:34' }, { temperature: 23, humidity: 62.8 }, 92, 'H5075'],
    ['T6 negative temperature, truncated (§1.3-1)', { manufacturerdata: '88ec00811f096400', name: 'GVH5075_1234', id: 'A4:C1:38:00:12:34' }, { temperature: -7.3, humidity: 48.1 }, 100, 'H5075'],
  ];
  for (const [label, payload, expected, battery, model] of cases) {
    it(label, () => {
      const [item] = readingsOf(m.map('home/TheengsGateway/BTtoMQTT/undecoded', json(payload), ctx()));
      expect(values(item!)).toEqual(expected);
      expect(item!.sighting.battery).toBe(battery);
      expect(item!.sighting.model).toBe(model);
      expect(item!.sighting.kind).toBe('thermo-hygrometer');
    });
  }

  it('BBQ probes and a bare iBeacon through the real decoder', () => {
    const [bbq] = readingsOf(m.map('home/gw/BTtoMQTT/A4C138000055', json({ id: 'A4:C1:38:00:00:55', name: 'GVH5055', manufacturerdata: 'cf040400461b061700ffff2c01067300ffff2c010000' }), ctx()));
    expect(values(bbq!)).toMatchObject({ probe1: 23, probe2: 115 });
    expect(bbq!.sighting).toMatchObject({ kind: 'meat-probe', battery: 70 });
    expect(m.map('home/gw/BTtoMQTT/A4C138000005', json({ id: 'A4:C1:38:00:00:05', manufacturerdata: '4c000215494e54454c4c495f524f434b535f48575075f2ff0c' }), ctx()).kind).toBe('ignored');
  });

  it('gives a sensor exactly the id the direct scanner gives it, whatever the MAC spelling', () => {
    for (const mac of ['a4:c1:38:dd:db:f8', 'A4C138DDDBF8', 'a4-c1-38-dd-db-f8', ' A4:C1:38:DD:DB:F8 ']) {
      expect(bleDeviceId(normalizeMac(mac)!)).toBe(scannerDeviceId(mac));
    }
    expect(normalizeMac('F3:52:85')).toBeUndefined();
    expect(normalizeMac('A4:C1-38:DD:DB:F8')).toBeUndefined();
  });

  it('every reading name the BLE decoders produce gets the same unit here', () => {
    for (const [metric, unit] of Object.entries(BLE_UNITS)) expect(unitFor(metric), metric).toBe(unit);
  });
});
