import { execFile } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { SnmpTargets, defaultSettings, type ServiceState, type SnmpTargetInput, type Settings } from '../../../preload/contract/index.ts';
import { SimSnmpAgent } from '../../../native/snmp/agent.ts';
import { createSimGeist, createSimMib, createSimSwitch, simGeistSensors, type SimCell } from '../../../native/snmp/sim-mib.ts';
import { ifCol, ifEntry, sys } from '../../../native/snmp/mib.ts';
import { SnmpService, type SnmpConfig } from '../../../main/snmp/service.ts';
import type { ServiceContext } from '../../../main/runtime/service.ts';
import { quietLogger, telemetryRig } from '../../helpers/core.ts';
import type { Logger } from '../../../main/runtime/logger.ts';
import { freeUdpPort } from '../../../bench/stats.ts';
import { waitFor } from '../../helpers/serve.ts';

const agents: SimSnmpAgent[] = [];
const services: SnmpService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
  await Promise.all(agents.splice(0).map((a) => a.stop()));
});

function rig() {
  const r = telemetryRig();
  const reports: { state: ServiceState; message: string }[] = [];
  const ctx: ServiceContext = { report: (state, message) => reports.push({ state, message }), logger: quietLogger };
  const service = new SnmpService({
    sink: { ingest: (d, s, o) => r.telemetry.ingest(d, s, o), suggestName: (id, n) => r.registry.suggestName(id, n, 'adapter', r.clock.now) },
    hub: r.hub,
    timeline: r.timeline,
    now: () => r.clock.now,
  });
  services.push(service);
  const config = (targets: SnmpTargetInput[], demo = false): SnmpConfig => ({ targets: SnmpTargets.parse(targets), traps: { enabled: false, port: 1162 }, demo: { enabled: demo, intervalMs: 2000 } });
  const latest = (deviceId: string, metric: string) => r.telemetry.latest().find((x) => x.deviceId === deviceId && x.metric === metric);
  const story = () => r.events.list(100).map((e) => `${e.kind}/${e.severity}: ${e.message}`);
  return { ...r, reports, ctx, service, config, latest, story };
}

async function agent(mib: ConstructorParameters<typeof SimSnmpAgent>[0]['mib'], now: () => number, community = 'public') {
  const a = new SimSnmpAgent({ mib, now, community });
  agents.push(a);
  return { agent: a, port: (await a.start()).port };
}

/**
 * Long interval: the tests drive polls with pollNow(). A 2 s timeout: an answering agent must never be taken for a
 * silent one because the machine is busy (300 ms was, once, under a loaded CI run); silent ones cost 2 s each.
 */
const target = (port: number, profile: 'geist' | 'switch' | 'generic', extra: Partial<SnmpTargetInput> = {}): SnmpTargetInput => ({
  host: '127.0.0.1',
  port,
  community: 'public',
  profile,
  intervalS: 3600,
  timeoutMs: 2000,
  retries: 0,
  ...extra,
});

