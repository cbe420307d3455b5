import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DeviceRegistry } from '../../../main/devices/registry.ts';
import { DeviceTools } from '../../../main/devices/tools.ts';
import { mergeMinuteEntries, seriesTables } from '../../../main/devices/merge-series.ts';
import { CoreError } from '../../../main/runtime/errors.ts';
import { openDatabase } from '../../../main/store/db.ts';
import { telemetryRig } from '../../helpers/core.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

const bleId = 'ble:A4:C1:38:DD:DB:F8';
const goveeId = 'govee:52:8B:D4:AD:FC:45:5D:FE';
const ble = { id: bleId, kind: 'thermo-hygrometer', model: 'H5075', source: 'ble' } as const;
const govee = { id: goveeId, kind: 'thermo-hygrometer', model: 'H5075', source: 'mqtt' } as const;

function rig() {
  const r = telemetryRig();
  const removed: string[][] = [];
  const tools = new DeviceTools({ db: r.db, registry: r.registry, series: r.series, writer: r.writer, refreshLive: (ids) => r.telemetry.refreshDevices(ids), now: () => r.clock.now });
  tools.onRemoved((ids) => removed.push([...ids]));
  const t = (v: number, metric = 'temperature') => ({ metric, unit: metric === 'temperature' ? '°C' : '%', value: v, ts: r.clock.now });
  const stored = (deviceId: string, metric: string) =>
    r.db
      .prepare<[string, string], { ts: number; value: number }>('SELECT r.ts, r.value FROM readings r JOIN series s ON s.id = r.series_id WHERE s.device_id = ? AND s.metric = ? ORDER BY r.ts')
      .all(deviceId, metric)
      .map((x) => x.value);
  return { ...r, tools, removed, t, stored };
}

