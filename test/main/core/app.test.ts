import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../../../main/core/app.ts';
import type { Service } from '../../../main/runtime/service.ts';
import { redacted, type EventMessage } from '../../../preload/contract/index.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('core in desktop mode (what the Electron shell runs)', () => {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.stop();
  });

  async function desktopCore(extraServices: Service[] = []) {
    const dataDir = tempDir();
    const core = await createCore({ mode: 'desktop', dataDir, version: '9.9.9', resourcesDir: join(dataDir, 'no-ui'), extraServices, checkContract: true });
    cores.push(core);
    await core.start();
    const events: EventMessage[] = [];
    const session = core.openSession({ deliver: (b) => events.push(...b), ready: () => true }, 'control');
    return { core, session, events, dataDir };
  }

  it('serves nothing to the network until LAN access is turned on, then requires the token; off again closes it', async () => {
    const { core, session } = await desktopCore();
    expect(core.address).toBeUndefined();
    expect(await session.call('system.info', {})).toMatchObject({ result: { mode: 'desktop', remoteUrls: [] } });

    await session.call('settings.update', { remote: { enabled: true, host: '127.0.0.1', port: 0 } });
    const address = await waitUntil(() => core.address);
    const base = `http://127.0.0.1:${address.port}`;
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    expect((await fetch(`${base}/api/devices`)).status).toBe(401);
    const { result } = (await session.call('system.access', {})) as { result: { token: string; remoteUrls: string[] } };
    expect(result.remoteUrls).toEqual([`${base}/`]);
    expect((await fetch(`${base}/api/devices`, { headers: { Authorization: `Bearer ${result.token}` } })).status).toBe(200);

    await session.call('settings.update', { remote: { enabled: false } });
    await waitUntil(() => core.address === undefined || undefined);
    await expect(fetch(`${base}/api/health`)).rejects.toThrow();
  });

  it('when LAN access cannot open (port taken) the operator sees it on the timeline', async () => {
    const { core, session, events } = await desktopCore();
    const blocker = (await import('node:net')).createServer();
    const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));
    await session.call('subscribe', { topics: ['alerts'] });
    await session.call('settings.update', { remote: { enabled: true, host: '127.0.0.1', port } });
    const alert = await waitUntil(() => events.find((e) => e.topic === 'alerts' && (e.data as { kind: string }).kind === 'system'));
    expect((alert.data as { message: string }).message).toMatch(/^LAN access: port \d+ is in use/);
    expect(core.address).toBeUndefined();
    expect(core.services().find((s) => s.name === 'lan')).toMatchObject({ state: 'error', message: expect.stringMatching(/in use/) });
    blocker.close();
  });

  it.each([
    [[true, false], false],
    [[true, false, true], true],
    [[false, true, false, true, false], false],
    [[true, true, false], false],
  ])('LAN access toggled %j without waiting ends listening=%s, matching settings', async (toggles, listening) => {
    const { core, session } = await desktopCore();
    const calls = toggles.map((enabled) => session.call('settings.update', { remote: { enabled, host: '127.0.0.1', port: 0 } }));
    const port = await (async () => {
      // Catch the port while it is (briefly) listening, to prove it is closed afterwards.
      for (let i = 0; i < 50 && !core.address; i++) await new Promise((r) => setTimeout(r, 2));
      return core.address?.port;
    })();
    await Promise.all(calls);
    await core.settled();
    expect(core.settings().remote.enabled).toBe(listening);
    expect(core.address !== undefined).toBe(listening);
    expect(core.services().find((s) => s.name === 'lan')?.state).toBe(listening ? 'ok' : 'off');
    if (listening) expect((await fetch(`http://127.0.0.1:${core.address!.port}/api/health`)).status).toBe(200);
    else if (port) await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  });

  it('a service whose stop throws still lets the core stop the others, close the store and release the lock', async () => {
    const stops: string[] = [];
    const bad: Service<null> = { name: 'bad', label: 'Bad', config: () => null, start() {}, stop: () => { stops.push('bad'); throw new Error('wedged'); } };
    const { core, session, dataDir } = await desktopCore([bad]);
    await session.call('settings.update', { remote: { enabled: true, host: '127.0.0.1', port: 0 }, demo: { enabled: true } });
    await core.settled();
    const port = core.address!.port;
    await core.stop();
    expect(stops).toEqual(['bad']);
    expect(existsSync(join(dataDir, 'showsite.lock'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    const states = core.services().map((s) => [s.name, s.state]);
    expect(states).toContainEqual(['bad', 'off']);
    expect(states.filter(([, state]) => state !== 'off')).toEqual([]);
    // and the folder can be opened again at once
    const again = await createCore({ mode: 'desktop', dataDir, version: '9.9.9', resourcesDir: join(dataDir, 'no-ui') });
    await again.stop();
  });

  it('a viewer sees that a password or community is set, never what it is — in settings.get and in settings.changed', async () => {
    const { core, session } = await desktopCore();
    const seen: EventMessage[] = [];
    const viewer = core.openSession({ deliver: (b) => seen.push(...b), ready: () => true }, 'view');
    await viewer.call('subscribe', { topics: ['settings.changed'] });
    const update = await session.call('settings.update', {
      mqtt: { broker: { users: [{ username: 'gateway', password: 'hunter22' }] } },
      snmp: { targets: [{ host: '10.0.0.5', community: 'private-ro', profile: 'geist', enabled: false }] },
    });
    expect(update).not.toHaveProperty('error');
    const asControl = JSON.stringify(await session.call('settings.get', {}));
    expect(asControl).toContain('hunter22');
    expect(asControl).toContain('private-ro');
    const asViewer = await viewer.call('settings.get', {});
    expect(asViewer).toMatchObject({ result: { mqtt: { broker: { users: [{ username: 'gateway', password: redacted }] } }, snmp: { targets: [{ community: redacted }] } } });
    await waitUntil(() => seen.find((e) => e.topic === 'settings.changed'));
    expect(JSON.stringify(seen)).not.toMatch(/hunter22|private-ro/);
    expect(JSON.stringify(seen)).toContain(redacted);
  });

  it('every service status is on services.status and in system.info; the demo toggle goes off → ok → off on the timeline', async () => {
    const { session, events } = await desktopCore();
    await session.call('subscribe', { topics: ['services.status', 'alerts'] });
    const info = (await session.call('system.info', {})) as { result: { services: { name: string; state: string }[] } };
    const names = info.result.services.map((s) => [s.name, s.state]);
    expect(names).toContainEqual(['demo', 'off']);
    expect(names.at(-1)).toEqual(['lan', 'off']); // the door opens last
    await session.call('settings.update', { demo: { enabled: true } });
    await waitUntil(() => events.find((e) => e.topic === 'services.status' && (e.data as { state: string }).state === 'ok'));
    await session.call('settings.update', { demo: { enabled: false } });
    const notes = () =>
      events
        .filter((e) => e.topic === 'alerts' && (e.data as { kind: string }).kind === 'system')
        .map((e) => (e.data as { message: string }).message)
        .filter((m) => m.startsWith('Demo site:')); // other services (e.g. the demo's simulated SNMP agents) note their own changes
    await waitUntil(() => notes().length >= 2 || undefined);
    expect(notes()).toEqual([expect.stringMatching(/^Demo site: simulating \d+ sensors/), expect.stringMatching(/^Demo site: turned off/)]);
  });

  it('a bad token with a good settings file changes nothing', async () => {
    const { core, session } = await desktopCore();
    const before = await session.call('settings.get', {});
    expect(() => core.configure({ site: { name: 'Changed' } }, 'has spaces in it')).toThrow(/printable/);
    expect(await session.call('settings.get', {})).toEqual(before);
  });

  it('the demo toggle starts and stops the simulated venue', async () => {
    const { session, events } = await desktopCore();
    await session.call('subscribe', { topics: ['readings.live'] });
    await session.call('settings.update', { demo: { enabled: true, intervalMs: 100 } });
    await waitUntil(() => events.length > 5 || undefined);
    expect(await session.call('system.info', {})).toMatchObject({ result: { demo: true } });
    await session.call('settings.update', { demo: { enabled: false } });
    expect(await session.call('system.info', {})).toMatchObject({ result: { demo: false } });
    await new Promise((r) => setTimeout(r, 100)); // let readings published before the stop drain
    const count = events.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(events.length).toBe(count);
  });

  it('stop is idempotent and releases the data folder for the next start', async () => {
    const { core, dataDir } = await desktopCore();
    await Promise.all([core.stop(), core.stop()]);
    expect(existsSync(join(dataDir, 'showsite.lock'))).toBe(false);
    const again = await createCore({ mode: 'desktop', dataDir, version: '9.9.9', resourcesDir: dataDir });
    cores.push(again);
    await again.start();
  });
});

async function waitUntil<T>(probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
