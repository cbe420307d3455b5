import { describe, expect, it } from 'vitest';
import { LEGACY_AD_MAX, parseAdStructures } from '../../../native/ble/ad.ts';
import { mergeAdvertisements, type Advertisement } from '../../../native/ble/advertisement.ts';
import { ENCODABLE_MODELS, encodeGovee, encodeGoveeHci, toAirPayloads, type EncodableModel } from '../../../native/ble/encode.ts';
import { decodeAdvertisement } from '../../../native/ble/govee.ts';
import { parseHciEvent } from '../../../native/ble/hci.ts';
import type { DecodeOk, Readings } from '../../../native/ble/result.ts';

const MAC = 'A4:C1:38:DD:DB:F8';
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Decode every advertisement and merge their readings (multi-packet models spread probes over packets). */
function decodeAll(advs: readonly Advertisement[]): { model: string; readings: Readings; errors: string[] } {
  const readings: Readings = {};
  const errors: string[] = [];
  let model = '';
  for (const a of advs) {
    const r = decodeAdvertisement(a);
    if (!r.ok) throw new Error(`${r.reason}: ${r.message}`);
    model = r.model;
    Object.assign(readings, r.readings);
    errors.push(...r.errors);
  }
  return { model, readings, errors };
}

function expectClose(actual: Readings, expected: Readings, tolerance: number) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const k of Object.keys(expected)) expect(Math.abs(actual[k]! - expected[k]!), k).toBeLessThanOrEqual(tolerance + 1e-9);
}

// Values with more precision than the formats hold, so the round trip must quantise them.
const cases: { models: EncodableModel[]; readings: Readings; tolerance: number }[] = [
  { models: ['H5072', 'H5075', 'H5129', 'H5100', 'H5101', 'H5102', 'H5103', 'H5104', 'H5105', 'H5110', 'H5174', 'H5177', 'H5179', 'H5108'], readings: { temperature: 21.64, humidity: 49.77, battery: 87 }, tolerance: 0.05 },
  { models: ['H5075', 'H5102', 'H5179'], readings: { temperature: -12.34, humidity: 3.01, battery: 5 }, tolerance: 0.05 },
  { models: ['H5074', 'H5051', 'H5052', 'H5071'], readings: { temperature: -13.764, humidity: 60.921, battery: 100 }, tolerance: 0.005 },
  { models: ['H5106'], readings: { temperature: -7.46, humidity: 76.84, pm25: 12 }, tolerance: 0.05 },
  { models: ['H5140'], readings: { temperature: 20.33, humidity: 45.31, co2: 1234 }, tolerance: 0.05 },
  { models: ['H5112'], readings: { probe1: 21.24, probe1_humidity: 33.61, probe2: -5.55, battery: 77 }, tolerance: 0.05 },
  { models: ['H5178'], readings: { temperature: 23.7, humidity: 58.3, battery: 99, remote_temperature: -19.5, remote_humidity: 71.9, remote_battery: 41 }, tolerance: 0.05 },
  { models: ['H5055'], readings: { probe1: 23, setpoint1: 300, probe2: 115, probe4: 64, setpoint4: 72, setpoint4_low: 55, probe6: -3, battery: 70 }, tolerance: 0 },
  { models: ['H5181', 'H5183'], readings: { probe1: 62.37, setpoint1: 74 }, tolerance: 0.005 },
  { models: ['H5182', 'H5185'], readings: { probe1: 21, setpoint1: 73.88, probe2: -4.25 }, tolerance: 0.005 },
  { models: ['H5184'], readings: { probe1: 26, probe3: 31.5, setpoint3: 63, probe4: 24 }, tolerance: 0.005 },
  { models: ['H5191'], readings: { probe1: 40, setpoint1: 49, temperature: 28.11 }, tolerance: 0.005 },
  { models: ['H5198'], readings: { probe2: 30, setpoint2: 74, setpoint2_low: 2.5, probe3: 36.01, probe4: 23 }, tolerance: 0.005 },
];

