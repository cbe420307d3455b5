import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultSettings, type MqttConnectionStatus, type TimelineEvent } from '../../../preload/contract/index.ts';
import type { DeviceSighting, Sample } from '../../../native/ingest.ts';
import { MqttConnection } from '../../../main/mqtt/connection.ts';
import type { Logger } from '../../../main/runtime/logger.ts';
import { FakeLink } from './fake-link.ts';

const portal = 'c0619ab1e2f3';

function rig(mappers = defaultSettings.mqtt.broker.mappers, mqtt = defaultSettings.mqtt) {
  const link = new FakeLink();
  const clock = { now: Date.UTC(2026, 10, 22, 12) };
  const ingested: { sighting: DeviceSighting; samples: Sample[]; options?: { store?: boolean } }[] = [];
  const names: [string, unknown][] = [];
  const via: unknown[][] = [];
  const timeline: Omit<TimelineEvent, 'id' | 'ts'>[] = [];
  const statuses: MqttConnectionStatus[] = [];
  const warns: string[] = [];
  const logger: Logger = { debug() {}, info() {}, warn: (m) => warns.push(m), error() {}, child: () => logger };
  let gx = 0;
  const conn = new MqttConnection({ id: 'embedded', label: 'Embedded broker', kind: 'embedded', tls: false, mappers, victronPortalIds: [] }, link, {
    sink: {
      ingest: (sighting, samples, options) => {
        ingested.push({ sighting, samples: samples.map((s) => ({ ...s })), ...(options ? { options } : {}) });
        return samples.length;
      },
      suggestName: (id, name) => names.push([id, name]),
    },
    heardVia: (...args) => {
      via.push(args);
      return via.length === 1;
    },
    deviceChanged: () => {},
    record: (e) => timeline.push(e),
    now: () => clock.now,
    logger,
    statusChanged: (s) => statuses.push(s),
    gxChanged: () => gx++,
  });
  return { link, clock, conn, ingested, names, via, timeline, statuses, warns, gx: () => gx, mqtt };
}

afterEach(() => vi.useRealTimers());

