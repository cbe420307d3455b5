import { afterEach, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { Settings, SettingsPatch, defaultSettings, mergeSettings } from '../../../preload/contract/index.ts';
import { MqttService, brokerListen } from '../../../main/mqtt/service.ts';
import { CoreError } from '../../../main/runtime/errors.ts';
import type { ServiceContext } from '../../../main/runtime/service.ts';
import { freePort } from '../../../bench/stats.ts';
import { quietLogger, telemetryRig } from '../../helpers/core.ts';
import { waitFor } from '../../helpers/serve.ts';

/** Settings as the settings service makes them: the patch checked and every default filled in. */
const settingsWith = (patch: unknown): Settings => Settings.parse(mergeSettings(structuredClone(defaultSettings), SettingsPatch.parse(patch)));

describe('where the embedded broker listens', () => {
  it('loopback unless LAN access is on (serve with a non-loopback --host, or the desktop’s remote access)', () => {
    const d = settingsWith({});
    expect(brokerListen(d, 'serve')).toEqual({ on: true, listen: { host: '127.0.0.1', port: 1883 } });
    expect(brokerListen(d, 'serve', { host: '0.0.0.0' })).toEqual({ on: true, listen: { host: '0.0.0.0', port: 1883 } });
    expect(brokerListen(d, 'serve', { host: 'localhost' }).listen?.host).toBe('127.0.0.1');
    expect(brokerListen(settingsWith({ remote: { host: '0.0.0.0' } }), 'desktop').listen?.host).toBe('127.0.0.1');
    expect(brokerListen(settingsWith({ remote: { enabled: true, host: '0.0.0.0' } }), 'desktop').listen?.host).toBe('0.0.0.0');
    expect(brokerListen(settingsWith({ remote: { enabled: true, host: '192.168.1.20' } }), 'desktop').listen?.host).toBe('192.168.1.20');
  });

  it('--mqtt-port overrides the port for the run; 0 or broker.enabled=false turns it off', () => {
    expect(brokerListen(settingsWith({ mqtt: { broker: { port: 1884 } } }), 'serve', { port: 11883 }).listen?.port).toBe(11883);
    expect(brokerListen(settingsWith({}), 'serve', { port: 0 })).toEqual({ on: false, listen: null });
    expect(brokerListen(settingsWith({ mqtt: { broker: { enabled: false } } }), 'serve')).toEqual({ on: false, listen: null });
  });
});

describe('the MQTT service', () => {
  const running: MqttService[] = [];
  afterEach(async () => {
    for (const s of running.splice(0)) await s.stop();
  });

  function make(port?: number, backoff = { min: 50, max: 200 }) {
    const r = telemetryRig();
    const reports: { state: string; message: string }[] = [];
    const ctx: ServiceContext = { report: (state, message) => reports.push({ state, message }), logger: quietLogger };
    const svc = new MqttService({ db: r.db, sink: { ingest: (s, x, o) => r.telemetry.ingest(s, x, o), suggestName: () => {} }, registry: r.registry, latest: () => r.telemetry.latest(), hub: r.hub, timeline: r.timeline, now: () => r.clock.now, mode: 'serve', overrides: port === undefined ? {} : { port }, backoffMs: backoff });
    running.push(svc);
    return { r, svc, ctx, reports };
  }

  it('starts the broker, reports where, publishes for others (the cue API), and refuses what it cannot do', async () => {
    const port = await freePort();
    const { svc, ctx, reports } = make(port);
    const settings = settingsWith({});
    await svc.start(svc.config(settings), ctx);
    expect(reports.at(-1)).toEqual({ state: 'ok', message: `broker on 127.0.0.1:${port} (0 clients)` });
    const sub = mqtt.connect(`mqtt://127.0.0.1:${port}`, { protocolVersion: 4, reconnectPeriod: 0 });
    await new Promise((r) => sub.once('connect', r));
    const got: string[] = [];
    sub.on('message', (t, p, packet) => got.push(`${t}=${p} qos${packet.qos} retain=${packet.retain}`));
    await sub.subscribeAsync('show/#', { qos: 1 });
    expect(await svc.publish('show/cue', 'walk-in', { qos: 1 })).toEqual({ connection: 'embedded', topic: 'show/cue', bytes: 7 });
    await svc.cuePublisher().publish('show/house', 'half', { retain: true });
    await waitFor(() => got.length >= 2 || undefined, 10_000);
    expect(got).toEqual(['show/cue=walk-in qos1 retain=false', 'show/house=half qos1 retain=false']);
    expect(svc.retainedTopics('show/#')).toEqual(['show/house']);
    await expect(svc.publish('show/+', 'x')).rejects.toThrow(/cannot contain \+ or #/);
    const unknown = await svc.publish('a', 'b', { connection: 'gx' }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(CoreError);
    expect((unknown as CoreError).kind).toBe('not_found');
    sub.end(true);
  });

  it('an external connection that cannot connect makes the service degraded and says why; removing it makes it ok again', async () => {
    const port = await freePort();
    const dead = await freePort();
    const { svc, ctx, reports } = make(port);
    const base = settingsWith({});
    await svc.start(svc.config(base), ctx);
    const withConn = settingsWith({ mqtt: { connections: [{ id: 'gx', label: 'Generator GX', host: '127.0.0.1', port: dead, mappers: ['victron'] }] } });
    await svc.reconfigure(svc.config(withConn), svc.config(base), ctx);
    await waitFor(() => reports.find((x) => x.state === 'degraded' && x.message.includes('retrying')), 5000);
    const last = reports.filter((x) => x.state === 'degraded').at(-1)!;
    expect(last.message).toMatch(new RegExp(`broker on 127\\.0\\.0\\.1:${port} \\(0 clients\\); 0 of 1 connection up; Generator GX: 127\\.0\\.0\\.1:${dead} refused the connection \\(no broker on that port\\?\\) — retrying in \\d+ s`));
    expect(svc.connectionStatuses().find((c) => c.id === 'gx')).toMatchObject({ kind: 'external', state: 'reconnecting', mappers: ['victron'] });
    await expect(svc.publish('x', 'y', { connection: 'gx' })).rejects.toThrow(/MQTT connection gx is not connected/);
    await svc.reconfigure(svc.config(base), svc.config(withConn), ctx);
    expect(reports.at(-1)?.state).toBe('ok');
    expect(svc.connectionStatuses().map((c) => c.id)).toEqual(['embedded']);
  });

  it('moves the listener when the port changes and keeps the broker’s retained state', async () => {
    const { svc, ctx, reports } = make();
    const p1 = await freePort();
    const p2 = await freePort();
    const s1 = settingsWith({ mqtt: { broker: { port: p1 } } });
    const s2 = settingsWith({ mqtt: { broker: { port: p2 } } });
    await svc.start(svc.config(s1), ctx);
    await svc.publish('kept', 'yes', { retain: true, qos: 1 });
    await svc.reconfigure(svc.config(s2), svc.config(s1), ctx);
    expect(reports.at(-1)?.message).toContain(`127.0.0.1:${p2}`);
    const c = mqtt.connect(`mqtt://127.0.0.1:${p2}`, { protocolVersion: 4, reconnectPeriod: 0 });
    const got = new Promise<string>((resolve) => c.on('message', (_t, p) => resolve(String(p))));
    await new Promise((r) => c.once('connect', r));
    await c.subscribeAsync('kept');
    expect(await got).toBe('yes');
    c.end(true);
    // Which mappers read the embedded broker follows settings too.
    const s3 = settingsWith({ mqtt: { broker: { port: p2, mappers: ['frigate'] } } });
    await svc.reconfigure(svc.config(s3), svc.config(s2), ctx);
    expect(svc.connectionStatuses().find((x) => x.id === 'embedded')?.mappers).toEqual(['frigate']);
  });
});
