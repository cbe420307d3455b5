import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BleService, captureFolder, withAssignment } from '../../../main/ble/service.ts';
import type { ServiceContext } from '../../../main/runtime/service.ts';
import { captureRecordFromHci, encodeCaptureLine } from '../../../native/ble/capture.ts';
import { encodeGoveeHci } from '../../../native/ble/encode.ts';
import { NobleScanner } from '../../../native/ble/scanner.ts';
import { toHex } from '../../../native/ble/hex.ts';
import { defaultSettings, type Settings } from '../../../preload/contract/index.ts';
import { quietLogger, telemetryRig } from '../../helpers/core.ts';
import { FakeNoble } from '../../helpers/fake-noble.ts';
import { waitFor } from '../../helpers/serve.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

const MAC = 'A4:C1:38:5A:10:01';

function context() {
  const reports: { state: string; message: string }[] = [];
  const ctx: ServiceContext = { logger: quietLogger, report: (state, message) => reports.push({ state, message }) };
  return { ctx, reports, last: () => reports[reports.length - 1] };
}

describe('BleService', () => {
  const tempDir = useTempDirs();
  const services: BleService[] = [];
  afterEach(async () => {
    for (const s of services.splice(0)) await s.stop();
  });

  function service(options: { load?: () => Promise<unknown>; env?: Record<string, string>; settings?: Partial<Settings['ble']> } = {}) {
    const rig = telemetryRig();
    const settings: Settings = { ...structuredClone(defaultSettings), ble: { ...defaultSettings.ble, ...options.settings } };
    const dataDir = tempDir();
    const s = new BleService({
      sink: { ingest: (d, x, o) => rig.telemetry.ingest(d, x, o), suggestName: (id, n) => rig.registry.suggestName(id, n, 'adapter', rig.clock.now) },
      settings: () => settings,
      dataDir,
      now: () => rig.clock.now,
      env: options.env ?? {},
      statusEveryMs: 10,
      ...(options.load ? { createScanner: () => new NobleScanner({ load: options.load!, now: () => rig.clock.now }) } : {}),
    });
    services.push(s);
    return { s, rig, settings, dataDir };
  }

  it('scanning: ok "scanning — N sensors heard"; readings from the adapter reach telemetry', async () => {
    const noble = new FakeNoble();
    const { s, rig } = service({ load: async () => noble });
    const c = context();
    await s.start(s.config(defaultSettings), c.ctx);
    noble.power('poweredOn');
    await waitFor(() => c.last()?.state === 'ok' || undefined, 10_000);
    expect(c.last()).toEqual({ state: 'ok', message: 'scanning — 0 sensors heard' });
    // noble hands over parsed peripherals: an H5075's scan response carries its name and its data.
    noble.discover({ address: MAC.toLowerCase(), rssi: -58, localName: 'GVH5075_1001', mfr: toHex(Uint8Array.of(0x88, 0xec, 0x00, ...packedTH(22.2, 45.5), 80, 0x00)) });
    await waitFor(() => c.last()?.message === 'scanning — 1 sensor heard' || undefined, 10_000);
    expect(rig.registry.get(`ble:${MAC}`)).toMatchObject({ model: 'H5075', source: 'ble', rssi: -58, battery: 80 });
    expect(rig.telemetry.latest().find((r) => r.metric === 'temperature')?.value).toBe(22.2);
    expect(s.stats()).toMatchObject({ scanner: 'adapter', scanning: true, sensorsHeard: 1, decoded: 1 });
    // A second advertisement 1 s later is only shown live (the 10 s store interval) — until scanning stops.
    rig.clock.now += 1000;
    noble.discover({ address: MAC.toLowerCase(), rssi: -58, localName: 'GVH5075_1001', mfr: toHex(Uint8Array.of(0x88, 0xec, 0x00, ...packedTH(22.9, 45.5), 80, 0x00)) });
    const storedTemps = () => rig.db.prepare<[], { value: number }>("SELECT value FROM readings r JOIN series s ON s.id = r.series_id WHERE s.metric = 'temperature' ORDER BY ts").all().map((r) => r.value);
    rig.writer.flush();
    expect(storedTemps()).toEqual([22.2]);
    await s.stop();
    rig.writer.flush();
    expect(storedTemps()).toEqual([22.2, 22.9]);
  });

  it('adapter powered off at runtime: degraded with the reason, then ok again by itself', async () => {
    const noble = new FakeNoble();
    const { s } = service({ load: async () => noble });
    const c = context();
    await s.start(s.config(defaultSettings), c.ctx);
    noble.power('poweredOn');
    await waitFor(() => c.last()?.state === 'ok' || undefined, 10_000);
    noble.power('poweredOff');
    expect(c.last()).toEqual({ state: 'degraded', message: 'Bluetooth unavailable: the adapter is powered off; scanning resumes when it is switched on' });
    noble.power('poweredOn');
    await waitFor(() => c.last()?.state === 'ok' || undefined, 10_000);
    expect(noble.scans).toHaveLength(2);
  });

  it.each([
    ['no module', async () => Promise.reject(Object.assign(new Error("Cannot find package '@abandonware/noble'"), { code: 'ERR_MODULE_NOT_FOUND' })), /^Bluetooth unavailable: Bluetooth support is not installed/],
    ['no adapter', async () => new FakeNoble({ initError: Object.assign(new Error('Address family not supported by protocol'), { code: 'EAFNOSUPPORT' }) }), /^Bluetooth unavailable: no adapter \(AF_BLUETOOTH not supported\)$/],
    ['no permission', async () => {
      const n = new FakeNoble();
      setImmediate(() => n.power('unauthorized'));
      return n;
    }, /^Bluetooth unavailable: no permission/],
  ] as const)('%s: error "Bluetooth unavailable: <reason>", never a throw', async (_name, load, expected) => {
    const { s } = service({ load });
    const c = context();
    await expect(s.start(s.config(defaultSettings), c.ctx)).resolves.toBeUndefined();
    await waitFor(() => c.last()?.state === 'error' || undefined, 10_000);
    expect(c.last()!.message).toMatch(expected);
    expect(s.stats()).toMatchObject({ scanning: false, message: expect.stringMatching(expected) });
  });

  it('an adapter that never answers: degraded "waiting", not ok', async () => {
    const { s } = service({ load: async () => new FakeNoble() });
    const c = context();
    await s.start(s.config(defaultSettings), c.ctx);
    expect(c.last()).toEqual({ state: 'degraded', message: 'Bluetooth: waiting for the adapter to answer' });
  });

  it('SHOWSITE_BLE_REPLAY: a simulated scanner replays the capture file through the real parser', async () => {
    const dir = tempDir();
    const file = join(dir, 'site.jsonl');
    const lines = encodeGoveeHci('H5074', MAC, { temperature: 18.25, humidity: 61.5, battery: 70 }, { rssi: -80 }).map((p, i) => encodeCaptureLine(captureRecordFromHci(p, 1000 + i)));
    writeFileSync(file, lines.join('\n') + '\n');
    const { s, rig } = service({ env: { SHOWSITE_BLE_REPLAY: file } });
    const c = context();
    await s.start(s.config(defaultSettings), c.ctx);
    await waitFor(() => c.last()?.message === 'replaying site.jsonl — 1 sensor heard' || undefined, 10_000);
    expect(c.last()!.state).toBe('ok');
    expect(rig.registry.get(`ble:${MAC}`)).toMatchObject({ model: 'H5074', battery: 70, rssi: -80 });
    expect(s.stats().scanner).toBe('replay');

    const missing = service({ env: { SHOWSITE_BLE_REPLAY: join(dir, 'nope.jsonl') } }).s;
    const m = context();
    await missing.start(missing.config(defaultSettings), m.ctx);
    await waitFor(() => m.last()?.state === 'error' || undefined, 10_000);
    expect(m.last()!.message).toMatch(/^Bluetooth unavailable: cannot read the replay file .*nope\.jsonl/);
  });

  it('records while running (into <data>/captures by default); stop ends the recordings; recording when off is refused', async () => {
    const { s, dataDir } = service({ load: async () => new FakeNoble() });
    const c = context();
    await s.start(s.config(defaultSettings), c.ctx);
    const rec = s.record(MAC, 2);
    expect(rec.file.startsWith(join(dataDir, 'captures'))).toBe(true);
    expect(s.unknownList()).toEqual([]);
    await s.stop();
    expect(s.recordings()[0]).toMatchObject({ mac: MAC, active: false, endReason: 'stopped' });
    expect(() => s.record(MAC, 1)).toThrow(expect.objectContaining({ kind: 'unavailable' }));
    expect(s.stats()).toMatchObject({ scanner: 'off', scanning: false });
  });
});

describe('BLE service helpers', () => {
  it('withAssignment sets, replaces and removes one MAC', () => {
    const a = withAssignment([], MAC, 'H5075');
    expect(a).toEqual([{ mac: MAC, model: 'H5075' }]);
    expect(withAssignment(a, MAC, 'H5072')).toEqual([{ mac: MAC, model: 'H5072' }]);
    expect(withAssignment([...a, { mac: '11:22:33:44:55:66', model: 'H5102' }], MAC, null)).toEqual([{ mac: '11:22:33:44:55:66', model: 'H5102' }]);
  });

  it('captureFolder: default in the data folder; relative from it; absolute as given', () => {
    expect(captureFolder('/data', '')).toBe(join('/data', 'captures'));
    expect(captureFolder('/data', 'ble/rec')).toBe(join('/data', 'ble/rec'));
    expect(captureFolder('/data', '/mnt/usb')).toBe('/mnt/usb');
  });
});

/** packed24 by hand (PROTOCOLS.md §1.2): temp×10 × 1000 + hum×10, big-endian. */
function packedTH(t: number, h: number): number[] {
  const v = Math.round(t * 10) * 1000 + Math.round(h * 10);
  return [(v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff];
}
