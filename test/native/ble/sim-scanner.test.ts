import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureRecordFromAdvertisement, captureRecordFromHci, encodeCaptureLine } from '../../../native/ble/capture.ts';
import { encodeGoveeHci } from '../../../native/ble/encode.ts';
import { decodeAdvertisement } from '../../../native/ble/govee.ts';
import type { ScanListener, ScanReport, ScannerState } from '../../../native/ble/scanner.ts';
import { SimScanner } from '../../../native/ble/sim-scanner.ts';
import { BLE_MONITOR } from './vectors.ts';
import { adv, bytes } from './helpers.ts';

function collector() {
  const reports: ScanReport[] = [];
  const malformed: string[] = [];
  const states: ScannerState[] = [];
  const listener: ScanListener = { advertisement: (r) => reports.push(r), malformed: (m) => malformed.push(m), state: (s) => states.push(s) };
  return { reports, malformed, states, listener };
}

describe('SimScanner: raw HCI through the real parser', () => {
  it('delivers every ble_monitor HCI vector as the parser reads it (MAC, RSSI) and decodable as published', async () => {
    const s = new SimScanner({ now: () => 5 });
    const c = collector();
    await s.start(c.listener);
    expect(c.states).toEqual([{ state: 'scanning', message: 'simulated scanner' }]);
    for (const v of BLE_MONITOR) {
      expect(s.feed(bytes(v.hex), 42)).toBe(1);
      const r = c.reports[c.reports.length - 1]!;
      expect(r.ts).toBe(42);
      expect(r.advertisement.mac).toBe(v.mac);
      expect(r.advertisement.rssi).toBe(v.rssi);
      const d = decodeAdvertisement(r.advertisement);
      if (v.model) expect(d, v.id).toMatchObject({ ok: true, model: v.model, readings: v.readings });
      else expect(d.ok, v.id).toBe(false);
    }
  });

  it('an H5075 as the encoder puts it on air (data only in the scan response) is decoded from the scan response; the next advertisement carries the remembered name', async () => {
    const s = new SimScanner();
    const c = collector();
    await s.start(c.listener);
    const packets = encodeGoveeHci('H5075', 'A4:C1:38:5A:10:01', { temperature: 21.4, humidity: 48.3, battery: 87 }, { rssi: -66 });
    expect(packets).toHaveLength(2);
    for (const p of packets) s.feed(p, 1000);
    s.feed(packets[0]!, 2000);
    const [adv1, scanRsp, adv2] = c.reports.map((r) => decodeAdvertisement(r.advertisement));
    expect(adv1).toMatchObject({ ok: false, reason: 'unknown' }); // flags + UUID only, name not heard yet
    expect(scanRsp).toMatchObject({ ok: true, model: 'H5075', mac: 'A4:C1:38:5A:10:01', rssi: -66, readings: { temperature: 21.4, humidity: 48.3, battery: 87 } });
    expect(adv2).toMatchObject({ ok: true, model: 'H5075', readings: {} }); // known device, no data in this packet
  });

  it('a truncated event is a malformed packet; corrupt AD data is delivered flagged; history is passed through', async () => {
    const s = new SimScanner();
    const c = collector();
    await s.start(c.listener);
    const good = encodeGoveeHci('H5102', 'E1:12:1D:61:BB:AA', { temperature: 24.8, humidity: 57.7 })[0]!;
    expect(s.feed(good.subarray(0, good.length - 3), 1)).toBe(0);
    expect(c.malformed).toEqual([expect.stringMatching(/^HCI event: .*truncated/)]);
    // AD length byte claiming more than there is, inside a well-formed report.
    const corrupt = Uint8Array.from(good);
    corrupt[14] = corrupt[13]! + 1; // the first AD structure now claims more bytes than the report carries
    expect(s.feed(corrupt, 2, { history: true })).toBe(1);
    expect(c.reports[0]).toMatchObject({ adError: expect.stringMatching(/claims \d+ bytes/), history: true, advertisement: { mac: 'E1:12:1D:61:BB:AA' } });
    expect(s.malformed).toBe(1);
    expect(s.delivered).toBe(1);
  });

  it('feeds capture lines: HCI lines through the parser, field lines as they are; bad lines are malformed', async () => {
    const s = new SimScanner();
    const c = collector();
    await s.start(c.listener);
    const hci = encodeGoveeHci('H5072', 'A4:C1:38:5A:10:06', { temperature: 19.9, humidity: 51 })[0]!;
    expect(s.feedLine(encodeCaptureLine(captureRecordFromHci(hci, 111)))).toBe(1);
    expect(s.feedLine(encodeCaptureLine(captureRecordFromAdvertisement(adv({ mac: 'A4:C1:38:00:12:34', name: 'GVH5075_1234', mfr: ['88ec000418ee6400'] }), 222)))).toBe(1);
    expect(s.feedLine('# a comment')).toBe(0);
    expect(s.feedLine('{"ts":1,"hci":"043e"}')).toBe(0);
    expect(s.feedLine('not json')).toBe(0);
    expect(c.reports.map((r) => r.ts)).toEqual([111, 222]);
    expect(decodeAdvertisement(c.reports[0]!.advertisement)).toMatchObject({ ok: true, model: 'H5072', readings: { temperature: 19.9, humidity: 51 } });
    expect(decodeAdvertisement(c.reports[1]!.advertisement)).toMatchObject({ ok: true, model: 'H5075', readings: { temperature: 26.8 } });
    expect(c.malformed).toHaveLength(2);
  });

  it('after stop nothing is delivered', async () => {
    const s = new SimScanner();
    const c = collector();
    await s.start(c.listener);
    await s.stop();
    expect(s.feed(encodeGoveeHci('H5102', 'E1:12:1D:61:BB:AA', { temperature: 1 })[0]!)).toBe(0);
    expect(c.reports).toEqual([]);
  });
});

