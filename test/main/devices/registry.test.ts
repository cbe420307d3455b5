import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DeviceRegistry } from '../../../main/devices/registry.ts';
import { openDatabase } from '../../../main/store/db.ts';
import { hygrometer, telemetryRig } from '../../helpers/core.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('device registry', () => {
  const tempDir = useTempDirs();

  it('renaming keeps the device id and its one series (history never splits)', () => {
    const rig = telemetryRig();
    rig.telemetry.ingest(hygrometer, [{ metric: 'temperature', unit: '°C', value: 20, ts: rig.clock.now }]);
    rig.registry.rename(hygrometer.id, { name: 'Stage left', room: 'Stage' }, 'test', rig.clock.now);
    rig.clock.now += 1000;
    rig.telemetry.ingest(hygrometer, [{ metric: 'temperature', unit: '°C', value: 21, ts: rig.clock.now }]);
    rig.writer.flush();
    expect(rig.series.all()).toHaveLength(1);
    expect(rig.db.prepare('SELECT count(*) AS n FROM readings').get()).toEqual({ n: 2 });
    expect(rig.registry.list().map((d) => [d.id, d.name, d.room])).toEqual([[hygrometer.id, 'Stage left', 'Stage']]);
  });

  it('names and rooms survive a restart', () => {
    const file = join(tempDir(), 'show.db');
    const db = openDatabase(file);
    const reg = new DeviceRegistry(db);
    reg.seen(hygrometer, 1_000);
    reg.rename(hygrometer.id, { name: 'FOH desk', room: 'FOH', notes: 'on the desk' }, 'test', 2_000);
    db.close();
    const again = new DeviceRegistry(openDatabase(file));
    expect(again.get(hygrometer.id)).toMatchObject({ name: 'FOH desk', room: 'FOH', notes: 'on the desk', firstSeen: 1_000 });
  });

  it('leaves untouched fields alone and clears a field given as empty', () => {
    const reg = new DeviceRegistry(openDatabase(':memory:'));
    reg.seen(hygrometer, 1);
    reg.rename(hygrometer.id, { name: 'A', room: 'R' }, 't', 1);
    expect(reg.rename(hygrometer.id, { room: '' }, 't', 2)).toMatchObject({ name: 'A', room: null });
  });

  it('rename of an unknown device returns nothing and stores nothing', () => {
    const db = openDatabase(':memory:');
    const reg = new DeviceRegistry(db);
    expect(reg.rename('ble:nope', { name: 'x' }, 't', 1)).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS n FROM device_names').get()).toEqual({ n: 0 });
  });

  it('a suggested name never overrides an operator’s name', () => {
    const reg = new DeviceRegistry(openDatabase(':memory:'));
    reg.seen(hygrometer, 1);
    reg.rename(hygrometer.id, { name: 'Operator name' }, 'operator', 1);
    reg.suggestName(hygrometer.id, { name: 'Demo name' }, 'demo', 2);
    expect(reg.get(hygrometer.id)?.name).toBe('Operator name');
  });

  it('writes last-seen with the next batch, not per sighting', () => {
    const db = openDatabase(':memory:');
    const reg = new DeviceRegistry(db);
    reg.seen(hygrometer, 1_000);
    reg.seen({ ...hygrometer, rssi: -60 }, 5_000);
    const stored = () => db.prepare('SELECT last_seen AS lastSeen, rssi FROM devices').get();
    expect(stored()).toEqual({ lastSeen: 1_000, rssi: null });
    expect(reg.hasUnflushedSightings()).toBe(true);
    reg.flushSightings();
    expect(stored()).toEqual({ lastSeen: 5_000, rssi: -60 });
  });
});