describe('SNMP service', () => {
  it('polls a Geist through the real poller into telemetry, named from its labels', async () => {
    const r = rig();
    const { port } = await agent(createSimGeist({ bootAt: r.clock.now }), () => r.clock.now);
    await r.service.start(r.config([target(port, 'geist', { name: 'Rack Watchdog' })]), r.ctx);
    await r.service.pollNow();
    const probe = `snmp:127.0.0.1:${port}:geist:${simGeistSensors().probes[1]!.serial}`;
    expect(r.latest(probe, 'temperature')?.value).toBeGreaterThan(30);
    expect(r.registry.get(probe)?.name).toBe('Rack exhaust');
    expect(r.registry.get(probe)?.parentId).toBe(`snmp:127.0.0.1:${port}:geist:${simGeistSensors().internal.serial}`);
    const [status] = r.service.status();
    expect(status).toMatchObject({ id: `geist@127.0.0.1:${port}`, name: 'Rack Watchdog', state: 'ok', polls: 1, failures: 0, readings: 9 });
    expect(status!.devices).toHaveLength(4);
    expect(r.reports.at(-1)).toEqual({ state: 'ok', message: 'polling 1 target: all answering' });
    expect(r.published.some((p) => p.topic === 'snmp.target')).toBe(true);
  });

  it('a target that stops answering: timeout state, a timeline entry, the service degraded; then it recovers by itself', async () => {
    const r = rig();
    const geist = await agent(createSimGeist({ bootAt: r.clock.now }), () => r.clock.now);
    const sw = await agent(createSimSwitch({ bootAt: r.clock.now - 86_400_000 }), () => r.clock.now);
    await r.service.start(r.config([target(geist.port, 'geist', { name: 'Watchdog' }), target(sw.port, 'switch', { name: 'Core switch' })]), r.ctx);
    await r.service.pollNow();
    expect(r.service.status().map((s) => s.state)).toEqual(['ok', 'ok']);

    geist.agent.silent = true;
    r.clock.now += 10_000;
    await r.service.pollNow();
    const down = r.service.status()[0]!;
    expect(down.state).toBe('timeout');
    expect(down.message).toBe(`no answer (127.0.0.1:${geist.port}): wrong community or unreachable`);
    expect(down.failures).toBe(1);
    expect(r.story()).toContain(`system/warn: SNMP Watchdog: no answer (127.0.0.1:${geist.port}): wrong community or unreachable`);
    expect(r.reports.at(-1)).toEqual({ state: 'degraded', message: `1 of 2 targets not answering — Watchdog: no answer (127.0.0.1:${geist.port}): wrong community or unreachable` });

    // Still down: no second entry.
    r.clock.now += 10_000;
    await r.service.pollNow();
    expect(r.story().filter((e) => e.includes('SNMP Watchdog'))).toHaveLength(1);

    geist.agent.silent = false;
    r.clock.now += 10_000;
    await r.service.pollNow();
    expect(r.service.status()[0]!.state).toBe('ok');
    expect(r.story()).toContain('system/info: SNMP Watchdog is answering again');
    expect(r.reports.at(-1)).toEqual({ state: 'ok', message: 'polling 2 targets: all answering' });
  });

  it('every target failing makes the service lost; a wrong community reads as a timeout', async () => {
    const r = rig();
    const sw = await agent(createSimSwitch({ bootAt: r.clock.now }), () => r.clock.now, 'secret');
    await r.service.start(r.config([target(sw.port, 'switch', { community: 'public' })]), r.ctx);
    await r.service.pollNow();
    expect(r.service.status()[0]!.state).toBe('timeout');
    expect(r.reports.at(-1)!.state).toBe('lost');
    expect(sw.agent.stats.dropped['wrong community']).toBeGreaterThan(0);
  });

  it('unusable values are ignored, counted on the target and logged once per kind; the rest of the answer is used', async () => {
    const r = rig();
    const warnings: { msg: string; fields?: Record<string, unknown> }[] = [];
    const logger: Logger = { ...quietLogger, warn: (msg, fields) => warnings.push({ msg, fields }), child: () => logger };
    const bootAt = r.clock.now - 1e7;
    const cells: SimCell[] = [
      { oid: sys.name, read: () => ['OctetString', 'edge'] },
      { oid: sys.upTime, read: (now) => ['TimeTicks', Math.floor((now - bootAt) / 10)] },
      { oid: `${ifEntry}.${ifCol.descr}.3`, read: () => ['OctetString', 'port 3'] },
      { oid: `${ifEntry}.${ifCol.adminStatus}.3`, read: () => ['Integer', 1] },
      { oid: `${ifEntry}.${ifCol.operStatus}.3`, read: () => ['OctetString', 'up'] }, // wrong type: must be INTEGER
      { oid: `${ifEntry}.${ifCol.speed}.3`, read: () => ['Gauge32', 1e9] },
    ];
    const sw = await agent(createSimMib(cells), () => r.clock.now);
    await r.service.start(r.config([target(sw.port, 'switch')]), { ...r.ctx, logger });
    await r.service.pollNow();
    r.clock.now += 30_000;
    await r.service.pollNow();
    const id = `snmp:127.0.0.1:${sw.port}:switch`;
    const status = r.service.status()[0]!;
    expect(status.badValues).toBe(2); // one bad cell, two polls
    expect(status.notes.some((n) => /port 3/.test(n) && n.includes(`${ifEntry}.${ifCol.operStatus}.3`))).toBe(true);
    expect(r.latest(id, 'port.3.speed')?.value).toBe(1e9); // the good cells of the same answer still count
    expect(r.latest(id, 'port.3.oper')).toBeUndefined();
    const logged = warnings.filter((w) => w.msg.includes('ignored'));
    expect(logged).toHaveLength(1); // the same kind of fault, poll after poll, is one log line
    expect(JSON.stringify(logged[0]?.fields)).toContain(`${ifEntry}.${ifCol.operStatus}.3`);
  });

  it('a port going down and coming back is on the timeline; the port grid follows', async () => {
    const r = rig();
    let oper = 1;
    const octets = { v: 0 };
    const bootAt = r.clock.now - 1e7;
    const cells: SimCell[] = [
      { oid: sys.name, read: () => ['OctetString', 'edge'] },
      { oid: sys.upTime, read: (now) => ['TimeTicks', Math.floor((now - bootAt) / 10)] },
      { oid: `${ifEntry}.${ifCol.descr}.3`, read: () => ['OctetString', 'port 3'] },
      { oid: `${ifEntry}.${ifCol.type}.3`, read: () => ['Integer', 6] },
      { oid: `${ifEntry}.${ifCol.adminStatus}.3`, read: () => ['Integer', 1] },
      { oid: `${ifEntry}.${ifCol.operStatus}.3`, read: () => ['Integer', oper] },
      { oid: `${ifEntry}.${ifCol.speed}.3`, read: () => ['Gauge32', 1e9] },
      { oid: `${ifEntry}.${ifCol.inOctets}.3`, read: () => ['Counter32', octets.v % 2 ** 32] },
    ];
    const sw = await agent(createSimMib(cells), () => r.clock.now);
    await r.service.start(r.config([target(sw.port, 'switch', { name: 'Edge' })]), r.ctx);
    await r.service.pollNow();
    const id = `snmp:127.0.0.1:${sw.port}:switch`;
    expect(r.service.switchList()[0]).toMatchObject({ deviceId: id, name: 'edge', ports: [{ index: 3, oper: 'up', speedBps: 1e9, inBps: null }] });

    oper = 2;
    octets.v = 2 ** 32 - 1000; // and the 32-bit counter is about to wrap
    r.clock.now += 30_000;
    await r.service.pollNow();
    expect(r.story()).toContain('alert.raised/warn: Port port 3 went down (down)');
    expect(r.service.switchList()[0]!.ports[0]!.oper).toBe('down');

    oper = 1;
    octets.v += 3_750_000_000; // wrapped past 2^32: 3.75 GB in 30 s = 1 Gbit/s
    r.clock.now += 30_000;
    await r.service.pollNow();
    expect(r.story()).toContain('alert.cleared/info: Port port 3 is back up');
    expect(r.service.switchList()[0]!.ports[0]!.inBps).toBe(1e9);
    expect(r.latest(id, 'port.3.in_bps')?.value).toBe(1e9);
    expect(r.published.filter((p) => p.topic === 'snmp.switch')).toHaveLength(3);
  });

  it('a linkDown trap from the switch makes it poll at once: the port is down on the timeline long before the next poll', async () => {
    const r = rig();
    let oper = 1;
    const bootAt = r.clock.now - 1e7;
    const cells: SimCell[] = [
      { oid: sys.name, read: () => ['OctetString', 'edge'] },
      { oid: sys.upTime, read: (now) => ['TimeTicks', Math.floor((now - bootAt) / 10)] },
      { oid: `${ifEntry}.${ifCol.descr}.4`, read: () => ['OctetString', 'port 4'] },
      { oid: `${ifEntry}.${ifCol.adminStatus}.4`, read: () => ['Integer', 1] },
      { oid: `${ifEntry}.${ifCol.operStatus}.4`, read: () => ['Integer', oper] },
      { oid: `${ifEntry}.${ifCol.speed}.4`, read: () => ['Gauge32', 1e9] },
    ];
    const sw = await agent(createSimMib(cells), () => r.clock.now);
    const trapPort = await freeUdpPort();
    // Polls every hour: only a trap can make it look again within this test.
    await r.service.start({ ...r.config([target(sw.port, 'switch')]), traps: { enabled: true, port: trapPort } }, r.ctx);
    await waitFor(() => r.service.status()[0]?.state === 'ok');
    expect(r.reports.at(-1)?.message).toContain(`traps on UDP ${trapPort}`);
    oper = 2;
    await sendTrap(trapPort, 'wrong', 4); // not the target's community: ignored
    await sendTrap(trapPort, 'public', 4);
    await waitFor(() => r.story().includes('alert.raised/warn: Port port 4 went down (down)'));
    expect(r.service.status()[0]!.polls).toBe(2); // the first poll, and the one the trap asked for
    expect(r.service.trapStats()).toMatchObject({ listening: trapPort, received: 2, unmatched: 1 });
  });

  it('settings changes: an unchanged target keeps running, a removed one stops, a disabled one shows off', async () => {
    const r = rig();
    const a = await agent(createSimGeist({ bootAt: r.clock.now }), () => r.clock.now);
    const b = await agent(createSimSwitch({ bootAt: r.clock.now }), () => r.clock.now);
    const ta = target(a.port, 'geist');
    await r.service.start(r.config([ta]), r.ctx);
    await r.service.pollNow();
    await r.service.reconfigure(r.config([ta, target(b.port, 'switch')]), r.config([ta]), r.ctx);
    await r.service.pollNow();
    expect(r.service.status().map((s) => [s.profile, s.polls])).toEqual([
      ['geist', 2],
      ['switch', 1],
    ]);
    await r.service.reconfigure(r.config([{ ...ta, enabled: false }]), r.config([ta]), r.ctx);
    await r.service.pollNow();
    expect(r.service.status()).toHaveLength(1);
    expect(r.service.status()[0]).toMatchObject({ state: 'off', enabled: false, polls: 0 });
    expect(r.service.switchList()).toEqual([]);
    expect(r.reports.at(-1)).toEqual({ state: 'ok', message: 'every SNMP target is disabled' });
  });

  it('polls on its own timer at the target’s interval', async () => {
    const r = rig();
    r.clock.now = Date.now();
    const a = await agent(createSimGeist({ bootAt: r.clock.now }), () => r.clock.now);
    await r.service.start(r.config([target(a.port, 'geist', { intervalS: 1 })]), r.ctx);
    await new Promise((res) => setTimeout(res, 2600));
    // First poll at once, then one a second.
    expect(r.service.status()[0]!.polls).toBeGreaterThanOrEqual(2);
    expect(r.service.status()[0]!.polls).toBeLessThanOrEqual(4);
  });

  it('a failure downstream of a poll (the store) is logged and polling goes on', async () => {
    const r = rig();
    r.clock.now = Date.now();
    const errors: unknown[] = [];
    const ctx: ServiceContext = { report: () => {}, logger: { ...quietLogger, error: (_m: string, fields?: unknown) => void errors.push(fields) } as typeof quietLogger };
    let calls = 0;
    const service = new SnmpService({
      sink: {
        ingest: () => {
          calls++;
          throw new Error('disk full');
        },
        suggestName: () => {},
      },
      hub: r.hub,
      timeline: r.timeline,
      now: () => r.clock.now,
    });
    services.push(service);
    const a = await agent(createSimGeist({ bootAt: r.clock.now }), () => r.clock.now);
    await service.start(r.config([target(a.port, 'geist', { intervalS: 1 })]), ctx);
    await new Promise((res) => setTimeout(res, 2300));
    expect(calls).toBeGreaterThanOrEqual(2); // the second poll happened although the first one's ingest threw
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  it('Test now: a configuration or a running target, once, with what the agent answered; an unknown id is not found', async () => {
    const r = rig();
    const a = await agent(createSimGeist({ bootAt: r.clock.now, firmware: 'legacy' }), () => r.clock.now);
    // Disabled, so nothing polls it behind the test's back: a test works on any configured target.
    await r.service.start(r.config([target(a.port, 'geist', { id: 'rack', enabled: false })]), r.ctx);
    const byConfig = await r.service.test({ target: SnmpTargets.parse([target(a.port, 'geist')])[0]! });
    expect(byConfig.state).toBe('ok');
    expect(byConfig.answered).toContainEqual({ oid: '1.3.6.1.4.1.21239.5.1.1.2.0', type: 'OctetString', value: '3.0.0' });
    expect(byConfig.answered).toContainEqual({ oid: '1.3.6.1.4.1.21239.5.1.2.1.4.1', type: 'OctetString', value: '41 D8 80 39 01 35 80 C3' });
    expect(byConfig.devices.map((d) => d.name)).toContain('Rack exhaust');
    const byId = await r.service.test({ id: 'rack' });
    expect(byId.devices).toHaveLength(4);
    expect(r.service.status()[0]!.polls).toBe(0); // a test is not a poll: nothing stored, no status change
    expect(r.telemetry.latest()).toEqual([]);
    await expect(r.service.test({ id: 'nope' })).rejects.toMatchObject({ kind: 'not_found' });
    const wrong = await r.service.test({ target: SnmpTargets.parse([target(a.port, 'geist', { community: 'x' })])[0]! });
    expect(wrong).toMatchObject({ state: 'timeout', answered: [], devices: [] });
  });

  it('demo: a simulated Watchdog and switch on loopback, polled for real, with stable ids; the rack exhaust reaches its alarm', async () => {
    const r = rig();
    const settings: Settings = structuredClone(defaultSettings);
    settings.demo.enabled = true;
    expect(r.service.enabled(r.service.config(settings))).toBe(true);
    await r.service.start(r.service.config(settings), r.ctx);
    await r.service.pollNow();
    const statuses = r.service.status();
    expect(statuses.map((s) => [s.id, s.builtIn, s.state, s.host])).toEqual([
      ['demo-watchdog', true, 'ok', '127.0.0.1'],
      ['demo-switch', true, 'ok', '127.0.0.1'],
    ]);
    const exhaust = `snmp:watchdog-demo:geist:${simGeistSensors().probes[1]!.serial}`;
    expect(r.registry.get(exhaust)).toMatchObject({ name: 'Rack exhaust', room: 'Amp rack' });
    expect(r.registry.get('snmp:switch-demo:switch')).toMatchObject({ kind: 'switch', name: 'show-core-switch', room: 'FOH' });
    r.clock.now += 10_000;
    await r.service.pollNow();
    expect(r.latest(exhaust, 'temperature')?.state).toBe('alarm');
    expect(r.story().some((e) => e.startsWith('alert.raised/alarm: Rack exhaust temperature'))).toBe(true);
    // The switch's port 4 drops 12 s into the demo.
    r.clock.now += 5_000;
    await r.service.pollNow();
    const ports = r.service.switchList()[0]!.ports;
    expect(ports.find((p) => p.index === 4)).toMatchObject({ oper: 'down', wasUp: true }); // a lost link
    expect(ports.find((p) => p.index === 9)).toMatchObject({ oper: 'down', wasUp: false }); // the unplugged spare
    expect(r.story()).toContain('alert.raised/warn: Port "Stage box" (1/0/4) went down (down)');
    // Demo off: the built-in targets and their agents go.
    settings.demo.enabled = false;
    await r.service.reconfigure(r.service.config(settings), r.service.config({ ...settings, demo: { enabled: true, intervalMs: 2000 } }), r.ctx);
    expect(r.service.status()).toEqual([]);
  });
});


/** A v2c linkDown for ifIndex `ifIndex`, sent by the real snmptrap (Debian `snmp`, which CI installs). */
function sendTrap(port: number, community: string, ifIndex: number): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile('snmptrap', ['-v', '2c', '-c', community, `127.0.0.1:${port}`, '', '1.3.6.1.6.3.1.1.5.3', `1.3.6.1.2.1.2.2.1.1.${ifIndex}`, 'i', String(ifIndex), `1.3.6.1.2.1.2.2.1.8.${ifIndex}`, 'i', '2'], (error) =>
      error ? reject(error) : resolve(),
    ),
  );
}

