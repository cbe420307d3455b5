import { describe, expect, it } from 'vitest';
import { mergeAdvertisements } from '../../../native/ble/advertisement.ts';
import { decodeAdBytes, decodeHciEvent } from '../../../native/ble/decode.ts';
import { decodeAdvertisement } from '../../../native/ble/govee.ts';
import { encodeHciAdvertisingReport, encodeHciExtendedAdvertisingReport, parseHciEvent, SCAN_RSP } from '../../../native/ble/hci.ts';
import { bytes } from './helpers.ts';
import { BLE_MONITOR } from './vectors.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ble_monitor raw HCI vectors → readings', () => {
  for (const v of BLE_MONITOR) {
    it(v.id, () => {
      const results = decodeHciEvent(bytes(v.hex));
      expect(results).toHaveLength(1);
      const r = results[0]!;
      expect(r.mac).toBe(v.mac);
      expect(r.rssi).toBe(v.rssi);
      if (v.model === undefined) {
        expect(r).toMatchObject({ ok: false, reason: 'unknown' });
        return;
      }
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.model).toBe(v.model);
      expect(r.readings).toEqual(v.readings);
      expect(r.errors).toEqual([]);
    });
  }

  it('the same packet without the leading 0x04 packet-type byte', () => {
    const b5 = BLE_MONITOR.find((v) => v.id.startsWith('B5'))!;
    const r = decodeHciEvent(bytes(b5.hex.slice(2)));
    expect(r[0]).toMatchObject({ ok: true, model: 'H5075', readings: { temperature: 20.5 } });
  });
});

describe('HCI LE Advertising Report parser', () => {
  const b1 = '043e1902010400aabb615960e30d0cff88ec00ba0af90f63020101b7';
  const body1 = '0400aabb615960e30d0cff88ec00ba0af90f63020101b7';
  const body3 = '0400aabb611d12e00b0aff88ec0088078c116402a6';

  it('reads event type, address type, reversed address, data and signed RSSI', () => {
    const p = parseHciEvent(bytes(b1));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const [r] = p.reports;
    expect(r).toMatchObject({ extended: false, eventType: SCAN_RSP, scanResponse: true, dataStatus: 'complete' });
    expect(r!.advertisement).toMatchObject({ mac: 'E3:60:59:61:BB:AA', addressType: 0, rssi: -73 });
    expect(hex(r!.data)).toBe('0cff88ec00ba0af90f63020101');
  });

  it('several reports in one event (num_reports = 2), one after another', () => {
    const packet = `043e2e0202${body1}${body3}`;
    const results = decodeHciEvent(bytes(packet));
    expect(results.map((r) => r.ok && r.model)).toEqual(['H5051', 'H5074']);
    expect(results.map((r) => r.mac)).toEqual(['E3:60:59:61:BB:AA', 'E0:12:1D:61:BB:AA']);
  });

  it('RSSI 127 means "not available"', () => {
    const p = parseHciEvent(bytes(`${b1.slice(0, -2)}7f`));
    expect(p.ok && p.reports[0]!.advertisement.rssi).toBeUndefined();
  });

  it('bytes after the declared parameter length are ignored', () => {
    expect(decodeHciEvent(bytes(`${b1}ffee`))[0]).toMatchObject({ ok: true, model: 'H5051' });
  });

  const rejects: [string, string, 'malformed' | 'unsupported', RegExp][] = [
    ['truncated packet', b1.slice(0, -2), 'malformed', /truncated/],
    ['stray bytes inside the declared length', `043e1a0201${body1}00`, 'malformed', /stray/],
    ['num_reports = 0', '043e020200', 'malformed', /num_reports = 0/],
    ['unknown legacy event type', `043e190201${'05'}${body1.slice(2)}`, 'malformed', /event type 0x05/],
    ['data length past the report', `043e190201${body1.slice(0, 16)}0e${body1.slice(18)}`, 'malformed', /runs past/],
    ['a report header cut short', '043e0502010400aa', 'malformed', /truncated/],
    ['Command Complete, not LE Meta', '040e0401030c00', 'unsupported', /not an LE Meta event/],
    ['LE Connection Complete subevent', '043e0301000000', 'unsupported', /subevent 0x01/],
    ['ACL data packet', '0200200100', 'unsupported', /not an event/],
    ['not HCI at all', 'ff00', 'malformed', /not an HCI event packet/],
    ['empty', '', 'malformed', /too short/],
    ['LE Meta with no parameters', '043e00', 'malformed', /0 parameter bytes/],
  ];
  for (const [label, packet, reason, message] of rejects) {
    it(`rejects: ${label}`, () => {
      const p = parseHciEvent(bytes(packet));
      expect(p).toMatchObject({ ok: false, reason });
      expect(!p.ok && p.message).toMatch(message);
      // …and the decode entry point turns it into one malformed result.
      expect(decodeHciEvent(bytes(packet))).toEqual([{ ok: false, reason: 'malformed', message: !p.ok ? p.message : '' }]);
    });
  }

  it('corrupt AD data inside a well-formed report: the report is kept with adError, the decode is malformed with MAC and RSSI', () => {
    // manufacturer structure claims 0x0d bytes inside a 13-byte data field
    const packet = `043e190201${body1.slice(0, 18)}0dff88ec00ba0af90f63020101b7`;
    const p = parseHciEvent(bytes(packet));
    expect(p.ok && p.reports[0]!.adError).toMatch(/claims 13 bytes/);
    expect(decodeHciEvent(bytes(packet))[0]).toMatchObject({ ok: false, reason: 'malformed', mac: 'E3:60:59:61:BB:AA', rssi: -73 });
  });
});

