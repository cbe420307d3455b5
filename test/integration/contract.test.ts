import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, parseTopic, topics, type MethodName } from '../../preload/contract/index.ts';
import { connectWs, startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'contract-token-1';

type Call = (method: string, params?: unknown) => Promise<{ result?: unknown; error?: { code: string; message: string } }>;
/** Params, or a step that sets things up (with earlier results at hand) and then gives the params. */
type Sample = unknown | ((call: Call, results: Map<string, unknown>) => Promise<unknown>);
const step = (fn: (call: Call, results: Map<string, unknown>) => Promise<unknown>): Sample => fn;
const idOf = (results: Map<string, unknown>, method: string) => (results.get(method) as { id: string }).id;

/**
 * Params that make each method succeed against the demo site. A method missing here fails the test
 * below, so every new method gets its result checked against its schema at runtime.
 */
const sampleParams: Record<Exclude<MethodName, 'subscribe' | 'unsubscribe'>, Sample> = {
  'system.health': {},
  'system.info': {},
  'system.access': {},
  'services.list': {},
  'devices.list': {},
  'devices.rename': { id: 'ble:A4:C1:38:5A:10:02', room: 'Stage' },
  'telemetry.latest': {},
  'events.list': { limit: 20 },
  'settings.get': {},
  'settings.update': { site: { name: 'Contract check' } },
  'settings.export': {},
  'settings.import': { settings: { site: { name: 'Contract check 2' } } },
  'dmx.status': {},
  'dmx.universe': { universe: 1 },
  'dmx.input': { index: 0 },
  'dmx.set': { universe: 1, channels: { '1': 5 } },
  'dmx.release': {},
  'dmx.blackout': { on: false },
  'dmx.master': { level: 1 },
  'dmx.interfaces': {},
  'dmx.library': {},
  'dmx.patch': { patch: [{ id: 'par', name: 'Par', universe: 1, address: 10, channels: ['red', 'green', 'blue'] }] },
  'dmx.serialPorts': {},
  'scenes.list': {},
  'scenes.create': { name: 'Contract', fadeMs: 0, values: { '1': { '1': 1 } } },
  'scenes.record': { name: 'Recorded' },
  'scenes.update': step(async (_c, r) => ({ id: idOf(r, 'scenes.create'), name: 'Contract (edited)' })),
  'scenes.delete': step(async (_c, r) => ({ id: idOf(r, 'scenes.record') })),
  'scenes.reorder': step(async (_c, r) => ({ ids: [idOf(r, 'scenes.create')] })),
  'scenes.go': step(async (_c, r) => ({ id: idOf(r, 'scenes.create') })),
  'scenes.release': {},
  'cues.list': {},
  'cues.save': step(async (_c, r) => ({ list: { id: 'show', name: 'Show', loop: true, cues: [{ id: 'q1', sceneId: idOf(r, 'scenes.create') }] } })),
  'cues.delete': step(async (call, r) => {
    await call('cues.save', { list: { id: 'gone', name: 'Gone', loop: false, cues: [{ id: 'q', sceneId: idOf(r, 'scenes.create') }] } });
    return { id: 'gone' };
  }),
  'cues.go': { id: 'show' },
  'cues.back': { id: 'show' },
  'cues.jump': { id: 'show', cue: 1 },
  'cues.release': { id: 'show' },
  'show.export': {},
  'show.import': step(async (call) => ({ show: (await call('show.export')).result, only: ['dmx'] })),
  'snmp.status': {},
  'snmp.switches': {},
  'snmp.test': { id: 'demo-switch' },
  'ble.unknown': {},
  'ble.stats': {},
  'ble.record': { mac: 'a4:c1:38:5a:10:01', minutes: 1 },
  'ble.stopRecording': { mac: 'A4C1385A1001' },
  'ble.recordings': {},
  'ble.assign': { mac: 'A4:C1:38:5A:10:06', model: 'H5072' },
  // MQTT: a GX announced in-process through mqtt.publish (the broker port may be taken by another test core).
  'mqtt.connections': {},
  'mqtt.testMapping': { mapping: { pattern: 'esp32/+/temp', deviceIdSegment: 1, metric: 'temperature', unit: '°C' }, topic: 'esp32/rack/temp', payload: '21.5' },
  'mqtt.publish': { topic: 'showsite/contract', payload: 'x' },
  'mqtt.gx': {},
  'mqtt.gxSet': step(async (call) => {
    for (const [path, value] of [['system/0/VebusInstance', 276], ['vebus/276/Mode', 3]] as const) await call('mqtt.publish', { topic: `N/c0619ab1e2f3/${path}`, payload: JSON.stringify({ value }) });
    return { connection: 'embedded', portalId: 'c0619ab1e2f3', control: 'inverter_mode', value: 1 };
  }),
  'devices.setRoom': { ids: ['ble:A4:C1:38:5A:10:02'], room: 'Stage' },
  'devices.bulkRename': { rows: [{ id: 'ble:A4:C1:38:5A:10:03', name: 'FOH desk' }] },
  'devices.merge': { from: 'ble:A4:C1:38:5A:10:05', into: 'ble:A4:C1:38:5A:10:06' },
  'devices.hide': { ids: ['ble:A4:C1:38:5A:10:02'], hidden: false },
  'devices.forget': { id: 'ble:A4:C1:38:5A:10:04' },
  'devices.exportNames': { format: 'json' },
  'devices.importNames': { format: 'csv', text: 'ble:A4:C1:38:5A:10:01,Stage left,Stage\nble:11:22:33:44:55:66,Spare,Store' },
  // The running order, on a day of its own (the demo has today): two sets played with times given, then edited.
  'schedule.get': {},
  'schedule.state': {},
  'schedule.days': {},
  'schedule.start': step(async (call) => {
    await call('schedule.add', { date: '2030-07-04', entry: { type: 'set', title: 'Contract A', plannedStart: '18:00', plannedDurationMin: 45, changeoverAfterMin: 15 } });
    const added = (await call('schedule.add', { date: '2030-07-04', entry: { type: 'set', title: 'Contract B', plannedStart: '19:00', plannedDurationMin: 60 } })).result as { day: { entries: { id: string }[] } };
    return { id: added.day.entries[0]!.id, date: '2030-07-04', at: '2030-07-04T18:05:00Z' };
  }),
  'schedule.end': step(async (_c, r) => ({ id: (r.get('schedule.start') as { view: { runningId: string } }).view.runningId, date: '2030-07-04', at: '2030-07-04T18:50:00Z' })),
  'schedule.next': { date: '2030-07-04', at: '2030-07-04T19:02:00Z' },
  'schedule.undo': { date: '2030-07-04' },
  'schedule.editActual': step(async (_c, r) => ({ id: (r.get('schedule.start') as { view: { runningId: string } }).view.runningId, date: '2030-07-04', actualStart: '18:06' })),
  'schedule.add': { date: '2030-07-04', entry: { type: 'milestone', title: 'Doors', plannedStart: '17:00' }, index: 0 },
  'schedule.update': step(async (_c, r) => ({
    id: (r.get('schedule.add') as { day: { entries: { id: string }[] } }).day.entries[0]!.id,
    date: '2030-07-04',
    patch: { title: 'Doors open', cues: [{ trigger: { kind: 'onStart' }, action: { type: 'alert', message: 'Doors', severity: 'info' } }] },
  })),
  'schedule.remove': step(async (_c, r) => ({ id: (r.get('schedule.add') as { day: { entries: { id: string }[] } }).day.entries[0]!.id, date: '2030-07-04' })),
  'schedule.move': step(async (_c, r) => ({ id: (r.get('schedule.remove') as { day: { entries: { id: string }[] } }).day.entries[1]!.id, toIndex: 0, date: '2030-07-04' })),
  'schedule.duplicateDay': { from: '2030-07-04', to: '2030-07-05' },
  'schedule.clearDay': { date: '2030-07-05' },
  'schedule.import': { csv: 'day,type,title,start,duration,changeover,notes\r\n2030-07-06,set,Imported,18:00,45,15,\r\n2030-07-06,curfew,Curfew,23:00,,,\r\n' },
  'schedule.export': { all: true },
  'schedule.report': { date: '2030-07-04' },
  // Monitoring: a stage hygrometer's last hour, its CSV, the Stage room's generated dashboard, a saved one round-tripped.
  'series.list': {},
  'series.query': { series: [{ device: 'ble:A4:C1:38:5A:10:01', metric: 'temperature' }, { device: 'ble:A4:C1:38:5A:10:02', metric: 'humidity' }], from: 'now-1h', maxPoints: 500 },
  'series.csv': { series: [{ device: 'ble:A4:C1:38:5A:10:01', metric: 'temperature' }], from: 'now-1h', raw: true },
  'metrics.prometheus': {},
  'forwarding.status': {},
  'forwarding.credentials': { username: 'showsite', password: 'secret' },
  'dashboards.list': {},
  'dashboards.get': { id: 'room-stage' },
  'dashboards.save': { dashboard: { id: 'contract-check', title: 'Contract', panels: [{ id: 'p1', type: 'gauge', title: 'Stage left', series: [{ device: 'ble:A4:C1:38:5A:10:01', metric: 'temperature' }], grid: { x: 0, y: 0, w: 6, h: 4 } }] } },
  'dashboards.delete': { id: 'contract-check' },
  'dashboards.export': { ids: ['room-stage'] },
  'dashboards.import': step(async (call) => ({ file: (await call('dashboards.export', { ids: ['room-foh'] })).result })),
};

describe('every result and every live event matches the contract, at runtime, against a real core', () => {
  const tempDir = useTempDirs('all');
  let s: Served;
  beforeAll(async () => {
    s = await startServe(['--port', '0', '--token', token, '--data-dir', tempDir(), '--demo', '--config', 'test/fixtures/demo-fast.json']);
  });
  afterAll(async () => {
    expect(await s.stop()).toBe(0);
  });

  it('each method answers with a result its schema accepts', async () => {
    const c = await connectWs(s.url, { Authorization: `Bearer ${token}` });
    await waitFor(async () => ((await c.call('devices.list')).result as unknown[]).length >= 9 || undefined, 15_000);
    const results = new Map<string, unknown>();
    for (const name of Object.keys(methods) as MethodName[]) {
      if (name === 'subscribe' || name === 'unsubscribe') continue;
      expect(name in sampleParams, `add sample params for ${name} to this test`).toBe(true);
      const sample = sampleParams[name];
      const params = typeof sample === 'function' ? await (sample as (call: Call, results: Map<string, unknown>) => Promise<unknown>)(c.call, results) : sample;
      const reply = await c.call(name, params);
      results.set(name, reply.result);
      expect(reply.error, `${name} failed: ${JSON.stringify(reply.error)}`).toBeUndefined();
      const checked = methods[name].result.safeParse(reply.result);
      expect(checked.success, `${name} result breaks its schema: ${JSON.stringify(checked.error?.issues.slice(0, 3))}`).toBe(true);
    }
    c.close();
  });

  it('each live topic delivers events its schema accepts', async () => {
    const c = await connectWs(s.url, { Authorization: `Bearer ${token}` });
    expect((await c.call('subscribe', { topics: Object.keys(topics) })).error).toBeUndefined();
    // Cause an event on every topic: settings, a rename, a service status change; readings and alerts come from the demo.
    await c.call('settings.update', { site: { name: 'Topics check' } });
    await c.call('devices.rename', { id: 'ble:A4:C1:38:5A:10:03', notes: 'checked' });
    await c.call('settings.update', { demo: { intervalMs: 300 } });
    await c.call('settings.update', { mqtt: { publish: { minIntervalMs: 500 } } }); // mqtt.connections, mqtt.gx
    await c.call('scenes.create', { name: 'Topic check', fadeMs: 0, values: {} });
    await waitFor(() => Object.keys(topics).every((t) => c.events.some((e) => e.topic === t)) || undefined, 20_000);
    for (const e of c.events) {
      const topic = parseTopic(e.topic);
      expect(topic, `unknown topic ${e.topic}`).toBeDefined();
      const checked = topic!.schema.safeParse(e.data);
      expect(checked.success, `${e.topic} event breaks its schema: ${JSON.stringify(checked.error?.issues.slice(0, 3))}`).toBe(true);
    }
    c.close();
  });

  it('subscribe refuses topics outside the contract', async () => {
    const c = await connectWs(s.url, { Authorization: `Bearer ${token}` });
    for (const bad of ['nope', 'readings.live.3', 'services.status.x', '']) {
      expect((await c.call('subscribe', { topics: [bad] })).error?.code).toBe('invalid_params');
    }
    c.close();
  });
});
