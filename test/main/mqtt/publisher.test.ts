import { describe, expect, it } from 'vitest';
import type { Device, LiveReading } from '../../../preload/contract/index.ts';
import { StatePublisher, deviceTopics, fromTopicLevel, topicLevel } from '../../../main/mqtt/publisher.ts';
import { quietLogger } from '../../helpers/core.ts';
import { FakeLink } from './fake-link.ts';

const dev = (id: string, extra: Partial<Device> = {}): Device => ({
  id,
  kind: 'thermo-hygrometer',
  model: 'H5075',
  source: 'ble',
  parentId: null,
  firstSeen: 0,
  lastSeen: 0,
  rssi: null,
  battery: null,
  name: null,
  room: null,
  notes: null,
  ...extra,
});
const reading = (deviceId: string, metric: string, value: number, ts: number): LiveReading => ({ seriesId: 1, deviceId, metric, unit: metric === 'temperature' ? '°C' : '%', value, ts, state: 'ok', staleAfterS: 120 });
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

function rig(devices: Device[], latest: LiveReading[] = []) {
  const link = new FakeLink();
  const clock = { now: 1_000_000 };
  const byId = new Map(devices.map((d) => [d.id, d]));
  const pub = new StatePublisher({ devices: () => [...byId.values()], device: (id) => byId.get(id), latest: () => latest, now: () => clock.now, logger: quietLogger });
  return { link, clock, byId, pub };
}

describe('device topics', () => {
  it('use the id as one level, readable, with /, +, # and % escaped (and back)', () => {
    expect(deviceTopics('main', 'ble:A4:C1:38:DD:DB:F8')).toEqual({ state: 'showsite/main/devices/ble:A4:C1:38:DD:DB:F8/state', meta: 'showsite/main/devices/ble:A4:C1:38:DD:DB:F8/meta' });
    expect(topicLevel('mqtt:a/b+c#d%e')).toBe('mqtt:a%2Fb%2Bc%23d%25e');
    expect(fromTopicLevel(topicLevel('mqtt:a/b+c#d%e'))).toBe('mqtt:a/b+c#d%e');
  });
});

describe('state publisher (no ghosts)', () => {
  it('publishes state and meta retained; a rename rewrites meta and nothing else', async () => {
    const r = rig([dev('ble:1', { name: 'Stage left' })]);
    await r.pub.configure({ enabled: true, site: 'main', minIntervalMs: 1000 }, r.link);
    r.pub.onReading(reading('ble:1', 'temperature', 20.5, 999_000));
    r.pub.onReading(reading('ble:1', 'humidity', 40, 999_000));
    await settle();
    expect([...r.link.retained]).toEqual([
      ['showsite/main/devices/ble:1/meta', JSON.stringify({ id: 'ble:1', name: 'Stage left', room: null, kind: 'thermo-hygrometer', model: 'H5075', source: 'ble' })],
      ['showsite/main/devices/ble:1/state', JSON.stringify({ humidity: { value: 40, unit: '%', ts: 999_000 }, temperature: { value: 20.5, unit: '°C', ts: 999_000 } })],
    ]);
    const before = r.link.sent.length;
    r.pub.onDevice(dev('ble:1', { name: 'FOH rack', room: 'FOH' }));
    await settle();
    expect(r.link.sent.slice(before).map((s) => s.topic)).toEqual(['showsite/main/devices/ble:1/meta']);
    expect(r.link.sent.every((s) => s.retain && s.qos === 1)).toBe(true);
    expect([...r.link.retained.values()].join()).not.toContain('Stage left');
  });

  it('republishes on change at most once per interval per device, not for an unchanged value', async () => {
    const r = rig([dev('ble:1')]);
    await r.pub.configure({ enabled: true, site: 'main', minIntervalMs: 150 }, r.link);
    r.pub.onReading(reading('ble:1', 'temperature', 20, 1));
    await settle(40);
    const states = () => r.link.sent.filter((s) => s.topic.endsWith('/state')).length;
    expect(states()).toBe(1);
    for (let i = 2; i < 8; i++) r.pub.onReading(reading('ble:1', 'temperature', 20 + i, i));
    await settle(40);
    expect(states()).toBe(1); // inside the interval
    await settle(200);
    expect(states()).toBe(2); // one publish with the newest value
    expect(JSON.parse(r.link.retained.get('showsite/main/devices/ble:1/state')!).temperature.value).toBe(27);
    r.clock.now += 10_000;
    r.pub.onReading(reading('ble:1', 'temperature', 27, 9));
    await settle(250);
    expect(states()).toBe(2); // same value: nothing to say
  });

  it('hiding or removing a device clears both retained topics; showing it again brings them back', async () => {
    const latest = [reading('ble:1', 'temperature', 20, 5)];
    const r = rig([dev('ble:1'), dev('ble:2')], latest);
    await r.pub.configure({ enabled: true, site: 'main', minIntervalMs: 100 }, r.link);
    await settle();
    expect([...r.link.retained.keys()].sort()).toEqual(['showsite/main/devices/ble:1/meta', 'showsite/main/devices/ble:1/state', 'showsite/main/devices/ble:2/meta']);
    r.pub.onDevice(dev('ble:1', { hidden: true }));
    await settle();
    expect([...r.link.retained.keys()]).toEqual(['showsite/main/devices/ble:2/meta']);
    r.pub.onDevice(dev('ble:1', { hidden: false }));
    await settle(150);
    expect(r.link.retained.has('showsite/main/devices/ble:1/state')).toBe(true);
    r.pub.onRemoved(['ble:2', 'ble:1']);
    await settle();
    expect([...r.link.retained.keys()]).toEqual([]);
  });

  it('on (re)connect clears retained topics left for devices the registry no longer has, and leaves other topics alone', async () => {
    const r = rig([dev('ble:1')]);
    r.link.retained.set('showsite/main/devices/ble:old/state', '{"temperature":{"value":1}}');
    r.link.retained.set('showsite/main/devices/ble:old/meta', '{"name":"Ghost"}');
    r.link.retained.set('showsite/other/devices/ble:old/meta', '{}');
    r.link.retained.set('home/OMG/LWT', 'online');
    await r.pub.configure({ enabled: true, site: 'main', minIntervalMs: 100 }, r.link);
    expect([...r.link.retained.keys()].sort()).toEqual(['home/OMG/LWT', 'showsite/main/devices/ble:1/meta', 'showsite/other/devices/ble:old/meta']);
  });

  it('moving to another site id clears what it published under the old one', async () => {
    const r = rig([dev('ble:1')], [reading('ble:1', 'temperature', 20, 5)]);
    await r.pub.configure({ enabled: true, site: 'main', minIntervalMs: 100 }, r.link);
    await settle();
    await r.pub.configure({ enabled: true, site: 'festival', minIntervalMs: 100 }, r.link);
    await settle();
    expect([...r.link.retained.keys()].sort()).toEqual(['showsite/festival/devices/ble:1/meta', 'showsite/festival/devices/ble:1/state']);
    await r.pub.configure({ enabled: false, site: 'festival', minIntervalMs: 100 }, r.link);
    expect([...r.link.retained.keys()]).toEqual([]);
  });

  it('publishes nothing while its link is down', async () => {
    const r = rig([dev('ble:1')]);
    r.link.up = false;
    await r.pub.configure({ enabled: true, site: 'main', minIntervalMs: 100 }, r.link);
    r.pub.onReading(reading('ble:1', 'temperature', 20, 5));
    await settle();
    expect(r.link.sent).toEqual([]);
  });
});