describe('registry tools: merge', () => {
  it('moves a metric only `from` has, joins one both have, and files later readings under `into` via the alias', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20), r.t(50, 'humidity')]);
    r.clock.now += 60_000;
    r.telemetry.ingest(govee, [r.t(21)]);
    r.clock.now += 60_000;
    r.telemetry.ingest(ble, [r.t(22)]);
    r.writer.flush();
    r.registry.rename(goveeId, { name: 'Bar fridge', room: 'Bar' }, 'test', r.clock.now);

    const out = r.tools.merge(goveeId, bleId);
    expect(out).toMatchObject({ moved: 0, merged: 1 });
    expect(out.device).toMatchObject({ id: bleId, name: 'Bar fridge', room: 'Bar', aliases: [goveeId] });
    expect(r.stored(bleId, 'temperature')).toEqual([20, 21, 22]);
    expect(r.stored(bleId, 'humidity')).toEqual([50]);
    expect(r.stored(goveeId, 'temperature')).toEqual([]);
    expect(r.registry.get(goveeId)).toBeUndefined();
    expect(r.removed).toEqual([[goveeId]]);

    // The old identity keeps reporting: its readings land in the merged device, whose identity does not flip.
    r.clock.now += 60_000;
    r.telemetry.ingest(govee, [r.t(23)]);
    r.writer.flush();
    expect(r.stored(bleId, 'temperature')).toEqual([20, 21, 22, 23]);
    expect(r.registry.get(bleId)).toMatchObject({ source: 'ble', model: 'H5075' });
    expect(r.series.all().filter((s) => s.deviceId === goveeId)).toEqual([]);
    expect(r.telemetry.latest().filter((l) => l.deviceId === bleId).map((l) => [l.metric, l.value])).toEqual(expect.arrayContaining([['temperature', 23], ['humidity', 50]]));
  });

  it('reassigns a metric `into` lacks without copying it (same series id), and aliases chain through a second merge', () => {
    const r = rig();
    const third = { ...ble, id: 'ble:A4:C1:38:00:00:03' };
    r.telemetry.ingest(govee, [r.t(50, 'humidity')]);
    r.telemetry.ingest(ble, [r.t(20)]);
    r.telemetry.ingest(third, [r.t(19)]);
    r.writer.flush();
    const before = r.series.all().find((s) => s.deviceId === goveeId && s.metric === 'humidity')!.id;
    expect(r.tools.merge(goveeId, bleId)).toMatchObject({ moved: 1, merged: 0 });
    expect(r.series.all().find((s) => s.deviceId === bleId && s.metric === 'humidity')?.id).toBe(before);
    r.tools.merge(bleId, third.id);
    expect(r.registry.canonical(goveeId)).toBe(third.id);
    expect(r.registry.get(third.id)?.aliases).toEqual([bleId, goveeId].sort());
    expect(r.stored(third.id, 'humidity')).toEqual([50]);
  });

  it('keeps rollup history older than the raw readings when both identities had the metric', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20)]);
    r.telemetry.ingest(govee, [r.t(10)]);
    r.writer.flush();
    const gSeries = r.series.all().find((s) => s.deviceId === goveeId)!.id;
    const bSeries = r.series.all().find((s) => s.deviceId === bleId)!.id;
    // An hour of `from` that raw retention already pruned (only its rollup is left), and one `into` also has.
    const oldHour = Math.floor((r.clock.now - 10 * 3_600_000) / 3_600_000) * 3_600_000;
    r.db.prepare('INSERT INTO rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(gSeries, oldHour, 5, 9, 28, 4, 9, oldHour + 10);
    r.db.prepare('INSERT INTO rollup_1h (series_id, bucket, min, max, sum, count, last, last_ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(bSeries, oldHour, 4, 6, 10, 2, 4, oldHour + 5);
    r.tools.merge(goveeId, bleId);
    expect(r.db.prepare('SELECT min, max, sum, count, last, last_ts FROM rollup_1h WHERE series_id = ? AND bucket = ?').get(bSeries, oldHour)).toEqual({ min: 4, max: 9, sum: 38, count: 6, last: 9, last_ts: oldHour + 10 });
    expect(r.db.prepare('SELECT count(*) AS n FROM rollup_1h WHERE series_id = ?').get(gSeries)).toEqual({ n: 0 });
  });

  it('refuses an unknown device or merging a device into itself (through an alias), changing nothing', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20)]);
    r.telemetry.ingest(govee, [r.t(21)]);
    expect(() => r.tools.merge('ble:00:00:00:00:00:00', bleId)).toThrow(/no device with id "ble:00:00:00:00:00:00"/);
    r.tools.merge(goveeId, bleId);
    let error: unknown;
    try {
      r.tools.merge(goveeId, bleId);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).message).toMatch(/already one device/);
  });

  it('survives a restart: the alias still files readings under the merged device', () => {
    const dir = useTempDirsOnce();
    const file = join(dir, 'show.db');
    const db = openDatabase(file);
    const r1 = telemetryRig({ db });
    const tools = new DeviceTools({ db, registry: r1.registry, series: r1.series, writer: r1.writer, refreshLive: () => {}, now: () => r1.clock.now });
    r1.telemetry.ingest(ble, [{ metric: 'temperature', unit: '°C', value: 20, ts: r1.clock.now }]);
    r1.telemetry.ingest(govee, [{ metric: 'temperature', unit: '°C', value: 21, ts: r1.clock.now + 1 }]);
    tools.merge(goveeId, bleId);
    r1.writer.flush();
    db.close();
    const again = new DeviceRegistry(openDatabase(file));
    expect(again.canonical(goveeId)).toBe(bleId);
    expect(again.resolve(govee)).toMatchObject({ id: bleId, source: 'ble' });
  });
});

const dirs = useTempDirs();
function useTempDirsOnce(): string {
  return dirs();
}

