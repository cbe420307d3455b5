import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeCommand } from '../../../main/cli/decode.ts';
import { encodeGoveeHci } from '../../../native/ble/encode.ts';
import { encodeHciAdvertisingReport } from '../../../native/ble/hci.ts';
import { telemetryRig } from '../../helpers/core.ts';
import { bleRig } from '../../helpers/ble.ts';
import { useTempDirs } from '../../helpers/tmp.ts';
import type { Settings } from '../../../preload/contract/index.ts';

const MAC = 'A4:C1:38:5A:10:01';
const ID = `ble:${MAC}`;

function rigs(ble: Partial<Settings['ble']> = {}, source: 'ble' | 'sim' = 'ble', captureDir?: string) {
  const rig = telemetryRig();
  const b = bleRig({ ingest: (d, s, o) => rig.telemetry.ingest(d, s, o), suggestName: (id, n) => rig.registry.suggestName(id, n, 'adapter', rig.clock.now) }, { now: () => rig.clock.now, ble, source, ...(captureDir ? { captureDir } : {}) });
  const stored = (metric: string, id = ID) =>
    rig.db.prepare<[string, string], { ts: number; value: number }>('SELECT r.ts, r.value FROM readings r JOIN series s ON s.id = r.series_id WHERE s.device_id = ? AND s.metric = ? ORDER BY r.ts').all(id, metric);
  /** A non-Govee (or not-yet-identified) advertisement as raw AD bytes in an HCI report. */
  const raw = (mac: string, parts: { name?: string; mfr?: { companyId: number; data: number[] }[]; uuids?: string[] }, rssi = -70) =>
    encodeHciAdvertisingReport([{ mac, rssi, data: { serviceUuids: parts.uuids ?? [], manufacturerData: (parts.mfr ?? []).map((m) => ({ companyId: m.companyId, data: Uint8Array.from(m.data) })), serviceData: [], ...(parts.name ? { name: parts.name } : {}) } }]);
  return { rig, ble: b, stored, raw };
}