describe('encodeGovee → decode gives the values back within the format resolution', () => {
  for (const c of cases) {
    for (const model of c.models) {
      it(`${model} ${JSON.stringify(c.readings)}`, () => {
        const advs = encodeGovee(model, MAC, c.readings);
        const back = decodeAll(advs);
        expect(back.model).toBe(model);
        expect(back.errors).toEqual([]);
        expectClose(back.readings, c.readings, c.tolerance);
        for (const a of advs) expect(decodeAdvertisement(a).mac).toBe(MAC);
      });
    }
  }

  it('covers every encodable model', () => {
    const covered = new Set(cases.flatMap((c) => c.models));
    expect(ENCODABLE_MODELS.filter((m) => !covered.has(m))).toEqual([]);
  });

  it('H5179 old firmware: Govee_H5179_…, company 0x8801', () => {
    const [a] = encodeGovee('H5179', MAC, { temperature: 25.4, humidity: 57.3, battery: 100 }, { oldFirmware: true });
    expect(a!.name).toBe('Govee_H5179_DBF8');
    expect(a!.manufacturerData[0]!.companyId).toBe(0x8801);
    expect(decodeAdvertisement(a!)).toMatchObject({ ok: true, model: 'H5179', readings: { temperature: 25.4, humidity: 57.3, battery: 100 } });
  });

  it('error flag → the decoder lists errors, no numbers', () => {
    const r = decodeAdvertisement(encodeGovee('H5075', MAC, { temperature: 20, humidity: 50, battery: 80 }, { errorFlag: true })[0]!) as DecodeOk;
    expect(r.readings).toEqual({ battery: 80 });
    expect(r.errors).toEqual(['temperature: error flag set', 'humidity: error flag set']);
    const co2 = decodeAdvertisement(encodeGovee('H5140', MAC, { temperature: 20, humidity: 50, co2: 400 }, { errorFlag: true })[0]!) as DecodeOk;
    expect(co2.readings).toEqual({});
  });

  it('all probes unplugged → one packet, decoded as the model with no probe readings', () => {
    for (const model of ['H5198', 'H5184', 'H5182', 'H5181'] as const) {
      const advs = encodeGovee(model, MAC, {});
      expect(advs).toHaveLength(1);
      expect(decodeAdvertisement(advs[0]!)).toMatchObject({ ok: true, model, readings: {} });
    }
  });

  it('iBeacon trailer glued on, or as its own Apple entry: still decodes', () => {
    for (const opt of [{ iBeaconTrailer: true }, { iBeaconEntry: true }]) {
      const [a] = encodeGovee('H5106', MAC, { temperature: 22.7, humidity: 63.1, pm25: 2 }, opt);
      expect(decodeAdvertisement(a!)).toMatchObject({ ok: true, readings: { temperature: 22.7, humidity: 63.1, pm25: 2 } });
    }
  });
});

