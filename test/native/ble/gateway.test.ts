import { describe, expect, it } from 'vitest';
import { decodeGatewayMessage, encodeGatewayMessage, parseGatewayMessage } from '../../../native/ble/gateway.ts';
import { encodeGovee } from '../../../native/ble/encode.ts';
import { GATEWAY_CAPTURES, THEENGS } from './vectors.ts';

describe('real gateway captures (PROTOCOLS.md §1.5.4)', () => {
  it('Theengs Gateway #247: undecoded GVH5105 → 22.7 °C / 44.6 % / 100 %, keyed by its MAC, with RSSI', () => {
    expect(decodeGatewayMessage(GATEWAY_CAPTURES.h5105)).toEqual({
      ok: true,
      model: 'H5105',
      mac: 'D0:30:38:35:5D:6F',
      rssi: -68,
      readings: { temperature: 22.7, humidity: 44.6, battery: 100 },
      errors: [],
      battery: 100,
    });
  });

  it('…and the same device\'s iBeacon message is not a reading', () => {
    expect(decodeGatewayMessage(GATEWAY_CAPTURES.ibeacon)).toMatchObject({ ok: false, reason: 'unknown', mac: 'D0:30:38:35:5D:6F', message: expect.stringMatching(/iBeacon/) });
  });

  it('Theengs Gateway #309: new-firmware GV5179_1767 → 25.5 °C / 43.0 % / 100 %', () => {
    expect(decodeGatewayMessage(GATEWAY_CAPTURES.gv5179)).toMatchObject({ ok: true, model: 'H5179', mac: 'E2:6A:C4:86:17:67', rssi: -73, readings: { temperature: 25.5, humidity: 43, battery: 100 } });
  });

  it('accepts the message as JSON text too', () => {
    expect(decodeGatewayMessage(JSON.stringify(GATEWAY_CAPTURES.h5105))).toMatchObject({ ok: true, model: 'H5105' });
  });
});

describe('Theengs vectors through the gateway format ({name, manufacturerdata})', () => {
  for (const v of THEENGS) {
    it(`${v.id}`, () => {
      expect(decodeGatewayMessage({ name: v.name, manufacturerdata: v.hex, id: 'A4:C1:38:00:00:01', rssi: -70 })).toMatchObject({ ok: true, model: v.model, readings: v.readings, errors: [] });
    });
  }
});

describe('messages the gateway already decoded', () => {
  it('the derived Theengs message for T5 (model from the name)', () => {
    const msg = { name: 'GVH5075_1234', id: 'A4:C1:38:12:34:56', rssi: -70, brand: 'Govee', model: 'Thermo-Hygrometer', model_id: 'H5072/75', type: 'THB', tempc: 26.8, tempf: 80.24, hum: 52.6, batt: 100 };
    expect(decodeGatewayMessage(msg)).toEqual({ ok: true, model: 'H5075', mac: 'A4:C1:38:12:34:56', rssi: -70, readings: { temperature: 26.8, humidity: 52.6, battery: 100 }, errors: [], battery: 100 });
  });

  it('without a name the model comes from model_id, Theengs\' shorthand expanded', () => {
    expect(decodeGatewayMessage({ brand: 'Govee', model_id: 'H5072/75', tempc: 20 })).toMatchObject({ ok: true, model: 'H5072/H5075' });
    expect(decodeGatewayMessage({ brand: 'Govee', model_id: 'H5100/01/02/04/05/74/77', tempc: 20 })).toMatchObject({ model: 'H5100/H5101/H5102/H5104/H5105/H5174/H5177' });
    expect(decodeGatewayMessage({ brand: 'Govee', model_id: 'H5055', tempc1: 20 })).toMatchObject({ model: 'H5055' });
    expect(decodeGatewayMessage({ brand: 'Govee', tempc: 20 })).toMatchObject({ ok: true, model: 'Govee' });
  });

  it('string-valued numbers (old OMG) and the topic MAC when there is no id', () => {
    const r = decodeGatewayMessage({ brand: 'Govee', model_id: 'H5075', hum: '52.6', tempc: '19.2', tempf: '66.56', rssi: '-71' }, { mac: 'a4c138dddbf8' });
    expect(r).toEqual({ ok: true, model: 'H5075', mac: 'A4:C1:38:DD:DB:F8', rssi: -71, readings: { temperature: 19.2, humidity: 52.6 }, errors: [] });
  });

  it('OMG\'s documented old example without any identity is rejected, saying why', () => {
    const r = decodeGatewayMessage({ hum: '52.6', tempc: '19.2', tempf: '66.56' });
    expect(r).toMatchObject({ ok: false, reason: 'unknown' });
    expect(!r.ok && r.message).toMatch(/cannot tell which device/);
  });

  it('BBQ probes tempc1..6 → probe1..6; tempf-only values are converted', () => {
    const r = decodeGatewayMessage({ id: 'A4:C1:38:2F:AF:55', name: 'GVH5055', brand: 'Govee', model_id: 'H5055', tempc1: 23, tempc2: '115', tempf3: 186.8, batt: 70 });
    expect(r).toMatchObject({ ok: true, model: 'H5055', readings: { probe1: 23, probe2: 115, probe3: 86, battery: 70 }, battery: 70 });
    expect(decodeGatewayMessage({ brand: 'Govee', model_id: 'H5075', tempf: 80.24 })).toMatchObject({ ok: true, readings: { temperature: 26.8 } });
  });

  it('values that are not numbers, or out of range, become errors', () => {
    const r = decodeGatewayMessage({ brand: 'Govee', model_id: 'H5075', tempc: 'n/a', hum: 104.7, batt: 140, pm25: null });
    expect(r).toMatchObject({ ok: true, readings: {} });
    expect(r.ok && r.errors).toEqual(['temperature: tempc is not a number ("n/a")', 'pm25: pm25 is not a number (object)', 'humidity: out of range (104.7 %)', 'battery: out of range (140 %)']);
    expect(decodeGatewayMessage({ brand: 'Govee', model_id: 'H5055', tempc1: 1e308, tempf2: 1e308, tempc3: 301, co2: -5 })).toMatchObject({ ok: true, readings: { probe3: 301 }, errors: ['co2: out of range (-5 ppm)', 'probe1: out of range (1e+308 °C)', 'probe2: out of range (Infinity °C)'] });
  });

  it('other brands are not Govee (OMG #1288 SwitchBot, Theengs docs BlueMaestro)', () => {
    expect(decodeGatewayMessage({ id: 'C6:C7:52:66:3C:BF', mac_type: 1, rssi: -23, brand: 'SwitchBot', model: 'Meter (Plus)', model_id: 'THX1/W230150X', tempc: 17.6, tempf: 63.68, hum: 63, batt: 100 })).toMatchObject({
      ok: false,
      reason: 'unknown',
      mac: 'C6:C7:52:66:3C:BF',
    });
    const bm = decodeGatewayMessage({ name: 'F35285', id: 'F3:52:85', rssi: -82, brand: 'BlueMaestro', model: 'TempoDisc', model_id: 'BM_V23', tempc: 24.1, hum: 104.7 });
    expect(bm).toMatchObject({ ok: false, reason: 'unknown' });
    expect(bm.mac).toBeUndefined(); // "F3:52:85" is not a MAC
  });

  it('raw data wins over decoded fields: Theengs\' −7.3481 for T6 becomes −7.3', () => {
    const msg = { name: 'GVH5075_1234', id: 'A4:C1:38:12:34:56', manufacturerdata: '88ec00811f096400', brand: 'Govee', model_id: 'H5072/75', tempc: -7.3481, hum: 48.1, batt: 100 };
    expect(decodeGatewayMessage(msg)).toMatchObject({ ok: true, readings: { temperature: -7.3, humidity: 48.1, battery: 100 } });
  });

  it('raw data that does not decode falls back to the decoded fields', () => {
    const msg = { name: 'GVH5075_1234', manufacturerdata: 'ffff0102', brand: 'Govee', model_id: 'H5072/75', tempc: 20.1 };
    expect(decodeGatewayMessage(msg)).toMatchObject({ ok: true, model: 'H5075', readings: { temperature: 20.1 } });
  });
});