describe('BLE ingest: advertisements through the real decoders into telemetry', () => {
  it('an H5075 (advertisement + scan response) becomes one device with readings, RSSI and battery; the scanner suggests its advertised name', () => {
    const { rig, ble, stored } = rigs();
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 21.4, humidity: 48.3, battery: 87 }, { rssi: -66 })) ble.scanner.feed(p, rig.clock.now);
    rig.writer.flush();
    const device = rig.registry.get(ID)!;
    expect(device).toMatchObject({ kind: 'thermo-hygrometer', model: 'H5075', source: 'ble', rssi: -66, battery: 87, name: 'GVH5075_1001' });
    expect(stored('temperature').map((r) => r.value)).toEqual([21.4]);
    expect(stored('humidity').map((r) => r.value)).toEqual([48.3]);
    expect(stored('battery')).toEqual([]); // battery rides on the device, not as a series
    expect(ble.ingest.sensorsHeard()).toBe(1);
  });

  it('rate limit: 10 advertisements a second for 30 s store one reading per series per 10 s, while the live value is always the newest', () => {
    const { rig, ble, stored } = rigs();
    const t0 = rig.clock.now;
    let last = 0;
    for (let i = 0; i < 300; i++) {
      rig.clock.now = t0 + i * 100;
      last = 20 + (i % 50) / 10;
      for (const p of encodeGoveeHci('H5075', MAC, { temperature: last, humidity: 50, battery: 90 }, { rssi: -60 })) ble.scanner.feed(p, rig.clock.now);
    }
    rig.writer.flush();
    expect(stored('temperature').map((r) => r.ts - t0)).toEqual([0, 10_000, 20_000]);
    expect(stored('humidity').map((r) => r.ts - t0)).toEqual([0, 10_000, 20_000]);
    const live = rig.telemetry.latest().find((r) => r.deviceId === ID && r.metric === 'temperature')!;
    expect(live).toMatchObject({ value: last, ts: t0 + 29_900 });
    expect(ble.ingest.counters).toMatchObject({ readingsStored: 6, readingsLiveOnly: 594 });
  });

  it('flushPending stores the newest reading that was only shown live (once), so a restart starts from it', () => {
    const { rig, ble, stored } = rigs();
    const t0 = rig.clock.now;
    for (const [i, t] of [20, 20.5, 21].entries()) {
      rig.clock.now = t0 + i * 1000;
      for (const p of encodeGoveeHci('H5075', MAC, { temperature: t, humidity: 50 })) ble.scanner.feed(p, rig.clock.now);
    }
    expect(ble.ingest.flushPending()).toBe(2); // temperature and humidity at t0 + 2 s
    expect(ble.ingest.flushPending()).toBe(0);
    rig.writer.flush();
    expect(stored('temperature').map((r) => [r.ts - t0, r.value])).toEqual([
      [0, 20],
      [2000, 21],
    ]);
  });

  it('the demo\'s simulated sensors (source sim) are stored as they report: the rate limit is for the radio', () => {
    const { rig, ble, stored } = rigs({}, 'sim');
    for (let i = 0; i < 5; i++) {
      rig.clock.now += 2000;
      for (const p of encodeGoveeHci('H5075', MAC, { temperature: 20 + i, humidity: 50 })) ble.scanner.feed(p, rig.clock.now);
    }
    rig.writer.flush();
    expect(stored('temperature').map((r) => r.value)).toEqual([20, 21, 22, 23, 24]);
  });

  it('minIntervalS 0 stores every advertisement', () => {
    const { rig, ble, stored } = rigs({ minIntervalS: 0 });
    for (let i = 0; i < 20; i++) {
      rig.clock.now += 100;
      for (const p of encodeGoveeHci('H5074', MAC, { temperature: 20 + i / 100, humidity: 40 })) ble.scanner.feed(p, rig.clock.now);
    }
    rig.writer.flush();
    expect(stored('temperature')).toHaveLength(20);
  });

  it('an alarm threshold is crossed by a live-only reading too (the rate limit never delays an alert)', () => {
    const { rig, ble } = rigs();
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 20, humidity: 50 })) ble.scanner.feed(p, rig.clock.now);
    rig.clock.now += 1000; // within the 10 s store interval
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 36.2, humidity: 50 })) ble.scanner.feed(p, rig.clock.now);
    expect(rig.events.list(10).map((e) => `${e.kind}:${e.severity}`)).toContain('alert.raised:alarm');
  });

  it('an error-flagged value is not a reading: the device is seen with its battery, nothing is stored', () => {
    const { rig, ble, stored } = rigs();
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 20, humidity: 50, battery: 55 }, { errorFlag: true, rssi: -71 })) ble.scanner.feed(p, rig.clock.now);
    rig.writer.flush();
    expect(rig.registry.get(ID)).toMatchObject({ model: 'H5075', battery: 55, rssi: -71 });
    expect(stored('temperature')).toEqual([]);
    expect(rig.telemetry.latest().filter((r) => r.deviceId === ID)).toEqual([]);
  });

  it('replayed history is stored without live values, and never counts as "seen now"', () => {
    const { rig, ble, stored } = rigs();
    const past = rig.clock.now - 30 * 60_000;
    // Name known from an earlier packet: the bare advertisement would be a presence sighting if it were live.
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 18, humidity: 40 })) ble.scanner.feed(p, past, { history: true });
    ble.scanner.feed(encodeGoveeHci('H5075', MAC, { temperature: 18, humidity: 40 })[0]!, past + 60_000, { history: true });
    rig.writer.flush();
    expect(stored('temperature').map((r) => r.value)).toEqual([18]);
    expect(rig.registry.get(ID)!.lastSeen).toBe(past);
    expect(rig.telemetry.latest().filter((r) => r.deviceId === ID)).toEqual([]);
    expect(ble.ingest.sensorsHeard()).toBe(0);
  });

  it('the demo (source sim) keeps its source and is not counted as heard by the scanner, nor named by the decoder', () => {
    const { rig, ble } = rigs({}, 'sim');
    for (const p of encodeGoveeHci('H5072', MAC, { temperature: 19, humidity: 52 })) ble.scanner.feed(p, rig.clock.now);
    expect(rig.registry.get(ID)).toMatchObject({ source: 'sim', model: 'H5072', name: null });
    expect(ble.ingest.sensorsHeard()).toBe(0);
  });

  it('advertisements weaker than the signal floor are ignored', () => {
    const { rig, ble } = rigs({ rssiFloor: -80 });
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 20, humidity: 50 }, { rssi: -85 })) ble.scanner.feed(p, rig.clock.now);
    expect(rig.registry.get(ID)).toBeUndefined();
    expect(ble.ingest.counters.belowRssiFloor).toBe(2);
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 20, humidity: 50 }, { rssi: -79 })) ble.scanner.feed(p, rig.clock.now);
    expect(rig.registry.get(ID)).toBeDefined();
  });
});

