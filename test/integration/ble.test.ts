import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCommand } from '../../main/cli/decode.ts';
import { captureRecordFromHci, encodeCaptureLine } from '../../native/ble/capture.ts';
import { encodeGoveeHci } from '../../native/ble/encode.ts';
import { encodeHciAdvertisingReport } from '../../native/ble/hci.ts';
import type { BleRecording, BleStats, BleUnknownAdvertiser, Device, LiveReading, ServiceStatus } from '../../preload/contract/index.ts';
import { connectWs, startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'ble-integration-token';

const H5075 = 'A4:C1:38:11:22:01';
const H5102 = 'E1:12:1D:61:BB:02';
const FLAGGED = 'A4:C1:38:11:22:03';
const MYSTERY = '11:22:33:44:55:66';
const H5194 = 'C4:35:33:33:77:38';
const NAMELESS = 'D0:30:38:35:5D:6F';
const PHONE = '5A:11:22:33:44:55';
const CORRUPT = 'A4:C1:38:11:22:09';

/** A raw advertisement (not built by the Govee encoder) as an HCI report event. */
function rawHci(mac: string, parts: { name?: string; uuids?: string[]; mfr?: { companyId: number; data: number[] }[] }, rssi: number): Uint8Array {
  return encodeHciAdvertisingReport([
    { mac, rssi, data: { serviceUuids: parts.uuids ?? [], manufacturerData: (parts.mfr ?? []).map((m) => ({ companyId: m.companyId, data: Uint8Array.from(m.data) })), serviceData: [], ...(parts.name ? { name: parts.name } : {}) } },
  ]);
}

/**
 * What the radio "heard", as the HCI events a controller delivers: good sensors, an error-flagged one, a
 * truncated event, corrupt advertising data, a device we cannot decode, the unpublished H5194, a
 * company-0x0001 sensor whose name never comes, and a phone.
 */
function captureFile(): string {
  const packets: Uint8Array[] = [
    ...encodeGoveeHci('H5075', H5075, { temperature: 21.4, humidity: 48.3, battery: 87 }, { rssi: -61 }),
    ...encodeGoveeHci('H5102', H5102, { temperature: -4.2, humidity: 77.7, battery: 45 }, { rssi: -72 }),
    ...encodeGoveeHci('H5075', FLAGGED, { temperature: 0, humidity: 0, battery: 33 }, { rssi: -80, errorFlag: true }),
    encodeGoveeHci('H5102', H5102, { temperature: 1 })[0]!.subarray(0, 20), // truncated event
    (() => {
      const p = Uint8Array.from(encodeGoveeHci('H5102', CORRUPT, { temperature: 1 })[0]!);
      p[14] = p[13]! + 1; // the first AD structure claims more bytes than the report holds
      return p;
    })(),
    rawHci(MYSTERY, { name: 'Mystery Beacon', mfr: [{ companyId: 0x1234, data: [0xde, 0xad, 0xbe, 0xef] }] }, -66),
    rawHci(H5194, { name: 'GVH5194_7738', uuids: ['9451'], mfr: [{ companyId: 0x3333, data: [0x38, 0x01, 0x02, 0x03, 0x04] }] }, -58),
    rawHci(NAMELESS, { mfr: [{ companyId: 0x0001, data: [0x01, 0x01, 0x03, 0x78, 0x76, 0x64] }] }, -68), // T29's bytes
    rawHci(PHONE, { mfr: [{ companyId: 0x004c, data: [0x10, 0x05, 0x01, 0x18, 0x44] }] }, -50),
  ];
  return ['# integration capture', ...packets.map((p, i) => encodeCaptureLine(captureRecordFromHci(p, 1_764_000_000_000 + i * 10)))].join('\n') + '\n';
}

describe('BLE into a running core: a simulated scanner replays advertisements through the real parser', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  let dataDir: string;
  let c: Awaited<ReturnType<typeof connectWs>>;

  beforeAll(async () => {
    dataDir = tempDir();
    const file = join(dataDir, 'radio.jsonl');
    writeFileSync(file, captureFile());
    process.env.SHOWSITE_BLE_REPLAY = file;
    process.env.SHOWSITE_BLE_REPLAY_REPEAT = '1';
    const serving = startServe(['--port', '0', '--token', token, '--data-dir', dataDir], { timeoutMs: 60_000 });
    delete process.env.SHOWSITE_BLE_REPLAY;
    delete process.env.SHOWSITE_BLE_REPLAY_REPEAT;
    s = await serving;
    c = await connectWs(s.url, { Authorization: `Bearer ${token}` });
  });
  afterAll(async () => {
    c?.close();
    expect(await s.stop()).toBe(0);
  });

  const call = async <T>(method: string, params?: unknown): Promise<T> => {
    const r = await c.call(method, params);
    expect(r.error, `${method}: ${JSON.stringify(r.error)}`).toBeUndefined();
    return r.result as T;
  };

  it('the right devices appear, keyed by MAC, with model, signal and battery on the device', async () => {
    const devices = await waitFor(async () => {
      const list = await call<Device[]>('devices.list');
      return list.length >= 3 ? list : undefined;
    }, 20_000);
    const byId = new Map(devices.map((d) => [d.id, d]));
    expect(byId.get(`ble:${H5075}`)).toMatchObject({ model: 'H5075', kind: 'thermo-hygrometer', source: 'ble', rssi: -61, battery: 87, name: 'GVH5075_2201' });
    expect(byId.get(`ble:${H5102}`)).toMatchObject({ model: 'H5102', rssi: -72, battery: 45 });
    // Error-flagged: heard (battery, signal), but no reading.
    expect(byId.get(`ble:${FLAGGED}`)).toMatchObject({ model: 'H5075', battery: 33, rssi: -80 });
    for (const mac of [MYSTERY, H5194, NAMELESS, PHONE, CORRUPT]) expect(byId.has(`ble:${mac}`), mac).toBe(false);
  });

  it('with the right readings; an error-flagged value never becomes a number', async () => {
    const latest = await waitFor(async () => {
      const l = await call<LiveReading[]>('telemetry.latest');
      return l.length >= 4 ? l : undefined;
    }, 20_000);
    const value = (id: string, metric: string) => latest.find((r) => r.deviceId === `ble:${id}` && r.metric === metric)?.value;
    expect(value(H5075, 'temperature')).toBe(21.4);
    expect(value(H5075, 'humidity')).toBe(48.3);
    expect(value(H5102, 'temperature')).toBe(-4.2);
    expect(value(H5102, 'humidity')).toBe(77.7);
    expect(latest.filter((r) => r.deviceId === `ble:${FLAGGED}`)).toEqual([]);
    expect(latest.some((r) => r.metric === 'battery')).toBe(false);
  });

  it('unknown advertisers are listed (not the phone); the truncated event and corrupt data are counted', async () => {
    const unknown = await waitFor(async () => {
      const u = await call<BleUnknownAdvertiser[]>('ble.unknown');
      return u.length >= 3 ? u : undefined;
    }, 20_000);
    const byMac = new Map(unknown.map((u) => [u.mac, u]));
    expect(byMac.get(MYSTERY)).toMatchObject({ name: 'Mystery Beacon', rssi: -66, companyId: 0x1234, data: '3412deadbeef', model: null, recording: false });
    expect(byMac.get(H5194)).toMatchObject({ name: 'GVH5194_7738', model: 'H5194', serviceUuids: ['9451'], reason: expect.stringMatching(/not public/) });
    expect(byMac.get(NAMELESS)).toMatchObject({ name: null, companyId: 1, data: '0100010103787664', reason: expect.stringMatching(/only the local name tells apart/) });
    expect(byMac.has(PHONE)).toBe(false);
    const stats = await call<BleStats>('ble.stats');
    expect(stats).toMatchObject({ scanner: 'replay', scanning: true });
    expect(stats.malformed).toBeGreaterThanOrEqual(2);
    expect(stats.decoded).toBeGreaterThanOrEqual(2);
  });

  it('the service shows in services.list and system.info: ok, "replaying … — 3 sensors heard"', async () => {
    const status = await waitFor(async () => {
      const st = (await call<ServiceStatus[]>('services.list')).find((x) => x.name === 'ble');
      return st?.message.endsWith('3 sensors heard') ? st : undefined;
    }, 20_000);
    expect(status).toMatchObject({ label: 'Bluetooth', state: 'ok', message: 'replaying radio.jsonl — 3 sensors heard' });
    const info = await call<{ services: ServiceStatus[] }>('system.info');
    expect(info.services.find((x) => x.name === 'ble')?.state).toBe('ok');
  });

  it('assigning a model to an unknown device decodes it from then on (saved in settings)', async () => {
    const list = await call<{ mac: string; model: string }[]>('ble.assign', { mac: NAMELESS.toLowerCase(), model: 'H5105' });
    expect(list).toEqual([{ mac: NAMELESS, model: 'H5105' }]);
    const device = await waitFor(async () => (await call<Device[]>('devices.list')).find((d) => d.id === `ble:${NAMELESS}`), 20_000);
    expect(device).toMatchObject({ model: 'H5105', battery: 100 });
    const t = await waitFor(async () => (await call<LiveReading[]>('telemetry.latest')).find((r) => r.deviceId === `ble:${NAMELESS}` && r.metric === 'temperature'), 10_000);
    expect(t.value).toBe(22.7);
    const settings = await call<{ ble: { assignments: unknown[] } }>('settings.get');
    expect(settings.ble.assignments).toEqual([{ mac: NAMELESS, model: 'H5105' }]);
    expect((await c.call('ble.assign', { mac: NAMELESS, model: 'H9999' })).error).toMatchObject({ code: 'invalid_params' });
    expect((await c.call('ble.assign', { mac: 'not-a-mac', model: 'H5075' })).error).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/Bluetooth address/) });
  });

  it('Record writes a capture file in the data folder that showsite decode --capture replays', async () => {
    const rec = await call<BleRecording>('ble.record', { mac: H5075, minutes: 1 });
    expect(rec.file.startsWith(join(dataDir, 'captures'))).toBe(true);
    await waitFor(async () => ((await call<BleRecording[]>('ble.recordings'))[0]?.count ?? 0) >= 4 || undefined, 20_000);
    const done = await call<BleRecording>('ble.stopRecording', { mac: H5075 });
    expect(done).toMatchObject({ active: false, endReason: 'operator' });
    await waitFor(() => existsSync(done.file) && readFileSync(done.file, 'utf8').split('\n').filter((l) => l.startsWith('{')).length >= done.count || undefined, 5000);
    const out = await decodeCommand(['--capture', done.file], { readFile: (p) => readFile(p, 'utf8') });
    expect(out.code).toBe(0);
    const decoded = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { model?: string; mac?: string; readings?: Record<string, number> });
    expect(decoded.every((d) => d.mac === H5075)).toBe(true);
    expect(decoded.filter((d) => d.readings?.temperature === 21.4 && d.model === 'H5075').length).toBeGreaterThanOrEqual(1);
  });
});

