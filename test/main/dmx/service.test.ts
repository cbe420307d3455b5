import { afterEach, describe, expect, it } from 'vitest';
import { createSocket } from 'node:dgram';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core/app.ts';
import { decodeArtNet } from '../../../native/artnet/codec.ts';
import type { DmxStatus, EventMessage } from '../../../preload/contract/index.ts';
import { useTempDirs } from '../../helpers/tmp.ts';
import { waitFor } from '../../helpers/serve.ts';

/** The DMX capability inside a real core: the engine in its worker thread, the library in SQLite. */
describe('DMX service (engine in a worker thread)', () => {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.stop();
  });

  async function core(dataDir = tempDir()) {
    const c = await createCore({ mode: 'desktop', dataDir, version: '0', resourcesDir: join(dataDir, 'ui'), checkContract: true });
    cores.push(c);
    await c.start();
    const events: EventMessage[] = [];
    const s = c.openSession({ deliver: (b) => events.push(...b), ready: () => true }, 'control');
    const call = async <T = unknown>(method: string, params: unknown = {}): Promise<T> => {
      const out = await s.call(method, params);
      if ('error' in out) throw Object.assign(new Error(out.error.message), { code: out.error.code });
      return out.result as T;
    };
    const failure = async (method: string, params: unknown) => {
      const out = await s.call(method, params);
      return 'error' in out ? out.error : undefined;
    };
    return { c, s, call, failure, events, dataDir };
  }

  const channel = async (call: <T>(m: string, p?: unknown) => Promise<T>, u: number, ch: number) => (await call<{ channels: number[] }>('dmx.universe', { universe: u })).channels[ch - 1];

  it('runs the engine and answers with the merged output; the manual layer sets channels', async () => {
    const { c, call } = await core();
    expect(c.services().find((x) => x.name === 'dmx')).toMatchObject({ state: 'ok' });
    const frame = await call<{ universe: number; channels: number[] }>('dmx.set', { universe: 2, channels: { '1': 255, '512': 7 } });
    expect(frame.universe).toBe(2);
    expect(frame.channels).toHaveLength(512);
    expect([frame.channels[0], frame.channels[511]]).toEqual([255, 7]);
  });

  it('scene GO crossfades in the time asked, and a scene recorded from the stage holds what was on stage', async () => {
    const { call } = await core();
    const scene = await call<{ id: string }>('scenes.create', { name: 'House to half', fadeMs: 400, values: { '1': { '10': 200 } } });
    const started = Date.now();
    await call('scenes.go', { id: scene.id });
    const mid = await waitFor(async () => {
      const v = await channel(call, 1, 10);
      return v !== undefined && v > 0 && v < 200 ? v : undefined;
    }, 2000, 5);
    expect(mid).toBeGreaterThan(0);
    await waitFor(async () => (await channel(call, 1, 10)) === 200 || undefined, 10_000, 10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380); // time-based: not faster than asked
    await call('dmx.set', { universe: 3, channels: { '5': 42 } });
    const recorded = await call<{ values: Record<string, Record<string, number>> }>('scenes.record', { name: 'Snapshot' });
    expect(recorded.values).toEqual({ '1': { '10': 200 }, '3': { '5': 42 } });
  });

  it('blackout wins and grand master scales intensity; both are on the status', async () => {
    const { call } = await core();
    await call('dmx.set', { universe: 1, channels: { '1': 200 } });
    const half = await call<DmxStatus>('dmx.master', { level: 0.5 });
    expect(half.grandMaster).toBe(0.5);
    await waitFor(async () => (await channel(call, 1, 1)) === 100 || undefined, 10_000);
    const dark = await call<DmxStatus>('dmx.blackout', { on: true });
    expect(dark.blackout.on).toBe(true);
    await waitFor(async () => (await channel(call, 1, 1)) === 0 || undefined, 10_000);
    await call('dmx.blackout', { on: false });
    await waitFor(async () => (await channel(call, 1, 1)) === 100 || undefined, 10_000);
  });

  it('cue lists: GO steps through the cues, BACK returns, jump goes to a cue; unknown lists and cues are clear errors', async () => {
    const { call, failure } = await core();
    const a = await call<{ id: string }>('scenes.create', { name: 'A', fadeMs: 0, values: { '1': { '1': 10 } } });
    const b = await call<{ id: string }>('scenes.create', { name: 'B', fadeMs: 0, values: { '1': { '1': 20 } } });
    await call('cues.save', { list: { id: 'show', name: 'Show', loop: false, cues: [{ id: 'q1', sceneId: a.id }, { id: 'q2', sceneId: b.id }] } });
    let s = await call<DmxStatus>('cues.go', { id: 'show' });
    expect(s.playbacks.find((p) => p.id === 'cuelist:show')?.cueList).toMatchObject({ current: 0, next: 1, currentId: 'q1' });
    s = await call<DmxStatus>('cues.go', { id: 'show' });
    await waitFor(async () => (await channel(call, 1, 1)) === 20 || undefined, 10_000);
    s = await call<DmxStatus>('cues.back', { id: 'show' });
    await waitFor(async () => (await channel(call, 1, 1)) === 10 || undefined, 10_000);
    s = await call<DmxStatus>('cues.jump', { id: 'show', cue: 2 });
    expect(s.playbacks.find((p) => p.id === 'cuelist:show')?.cueList?.currentId).toBe('q2');
    expect(await failure('cues.go', { id: 'nope' })).toMatchObject({ code: 'not_found' });
    expect(await failure('cues.jump', { id: 'show', cue: 3 })).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/cues 1–2/) });
    expect(await failure('scenes.delete', { id: a.id })).toMatchObject({ code: 'conflict', message: expect.stringMatching(/used by cue list “Show”/) });
  });

  it('bad values change nothing: a channel over 512, a value over 255, a universe beyond the engine', async () => {
    const { call, failure } = await core();
    await call('dmx.set', { universe: 1, channels: { '1': 1 } });
    expect(await failure('dmx.set', { universe: 1, channels: { '513': 5 } })).toMatchObject({ code: 'invalid_params' });
    expect(await failure('dmx.set', { universe: 1, channels: { '1': 256, '2': 5 } })).toMatchObject({ code: 'invalid_params' });
    expect(await failure('dmx.set', { universe: 65, channels: { '1': 5 } })).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(/1–64/) });
    const frame = await call<{ channels: number[] }>('dmx.universe', { universe: 1 });
    expect(frame.channels.slice(0, 2)).toEqual([1, 0]);
  });

  it('publishes the live universe view on dmx.universe.<n> and status on dmx.status', async () => {
    const { call, s, events } = await core();
    await s.call('subscribe', { topics: ['dmx.universe.4', 'dmx.status'] });
    await call('dmx.set', { universe: 4, channels: { '9': 99 } });
    const view = await waitFor(() => events.find((e) => e.topic === 'dmx.universe.4' && (e.data as { channels: number[] }).channels[8] === 99), 10_000);
    expect(view.data).toMatchObject({ universe: 4 });
    await waitFor(() => events.find((e) => e.topic === 'dmx.status'), 10_000);
  });

  it('turned off in settings: calls say so clearly; on again, it runs', async () => {
    const { c, call, failure } = await core();
    await call('settings.update', { dmx: { enabled: false } });
    await c.settled();
    expect(c.services().find((x) => x.name === 'dmx')).toMatchObject({ state: 'off' });
    expect(await failure('dmx.set', { universe: 1, channels: { '1': 5 } })).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/off/) });
    await call('settings.update', { dmx: { enabled: true, universes: 8 } });
    await c.settled();
    expect((await call<DmxStatus>('dmx.status')).universes).toBe(8);
  });

  it('the library survives a restart; a damaged row is skipped, not fatal', async () => {
    const first = await core();
    await first.call('dmx.patch', { patch: [{ id: 'par1', name: 'Par 1', universe: 1, address: 1, channels: ['red', 'green', 'blue'] }] });
    await first.call('scenes.create', { name: 'Keep', fadeMs: 100, values: { '1': { '1': 5 } } });
    await first.c.stop();
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(join(first.dataDir, 'showsite.db'));
    db.prepare("INSERT INTO dmx_scenes (id, position, data, updated_at) VALUES ('broken', 99, '{not json', 0)").run();
    db.close();
    const again = await core(first.dataDir);
    const lib = await again.call<{ patch: unknown[]; scenes: { name: string }[] }>('dmx.library');
    expect(lib.patch).toHaveLength(1);
    expect(lib.scenes.map((s) => s.name)).toEqual(['Keep']);
  });

  it('Art-Net out on loopback: frames reach a node at once after a change and at least once a second after', async () => {
    const rx = createSocket({ type: 'udp4', reuseAddr: true });
    const got: { value: number; at: number }[] = [];
    rx.on('message', (m) => {
      const p = decodeArtNet(m);
      if (p.op === 'dmx' && p.portAddress === 9) got.push({ value: p.data[0]!, at: Date.now() });
    });
    await new Promise<void>((r) => rx.bind(6454, '127.0.0.2', () => r()));
    try {
      const { c, call } = await core();
      await call('settings.update', { dmx: { artnet: { enabled: true, interface: '127.0.0.1' }, outputs: [{ protocol: 'artnet', universe: 1, portAddress: 9, target: '127.0.0.2' }] } });
      await c.settled();
      await waitFor(() => got.length > 0 || undefined, 10_000);
      const sent = Date.now();
      await call('dmx.set', { universe: 1, channels: { '1': 123 } });
      const first = await waitFor(() => got.find((g) => g.value === 123), 10_000);
      expect(first.at - sent).toBeLessThan(1000); // on change, not at the next keep-alive
      const n = got.length;
      await new Promise((r) => setTimeout(r, 2300));
      expect(got.length - n).toBeGreaterThanOrEqual(2); // keep-alive while nothing changes
      expect(c.services().find((x) => x.name === 'dmx')?.message).toMatch(/Art-Net: 1 output/);
    } finally {
      rx.close();
    }
  });
});