describe('an MQTT connection and its mappers', () => {
  it('subscribes to what its mappers need, and files a gateway reading with the gateway it was heard through', async () => {
    const r = rig(['omg-theengs', 'user'], { ...defaultSettings.mqtt, mappings: [{ pattern: 'esp32/+/temp', deviceIdSegment: 1, metric: 'temperature', unit: '°C', expectedIntervalS: 10 }] });
    await r.conn.configure(r.mqtt);
    await r.conn.start();
    expect(r.link.filters).toEqual(['home/+/BTtoMQTT/#', '+/BTtoMQTT/#', 'esp32/+/temp']);
    r.link.deliver('home/OMG_lobby/BTtoMQTT/A4C138DDDBF8', JSON.stringify({ id: 'A4:C1:38:DD:DB:F8', rssi: -70, name: 'GVH5075_DBF8', brand: 'Govee', tempc: 26.8, hum: 52.6, batt: 100 }));
    r.link.deliver('esp32/rack-2/temp', '31.5');
    expect(r.ingested.map((i) => [i.sighting.id, i.sighting.expectedIntervalS, i.samples.map((s) => s.value)])).toEqual([
      ['ble:A4:C1:38:DD:DB:F8', 120, [26.8, 52.6]],
      ['mqtt:rack-2', 10, [31.5]],
    ]);
    expect(r.via).toEqual([['ble:A4:C1:38:DD:DB:F8', 'OMG_lobby', 'embedded', -70, r.clock.now]]);
    expect(r.names).toEqual([['ble:A4:C1:38:DD:DB:F8', { name: 'GVH5075_DBF8' }]]);
    expect(r.conn.status()).toMatchObject({ messages: 2, readings: 3, ignored: 0, rejected: 0 });
    await r.conn.stop();
  });

  it('gives two messages for one device in the same millisecond distinct times (the store would keep only one)', async () => {
    const r = rig(['user'], { ...defaultSettings.mqtt, mappings: [{ pattern: 'n/+/v', deviceIdSegment: 1, metric: 'v', unit: '' }] });
    await r.conn.configure(r.mqtt);
    await r.conn.start();
    for (let i = 0; i < 3; i++) r.link.deliver('n/a/v', String(i));
    r.link.deliver('n/b/v', '9');
    const t = r.clock.now;
    expect(r.ingested.map((i) => [i.sighting.id, i.samples[0]!.ts])).toEqual([
      ['mqtt:a', t],
      ['mqtt:a', t + 1],
      ['mqtt:a', t + 2],
      ['mqtt:b', t],
    ]);
    await r.conn.stop();
  });

  it('counts rejects, keeps the latest five, and logs one line per mapper per minute', async () => {
    const r = rig(['omg-theengs']);
    await r.conn.configure(r.mqtt);
    await r.conn.start();
    for (let i = 0; i < 7; i++) r.link.deliver(`home/gw/BTtoMQTT/A4C138DDDB0${i}`, 'not json');
    r.link.deliver('something/else', 'x');
    const s = r.conn.status();
    expect(s).toMatchObject({ messages: 8, rejected: 7, ignored: 1 });
    expect(s.rejects).toHaveLength(5);
    expect(s.rejects[0]).toMatchObject({ mapper: 'omg-theengs', topic: 'home/gw/BTtoMQTT/A4C138DDDB06', reason: 'payload is not a JSON object' });
    expect(r.warns).toEqual(['MQTT embedded: omg-theengs rejected a message']);
    r.clock.now += 61_000;
    r.link.deliver('home/gw/BTtoMQTT/A4C138DDDB00', '[]');
    expect(r.warns).toHaveLength(2);
    await r.conn.stop();
  });

  it('Frigate events go on the timeline with the clip link; a flood is capped at 60 a minute and summarised', async () => {
    const r = rig(['frigate'], { ...defaultSettings.mqtt, frigate: { url: 'http://frigate.local:5000', topicPrefix: 'frigate' } });
    await r.conn.configure(r.mqtt);
    await r.conn.start();
    const ev = (id: string) => JSON.stringify({ type: 'new', before: null, after: { id, camera: 'front', label: 'person', top_score: 0.82, has_clip: true, entered_zones: ['gate'] } });
    r.link.deliver('frigate/events', ev('1607123955.475377-mxklsc'));
    expect(r.timeline[0]).toEqual({ kind: 'system', severity: 'info', deviceId: null, message: 'Frigate: person detected on front in gate (82%) — clip: http://frigate.local:5000/api/events/1607123955.475377-mxklsc/clip.mp4' });
    for (let i = 0; i < 80; i++) r.link.deliver('frigate/events', ev(`e${i}`));
    expect(r.timeline).toHaveLength(60);
    r.clock.now += 60_000;
    r.link.deliver('frigate/events', ev('late'));
    expect(r.timeline.at(-2)?.message).toMatch(/21 more events in the last minute were not put on the timeline/);
    await r.conn.stop();
  });

  it('Victron: keep-alives while the link is up, a heartbeat keeps the GX summary current, controls pending → confirmed / reverted', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    const r = rig(['victron']);
    await r.conn.configure(r.mqtt);
    await r.conn.start();
    const n = (path: string, value: unknown) => r.link.deliver(`N/${portal}/${path}`, JSON.stringify({ value }));
    n('system/0/Serial', portal);
    n('system/0/VebusInstance', 276);
    n('vebus/276/Mode', 3);
    n('system/0/Dc/Battery/Soc', 80);
    r.conn.tick();
    expect(r.link.sent.filter((s) => s.topic === `R/${portal}/keepalive`).map((s) => s.payload)).toEqual(['']);
    r.clock.now += 29_000;
    r.conn.tick();
    expect(r.link.sent.filter((s) => s.topic === `R/${portal}/keepalive`)).toHaveLength(1);
    r.clock.now += 1_000;
    n('system/0/Dc/Battery/Soc', 81); // heard recently: a plain keep-alive, no republish
    r.conn.tick();
    expect(r.link.sent.filter((s) => s.topic === `R/${portal}/keepalive`).map((s) => s.payload)).toEqual(['', '{"keepalive-options":["suppress-republish"]}']);

    // Heartbeat: the held summary is ingested live-only, no more than every 20 s.
    r.ingested.length = 0;
    r.link.deliver(`N/${portal}/heartbeat`, JSON.stringify({ value: 1 }));
    r.link.deliver(`N/${portal}/heartbeat`, JSON.stringify({ value: 2 }));
    expect(r.ingested).toHaveLength(1);
    expect(r.ingested[0]).toMatchObject({ sighting: { id: `victron:${portal}`, expectedIntervalS: 30 }, options: { store: false } });
    expect(Object.fromEntries(r.ingested[0]!.samples.map((s) => [s.metric, s.value]))).toMatchObject({ soc: 81, inverter_mode: 3 });

    await r.conn.gxSet(portal, 'inverter_mode', 4);
    expect(r.link.sent.slice(-2).map((s) => [s.topic, s.payload, s.retain])).toEqual([
      [`W/${portal}/vebus/276/Mode`, '{"value":4}', false],
      [`R/${portal}/vebus/276/Mode`, '', false],
    ]);
    expect(r.conn.gxPortals()[0]!.controls.find((c) => c.control === 'inverter_mode')).toMatchObject({ value: 3, pending: { wanted: 4 }, last: null });
    n('vebus/276/Mode', 3); // the old value in flight: still pending
    expect(r.conn.gxPortals()[0]!.controls.find((c) => c.control === 'inverter_mode')?.pending).not.toBeNull();
    n('vebus/276/Mode', 4);
    expect(r.conn.gxPortals()[0]!.controls.find((c) => c.control === 'inverter_mode')).toMatchObject({ value: 4, pending: null, last: { outcome: 'confirmed', value: 4 } });

    await r.conn.gxSet(portal, 'charge_current_limit', 50);
    r.clock.now += 10_000;
    r.conn.tick();
    const ccl = r.conn.gxPortals()[0]!.controls.find((c) => c.control === 'charge_current_limit')!;
    expect(ccl).toMatchObject({ pending: null, last: { outcome: 'reverted', wanted: 50, value: null } });
    expect(r.timeline.at(-1)).toMatchObject({ severity: 'warn', deviceId: `victron:${portal}` });
    expect(r.timeline.at(-1)?.message).toMatch(/Charge current limit on GX c0619ab1e2f3: 50 A was not confirmed within 10 s/);

    await expect(r.conn.gxSet(portal, 'inverter_mode', 7)).rejects.toThrow(/inverter mode must be 1 \(charger only\), 2 \(inverter only\), 3 \(on\) or 4 \(off\)/);
    await expect(r.conn.gxSet('nope', 'inverter_mode', 3)).rejects.toThrow(/no GX portal nope/);
    r.link.up = false;
    await expect(r.conn.gxSet(portal, 'inverter_mode', 3)).rejects.toThrow(/connection embedded is not connected/);
    const sentBefore = r.link.sent.length;
    r.clock.now += 60_000;
    r.conn.tick();
    expect(r.link.sent.length).toBe(sentBefore); // no keep-alive while down
    await r.conn.stop();
  });
});
