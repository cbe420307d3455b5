import { describe, expect, it } from 'vitest';
import { decodeAdvertisement, decodeManufacturerData, stripIBeaconTrailer } from '../../../native/ble/govee.ts';
import { modelNumberFromName } from '../../../native/ble/govee-models.ts';
import type { DecodeOk, DecodeResult } from '../../../native/ble/result.ts';
import { adv, bytes, mfr } from './helpers.ts';
import { THEENGS } from './vectors.ts';

const IBEACON = '0215494e54454c4c495f524f434b535f48575075f2ff0c';

function ok(r: DecodeResult): DecodeOk {
  if (!r.ok) throw new Error(`expected a decode, got ${r.reason}: ${r.message}`);
  return r;
}

describe('Theengs vectors T1–T29 (PROTOCOLS.md §1.5.1, T6 corrected)', () => {
  for (const v of THEENGS) {
    it(`${v.id} ${v.model} ${v.hex}`, () => {
      const m = mfr(v.hex);
      const r = ok(decodeManufacturerData(m.companyId, m.data, { name: v.name }));
      expect(r.model).toBe(v.model);
      expect(r.readings).toEqual(v.readings);
      expect(r.errors).toEqual([]);
      expect(r.battery).toBe(v.readings.battery);
    });
  }

  it('hand-checks: T5 0x0418EE → 26.8 °C / 52.6 %; T12 0xFAA0 → −13.76 °C; T28 0x07EE → 20.3 °C, 0x1658 → 57.2 %, battery 0x41', () => {
    const t5 = mfr('88ec000418ee6400');
    expect(ok(decodeManufacturerData(t5.companyId, t5.data, { name: 'GVH5075_1234' })).readings).toEqual({ temperature: 26.8, humidity: 52.6, battery: 100 });
    const t12 = mfr('88ec00a0facc176402');
    expect(ok(decodeManufacturerData(t12.companyId, t12.data, { name: 'Govee_H5074_1234' })).readings.temperature).toBe(-13.76);
    const t28 = mfr('0188ec000101ee07581641');
    expect(ok(decodeManufacturerData(t28.companyId, t28.data, { name: 'Govee_H5179_1234' })).readings).toEqual({ temperature: 20.3, humidity: 57.2, battery: 65 });
  });
});

describe('other published captures (PROTOCOLS.md §1.5.4)', () => {
  it('home-assistant/core #81335: GVH5075_2286 {60552: 00 03 4e 10 3b 00} → 21.6 °C / 59.2 % / 59 %', () => {
    const r = ok(decodeAdvertisement(adv({ name: 'GVH5075_2286', mac: 'A4:C1:38:A9:22:86', mfr: [{ companyId: 60552, data: '00034e103b00' }] })));
    expect(r).toMatchObject({ model: 'H5075', mac: 'A4:C1:38:A9:22:86', readings: { temperature: 21.6, humidity: 59.2, battery: 59 } });
  });

  it('GoveeBTTempLogger #36: Govee_H5179_00B7, manufacturer 0188EC000101EC09621664 → 25.40 °C / 57.30 % / 100 %', () => {
    const r = ok(decodeAdvertisement(adv({ name: 'Govee_H5179_00B7', uuids: ['180a', 'fef5', 'ec88'], mfr: ['0188EC000101EC09621664'] })));
    expect(r.readings).toEqual({ temperature: 25.4, humidity: 57.3, battery: 100 });
  });
});