describe('LE Extended Advertising Report (subevent 0x0D)', () => {
  // Hand-built: event type 0x001b (legacy PDU, scan response to ADV_IND), public address A4:C1:38:DD:DB:F8,
  // PHY 1M/none, no SID, TX power n/a (0x7f), RSSI −61, no interval, no direct address, 24 data bytes:
  // name GVH5075_DBF8 + manufacturer 88ec 00034db26400.
  const data = '0d09475648353037355f44424638' + '09ff88ec00034db26400';
  const report = (eventType: string, addrType: string) => `${eventType}${addrType}f8dbdd38c1a4 01 00 ff 7f c3 0000 00 000000000000 18 ${data}`;
  const packet = (eventType = '1b00', addrType = '00') => `043e32 0d 01 ${report(eventType, addrType)}`;

  it('parses the 24-byte report header exactly and decodes the data', () => {
    const p = parseHciEvent(bytes(packet()));
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const r = p.reports[0]!;
    expect(r).toMatchObject({ extended: true, eventType: 0x1b, scanResponse: true, dataStatus: 'complete' });
    expect(r.advertisement).toMatchObject({ mac: 'A4:C1:38:DD:DB:F8', addressType: 0, rssi: -61, name: 'GVH5075_DBF8' });
    expect(r.advertisement.txPower).toBeUndefined();
    expect(decodeHciEvent(bytes(packet()))[0]).toMatchObject({ ok: true, model: 'H5075', readings: { temperature: 21.6, humidity: 49.8, battery: 100 } });
  });

  it('data status: incomplete (0b01) and truncated (0b10) are reported; 0b11 is reserved', () => {
    const status = (t: string) => {
      const p = parseHciEvent(bytes(packet(t)));
      return p.ok ? p.reports[0]!.dataStatus : p.message;
    };
    expect(status('2000')).toBe('incomplete');
    expect(status('4000')).toBe('truncated');
    expect(status('6000')).toMatch(/reserved/);
  });

  it('anonymous advertisements (address type 0xFF) have no MAC', () => {
    const p = parseHciEvent(bytes(packet('1300', 'ff')));
    expect(p.ok && p.reports[0]!.advertisement.mac).toBeUndefined();
  });

  it('encoder ↔ parser for extended reports, two per event', () => {
    const enc = encodeHciExtendedAdvertisingReport([
      { mac: 'A4:C1:38:DD:DB:F8', data: bytes(data), eventType: 0x1b, rssi: -61 },
      { mac: 'A4:C1:38:00:00:01', data: bytes('020106'), txPower: 4, rssi: -90 },
    ]);
    const p = parseHciEvent(enc);
    expect(p.ok && p.reports.map((r) => [r.advertisement.mac, r.advertisement.rssi, r.advertisement.txPower])).toEqual([
      ['A4:C1:38:DD:DB:F8', -61, undefined],
      ['A4:C1:38:00:00:01', -90, 4],
    ]);
    expect(hex(encodeHciExtendedAdvertisingReport([{ mac: 'A4:C1:38:DD:DB:F8', data: bytes(data), eventType: 0x1b, rssi: -61 }]))).toBe(hex(bytes(packet())));
  });
});

