import { describe, expect, it } from 'vitest';
import type { Device, LiveReading } from '../../preload/contract/index.ts';
import { groupByRoom } from '../../renderer/src/lib/group.ts';

const device = (id: string, name: string | null, room: string | null, model = 'Govee H5075'): Device => ({
  id,
  kind: 'thermo-hygrometer',
  model,
  source: 'sim',
  parentId: null,
  firstSeen: 0,
  lastSeen: 0,
  rssi: null,
  battery: null,
  name,
  room,
  notes: null,
});
let sid = 0;
const reading = (deviceId: string, metric = 'temperature'): LiveReading => ({
  seriesId: ++sid,
  deviceId,
  metric,
  unit: metric === 'humidity' ? '%' : '°C',
  value: 1,
  ts: 0,
  state: 'ok',
  staleAfterS: 60,
});
const devices = (...list: Device[]) => new Map(list.map((d) => [d.id, d]));

describe('groupByRoom', () => {
  it('groups tiles by room, rooms sorted by name (numbers naturally), Unassigned last', () => {
    const groups = groupByRoom(
      devices(device('a', 'Amp L', 'Stage'), device('b', 'Rack 1', 'FOH'), device('c', 'Probe', null), device('d', 'Dimmer', 'Room 10'), device('e', 'Cooler', 'Room 2')),
      [reading('a'), reading('b'), reading('c'), reading('d'), reading('e')],
    );
    expect(groups.map((g) => g.room)).toEqual(['FOH', 'Room 2', 'Room 10', 'Stage', 'Unassigned']);
  });

  it('only devices with readings get a tile; readings of unknown devices still show, named by id', () => {
    const groups = groupByRoom(devices(device('known', 'Known', 'Bar'), device('silent', 'Silent', 'Bar')), [reading('known'), reading('aa:bb:cc')]);
    expect(groups).toHaveLength(2);
    expect(groups[0]?.tiles.map((t) => t.deviceId)).toEqual(['known']);
    expect(groups[1]).toMatchObject({ room: 'Unassigned', tiles: [{ deviceId: 'aa:bb:cc', name: 'aa:bb:cc', model: null }] });
  });

  it('one tile per device holding all its metrics, temperature before humidity; blank names and rooms fall back', () => {
    const groups = groupByRoom(devices(device('x', '  ', '   ')), [reading('x', 'humidity'), reading('x', 'battery'), reading('x', 'temperature')]);
    expect(groups).toHaveLength(1);
    const tile = groups[0]?.tiles[0];
    expect(groups[0]?.room).toBe('Unassigned');
    expect(tile?.name).toBe('x');
    expect(tile?.readings.map((r) => r.metric)).toEqual(['temperature', 'humidity', 'battery']);
  });

  it('tiles inside a room sorted by display name', () => {
    const groups = groupByRoom(devices(device('1', 'Zeta', 'Bar'), device('2', 'alpha', 'Bar'), device('3', null, 'Bar')), [reading('1'), reading('2'), reading('3')]);
    expect(groups[0]?.tiles.map((t) => t.name)).toEqual(['3', 'alpha', 'Zeta']);
  });
});