// govee-ble's fixtures (tests/test_parser.py @ 8bc3c0e3) with the values its tests assert. Where govee-ble
// reports 0.0 for 0xFFFF we report no value; where its H5055 presence bit hides a value we report it (§1.3-2).
describe('govee-ble fixtures', () => {
  const cases: { label: string; name: string; uuids?: string[]; mfr: { companyId: number; data: string }[]; model: string; readings: Record<string, number>; errors?: number }[] = [
    { label: 'H5051 with an empty name', name: '', uuids: ['ec88'], mfr: [{ companyId: 60552, data: '00ba0af90f63020101' }], model: 'H5051', readings: { temperature: 27.46, humidity: 40.89, battery: 99 } },
    { label: 'H5052', name: 'Govee_H5052_E81B', mfr: [{ companyId: 60552, data: '001c01a7143b000002' }], model: 'H5052', readings: { temperature: 2.84, humidity: 52.87, battery: 59 } },
    { label: 'H5071', name: 'Govee_H5071_FD12', mfr: [{ companyId: 60552, data: '00210ab61218c80001' }], model: 'H5071', readings: { temperature: 25.93, humidity: 47.9, battery: 24 } },
    { label: 'H5074 beside an Apple iBeacon entry', name: 'Govee_H5074_5FF4', mfr: [{ companyId: 60552, data: '00e609bc126402' }, { companyId: 76, data: IBEACON }], model: 'H5074', readings: { temperature: 25.34, humidity: 47.96, battery: 100 } },
    { label: 'H5075 with the iBeacon glued on', name: 'GVH5075_2762', mfr: [{ companyId: 60552, data: `000341c264004c00${IBEACON}` }], model: 'H5075', readings: { temperature: 21.3, humidity: 44.2, battery: 100 } },
    { label: 'H5075 other values', name: 'GVH5075_2762', mfr: [{ companyId: 60552, data: '00030fc93500' }], model: 'H5075', readings: { temperature: 20, humidity: 64.9, battery: 53 } },
    { label: 'H5129 (the H5075 layout)', name: 'GVH5129_ABCD', mfr: [{ companyId: 60552, data: '00034db26400' }], model: 'H5129', readings: { temperature: 21.6, humidity: 49.8, battery: 100 } },
    { label: 'H5072/H5075 by company id only', name: 'Govee_ABCD', mfr: [{ companyId: 60552, data: '00034db26400' }], model: 'H5072/H5075', readings: { temperature: 21.6, humidity: 49.8, battery: 100 } },
    { label: 'H5100', name: 'GVH5100_7738', mfr: [{ companyId: 1, data: '010103465464' }], model: 'H5100', readings: { temperature: 21.4, humidity: 61.2, battery: 100 } },
    { label: 'H5103 with trailer', name: 'GVH5103_5A4E', mfr: [{ companyId: 1, data: `010103513e644c00${IBEACON}` }], model: 'H5103', readings: { temperature: 21.7, humidity: 40.6, battery: 100 } },
    // §1.3-3: the bytes govee-ble asserts as 26.1/15.8 although the app showed 19.5/62.2: decoded like the family.
    { label: 'H5104 issue 110528 (§1.3-3)', name: 'GVH5104_311C', mfr: [{ companyId: 1, data: '010103fc2662' }, { companyId: 76, data: IBEACON }], model: 'H5104', readings: { temperature: 26.1, humidity: 15.8, battery: 98 } },
    { label: 'H5105 2', name: 'GVH5105_7336', mfr: [{ companyId: 1, data: '010103325e64' }], model: 'H5105', readings: { temperature: 20.9, humidity: 50.2, battery: 100 } },
    { label: 'H5106', name: 'GVH5106_4E05', mfr: [{ companyId: 1, data: '01010ed13298' }], model: 'H5106', readings: { temperature: 24.8, humidity: 59.1, pm25: 0 } },
    // §1.3-4: synthetic freezing fixture G15, sign bit rule.
    { label: 'H5106 freezing G15 (§1.3-4)', name: 'GVH5106_4E05', mfr: [{ companyId: 1, data: '010181867cd8' }], model: 'H5106', readings: { temperature: -2.5, humidity: 59.1, pm25: 0 } },
    { label: 'H5108', name: 'GV51085242', mfr: [{ companyId: 1, data: '010103c730640000' }, { companyId: 76, data: IBEACON }], model: 'H5108', readings: { temperature: 24.7, humidity: 60, battery: 100 } },
    { label: 'H5108 without a usable name', name: 'G', mfr: [{ companyId: 1, data: '010103c730640000' }], model: 'H5108', readings: { temperature: 24.7, humidity: 60, battery: 100 } },
    { label: 'H5108 with probe + trailer', name: 'GV51080C25', mfr: [{ companyId: 1, data: `01010346486400004c00${IBEACON}` }], model: 'H5108', readings: { temperature: 21.4, humidity: 60, battery: 100 } },
    { label: 'H5110', name: 'GVH5110_2EC8', mfr: [{ companyId: 1, data: '0101038efe64' }], model: 'H5110', readings: { temperature: 23.3, humidity: 21.4, battery: 100 } },
    { label: 'H5110 below zero', name: 'GVH5110_4A33', mfr: [{ companyId: 1, data: '010182f7fd64' }], model: 'H5110', readings: { temperature: -19.4, humidity: 55.7, battery: 100 } },
    { label: 'H5112 probe 1', name: 'GV5112AC3D', mfr: [{ companyId: 1, data: '0101033d70640041' }], model: 'H5112', readings: { probe1: 21.2, probe1_humidity: 33.6, battery: 100 } },
    { label: 'H5112 probe 2', name: 'GV5112AC3D', mfr: [{ companyId: 1, data: '0101034928640082' }], model: 'H5112', readings: { probe2: 21.5, battery: 100 } },
    { label: 'H5140', name: 'GV5140303A', mfr: [{ companyId: 1, data: '0101033dee023e00' }], model: 'H5140', readings: { temperature: 21.2, humidity: 46.2, co2: 574 } },
    { label: 'H5140 2', name: 'GV5140303A', mfr: [{ companyId: 1, data: '0101031abd025d00' }], model: 'H5140', readings: { temperature: 20.3, humidity: 45.3, co2: 605 } },
    { label: 'H5177 with trailer', name: 'GVH5177_2EC8', mfr: [{ companyId: 1, data: '0101033626644c000215494e54454c4c495f524f434b535f48575177f2ffc2' }], model: 'H5177', readings: { temperature: 21, humidity: 47, battery: 100 } },
    { label: 'H5178 remote', name: 'B51782BC8', mfr: [{ companyId: 1, data: '010101002af7640003' }], model: 'H5178', readings: { remote_temperature: 1, remote_humidity: 99.9, remote_battery: 100 } },
    { label: 'H5178 primary', name: 'B51782BC8', mfr: [{ companyId: 1, data: '010100002af7640003' }], model: 'H5178', readings: { temperature: 1, humidity: 99.9, battery: 100 } },
    { label: 'H5178 without its name', name: 'Govee_1234', mfr: [{ companyId: 1, data: '010101002af7640003' }], model: 'H5178', readings: { remote_temperature: 1, remote_humidity: 99.9, remote_battery: 100 } },
    { label: 'H5179 old firmware', name: 'Govee_H5179_3CD5', mfr: [{ companyId: 34817, data: 'ec0001010a0aa40664' }], model: 'H5179', readings: { temperature: 25.7, humidity: 17, battery: 100 } },
    { label: 'H5179 new firmware', name: 'GV5179_6319', mfr: [{ companyId: 1, data: '010103b31464' }], model: 'H5179', readings: { temperature: 24.2, humidity: 45.2, battery: 100 } },
    { label: 'H5055 probes 3+4', name: '', uuids: ['5550'], mfr: [{ companyId: 44847, data: '5500644c201a00ffffffff2019001400b1000000' }], model: 'H5055', readings: { probe3: 26, probe4: 25, setpoint4: 177, setpoint4_low: 20, battery: 100 } },
    { label: 'H5055 probes 5+6', name: '', uuids: ['5550'], mfr: [{ companyId: 44847, data: '550064bf201a00ffffb100201900ffffffff0000' }], model: 'H5055', readings: { probe5: 26, probe6: 25, setpoint5: 177, battery: 100 } },
    { label: 'H5181', name: 'GVH5181_2EC8', uuids: ['8151'], mfr: [{ companyId: 14474, data: `d801000101e4018608981d1000004c00${IBEACON}` }], model: 'H5181', readings: { probe1: 22, setpoint1: 74.4 } },
    { label: 'H5181 variant 2', name: 'GVH5181_2EC8', uuids: ['8151'], mfr: [{ companyId: 59970, data: 'ba010001016400860a281ce80000' }], model: 'H5181', readings: { probe1: 26, setpoint1: 74 } },
    { label: 'H5181 named GVPROBE', name: 'GVPROBE', uuids: ['8151'], mfr: [{ companyId: 63585, data: '2601000101e40106ffff1cd40000' }], model: 'H5181', readings: {} },
    { label: 'H5181 variant 4, no name', name: '', uuids: ['8151'], mfr: [{ companyId: 43682, data: 'c101000101e4018608981aae0000' }], model: 'H5181', readings: { probe1: 22, setpoint1: 68.3 } },
    { label: 'H5181 variant 5', name: '', uuids: ['8151'], mfr: [{ companyId: 53579, data: '6901000101e40186076c201c0000' }], model: 'H5181', readings: { probe1: 19, setpoint1: 82.2 } },
    { label: 'H5182, macOS-UUID name, both probes out', name: 'F34DC3CB-9CCF-336F-3CB1-3C6F525509E6', uuids: ['8251'], mfr: [{ companyId: 10032, data: `6301000101e40101ffff120301ffff00004c00${IBEACON}` }], model: 'H5182', readings: {} },
    { label: 'H5183', name: 'GVH5183_2EC8', uuids: ['8351'], mfr: [{ companyId: 26589, data: `ef01000101e401800834ffff00004c00${IBEACON}` }], model: 'H5183', readings: { probe1: 21 } },
    { label: 'H5183 variant', name: '', uuids: ['8351'], mfr: [{ companyId: 63391, data: '7301000101e400800af0ffff0000' }], model: 'H5183', readings: { probe1: 28 } },
    { label: 'H5184 pair 1+2', name: 'GVH5184_XXXX', uuids: ['8451'], mfr: [{ companyId: 6966, data: '2001000101e401860c1cffff860af0ffff' }], model: 'H5184', readings: { probe1: 31, probe2: 28 } },
    { label: 'H5184 pair 3+4', name: 'GVH5184_XXXX', uuids: ['8451'], mfr: [{ companyId: 6966, data: '2001000101e402860bb8ffff860b54ffff' }], model: 'H5184', readings: { probe3: 30, probe4: 29 } },
    { label: 'H5185', name: 'GVH5185_2EC8', uuids: ['8551'], mfr: [{ companyId: 18994, data: `8701000101e4c1660834ffffffff0834ffffffff4c00${IBEACON}` }], model: 'H5185', readings: { probe1: 21, probe2: 21 } },
    { label: 'H5185 variant', name: 'GVH5185_VAR2', uuids: ['8551'], mfr: [{ companyId: 818, data: '5401000101e4c16609c4ffffffff09c4ffffffff' }], model: 'H5185', readings: { probe1: 25, probe2: 25 } },
    {
      label: 'H5185 recognised by name alone (its UUID list lacks 8551)',
      name: 'Govee_H5185_4C17',
      uuids: ['1800', '1801', '02f00000-0000-0000-0000-00000000fe00', '494e5445-4c4c-495f-524f-434b535f4857'],
      mfr: [{ companyId: 19506, data: '1701000101d70166ffffffffffffffffffffffff' }],
      model: 'H5185',
      readings: {},
    },
    { label: 'H5191', name: 'GVH5191_AC3D', uuids: ['9151'], mfr: [{ companyId: 44131, data: '83010001014c5d040fa01324ffff0af0ffffffff' }], model: 'H5191', readings: { probe1: 40, setpoint1: 49, temperature: 28 } },
    { label: 'H5198 pair 1+2', name: '', uuids: ['9851'], mfr: [{ companyId: 12322, data: '6c01000101a3c10f0bb8ffffffff0960ffffffff' }], model: 'H5198', readings: { probe1: 30, probe2: 24 } },
    { label: 'H5198 pair 3+4', name: '', uuids: ['9851'], mfr: [{ companyId: 12322, data: '6c01000101a4c20f0e10ffffffff08fcffffffff' }], model: 'H5198', readings: { probe3: 36, probe4: 23 } },
  ];
  for (const c of cases) {
    it(c.label, () => {
      const r = ok(decodeAdvertisement(adv({ name: c.name, uuids: c.uuids ?? ['ec88'], mfr: c.mfr })));
      expect(r.model).toBe(c.model);
      expect(r.readings).toEqual(c.readings);
      expect(r.errors).toEqual([]);
    });
  }
});