describe('registry tools: hide, forget, rooms, bulk names', () => {
  it('a hidden device is stored but not shown live, raises no alert and is never declared lost; showing it again brings its values back', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20)]);
    r.tools.hide([bleId], true);
    expect(r.registry.get(bleId)?.hidden).toBe(true);
    expect(r.telemetry.latest()).toEqual([]);
    r.published.length = 0;
    r.clock.now += 1000;
    r.telemetry.ingest(ble, [r.t(40)]); // above the default alarm limit
    r.writer.flush();
    expect(r.stored(bleId, 'temperature')).toEqual([20, 40]);
    expect(r.published.filter((p) => p.topic === 'readings.live' || p.topic === 'alerts')).toEqual([]);
    r.clock.now += 3600_000;
    r.telemetry.sweep();
    expect(r.events.list(10, undefined).filter((e) => e.kind === 'device.lost')).toEqual([]);
    r.tools.hide([bleId], false);
    expect(r.telemetry.latest().map((l) => l.value)).toEqual([40]);
  });

  it('forget removes the device, its name and every stored reading; it comes back as new if it reports again', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20), r.t(50, 'humidity')]);
    r.registry.rename(bleId, { name: 'Gone' }, 't', r.clock.now);
    r.writer.flush();
    expect(r.tools.forget(bleId)).toEqual({ id: bleId, series: 2, readings: 2 });
    expect(r.registry.get(bleId)).toBeUndefined();
    // Every table that holds a series' readings or aggregates is empty for it (whatever the tiers are called).
    const tables = seriesTables(r.db);
    expect(tables).toContain('rollup_1h');
    for (const t of tables) expect(r.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get(), t).toEqual({ n: 0 });
    expect(r.db.prepare('SELECT count(*) AS n FROM readings').get()).toEqual({ n: 0 });
    expect(r.telemetry.latest()).toEqual([]);
    expect(r.removed).toEqual([[bleId]]);
    r.clock.now += 1000;
    r.telemetry.ingest(ble, [r.t(21)]);
    r.writer.flush();
    expect(r.registry.get(bleId)).toMatchObject({ name: null, firstSeen: r.clock.now });
    expect(r.stored(bleId, 'temperature')).toEqual([21]);
  });

  it('setRoom puts several devices in one room; an unknown id refuses the whole request', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20)]);
    r.telemetry.ingest(govee, [r.t(20)]);
    expect(() => r.tools.setRoom([bleId, 'ble:nope'], 'Bar', 't')).toThrow(/no device with id "ble:nope"/);
    expect(r.registry.get(bleId)?.room).toBeNull();
    expect(r.tools.setRoom([bleId, goveeId], 'Bar', 't').map((d) => d.room)).toEqual(['Bar', 'Bar']);
    expect(r.tools.setRoom([bleId], '', 't')[0]?.room).toBeNull();
  });

  it('bulkRename names several devices in one go and flags auto-generated names as needing a name', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20)]);
    r.telemetry.ingest(govee, [r.t(20)]);
    r.registry.suggestName(bleId, { name: 'GVH5075_DBF8' }, 'adapter', r.clock.now);
    expect(r.registry.get(bleId)?.needsName).toBe('the factory name');
    expect(r.registry.get(goveeId)?.needsName).toBe('no name');
    const out = r.tools.bulkRename([{ id: bleId, name: 'Stage left' }, { id: goveeId, name: 'Bar fridge', room: 'Bar' }], 't');
    expect(out.map((d) => [d.name, d.room, d.needsName])).toEqual([
      ['Stage left', null, null],
      ['Bar fridge', 'Bar', null],
    ]);
  });
});