describe('DMX service: a worker that dies is restarted and the stage put back', () => {
  it('restores the manual layer, the grand master and the scene on stage', async () => {
    const { DmxService } = await import('../../../main/dmx/service.ts');
    const { DmxLibrary } = await import('../../../main/dmx/library.ts');
    const { openDatabase } = await import('../../../main/store/db.ts');
    const { EventHub } = await import('../../../main/runtime/hub.ts');
    const { defaultSettings } = await import('../../../preload/contract/index.ts');
    const { quietLogger } = await import('../../helpers/core.ts');
    const library = new DmxLibrary(openDatabase(':memory:'), quietLogger, Date.now);
    const reports: string[] = [];
    const service = new DmxService({ library, hub: new EventHub(), sink: { ingest: () => 0, suggestName: () => {} }, dataDir: '/tmp', settings: () => defaultSettings });
    await service.start(defaultSettings.dmx, { logger: quietLogger, report: (state, message) => reports.push(`${state}: ${message}`) });
    try {
      const scene = library.createScene({ name: 'Show', fadeMs: 0, values: { '1': { '2': 80 } } });
      await service.goScene(scene);
      await service.set(1, { '1': 200 });
      await service.master(0.5);
      await waitFor(() => service.universe(1).channels[0] === 100 || undefined, 10_000);

      await (service as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await waitFor(() => reports.find((r) => /^error: the DMX engine stopped unexpectedly/.test(r)), 10_000);
      const back = await waitFor(() => {
        try {
          const ch = service.universe(1).channels;
          return ch[0] === 100 && ch[1] === 40 ? ch : undefined;
        } catch {
          return undefined;
        }
      }, 5000, 50);
      expect([back[0], back[1]]).toEqual([100, 40]); // manual 200 and scene 80, both at half master
      expect(reports.at(-1)).toMatch(/^ok: /);
    } finally {
      await service.stop();
    }
  });
});
