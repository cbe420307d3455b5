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
