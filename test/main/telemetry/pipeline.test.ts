import { describe, expect, it } from 'vitest';
import { Telemetry } from '../../../main/telemetry/pipeline.ts';
import { hygrometer, quietLogger, telemetryRig } from '../../helpers/core.ts';

const t = (value: number, ts: number) => ({ metric: 'temperature', unit: '°C', value, ts });

describe('telemetry pipeline', () => {
  it('stores a reading, keeps it live and publishes it and the new device', () => {
    const rig = telemetryRig();
    expect(rig.telemetry.ingest(hygrometer, [t(21.5, rig.clock.now)])).toBe(1);
    rig.writer.flush();
    expect(rig.telemetry.latest()).toMatchObject([{ deviceId: hygrometer.id, metric: 'temperature', value: 21.5, state: 'ok', staleAfterS: 120 }]);
    expect(rig.published.map((m) => m.topic)).toEqual(['devices.changed', 'readings.live']);
    expect(rig.db.prepare('SELECT value FROM readings').all()).toEqual([{ value: 21.5 }]);
  });

  it('rejects malformed samples without storing or publishing anything', () => {
    const rig = telemetryRig();
    const now = rig.clock.now;
    const bad = [t(Number.NaN, now), t(Infinity, now), t(20, now + 2 * 86_400_000), t(20, 0), t(20, 1.5), { metric: 'Temp; DROP TABLE', unit: 'x', value: 1, ts: now }, { metric: 'x', unit: 'u'.repeat(40), value: 1, ts: now }];
    expect(rig.telemetry.ingest(hygrometer, bad)).toBe(0);
    rig.writer.flush();
    expect(rig.telemetry.rejected).toBe(bad.length);
    expect(rig.published).toEqual([]);
    expect(rig.registry.list()).toEqual([]);
    expect(rig.db.prepare('SELECT count(*) AS n FROM readings').get()).toEqual({ n: 0 });
  });

  it('raises an alert when a threshold is crossed and clears it on the way back', () => {
    const rig = telemetryRig();
    rig.telemetry.ingest(hygrometer, [t(25, rig.clock.now)]);
    rig.telemetry.ingest(hygrometer, [t(36, rig.clock.now + 1)]);
    rig.telemetry.ingest(hygrometer, [t(36.5, rig.clock.now + 2)]); // still alarm: no new alert
    rig.telemetry.ingest(hygrometer, [t(31, rig.clock.now + 3)]);
    rig.telemetry.ingest(hygrometer, [t(22, rig.clock.now + 4)]);
    const timeline = rig.events.list(10).reverse();
    expect(timeline.map((e) => [e.kind, e.severity])).toEqual([
      ['alert.raised', 'alarm'],
      ['alert.raised', 'warn'],
      ['alert.cleared', 'info'],
    ]);
    expect(timeline[0]?.message).toContain('36 °C above alarm limit 35 °C');
    expect(rig.telemetry.latest()[0]?.state).toBe('ok');
  });

  it('a late, older sample is stored but does not replace the newest live value', () => {
    const rig = telemetryRig();
    rig.telemetry.ingest(hygrometer, [t(22, rig.clock.now)]);
    rig.telemetry.ingest(hygrometer, [t(99, rig.clock.now - 10_000)]);
    rig.writer.flush();
    expect(rig.telemetry.latest()[0]?.value).toBe(22);
    expect(rig.db.prepare('SELECT count(*) AS n FROM readings').get()).toEqual({ n: 2 });
  });

  it('marks a silent device lost once, and found when it reports again', () => {
    const rig = telemetryRig();
    rig.telemetry.ingest(hygrometer, [t(20, rig.clock.now)]);
    rig.clock.now += 119_000;
    rig.telemetry.sweep();
    expect(rig.events.list(10)).toEqual([]);
    rig.clock.now += 2_000;
    rig.telemetry.sweep();
    rig.telemetry.sweep();
    expect(rig.events.list(10).map((e) => e.kind)).toEqual(['device.lost']);
    rig.telemetry.ingest(hygrometer, [t(20, rig.clock.now)]);
    expect(rig.events.list(10).map((e) => e.kind)).toEqual(['device.found', 'device.lost']);
  });

  it('history backfill stores without live updates or alerts', () => {
    const rig = telemetryRig();
    rig.telemetry.ingest(hygrometer, [t(50, rig.clock.now - 60_000)], { live: false });
    rig.writer.flush();
    expect(rig.telemetry.latest()).toEqual([]);
    expect(rig.events.list(10)).toEqual([]);
    expect(rig.db.prepare('SELECT count(*) AS n FROM readings').get()).toEqual({ n: 1 });
  });

  it('after a restart shows the last stored value with its original time', () => {
    const rig = telemetryRig();
    rig.telemetry.ingest(hygrometer, [t(23.4, rig.clock.now - 5_000)]);
    rig.writer.flush();
    const again = new Telemetry({ ...rig, settings: () => rig.settings, now: () => rig.clock.now, logger: quietLogger });
    expect(again.latest()).toMatchObject([{ value: 23.4, ts: rig.clock.now - 5_000 }]);
  });
});
