import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dayPhase, dewPoint } from '../../../native/sim/climate.ts';
import { createDemoSite, demoSensors } from '../../../native/sim/demo-site.ts';
import { telemetryRig } from '../../helpers/core.ts';
import { bleRig } from '../../helpers/ble.ts';

/** The demo's Govee sensors go on air as encoded advertisements: the real parser and decoders read them. */
const airOf = (rig: ReturnType<typeof telemetryRig>) => bleRig({ ingest: (d, s, o) => rig.telemetry.ingest(d, s, o), suggestName: () => {} }, { now: () => rig.clock.now, source: 'sim' }).advertise;

function runDemo(seconds: number) {
  const rig = telemetryRig();
  const site = createDemoSite(
    {
      ingest: (d, s, o) => rig.telemetry.ingest(d, s, o),
      suggestName: (id, n) => rig.registry.suggestName(id, n, 'demo', rig.clock.now),
      lastSeen: (id) => rig.registry.get(id)?.lastSeen,
      advertise: airOf(rig),
    },
    { intervalMs: 2000, now: () => rig.clock.now, seed: 1 },
  );
  site.start();
  for (let i = 0; i < seconds; i++) {
    rig.clock.now += 1000;
    vi.advanceTimersByTime(1000);
  }
  rig.writer.flush();
  return { rig, site };
}

describe('demo site', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is a venue: six or more hygrometers in three rooms; nothing SNMP is injected (the rack Watchdog is a real agent, test/main/snmp)', () => {
    const sensors = demoSensors();
    const hygros = sensors.filter((s) => s.device.kind === 'thermo-hygrometer');
    expect(hygros.length).toBeGreaterThanOrEqual(6);
    expect(new Set(hygros.map((s) => s.name.room)).size).toBeGreaterThanOrEqual(3);
    expect(sensors.filter((s) => s.device.id.startsWith('snmp:'))).toEqual([]);
  });

  it('feeds live readings that change, named and in rooms', () => {
    const { rig, site } = runDemo(30);
    const latest = rig.telemetry.latest();
    const live = latest.filter((r) => rig.clock.now - r.ts < 10_000);
    expect(new Set(live.map((r) => r.deviceId)).size).toBeGreaterThanOrEqual(5);
    expect(rig.registry.list().every((d) => d.name && d.room)).toBe(true);
    const stageLeft = rig.db.prepare<[], { value: number }>("SELECT DISTINCT value FROM readings r JOIN series s ON s.id = r.series_id WHERE s.device_id = 'ble:A4:C1:38:5A:10:01' AND s.metric = 'temperature'").all();
    expect(stageLeft.length).toBeGreaterThan(3);
    site.stop();
  });

  it('seeds an hour of history once, not again on restart', () => {
    const { rig } = runDemo(1);
    const count = () => (rig.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;
    const first = count();
    expect(first).toBeGreaterThan(5 * 2 * 55);
    const again = createDemoSite(
      { ingest: (d, s, o) => rig.telemetry.ingest(d, s, o), suggestName: () => {}, lastSeen: (id) => rig.registry.get(id)?.lastSeen, advertise: airOf(rig) },
      { intervalMs: 2000, now: () => rig.clock.now, seed: 1 },
    );
    again.start();
    again.stop();
    rig.writer.flush();
    expect(count() - first).toBeLessThan(20); // only the fresh live points
  });

  it('one sensor is stale (the rack exhaust crossing its alarm is the SNMP demo’s, test/main/snmp)', () => {
    const { rig } = runDemo(60);
    rig.telemetry.sweep();
    const byDevice = new Map(rig.telemetry.latest().map((r) => [r.deviceId, r]));
    const greenRoom = byDevice.get('ble:A4:C1:38:5A:10:05')!;
    expect(rig.clock.now - greenRoom.ts).toBeGreaterThan(greenRoom.staleAfterS * 1000);
    const kinds = rig.events.list(100).map((e) => `${e.kind}:${e.severity}:${e.deviceId}`);
    expect(kinds).toContain('device.lost:warn:ble:A4:C1:38:5A:10:05');
  });

  it('follows a day curve: mid-afternoon is warmer than before dawn', () => {
    const day = Date.UTC(2026, 10, 22);
    expect(dayPhase(day + 15 * 3600_000)).toBeCloseTo(1, 5);
    expect(dayPhase(day + 3 * 3600_000)).toBeCloseTo(0, 5);
    expect(dewPoint(20, 50)).toBeCloseTo(9.3, 1);
  });
});
