import { describe, expect, it } from 'vitest';
import { captureAdvertisements, captureRecordFromAdvertisement, captureRecordFromHci, encodeCaptureLine, parseCaptureLine } from '../../../native/ble/capture.ts';
import { decodeAdvertisement } from '../../../native/ble/govee.ts';
import { encodeGovee } from '../../../native/ble/encode.ts';
import { bytes } from './helpers.ts';
import { BLE_MONITOR } from './vectors.ts';

describe('capture lines', () => {
  it('an advertisement → line → record → the same advertisement, which decodes the same', () => {
    const [a] = encodeGovee('H5198', 'C6:31:30:30:22:6C', { probe1: 55.5, setpoint1: 63 }, { iBeaconEntry: true });
    const line = encodeCaptureLine(captureRecordFromAdvertisement({ ...a!, rssi: -59 }, 1732280000000));
    expect(line).not.toContain('\n');
    const p = parseCaptureLine(line);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.record).toMatchObject({ ts: 1732280000000, mac: 'C6:31:30:30:22:6C', rssi: -59, name: 'GVH5198_226C', serviceUuids: ['9851'] });
    expect(p.record.mfr?.map((m) => m.companyId)).toEqual([0x2230, 0x004c]); // air bytes 30 22, then 6c = the MAC's last three octets
    const back = captureAdvertisements(p.record);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(decodeAdvertisement(back.advertisements[0]!.advertisement)).toEqual(decodeAdvertisement({ ...a!, rssi: -59 }));
  });

  it('the line format documented for the scanner', () => {
    const line = '{"ts":1732280000000,"mac":"A4:C1:38:DD:DB:F8","rssi":-63,"name":"GVH5075_DBF8","mfr":[{"companyId":60552,"data":"00034db26400"}],"serviceUuids":["ec88"]}';
    const p = parseCaptureLine(line);
    if (!p.ok) throw new Error(p.message);
    const advs = captureAdvertisements(p.record);
    if (!advs.ok) throw new Error(advs.message);
    expect(decodeAdvertisement(advs.advertisements[0]!.advertisement)).toMatchObject({ ok: true, model: 'H5075', mac: 'A4:C1:38:DD:DB:F8', rssi: -63, readings: { temperature: 21.6, humidity: 49.8, battery: 100 } });
  });

  it('a raw HCI line: every report, MAC and RSSI from the packet', () => {
    const b5 = BLE_MONITOR.find((v) => v.id.startsWith('B5'))!;
    const rec = captureRecordFromHci(bytes(b5.hex), 5);
    expect(rec).toEqual({ ts: 5, mac: 'A4:C1:38:61:BB:AA', rssi: -86, name: 'GVH5075_CB9B', hci: b5.hex.toLowerCase() });
    const p = parseCaptureLine(encodeCaptureLine(rec));
    if (!p.ok) throw new Error(p.message);
    const advs = captureAdvertisements(p.record);
    expect(advs.ok && decodeAdvertisement(advs.advertisements[0]!.advertisement)).toMatchObject({ ok: true, model: 'H5075', rssi: -86 });
  });

  it('HCI with corrupt AD data: the advertisement comes with its error', () => {
    const advs = captureAdvertisements({ ts: 1, hci: '043e1902010400aabb615960e30d0dff88ec00ba0af90f63020101b7' });
    expect(advs.ok && advs.advertisements[0]!.error).toMatch(/claims 13 bytes/);
  });

  it('blank and # lines are skipped; broken lines say what is wrong', () => {
    expect(parseCaptureLine('')).toEqual({ ok: false, message: 'skip' });
    expect(parseCaptureLine('   # recorded 2024-11-22')).toEqual({ ok: false, message: 'skip' });
    const bad: [string, RegExp][] = [
      ['{"ts":', /not JSON/],
      ['[1]', /JSON object/],
      ['{"mac":"A4:C1:38:DD:DB:F8","hci":"00"}', /"ts"/],
      ['{"ts":1,"mac":"nope","hci":"00"}', /"mac"/],
      ['{"ts":1,"rssi":-60.5,"hci":"00"}', /"rssi"/],
      ['{"ts":1,"name":5,"hci":"00"}', /"name"/],
      ['{"ts":1,"hci":7}', /"hci"/],
      ['{"ts":1,"mfr":{"companyId":1}}', /"mfr" must be an array/],
      ['{"ts":1,"mfr":[{"companyId":70000,"data":"00"}]}', /companyId/],
      ['{"ts":1,"serviceUuids":[5]}', /"serviceUuids"/],
      ['{"ts":1,"serviceData":[{"uuid":"fe95"}]}', /"serviceData"/],
      ['{"ts":1,"mac":"A4:C1:38:DD:DB:F8"}', /needs "hci"/],
    ];
    for (const [line, message] of bad) {
      const p = parseCaptureLine(line);
      expect(p.ok, line).toBe(false);
      expect(!p.ok && p.message, line).toMatch(message);
    }
  });

  it('bad hex or UUIDs inside a valid line are reported when the advertisement is built', () => {
    expect(captureAdvertisements({ ts: 1, hci: '043e1' })).toMatchObject({ ok: false, message: expect.stringMatching(/odd number/) });
    expect(captureAdvertisements({ ts: 1, hci: '040e0401030c00' })).toMatchObject({ ok: false, message: expect.stringMatching(/not an LE Meta/) });
    expect(captureAdvertisements({ ts: 1, mfr: [{ companyId: 1, data: 'xyz' }] })).toMatchObject({ ok: false });
    expect(captureAdvertisements({ ts: 1, serviceUuids: ['nope'] })).toMatchObject({ ok: false, message: expect.stringMatching(/not a UUID/) });
    expect(captureAdvertisements({ ts: 1, serviceData: [{ uuid: 'fe95', data: '0' }] })).toMatchObject({ ok: false });
  });
});