describe('encoded bytes match published vectors', () => {
  const mfrHex = (model: EncodableModel, r: Readings, mac = MAC) => {
    const m = encodeGovee(model, mac, r)[0]!.manufacturerData[0]!;
    return hex(Uint8Array.of(m.companyId & 0xff, m.companyId >> 8, ...m.data));
  };
  it('T5 H5075, T11 H5074, T8 H5102, T18 H5106, T10 H5174 (negative), T28 old H5179', () => {
    expect(mfrHex('H5075', { temperature: 26.8, humidity: 52.6, battery: 100 })).toBe('88ec000418ee6400');
    expect(mfrHex('H5074', { temperature: 22.44, humidity: 74.59, battery: 100 })).toBe('88ec00c408231d6402');
    expect(mfrHex('H5102', { temperature: 21.9, humidity: 40.6, battery: 100 })).toBe('0100010103590e64');
    expect(mfrHex('H5106', { temperature: 24.8, humidity: 70.2, pm25: 1 })).toBe('010001010ed2e431');
    expect(mfrHex('H5174', { temperature: -7.2, humidity: 29.5, battery: 100 })).toBe('01000101811a6764');
    const old = encodeGovee('H5179', MAC, { temperature: 20.3, humidity: 57.2, battery: 65 }, { oldFirmware: true })[0]!.manufacturerData[0]!;
    expect(hex(old.data)).toBe('ec000101ee07581641');
  });

  it('meat thermometers: company id and data[0] are the MAC\'s last three octets (H5055 at A4:C1:38:2F:AF:55 → 2f af 55)', () => {
    expect(mfrHex('H5055', { probe1: 26 }, 'A4:C1:38:2F:AF:55').slice(0, 6)).toBe('2faf55');
    expect(mfrHex('H5182', { probe1: 21 }, 'C7:31:30:30:55:44').slice(0, 6)).toBe('305544');
  });

  it('default names follow §1.1 (GVH5075_DBF8 ↔ A4:C1:38:DD:DB:F8, GVH5100_7738 ↔ C4:35:33:33:77:38)', () => {
    expect(encodeGovee('H5075', MAC, {})[0]!.name).toBe('GVH5075_DBF8');
    expect(encodeGovee('H5100', 'C4:35:33:33:77:38', {})[0]!.name).toBe('GVH5100_7738');
    expect(encodeGovee('H5074', MAC, {})[0]!.name).toBe('Govee_H5074_DBF8');
    expect(encodeGovee('H5108', MAC, {})[0]!.name).toBe('GV5108DBF8');
    expect(encodeGovee('H5178', 'A4:C1:38:DF:C5:45', {})[0]!.name).toBe('B5178C545');
    expect(encodeGovee('H5051', MAC, {})[0]!.name).toBeUndefined();
    expect(encodeGovee('H5075', MAC, {}, { name: null })[0]!.name).toBeUndefined();
  });

  it('rejects what it cannot encode', () => {
    expect(() => encodeGovee('H5075', 'not-a-mac', {})).toThrow(RangeError);
    expect(() => encodeGovee('H9999' as EncodableModel, MAC, {})).toThrow(RangeError);
  });
});

describe('on air: legacy payloads and HCI reports through the full parser', () => {
  const sample: Record<string, Readings> = {
    H5075: { temperature: 18.3, humidity: 55.1, battery: 64 },
    H5074: { temperature: 21.05, humidity: 40.5, battery: 92 },
    H5072: { temperature: 19.9, humidity: 50, battery: 78 },
    H5102: { temperature: 22.1, humidity: 44.4, battery: 100 },
    H5174: { temperature: -3.4, humidity: 80.2, battery: 50 },
    H5106: { temperature: 24.1, humidity: 38.7, pm25: 9 },
    H5055: { probe1: 64, setpoint1: 71, probe5: 22, battery: 90 },
    H5198: { probe1: 55.5, setpoint1: 63, probe4: 21.25 },
  };

  for (const [model, readings] of Object.entries(sample) as [EncodableModel, Readings][]) {
    it(`${model}: every payload ≤ 31 bytes; ADV_IND + SCAN_RSP as HCI events decode to the values`, () => {
      for (const a of encodeGovee(model, MAC, readings)) {
        const air = toAirPayloads(model, a);
        expect(air.advertising.length).toBeLessThanOrEqual(LEGACY_AD_MAX);
        if (air.scanResponse) expect(air.scanResponse.length).toBeLessThanOrEqual(LEGACY_AD_MAX);
        const payloadInScanResponse = model === 'H5075' || model === 'H5074';
        const adv = parseAdStructures(air.advertising);
        expect(adv.ok && adv.adv.manufacturerData.length > 0).toBe(!payloadInScanResponse);
      }
      const merged = new Map<string, Advertisement>();
      const readingsBack: Readings = {};
      for (const packet of encodeGoveeHci(model, MAC, readings, { rssi: -66 })) {
        const p = parseHciEvent(packet);
        if (!p.ok) throw new Error(p.message);
        for (const rep of p.reports) {
          const prev = rep.scanResponse ? merged.get(rep.advertisement.mac!) : undefined;
          const a = prev ? mergeAdvertisements(prev, rep.advertisement) : rep.advertisement;
          merged.set(a.mac!, a);
          const r = decodeAdvertisement(a);
          if (r.ok) Object.assign(readingsBack, r.readings);
        }
      }
      expectClose(readingsBack, readings, 0.005);
    });
  }
});