describe('SimScanner.replay', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const file = [
    '# recorded 2026-11-25',
    encodeCaptureLine(captureRecordFromAdvertisement(adv({ mac: 'A4:C1:38:00:12:34', name: 'GVH5075_1234', mfr: ['88ec000418ee6400'] }), 10_000)),
    encodeCaptureLine(captureRecordFromAdvertisement(adv({ mac: 'A4:C1:38:00:12:34', name: 'GVH5075_1234', mfr: ['88ec00811f096400'] }), 10_300)),
    encodeCaptureLine(captureRecordFromAdvertisement(adv({ mac: 'A4:C1:38:00:12:34', name: 'GVH5075_1234', mfr: ['88ec0004344b6400'] }), 70_000)),
    '',
  ].join('\n');

  it('keeps the file\'s spacing (gaps capped) and stamps each line with the time it is delivered', async () => {
    let now = 1_000_000;
    const s = new SimScanner({ now: () => now });
    const c = collector();
    await s.start(c.listener);
    const done = s.replay(file, { maxGapMs: 1000 });
    expect(c.reports).toHaveLength(1);
    now += 299;
    vi.advanceTimersByTime(299);
    expect(c.reports).toHaveLength(1);
    now += 1;
    vi.advanceTimersByTime(1);
    expect(c.reports).toHaveLength(2);
    now += 1000; // a 59.7 s gap in the file, capped to 1 s
    vi.advanceTimersByTime(1000);
    await done;
    expect(c.reports.map((r) => r.ts)).toEqual([1_000_000, 1_000_300, 1_001_300]);
    expect(c.reports.map((r) => decodeAdvertisement(r.advertisement)).map((d) => (d.ok ? d.readings.temperature : NaN))).toEqual([26.8, -7.3, 27.5]);
  });

  it('repeats until stopped', async () => {
    const s = new SimScanner();
    const c = collector();
    await s.start(c.listener);
    void s.replay(file, { repeat: true, maxGapMs: 10, repeatGapMs: 50 });
    vi.advanceTimersByTime(1000);
    expect(c.reports.length).toBeGreaterThan(20);
    await s.stop();
    const n = c.reports.length;
    vi.advanceTimersByTime(1000);
    expect(c.reports.length).toBe(n);
  });
});