describe('broken messages', () => {
  const cases: [string, unknown, RegExp][] = [
    ['not JSON', '{"id":', /not JSON/],
    ['an array', [1, 2], /JSON object/],
    ['null', null, /JSON object/],
    ['a number', 42, /JSON object/],
    ['manufacturerdata not hex', { manufacturerdata: 'zz00' }, /not hex/],
    ['manufacturerdata not a string', { manufacturerdata: 12 }, /hex string/],
    ['manufacturerdata of one byte', { manufacturerdata: '88' }, /company id/],
  ];
  for (const [label, input, message] of cases) {
    it(label, () => {
      const r = decodeGatewayMessage(input);
      expect(r).toMatchObject({ ok: false, reason: 'malformed' });
      expect(!r.ok && r.message).toMatch(message);
    });
  }

  it('a message with neither raw nor decoded data', () => {
    expect(decodeGatewayMessage({ id: 'A4:C1:38:00:00:01', rssi: -50, name: 'GVH5075_0001' })).toMatchObject({ ok: false, reason: 'unknown', mac: 'A4:C1:38:00:00:01' });
  });
});

describe('parse and encode', () => {
  it('parseGatewayMessage exposes the advertisement (service data too)', () => {
    const p = parseGatewayMessage({ id: 'a4:c1:38:dd:db:f8', name: 'X', rssi: -60, manufacturerdata: '88ec00034db26400', servicedata: '0102', servicedatauuid: '0xFE95', txpower: -4 });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.mac).toBe('A4:C1:38:DD:DB:F8');
    expect(p.advertisement).toMatchObject({ mac: 'A4:C1:38:DD:DB:F8', name: 'X', rssi: -60, txPower: -4, serviceData: [{ uuid: 'fe95' }] });
    expect(p.advertisement?.manufacturerData[0]?.companyId).toBe(0xec88);
    expect(p.hasDecodedFields).toBe(false);
  });

  it('encodeGatewayMessage: what a gateway would publish for an encoded H5075, which decodes back', () => {
    const [a] = encodeGovee('H5075', 'A4:C1:38:DD:DB:F8', { temperature: 21.6, humidity: 49.8, battery: 100 }, { iBeaconEntry: true });
    const msg = encodeGatewayMessage({ ...a!, rssi: -63 });
    expect(msg).toEqual({ id: 'A4:C1:38:DD:DB:F8', name: 'GVH5075_DBF8', rssi: -63, manufacturerdata: '88ec00034db26400' });
    expect(decodeGatewayMessage(msg)).toMatchObject({ ok: true, model: 'H5075', readings: { temperature: 21.6, humidity: 49.8, battery: 100 } });
  });
});
