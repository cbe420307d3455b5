import { describe, expect, it } from 'vitest';
import { hygrometer, telemetryRig } from '../../helpers/core.ts';

/** The `store: false` seam: a rate-limited sensor's in-between readings update everything but the store. */
describe('Telemetry.ingest with store: false', () => {
  const count = (rig: ReturnType<typeof telemetryRig>) => (rig.db.prepare('SELECT count(*) AS n FROM readings').get() as { n: number }).n;

  it('updates the live view, last-seen, signal and battery, and raises alerts — but writes nothing', () => {
    const rig = telemetryRig();
    const t = rig.clock.now;
    rig.telemetry.ingest({ ...hygrometer, rssi: -60, battery: 90 }, [{ metric: 'temperature', unit: '°C', value: 20, ts: t }]);
    rig.clock.now += 1000;
    const accepted = rig.telemetry.ingest({ ...hygrometer, rssi: -70, battery: 89 }, [{ metric: 'temperature', unit: '°C', value: 36, ts: t + 1000 }], { store: false });
    expect(accepted).toBe(1);
    rig.writer.flush();
    expect(count(rig)).toBe(1);
    expect(rig.telemetry.latest()).toEqual([expect.objectContaining({ deviceId: hygrometer.id, value: 36, ts: t + 1000, state: 'alarm' })]);
    expect(rig.registry.get(hygrometer.id)).toMatchObject({ lastSeen: t + 1000, rssi: -70, battery: 89 });
    expect(rig.events.list(5).map((e) => e.kind)).toContain('alert.raised');
    expect(rig.published.filter((e) => e.topic === 'readings.live')).toHaveLength(2);
  });

  it('without the option (and with store: true) every sample is stored, as before', () => {
    const rig = telemetryRig();
    const t = rig.clock.now;
    rig.telemetry.ingest(hygrometer, [{ metric: 'temperature', unit: '°C', value: 20, ts: t }]);
    rig.telemetry.ingest(hygrometer, [{ metric: 'temperature', unit: '°C', value: 21, ts: t + 1 }], { store: true });
    rig.telemetry.ingest(hygrometer, [{ metric: 'temperature', unit: '°C', value: 19, ts: t - 60_000 }], { live: false });
    rig.writer.flush();
    expect(count(rig)).toBe(3);
  });
});