describe('unknown advertisers', () => {
  it('lists what the decoders cannot read with name, MAC, RSSI, company id, raw data, count and last seen; phones are not listed', () => {
    const { rig, ble, raw } = rigs();
    const t = rig.clock.now;
    ble.scanner.feed(raw('11:22:33:44:55:66', { name: 'Mystery', mfr: [{ companyId: 0x1234, data: [0xde, 0xad, 0xbe, 0xef] }] }, -77), t);
    ble.scanner.feed(raw('AA:AA:AA:AA:AA:AA', { mfr: [{ companyId: 0x004c, data: [0x10, 0x05, 0x01] }] }), t); // an iPhone
    ble.scanner.feed(raw('BB:BB:BB:BB:BB:BB', {}), t); // nothing in it at all
    // The H5194 probe: recognised by its (hypothetical) UUID and name, layout not public.
    ble.scanner.feed(raw('C4:35:33:33:77:38', { name: 'GVH5194_7738', uuids: ['9451'], mfr: [{ companyId: 0x3333, data: [0x38, 1, 2, 3] }] }), t + 100);
    ble.scanner.feed(raw('11:22:33:44:55:66', { mfr: [{ companyId: 0x1234, data: [0xde, 0xad, 0xbe, 0xf0] }] }, -75), t + 500);
    const list = ble.ingest.unknown.list();
    expect(list.map((u) => u.mac)).toEqual(['11:22:33:44:55:66', 'C4:35:33:33:77:38']);
    expect(list[0]).toMatchObject({ name: 'Mystery', rssi: -75, companyId: 0x1234, data: '3412deadbef0', count: 2, firstSeen: t, lastSeen: t + 500, model: null, reason: expect.stringMatching(/no Govee payload|matches no Govee layout/) });
    expect(list[1]).toMatchObject({ model: 'H5194', serviceUuids: ['9451'], reason: expect.stringMatching(/H5194.*record a capture/) });
    expect(rig.registry.list()).toEqual([]);
  });

  it('is bounded (least recently heard goes first) and a device that decodes after all leaves the list', () => {
    const { rig, ble, raw } = rigs({ unknownMax: 2 });
    for (const [i, mac] of ['01:00:00:00:00:01', '01:00:00:00:00:02', '01:00:00:00:00:03'].entries()) ble.scanner.feed(raw(mac, { name: `thing ${i}` }), rig.clock.now + i);
    expect(ble.ingest.unknown.list().map((u) => u.mac)).toEqual(['01:00:00:00:00:03', '01:00:00:00:00:02']);
    // A company-0x0001 payload is ambiguous until the name arrives (T8: GVH5102).
    const mac = 'E1:12:1D:61:BB:AA';
    ble.scanner.feed(raw(mac, { mfr: [{ companyId: 0x0001, data: [0x01, 0x01, 0x03, 0x59, 0x0e, 0x64] }] }), rig.clock.now);
    expect(ble.ingest.unknown.has(mac)).toBe(true);
    ble.scanner.feed(raw(mac, { name: 'GVH5102_BBAA', mfr: [{ companyId: 0x0001, data: [0x01, 0x01, 0x03, 0x59, 0x0e, 0x64] }] }), rig.clock.now);
    expect(ble.ingest.unknown.has(mac)).toBe(false);
    expect(rig.registry.get(`ble:${mac}`)).toMatchObject({ model: 'H5102' });
  });

  it('an assigned model decodes a device that never sends its name (T8 bytes as an H5102)', () => {
    const { rig, ble, raw, stored } = rigs();
    const mac = 'E1:12:1D:61:BB:AA';
    const packet = raw(mac, { mfr: [{ companyId: 0x0001, data: [0x01, 0x01, 0x03, 0x59, 0x0e, 0x64] }] });
    expect(ble.scanner.feed(packet, rig.clock.now)).toBe(1);
    expect(ble.ingest.counters.unknown).toBe(1);
    ble.config.assignments = [{ mac, model: 'H5102' }];
    rig.clock.now += 1000;
    ble.scanner.feed(packet, rig.clock.now);
    rig.writer.flush();
    expect(rig.registry.get(`ble:${mac}`)).toMatchObject({ model: 'H5102', kind: 'thermo-hygrometer', battery: 100 });
    expect(stored('temperature', `ble:${mac}`).map((r) => r.value)).toEqual([21.9]);
    expect(stored('humidity', `ble:${mac}`).map((r) => r.value)).toEqual([40.6]);
    expect(ble.ingest.assignedModel(mac)).toBe('H5102');
  });

  it('corrupt advertising data from a known address is listed as malformed, not decoded', () => {
    const { rig, ble } = rigs();
    const p = Uint8Array.from(encodeGoveeHci('H5102', MAC, { temperature: 20, humidity: 50 })[0]!);
    p[14] = p[13]! + 1;
    ble.scanner.feed(p, rig.clock.now);
    expect(ble.ingest.counters.malformed).toBe(1);
    expect(ble.ingest.unknown.list()).toEqual([]); // the corrupt packet's first structure is lost: nothing to show
    expect(rig.registry.list()).toEqual([]);
  });
});

