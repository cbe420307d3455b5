import { describe, expect, it } from 'vitest';
import { telemetryRig } from '../../helpers/core.ts';

const esp = { id: 'mqtt:rack-2', kind: 'temperature-probe', model: 'ESP32', source: 'mqtt', expectedIntervalS: 10 } as const;
const ble = { id: 'ble:A4:C1:38:00:00:09', kind: 'thermo-hygrometer', model: 'H5075', source: 'ble' } as const;

describe('expected report interval per source', () => {
  it('is registered on first data, rides on live readings, and decides when the device is lost', () => {
    const r = telemetryRig();
    r.telemetry.ingest(esp, [{ metric: 'temperature', unit: '°C', value: 30, ts: r.clock.now }]);
    r.telemetry.ingest(ble, [{ metric: 'temperature', unit: '°C', value: 20, ts: r.clock.now }]);
    expect(r.registry.get(esp.id)?.expectedIntervalS).toBe(10);
    expect(r.registry.get(ble.id)?.expectedIntervalS).toBeNull();
    expect(Object.fromEntries(r.telemetry.latest().map((l) => [l.deviceId, l.staleAfterS]))).toEqual({ [esp.id]: 30, [ble.id]: 120 });

    // 40 s of silence: three missed 10 s reports is lost for the ESP32; the BLE sensor is within the site's 120 s.
    r.clock.now += 40_000;
    r.telemetry.sweep();
    expect(r.events.list(10, undefined).filter((e) => e.kind === 'device.lost').map((e) => e.deviceId)).toEqual([esp.id]);
    // A sighting without an interval keeps the one its source gave.
    const { expectedIntervalS: _given, ...silentAboutIt } = esp;
    r.telemetry.ingest(silentAboutIt, [{ metric: 'temperature', unit: '°C', value: 31, ts: r.clock.now }]);
    expect(r.registry.get(esp.id)?.expectedIntervalS).toBe(10);
  });

  it('survives a restart (stored with the device)', () => {
    const r = telemetryRig();
    r.telemetry.ingest(esp, [{ metric: 'temperature', unit: '°C', value: 30, ts: r.clock.now }]);
    r.writer.flush();
    const again = telemetryRig({ db: r.db });
    expect(again.registry.get(esp.id)?.expectedIntervalS).toBe(10);
    expect(again.telemetry.latest()[0]?.staleAfterS).toBe(30);
  });
});