describe('BLE in a running core without Bluetooth (this machine: no adapter, a broken native backend)', { timeout: 60_000 }, () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  beforeAll(async () => {
    s = await startServe(['--port', '0', '--token', token, '--data-dir', tempDir(), '--demo'], { timeoutMs: 60_000 });
  });
  afterAll(async () => {
    expect(await s.stop()).toBe(0);
  });

  it('says "Bluetooth unavailable: <reason>" in services and system.info, and the rest keeps working (the demo through the decoders)', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const ble = await waitFor(async () => {
      const list = (await (await fetch(`${s.url}/api/services`, { headers: auth })).json()) as ServiceStatus[];
      const st = list.find((x) => x.name === 'ble');
      return st && st.state !== 'starting' ? st : undefined;
    }, 20_000);
    if (ble.state === 'ok') {
      expect(ble.message).toMatch(/^scanning — \d+ sensors? heard$/); // a machine with a working adapter
    } else {
      expect(['error', 'degraded']).toContain(ble.state);
      expect(ble.message).toMatch(/^Bluetooth (unavailable: .+|: waiting for the adapter to answer)$/);
    }
    const info = (await (await fetch(`${s.url}/api/info`, { headers: auth })).json()) as { services: ServiceStatus[] };
    expect(info.services.find((x) => x.name === 'ble')?.message).toBe(ble.message);
    const readings = await waitFor(async () => {
      const l = (await (await fetch(`${s.url}/api/readings/latest`, { headers: auth })).json()) as LiveReading[];
      return l.filter((r) => r.deviceId.startsWith('ble:A4:C1:38:5A:10:0')).length >= 10 ? l : undefined;
    }, 20_000);
    expect(new Set(readings.filter((r) => r.deviceId.startsWith('ble:')).map((r) => r.deviceId)).size).toBe(6);
    const devices = (await (await fetch(`${s.url}/api/devices`, { headers: auth })).json()) as Device[];
    expect(devices.find((d) => d.id === 'ble:A4:C1:38:5A:10:04')).toMatchObject({ model: 'H5074', source: 'sim', name: 'FOH rack', room: 'FOH', battery: 92 });
  });
});