describe('Record → capture file → showsite decode --capture', () => {
  const tempDir = useTempDirs();

  it('writes every advertisement of the device (and only it) in the capture format, which decode replays with the same readings', async () => {
    const dir = tempDir();
    const { rig, ble, raw } = rigs({}, 'ble', dir);
    const rec = ble.recorder.start(MAC, 1);
    expect(rec.file.startsWith(dir)).toBe(true);
    const temps = [21.4, 21.5, -3.2];
    for (const t of temps) {
      rig.clock.now += 2000;
      for (const p of encodeGoveeHci('H5075', MAC, { temperature: t, humidity: 44.4, battery: 61 })) ble.scanner.feed(p, rig.clock.now);
      ble.scanner.feed(raw('11:22:33:44:55:66', { name: 'other' }), rig.clock.now);
    }
    await ble.recorder.stopAll();
    const lines = readFileSync(rec.file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^# Showsite Console BLE capture of A4:C1:38:5A:10:01/);
    expect(lines).toHaveLength(1 + 2 * temps.length); // advertisement + scan response each time
    const out = await decodeCommand(['--capture', rec.file], { readFile: (p) => readFile(p, 'utf8') });
    expect(out.code).toBe(0);
    const decoded = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { model?: string; readings?: Record<string, number>; reason?: string });
    const withReadings = decoded.filter((d) => d.readings && 'temperature' in d.readings);
    expect(withReadings.map((d) => d.readings!.temperature)).toEqual(temps);
    expect(withReadings.every((d) => d.model === 'H5075' && d.readings!.battery === 61)).toBe(true);
    // The same values went into telemetry.
    rig.writer.flush();
    const live = rig.telemetry.latest().find((r) => r.deviceId === ID && r.metric === 'temperature')!;
    expect(live.value).toBe(-3.2);
    expect(ble.recorder.list()[0]).toMatchObject({ mac: MAC, active: false, count: 6, endReason: 'stopped' });
  });

  it('ADV_IND bytes as recorded contain the advertised structures (flags, UUID) — nothing invented', async () => {
    const dir = tempDir();
    const { rig, ble } = rigs({}, 'ble', dir);
    const rec = ble.recorder.start(MAC, 1);
    const [adv] = encodeGoveeHci('H5075', MAC, { temperature: 20 });
    ble.scanner.feed(adv!, rig.clock.now);
    await ble.recorder.stopAll();
    const line = JSON.parse(readFileSync(rec.file, 'utf8').split('\n')[1]!) as Record<string, unknown>;
    expect(line).toEqual({ ts: rig.clock.now, mac: MAC, serviceUuids: ['ec88'] });
  });
});
