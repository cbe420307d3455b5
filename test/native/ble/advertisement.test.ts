import { describe, expect, it } from 'vitest';
import { macBytes, mergeAdvertisements, normalizeMac, normalizeUuid, type Advertisement } from '../../../native/ble/advertisement.ts';
import { parseHex, toHex } from '../../../native/ble/hex.ts';

describe('MAC addresses', () => {
  it('normalises the common spellings to AA:BB:CC:DD:EE:FF', () => {
    for (const s of ['a4:c1:38:dd:db:f8', 'A4-C1-38-DD-DB-F8', 'a4c138dddbf8', ' A4:C1:38:DD:DB:F8 ']) expect(normalizeMac(s)).toBe('A4:C1:38:DD:DB:F8');
  });
  it('refuses what is not a 48-bit address', () => {
    for (const s of ['F3:52:85', '61DE521B-F0BF-9F44-64D4-75BBE1738105', 'a4:c1:38-dd:db:f8', 'g4c138dddbf8', '', 'a4c138dddbf80']) expect(normalizeMac(s)).toBeUndefined();
  });
  it('octets most significant first', () => {
    expect([...macBytes('A4:C1:38:2F:AF:55')]).toEqual([0xa4, 0xc1, 0x38, 0x2f, 0xaf, 0x55]);
    expect(() => macBytes('x')).toThrow(RangeError);
  });
});

describe('UUIDs', () => {
  it('16-bit values, 0x prefixes, base-UUID long forms and 32-bit forms shorten; others are dashed lower case', () => {
    expect(normalizeUuid('EC88')).toBe('ec88');
    expect(normalizeUuid('0x9851')).toBe('9851');
    expect(normalizeUuid('0000ec88-0000-1000-8000-00805f9b34fb')).toBe('ec88');
    expect(normalizeUuid('0000EC88')).toBe('ec88');
    expect(normalizeUuid('12345678')).toBe('12345678-0000-1000-8000-00805f9b34fb');
    expect(normalizeUuid('494E54454C4C495F524F434B535F4857')).toBe('494e5445-4c4c-495f-524f-434b535f4857');
    expect(normalizeUuid('02f00000-0000-0000-0000-00000000fe00')).toBe('02f00000-0000-0000-0000-00000000fe00');
  });
  it('refuses malformed ones', () => {
    for (const s of ['ec8', 'zz88', '494e5445-4c4c495f-524f-434b535f4857', '']) expect(normalizeUuid(s)).toBeUndefined();
  });
});

describe('mergeAdvertisements (advertisement + scan response)', () => {
  const advInd: Advertisement = { mac: 'A4:C1:38:DD:DB:F8', addressType: 0, flags: 6, serviceUuids: ['ec88'], manufacturerData: [{ companyId: 0x004c, data: Uint8Array.of(2, 0x15) }], serviceData: [], rssi: -70 };
  const scanRsp: Advertisement = { mac: 'A4:C1:38:DD:DB:F8', name: 'GVH5075_DBF8', serviceUuids: ['ec88', 'fef5'], manufacturerData: [{ companyId: 0xec88, data: Uint8Array.of(0, 3, 0x4d, 0xb2, 0x64, 0) }], serviceData: [], rssi: -68 };

  it('unions UUIDs and manufacturer entries; the later packet\'s scalars win where present', () => {
    const m = mergeAdvertisements(advInd, scanRsp);
    expect(m.serviceUuids).toEqual(['ec88', 'fef5']);
    expect(m.manufacturerData.map((e) => e.companyId)).toEqual([0x004c, 0xec88]);
    expect(m).toMatchObject({ mac: 'A4:C1:38:DD:DB:F8', name: 'GVH5075_DBF8', flags: 6, addressType: 0, rssi: -68 });
  });

  it('the same company id or service-data UUID from the later packet replaces the earlier one', () => {
    const newer = { ...scanRsp, manufacturerData: [{ companyId: 0x004c, data: Uint8Array.of(9) }], serviceData: [{ uuid: 'fe95', data: Uint8Array.of(2) }] };
    const older = { ...advInd, serviceData: [{ uuid: 'fe95', data: Uint8Array.of(1) }] };
    const m = mergeAdvertisements(older, newer);
    expect(m.manufacturerData).toEqual([{ companyId: 0x004c, data: Uint8Array.of(9) }]);
    expect(m.serviceData).toEqual([{ uuid: 'fe95', data: Uint8Array.of(2) }]);
  });

  it('does not change its inputs, and refuses two different devices', () => {
    const before = JSON.stringify({ ...advInd, manufacturerData: advInd.manufacturerData.length });
    mergeAdvertisements(advInd, scanRsp);
    expect(JSON.stringify({ ...advInd, manufacturerData: advInd.manufacturerData.length })).toBe(before);
    expect(() => mergeAdvertisements(advInd, { ...scanRsp, mac: 'A4:C1:38:00:00:01' })).toThrow(RangeError);
  });
});

describe('hex', () => {
  it('accepts spaces, colons, dashes, case and a 0x prefix', () => {
    const p = parseHex('0x88:EC 00-04_18ee');
    expect(p.ok && [...p.bytes]).toEqual([0x88, 0xec, 0x00, 0x04, 0x18, 0xee]);
  });
  it('an odd digit count drops the last digit (and says so), or is refused on request', () => {
    expect(parseHex('abc')).toMatchObject({ ok: true, droppedNibble: true, bytes: Uint8Array.of(0xab) });
    expect(parseHex('abc', { oddDigits: 'reject' })).toMatchObject({ ok: false });
  });
  it('refuses other characters, naming the first', () => {
    expect(parseHex('88eg')).toEqual({ ok: false, message: 'not hex: "g" at position 4' });
  });
  it('toHex is lower case without separators', () => {
    expect(toHex(Uint8Array.of(0x88, 0xec, 0x0a))).toBe('88ec0a');
  });
});