describe('error flags and implausible values', () => {
  it('H5075 battery byte bit 7: temperature and humidity are errors, never numbers; the battery still counts', () => {
    const r = ok(decodeAdvertisement(adv({ name: 'GVH5075_1234', mfr: ['88ec000418eee400'] })));
    expect(r.readings).toEqual({ battery: 100 });
    expect(r.errors).toEqual(['temperature: error flag set', 'humidity: error flag set']);
    expect(r.battery).toBe(100);
  });

  it('govee-ble H5075 "negative values" (0xbc0004 = −393.2 °C) and "oversized" (484.9 °C) are errors', () => {
    const neg = ok(decodeAdvertisement(adv({ name: 'GVH5075_2762', mfr: [{ companyId: 60552, data: '00bc00043e27' }] })));
    expect(neg.readings).toEqual({ battery: 62 });
    expect(neg.errors).toHaveLength(2);
    expect(neg.errors[0]).toMatch(/^temperature: out of range \(-393\.2/);
    const big = ok(decodeAdvertisement(adv({ name: 'GVH5075_2762', mfr: [{ companyId: 60552, data: '004a00283b00' }, { companyId: 76, data: IBEACON }] })));
    expect(big.readings).toEqual({ battery: 59 });
    expect(big.errors[1]).toMatch(/^humidity: /);
  });

  it('H5108, H5178 and H5112 error flags', () => {
    expect(ok(decodeAdvertisement(adv({ name: 'GV51085242', mfr: [{ companyId: 1, data: '010103c730e40000' }] })))).toMatchObject({ readings: { battery: 100 }, errors: ['temperature: error flag set', 'humidity: error flag set'] });
    expect(ok(decodeAdvertisement(adv({ name: 'B51782BC8', mfr: [{ companyId: 1, data: '0101010003e7e40001' }] })))).toMatchObject({
      readings: { remote_battery: 100 },
      errors: ['remote_temperature: error flag set', 'remote_humidity: error flag set'],
    });
    expect(ok(decodeAdvertisement(adv({ name: 'GV5112AC3D', mfr: [{ companyId: 1, data: '0101034928e40041' }] })))).toMatchObject({ readings: { battery: 100 }, errors: ['probe1: error flag set', 'probe1_humidity: error flag set'] });
    expect(ok(decodeAdvertisement(adv({ name: 'GV5112AC3D', mfr: [{ companyId: 1, data: '0101034928e40082' }] })))).toMatchObject({ readings: { battery: 100 }, errors: ['probe2: error flag set'] });
  });

  it('H5140 error byte flags all three values', () => {
    const r = ok(decodeAdvertisement(adv({ name: 'GV5140303A', mfr: [{ companyId: 1, data: '0101031abc025801' }] })));
    expect(r.readings).toEqual({});
    expect(r.errors).toEqual(['temperature: error flag set', 'humidity: error flag set', 'co2: error flag set']);
  });

  it('a battery byte over 100 % is an error, not a reading', () => {
    const r = ok(decodeAdvertisement(adv({ name: 'Govee_H5074_1234', mfr: ['88ec00c408231dc802'] })));
    expect(r.readings).toEqual({ temperature: 22.44, humidity: 74.59 });
    expect(r.errors).toEqual(['battery: out of range (200 %)']);
    expect(r.battery).toBeUndefined();
  });

  it('unknown probe/sensor/pair ids: recognised, values ignored with a reason (govee-ble fixtures)', () => {
    const h5112 = ok(decodeAdvertisement(adv({ name: 'GV5112AC3D', mfr: [{ companyId: 1, data: '0101034928640099' }] })));
    expect(h5112.readings).toEqual({ battery: 100 });
    expect(h5112.errors[0]).toMatch(/probe id 0x99 is unknown/);
    const h5178 = ok(decodeAdvertisement(adv({ name: 'B51782BC8', mfr: [{ companyId: 1, data: '010107002af7640003' }] })));
    expect(h5178.readings).toEqual({});
    expect(h5178.errors[0]).toMatch(/sensor id 7/);
    const h5184 = ok(decodeAdvertisement(adv({ uuids: ['8451'], mfr: [{ companyId: 6966, data: '2001000101e4ff860c1cffff860af0ffff' }] })));
    expect(h5184).toMatchObject({ model: 'H5184', readings: {} });
    expect(h5184.errors[0]).toMatch(/selector 0xff/);
    const h5198 = ok(decodeAdvertisement(adv({ uuids: ['9851'], mfr: [{ companyId: 12322, data: '6c01000101a3d40f0bb8ffffffff0960ffffffff' }] })));
    expect(h5198).toMatchObject({ model: 'H5198', readings: {} });
    expect(h5198.errors[0]).toMatch(/selector 0xd4/);
    const h5055 = ok(decodeAdvertisement(adv({ uuids: ['5550'], mfr: [{ companyId: 44847, data: '550064fb201a00ffffb100201900ffffffff0000' }] })));
    expect(h5055.readings).toEqual({ battery: 100 });
    expect(h5055.errors[0]).toMatch(/selector 0xfb names no probe pair/);
  });
});

describe('temperatures: truncation, sign, no −0', () => {
  it('§1.3-1: packed24 truncates (T5 268526 → 26.8, rounding would give 26.9) and T6 → −7.3 / 48.1, not −7.3481', () => {
    const t6 = mfr('88ec00811f096400');
    const r = ok(decodeManufacturerData(t6.companyId, t6.data, { name: 'GVH5075_1234' }));
    expect(r.readings.temperature).toBe(-7.3);
    expect(r.readings.humidity).toBe(48.1);
  });

  it('ble_monitor B6: 0x81c289 → −11.5 °C / 33.7 %', () => {
    expect(ok(decodeAdvertisement(adv({ name: 'GVH5075_CB9B', mfr: ['88ec0081c2896400'] }))).readings).toEqual({ temperature: -11.5, humidity: 33.7, battery: 100 });
  });

  it('a sign bit on a magnitude below 0.1 °C gives +0, not −0', () => {
    const r = ok(decodeAdvertisement(adv({ name: 'GVH5075_1234', mfr: ['88ec008001236400'] })));
    expect(Object.is(r.readings.temperature, 0)).toBe(true);
    expect(r.readings.humidity).toBe(29.1);
  });

  it('meat probes may read below zero; only 0xFFFF means "no probe"', () => {
    // H5182 probe 1 = 0xfc18 = −1000 → −10.00 °C (the signed convention of Govee's probe protocol), probe 2 absent.
    const r = ok(decodeAdvertisement(adv({ uuids: ['8251'], mfr: [{ companyId: 0x5530, data: '4401000101e40186fc18ffff86ffffffff' }] })));
    expect(r.readings).toEqual({ probe1: -10 });
  });
});

describe('§1.3-2 H5055 presence bits', () => {
  it('T4 and T16: the value decides, the clear presence bit is noted', () => {
    const t4 = mfr(THEENGS[3]!.hex);
    const r = ok(decodeManufacturerData(t4.companyId, t4.data, { name: 'GVH5055' }));
    expect(r.readings.probe6).toBe(84);
    expect(r.notes).toEqual(['probe6: reported although its presence bit is clear']);
  });

  it('presence bit set with a 0xFFFF value: no reading, a note', () => {
    const r = ok(decodeAdvertisement(adv({ uuids: ['5550'], mfr: [{ companyId: 44847, data: '55006403201a00ffffffff20ffffffffffff0000' }] })));
    expect(r.readings).toEqual({ probe1: 26, battery: 100 });
    expect(r.notes).toEqual(['probe2: presence bit set but no value (0xFFFF)']);
  });

  it('all six slots unplugged: recognised, battery only, no probe readings', () => {
    const r = ok(decodeAdvertisement(adv({ uuids: ['5550'], mfr: [{ companyId: 44847, data: '5500640020ffffffffffff20ffffffffffff0000' }] })));
    expect(r).toMatchObject({ model: 'H5055', readings: { battery: 100 }, errors: [] });
  });
});

describe('picking the model (PROTOCOLS.md §1.1)', () => {
  const h5055 = '55006401201a00ffffffff201900ffffffff0000';

  it('meat thermometers: the company id is the MAC\'s octets 4–5 and data[0] octet 6 (G28, A4:C1:38:2F:AF:55)', () => {
    const r = ok(decodeAdvertisement(adv({ mac: 'A4:C1:38:2F:AF:55', uuids: ['5550'], mfr: [{ companyId: 0xaf2f, data: h5055 }] })));
    expect(r.model).toBe('H5055');
    expect(r.mac).toBe('A4:C1:38:2F:AF:55');
    // ble_monitor B12: H5182 at C7:31:30:30:55:44 → mfr 30 55 44 …
    const b12 = ok(decodeAdvertisement(adv({ mac: 'C7:31:30:30:55:44', uuids: ['8251'], mfr: ['30554401000101e401860834ffff860960ffff'] })));
    expect(b12.readings).toEqual({ probe1: 21, probe2: 24 });
  });

  it('never by company id: a meat thermometer whose MAC makes its "company id" 0xEC88, 0x0001 or 0x004C still decodes by UUID', () => {
    for (const companyId of [0xec88, 0x0001, 0x004c]) {
      const r = ok(decodeAdvertisement(adv({ uuids: ['5550'], mfr: [{ companyId, data: h5055 }] })));
      expect(r).toMatchObject({ model: 'H5055', readings: { probe1: 26, probe2: 25, battery: 100 } });
    }
  });

  it('…and the same bytes without UUID or name are not a meat thermometer', () => {
    const r = decodeAdvertisement(adv({ mfr: [{ companyId: 0xaf2f, data: h5055 }] }));
    expect(r).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('name alone (GVH5055), UUID alone, and UUID beating a contradicting name', () => {
    expect(ok(decodeAdvertisement(adv({ name: 'GVH5055', mfr: [{ companyId: 0x1234, data: h5055 }] }))).model).toBe('H5055');
    expect(ok(decodeAdvertisement(adv({ uuids: ['5550'], mfr: [{ companyId: 0x1234, data: h5055 }] }))).model).toBe('H5055');
    expect(ok(decodeAdvertisement(adv({ name: 'GVH5181_ABCD', uuids: ['5550'], mfr: [{ companyId: 0x1234, data: h5055 }] }))).model).toBe('H5055');
  });

  it('model numbers from the name conventions', () => {
    expect(modelNumberFromName('GVH5075_DBF8')).toBe(5075);
    expect(modelNumberFromName('Govee_H5074_5FF4')).toBe(5074);
    expect(modelNumberFromName('GV5179_6319')).toBe(5179);
    expect(modelNumberFromName('GV51085242')).toBe(5108);
    expect(modelNumberFromName('GV5112AC3D')).toBe(5112);
    expect(modelNumberFromName('GV5140303A')).toBe(5140);
    expect(modelNumberFromName('B5178C545')).toBe(5178);
    expect(modelNumberFromName('GVH5055')).toBe(5055);
    expect(modelNumberFromName('my H5075 sensor')).toBe(5075);
    expect(modelNumberFromName('GVPROBE')).toBe(0);
    expect(modelNumberFromName('')).toBe(0);
    expect(modelNumberFromName(undefined)).toBe(0);
    expect(modelNumberFromName('Govee_1234')).toBe(0);
  });

  it('company 0x0001 with 6 bytes and no name: H510x or H5106 cannot be told apart → unknown, saying why', () => {
    const r = decodeAdvertisement(adv({ uuids: ['ec88'], mfr: [{ companyId: 1, data: '0101033d7064' }] }));
    expect(r).toMatchObject({ ok: false, reason: 'unknown' });
    expect(!r.ok && r.message).toMatch(/local name/);
  });

  it('a named model whose data does not fit its layout is malformed (truncated data)', () => {
    const r = decodeAdvertisement(adv({ name: 'GVH5075_1234', mfr: ['88ec000418ee64'] }));
    expect(r).toMatchObject({ ok: false, reason: 'malformed', model: 'H5075' });
    expect(!r.ok && r.message).toMatch(/6 data bytes, got company 0xec88 with 5/);
  });

  it('truncated meat thermometer data is malformed, with the model', () => {
    expect(decodeAdvertisement(adv({ uuids: ['8251'], mfr: ['30554401000101e401860834ffff'] }))).toMatchObject({ ok: false, reason: 'malformed', model: 'H5182' });
    expect(decodeAdvertisement(adv({ uuids: ['5550'], mfr: [{ companyId: 1, data: h5055.slice(0, 34) }] }))).toMatchObject({ ok: false, reason: 'malformed', model: 'H5055' });
  });

  it('company 0x004C (Apple iBeacon) is ignored: alone it carries no reading', () => {
    const named = decodeAdvertisement(adv({ name: 'GVH5075_1234', mfr: [{ companyId: 76, data: IBEACON }] }));
    // A recognised device heard without its payload (passive scan): ok, nothing to report, and why.
    expect(named).toMatchObject({ ok: true, model: 'H5075', readings: {} });
    expect(named.ok && named.errors[0]).toMatch(/scan response/);
    expect(decodeAdvertisement(adv({ mfr: [{ companyId: 76, data: IBEACON }] }))).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('not Govee: other company ids, no manufacturer data, unsupported Govee models', () => {
    expect(decodeAdvertisement(adv({ name: 'Mi Temp', mfr: ['0600030080'] }))).toMatchObject({ ok: false, reason: 'unknown' });
    expect(decodeAdvertisement(adv({}))).toMatchObject({ ok: false, reason: 'unknown' });
    // govee-ble's H5127 presence sensor and H5121 button are Govee, but not models we read.
    expect(decodeAdvertisement(adv({ name: 'GVH51275E3F', mfr: [{ companyId: 34819, data: 'ec0001010111' }] }))).toMatchObject({ ok: false, reason: 'unknown', model: 'H5127' });
    expect(decodeAdvertisement(adv({ name: 'GV5121195A', mfr: [{ companyId: 61320, data: '59940000f0b91937ae50b6372c866ac2f3d061e717c02cef' }] }))).toMatchObject({ ok: false, reason: 'unknown', model: 'H5121' });
    // govee-ble "H5106 invalid": name RZSS, two unknown entries.
    expect(decodeAdvertisement(adv({ name: 'RZSS', mfr: [{ companyId: 1033, data: '8c645f64' }, { companyId: 1, data: '01010b005864' }] }))).toMatchObject({ ok: false, reason: 'unknown' });
  });

  it('H5194 (layout not public) is reported as an unsupported model, by UUID hypothesis 0x9451 or by name — never decoded', () => {
    // Even with bytes that would decode as an H5198:
    const data = '6c01000101a3c10f0bb8ffffffff0960ffffffff';
    for (const a of [adv({ uuids: ['9451'], mfr: [{ companyId: 12322, data }] }), adv({ name: 'GVH5194_1A2B', mfr: [{ companyId: 12322, data }] })]) {
      const r = decodeAdvertisement(a);
      expect(r).toMatchObject({ ok: false, reason: 'unknown', model: 'H5194' });
      expect(!r.ok && r.message).toMatch(/capture/);
    }
  });

  it('MAC and RSSI of the advertisement travel with the result, decoded or not', () => {
    expect(decodeAdvertisement(adv({ name: 'GVH5075_1234', mfr: ['88ec000418ee6400'], mac: 'A4:C1:38:00:12:34', rssi: -61 }))).toMatchObject({ mac: 'A4:C1:38:00:12:34', rssi: -61 });
    expect(decodeAdvertisement(adv({ mfr: ['ffff00'], mac: 'A4:C1:38:00:12:34', rssi: -61 }))).toMatchObject({ ok: false, mac: 'A4:C1:38:00:12:34', rssi: -61 });
  });
});

describe('the iBeacon trailer (INTELLI_ROCKS)', () => {
  it('is dropped only from data longer than 25 bytes that contains INTELLI_ROCKS', () => {
    const glued = bytes(`000418ee64004c00${IBEACON}`);
    expect(stripIBeaconTrailer(glued)).toEqual(bytes('000418ee6400'));
    const noMarker = bytes(`000418ee64004c00${IBEACON.replace('494e54454c4c49', '00000000000000')}`);
    expect(stripIBeaconTrailer(noMarker)).toBe(noMarker);
    const short = bytes(`4c00${IBEACON}`); // 25 bytes exactly
    expect(stripIBeaconTrailer(short)).toBe(short);
  });

  it('without the marker a long payload is not cut, so it fits no layout', () => {
    const r = decodeAdvertisement(adv({ name: 'GVH5075_1234', mfr: [`88ec000418ee64004c00${IBEACON.replace('494e54454c4c49', '00000000000000')}`] }));
    expect(r).toMatchObject({ ok: false, reason: 'malformed', model: 'H5075' });
  });
});