describe('registry tools: names export and import', () => {
  it('CSV round trip to the next site: unknown ids wait for their device, known ones are applied, unchanged ones reported', () => {
    const site1 = rig();
    site1.telemetry.ingest(ble, [site1.t(20)]);
    site1.registry.rename(bleId, { name: 'Stage left, upstage', room: 'Stage', notes: 'zip-tied "high"' }, 't', 1);
    const exported = site1.tools.exportNames('csv');
    expect(exported.count).toBe(1);
    expect(exported.text).toBe('id,name,room,notes\r\nble:A4:C1:38:DD:DB:F8,"Stage left, upstage",Stage,"zip-tied ""high"""\r\n');

    const site2 = rig();
    site2.telemetry.ingest(govee, [site2.t(20)]);
    const csv = `${exported.text}${goveeId},Bar fridge,Bar\n`;
    const dry = site2.tools.importNames('csv', csv, true, 't');
    expect(dry).toMatchObject({ applied: 1, pending: 1, unchanged: 0 });
    expect(site2.registry.get(goveeId)?.name).toBeNull();
    expect(site2.tools.importNames('csv', csv, false, 't')).toMatchObject({ applied: 1, pending: 1, unchanged: 0, rows: [{ line: 2, id: bleId, outcome: 'pending' }, { line: 3, id: goveeId, outcome: 'applied' }] });
    expect(site2.registry.get(goveeId)).toMatchObject({ name: 'Bar fridge', room: 'Bar' });
    expect(site2.tools.importNames('csv', csv, false, 't')).toMatchObject({ applied: 0, unchanged: 1, pending: 1 });
    // The sensor arrives at the new site: it is named at once.
    site2.telemetry.ingest(ble, [site2.t(21)]);
    expect(site2.registry.get(bleId)).toMatchObject({ name: 'Stage left, upstage', room: 'Stage', notes: 'zip-tied "high"' });
    expect(site2.registry.pendingNames()).toEqual([]);
  });

  it('JSON import: null clears, absent keeps; a bad row refuses the whole file with its line', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20)]);
    r.registry.rename(bleId, { name: 'A', room: 'R', notes: 'n' }, 't', 1);
    r.tools.importNames('json', JSON.stringify({ devices: [{ id: bleId, room: null, notes: 'new' }] }), false, 't');
    expect(r.registry.get(bleId)).toMatchObject({ name: 'A', room: null, notes: 'new' });
    let error: CoreError | undefined;
    try {
      r.tools.importNames('json', JSON.stringify([{ id: bleId, name: 'B' }, { id: 'x', name: 42 }]), false, 't');
    } catch (e) {
      error = e as CoreError;
    }
    expect(error?.kind).toBe('invalid');
    expect(error?.message).toContain('item 2: "name" is not text');
    expect(r.registry.get(bleId)?.name).toBe('A');
  });

  it('JSON export carries pending names and aliases', () => {
    const r = rig();
    r.telemetry.ingest(ble, [r.t(20)]);
    r.telemetry.ingest(govee, [r.t(20)]);
    r.registry.rename(bleId, { name: 'Stage' }, 't', 1);
    r.tools.merge(goveeId, bleId);
    r.tools.importNames('csv', 'ble:11:22:33:44:55:66,Later', false, 't');
    const out = JSON.parse(r.tools.exportNames('json').text) as { format: string; devices: unknown[] };
    expect(out.format).toBe('showsite-device-names');
    expect(out.devices).toEqual([
      { id: 'ble:11:22:33:44:55:66', name: 'Later', room: null, notes: null },
      { id: bleId, name: 'Stage', room: null, notes: null, aliases: [goveeId] },
    ]);
  });
});

describe('minute rollups of two identities as one', () => {
  it('per minute: min of mins, max of maxes, sums and counts added, the later last', () => {
    expect(
      mergeMinuteEntries(
        [
          [0, 1, 5, 6, 2, 5, 30_000],
          [2, 3, 3, 3, 1, 3, 0],
        ],
        [
          [0, 0, 4, 4, 2, 4, 50_000],
          [1, 7, 7, 7, 1, 7, 1],
        ],
      ),
    ).toEqual([
      [0, 0, 5, 10, 4, 4, 50_000],
      [1, 7, 7, 7, 1, 7, 1],
      [2, 3, 3, 3, 1, 3, 0],
    ]);
  });
});