describe('HCI encoder', () => {
  it('reproduces ble_monitor B5 byte for byte from its parts', () => {
    const b5 = BLE_MONITOR.find((v) => v.id.startsWith('B5'))!;
    const enc = encodeHciAdvertisingReport([{ mac: 'A4:C1:38:61:BB:AA', eventType: 0, addressType: 0, rssi: -86, data: bytes('0d09475648353037355f43423942030388ec02010509ff88ec0003215d6400') }]);
    expect(hex(enc)).toBe(b5.hex.toLowerCase());
    expect(hex(encodeHciAdvertisingReport([{ mac: 'A4:C1:38:61:BB:AA', rssi: -86, data: bytes('020106') }], { packetType: false })).slice(0, 2)).toBe('3e');
  });

  it('refuses legacy data over 31 bytes', () => {
    expect(() => encodeHciAdvertisingReport([{ mac: 'A4:C1:38:61:BB:AA', data: new Uint8Array(32) }])).toThrow(RangeError);
  });
});

describe('advertisement + scan response (active scanning)', () => {
  it('H5075: the ADV_IND has no readings, the merged pair decodes', () => {
    const advInd = parseHciEvent(encodeHciAdvertisingReport([{ mac: 'A4:C1:38:DD:DB:F8', rssi: -70, data: bytes('020106030388ec') }]));
    const scanRsp = parseHciEvent(
      encodeHciAdvertisingReport([{ mac: 'A4:C1:38:DD:DB:F8', rssi: -68, eventType: SCAN_RSP, data: bytes('0d09475648353037355f4442463809ff88ec00034db26400') }]),
    );
    if (!advInd.ok || !scanRsp.ok) throw new Error('parse');
    expect(decodeAdvertisement(advInd.reports[0]!.advertisement)).toMatchObject({ ok: false, reason: 'unknown' });
    const merged = mergeAdvertisements(advInd.reports[0]!.advertisement, scanRsp.reports[0]!.advertisement);
    expect(decodeAdvertisement(merged)).toMatchObject({ ok: true, model: 'H5075', mac: 'A4:C1:38:DD:DB:F8', rssi: -68, readings: { temperature: 21.6, humidity: 49.8, battery: 100 } });
  });

  it('decodeAdBytes takes the two payloads concatenated', () => {
    expect(decodeAdBytes(bytes('020106030388ec 0d09475648353037355f4442463809ff88ec00034db26400'), { mac: 'a4c138dddbf8', rssi: -70 })).toMatchObject({
      ok: true,
      model: 'H5075',
      mac: 'A4:C1:38:DD:DB:F8',
      rssi: -70,
    });
    expect(decodeAdBytes(bytes('0dff88ec'), { mac: 'A4:C1:38:DD:DB:F8' })).toMatchObject({ ok: false, reason: 'malformed', mac: 'A4:C1:38:DD:DB:F8' });
  });
});
