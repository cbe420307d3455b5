import { describe, expect, it } from 'vitest';
import { LEGACY_AD_MAX, encodeAdStructures, parseAdStructures, splitForLegacyAdvertising } from '../../../native/ble/ad.ts';
import type { Advertisement } from '../../../native/ble/advertisement.ts';
import { bytes } from './helpers.ts';

function parsed(hex: string): Advertisement {
  const r = parseAdStructures(bytes(hex));
  if (!r.ok) throw new Error(r.message);
  return r.adv;
}

describe('AD structure parser', () => {
  it('reads ble_monitor B5\'s payload: name, 16-bit UUID ec88 (air 88 ec), flags, manufacturer data after the company id', () => {
    const a = parsed('0d09475648353037355f43423942030388ec02010509ff88ec0003215d6400');
    expect(a.name).toBe('GVH5075_CB9B');
    expect(a.serviceUuids).toEqual(['ec88']);
    expect(a.flags).toBe(0x05);
    expect(a.manufacturerData).toHaveLength(1);
    expect(a.manufacturerData[0]!.companyId).toBe(0xec88);
    expect([...a.manufacturerData[0]!.data]).toEqual([0x00, 0x03, 0x21, 0x5d, 0x64, 0x00]);
  });

  it('keeps every manufacturer entry (Govee + Apple iBeacon, ble_monitor B7)', () => {
    const a = parsed('0d09475648353037355f36433131030388ec02010509ff88ec00012d6e64001aff4c000215494e54454c4c495f524f434b535f48575075f2ffc2');
    expect(a.manufacturerData.map((m) => m.companyId)).toEqual([0xec88, 0x004c]);
    expect(a.manufacturerData[1]!.data).toHaveLength(23);
  });

  it('incomplete and complete 16-bit lists (02/03), several UUIDs, duplicates once', () => {
    expect(parsed('0702 0a18 f5fe 88ec 0303 88ec').serviceUuids).toEqual(['180a', 'fef5', 'ec88']);
    // A meat thermometer spells its model: air 51 98 → UUID 0x9851.
    expect(parsed('03035198').serviceUuids).toEqual(['9851']);
  });

  it('128-bit UUIDs (06/07) least significant byte first; the Bluetooth base form shortens to 16 bits', () => {
    expect(parsed('1107 57485f534b434f525f494c4c45544e49').serviceUuids).toEqual(['494e5445-4c4c-495f-524f-434b535f4857']);
    expect(parsed('1106 fb349b5f80000080001000005198 0000').serviceUuids).toEqual(['9851']);
  });

  it('32-bit UUIDs (04/05)', () => {
    expect(parsed('050588ec0000 0505 78563412').serviceUuids).toEqual(['ec88', '12345678-0000-1000-8000-00805f9b34fb']);
  });

  it('the complete name wins over a shortened one, in either order; trailing NULs dropped; UTF-8', () => {
    expect(parsed('0408475648 0a09475648353037355f31').name).toBe('GVH5075_1');
    expect(parsed('0a09475648353037355f31 0408475648').name).toBe('GVH5075_1');
    expect(parsed('0609 41 42 43 00 00').name).toBe('ABC');
    expect(parsed('0709 4261 72 c3 a9 31').name).toBe('Baré1');
  });

  it('TX power is signed', () => {
    expect(parsed('020af4').txPower).toBe(-12);
    expect(parsed('020a04').txPower).toBe(4);
  });

  it('service data with 16-, 32- and 128-bit UUIDs', () => {
    const a = parsed('0516 95fe 0102 0720 78563412 aabb 1221 fb349b5f800000800010000050550000 cc');
    expect(a.serviceData.map((s) => s.uuid)).toEqual(['fe95', '12345678-0000-1000-8000-00805f9b34fb', '5550']);
    expect(a.serviceData.map((s) => [...s.data])).toEqual([[1, 2], [0xaa, 0xbb], [0xcc]]);
  });

  it('skips unknown types and structures too short for their type; an odd byte in a UUID list is ignored', () => {
    const a = parsed('03194003 02ff4c 0101 040388ec51 0c09474f56454555485f414244');
    expect(a.manufacturerData).toEqual([]);
    expect(a.flags).toBeUndefined(); // a flags structure with no value byte
    expect(a.serviceUuids).toEqual(['ec88']);
    expect(a.name).toBe('GOVEEUH_ABD');
  });

  it('a zero length ends the data: controller padding (and whatever follows it) is not parsed', () => {
    const a = parsed('0303518302010500000000 0909 41414141414141 41');
    expect(a.serviceUuids).toEqual(['8351']);
    expect(a.name).toBeUndefined();
  });

  it('a structure running past the end is a reject with a reason; what came before is kept as partial', () => {
    const r = parseAdStructures(bytes('0909475648353037355f 0aff88ec00'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toMatch(/claims 10 bytes but only 4 remain/);
    expect(r.partial.name).toBe('GVH5075_');
    expect(r.partial.manufacturerData).toEqual([]);
  });

  it('empty input is an empty advertisement; a range of a larger buffer can be parsed', () => {
    expect(parsed('')).toEqual({ serviceUuids: [], manufacturerData: [], serviceData: [] });
    const buf = bytes('ffff 020106 ffff');
    const r = parseAdStructures(buf, 2, 5);
    expect(r.ok && r.adv.flags).toBe(6);
  });
});

describe('AD encoder', () => {
  const a: Advertisement = {
    flags: 6,
    name: 'GVH5075_DBF8',
    serviceUuids: ['ec88', '494e5445-4c4c-495f-524f-434b535f4857'],
    manufacturerData: [{ companyId: 0xec88, data: bytes('00034db26400') }],
    serviceData: [{ uuid: 'fe95', data: bytes('0102') }],
    txPower: -8,
  };

  it('writes ble_monitor B5\'s layout byte for byte for the same content', () => {
    // B5 order: name, UUIDs, flags, manufacturer. Our order differs (flags first), so compare structure sets.
    const enc = encodeAdStructures({ flags: 5, name: 'GVH5075_CB9B', serviceUuids: ['ec88'], manufacturerData: [{ companyId: 0xec88, data: bytes('0003215d6400') }], serviceData: [] });
    expect(Buffer.from(enc).toString('hex')).toBe('020105030388ec0d09475648353037355f4342394209ff88ec0003215d6400');
  });

  it('parse(encode(a)) = a', () => {
    const back = parsed(Buffer.from(encodeAdStructures(a)).toString('hex'));
    expect(back).toEqual(a);
  });

  it('lays out a legacy advertisement: H5075 readings in the scan response, each payload ≤ 31 bytes', () => {
    const split = splitForLegacyAdvertising({ ...a, serviceData: [], txPower: undefined, serviceUuids: ['ec88'] }, { payloadInScanResponse: true });
    expect(split.advertising.manufacturerData).toEqual([]);
    expect(split.scanResponse?.manufacturerData).toHaveLength(1);
    expect(split.scanResponse?.name).toBe('GVH5075_DBF8');
    expect(encodeAdStructures(split.advertising).length).toBeLessThanOrEqual(LEGACY_AD_MAX);
    expect(encodeAdStructures(split.scanResponse!).length).toBeLessThanOrEqual(LEGACY_AD_MAX);
  });

  it('refuses content that cannot fit two 31-byte payloads', () => {
    expect(() => splitForLegacyAdvertising({ serviceUuids: [], serviceData: [], manufacturerData: [{ companyId: 1, data: new Uint8Array(40) }] })).toThrow(RangeError);
  });
});
