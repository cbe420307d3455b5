import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveReading, SnmpTargetStatus, TimelineEvent } from '../../preload/contract/index.ts';
import { SnmpClient } from '../../native/snmp/client.ts';
import { createSimGeist, simGeistSensors } from '../../native/snmp/sim-mib.ts';
import { connectWs, startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';
import { freeUdpPort } from '../../bench/stats.ts';

/**
 * The SNMP capability against real agents (PEERS.md): Net-SNMP's snmpd serving Geist OIDs and IF-MIB
 * columns from a JSON file through pass_persist (so the test changes values live), plus a v3 user
 * (authPriv SHA/AES); snmpsim serving the old-firmware Geist layout from a `.snmprec` the simulated MIB
 * wrote. A real `showsite serve` polls them every second.
 */

const snmpd = '/usr/sbin/snmpd';
const snmpsimd = '/usr/bin/snmpsimd';
const python = '/usr/bin/python3';
const haveSnmpd = existsSync(snmpd) && existsSync(python);
const haveSnmpsim = existsSync(snmpsimd);
const token = 'snmp-itest-token';

/** pass_persist helper: answers get/getnext under ROOT from a JSON file of "oid": [type, value], re-read on every request. */
const passPersist = `import sys, json
root, path = sys.argv[1].strip('.'), sys.argv[2]
def key(o): return tuple(int(x) for x in o.split('.'))
def load():
    with open(path) as f: data = json.load(f)
    return {k.strip('.'): v for k, v in data.items() if k.strip('.').startswith(root + '.')}
out = sys.stdout
while True:
    line = sys.stdin.readline()
    if not line: break
    cmd = line.strip()
    if cmd == 'PING':
        out.write('PONG\\n'); out.flush(); continue
    if cmd in ('get', 'getnext'):
        oid = sys.stdin.readline().strip().strip('.')
        data = load()
        if cmd == 'get': hit = oid if oid in data else None
        else:
            after = [o for o in data if key(o) > key(oid)]
            hit = min(after, key=key) if after else None
        if hit is None: out.write('NONE\\n')
        else: out.write('.%s\\n%s\\n%s\\n' % (hit, data[hit][0], data[hit][1]))
        out.flush(); continue
    if cmd == 'set':
        sys.stdin.readline(); sys.stdin.readline()
        out.write('not-writable\\n'); out.flush(); continue
    out.write('NONE\\n'); out.flush()
`;

const geistRoot = '1.3.6.1.4.1.21239.5.1';
const serial = '28F5A1B2C3D4E5F6';
const probeSerial = '7E000A1BFFC3D402';

function geistValues(tempTenths: number, units: 0 | 1 = 1): Record<string, [string, string | number]> {
  return {
    [`${geistRoot}.1.1.0`]: ['string', 'Watchdog 100'],
    [`${geistRoot}.1.2.0`]: ['string', '3.2.0'],
    [`${geistRoot}.1.7.0`]: ['integer', units],
    [`${geistRoot}.2.1.1.1`]: ['integer', 1],
    [`${geistRoot}.2.1.2.1`]: ['string', serial],
    [`${geistRoot}.2.1.3.1`]: ['string', 'Amp rack Watchdog'],
    [`${geistRoot}.2.1.4.1`]: ['integer', 1],
    [`${geistRoot}.2.1.5.1`]: ['integer', tempTenths],
    [`${geistRoot}.2.1.6.1`]: ['integer', 41],
    [`${geistRoot}.2.1.7.1`]: ['integer', 77],
    [`${geistRoot}.4.1.1.1`]: ['integer', 1],
    [`${geistRoot}.4.1.2.1`]: ['string', probeSerial],
    [`${geistRoot}.4.1.3.1`]: ['string', 'Amp exhaust'],
    [`${geistRoot}.4.1.4.1`]: ['integer', 1],
    [`${geistRoot}.4.1.5.1`]: ['integer', 312],
  };
}

function ifValues(inOctets: number): Record<string, [string, string | number]> {
  const e = '1.3.6.1.2.1.2.2.1';
  const x = '1.3.6.1.2.1.31.1.1.1';
  return {
    [`${e}.1.1`]: ['integer', 1],
    [`${e}.2.1`]: ['string', 'Gigabit port 1'],
    [`${e}.3.1`]: ['integer', 6],
    [`${e}.5.1`]: ['gauge', 1_000_000_000],
    [`${e}.7.1`]: ['integer', 1],
    [`${e}.8.1`]: ['integer', 1],
    [`${e}.10.1`]: ['counter', inOctets],
    [`${e}.14.1`]: ['counter', 0],
    [`${e}.16.1`]: ['counter', 0],
    [`${x}.1.1`]: ['string', '1/0/1'],
    [`${x}.18.1`]: ['string', 'LED wall'],
  };
}


/** Wait until an SNMP agent answers sysUpTime (or a given OID). */
async function agentReady(port: number, oid = '1.3.6.1.2.1.1.3.0', timeoutMs = 20_000): Promise<void> {
  const client = new SnmpClient({ host: '127.0.0.1', port, version: '2c', community: 'public', timeoutMs: 300, retries: 0 });
  try {
    await waitFor(async () => {
      try {
        const got = await client.get([oid]);
        return got.get(oid)?.type !== 'NoSuchObject' || undefined;
      } catch {
        return undefined;
      }
    }, timeoutMs, 200);
  } finally {
    client.close();
  }
}

function stopProcess(proc: ChildProcess | undefined): Promise<void> {
  if (!proc || proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

describe.skipIf(!haveSnmpd)('SNMP against a real snmpd (and snmpsim), polled by a real core', () => {
  const tempDir = useTempDirs('all');
  let dir: string;
  let agentPort: number;
  let simPort: number;
  let agent: ChildProcess | undefined;
  let sim: ChildProcess | undefined;
  let serve: Served;
  let c: Awaited<ReturnType<typeof connectWs>>;
  const legacyExpected = { tempC: 0 };

  const writeJson = (name: string, data: unknown) => writeFileSync(join(dir, name), JSON.stringify(data));

  async function startSnmpd(): Promise<void> {
    agent = spawn(snmpd, ['-f', '-Lf', join(dir, 'snmpd.log'), '-p', join(dir, 'snmpd.pid'), '-I', '-smux,ifTable,ifXTable,interfaces', '-C', '-c', join(dir, 'snmpd.conf')], {
      env: { ...process.env, SNMPCONFPATH: dir, SNMP_PERSISTENT_DIR: join(dir, 'persist') },
      stdio: 'ignore',
    });
    await agentReady(agentPort, `${geistRoot}.1.2.0`);
  }

  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'persist'));
    agentPort = await freeUdpPort();
    writeFileSync(join(dir, 'pp.py'), passPersist);
    writeJson('geist.json', geistValues(215));
    writeJson('if.json', ifValues(4_294_967_000));
    const pp = (root: string, file: string) => `pass_persist .${root} ${python} ${join(dir, 'pp.py')} ${root} ${join(dir, file)}`;
    writeFileSync(
      join(dir, 'snmpd.conf'),
      [
        `agentAddress udp:127.0.0.1:${agentPort}`,
        'rocommunity public 127.0.0.1',
        'sysName itest-switch',
        'createUser ops SHA "authpass123" AES "privpass123"',
        'rouser ops priv',
        pp(geistRoot, 'geist.json'),
        pp('1.3.6.1.2.1.2.2', 'if.json'),
        pp('1.3.6.1.2.1.31.1.1', 'if.json'),
        '',
      ].join('\n'),
    );
    await startSnmpd();

    const targets: unknown[] = [
      { id: 'rack', name: 'Rack Watchdog', host: '127.0.0.1', port: agentPort, community: 'public', profile: 'geist', intervalS: 1, timeoutMs: 1500, retries: 0 },
      { id: 'core', name: 'Core switch', host: '127.0.0.1', port: agentPort, community: 'public', profile: 'switch', intervalS: 1, timeoutMs: 1500, retries: 0 },
      {
        id: 'secure',
        name: 'v3 agent',
        host: '127.0.0.1',
        port: agentPort,
        version: 'v3',
        v3: { user: 'ops', level: 'authPriv', authProtocol: 'sha', authKey: 'authpass123', privProtocol: 'aes', privKey: 'privpass123' },
        profile: 'generic',
        oids: [{ oid: '1.3.6.1.2.1.1.3.0', name: 'agent uptime', scale: 0.01, unit: 's' }],
        intervalS: 1,
        timeoutMs: 1500,
        retries: 0,
      },
    ];
    if (haveSnmpsim) {
      simPort = await freeUdpPort();
      const data = join(dir, 'snmpsim-data');
      const cache = join(dir, 'snmpsim-cache');
      mkdirSync(data);
      mkdirSync(cache);
      const rec = createSimGeist({ bootAt: Date.now(), firmware: 'legacy' }).snmprec(Date.now());
      writeFileSync(join(data, 'public.snmprec'), rec);
      legacyExpected.tempC = Number(/^1\.3\.6\.1\.4\.1\.21239\.5\.1\.2\.1\.6\.1\|2\|(-?\d+)$/m.exec(rec)![1]) / 10;
      for (const d of [dir, data, cache]) chmodSync(d, 0o777);
      chmodSync(join(data, 'public.snmprec'), 0o644);
      const asRoot = process.getuid?.() === 0 ? ['--process-user=nobody', '--process-group=nogroup'] : [];
      sim = spawn(snmpsimd, [`--data-dir=${data}`, `--cache-dir=${cache}`, `--agent-udpv4-endpoint=127.0.0.1:${simPort}`, '--v2c-arch', ...asRoot], { stdio: 'ignore' });
      await agentReady(simPort, `${geistRoot}.1.2.0`, 30_000);
      targets.push({ id: 'old', name: 'Old Watchdog', host: '127.0.0.1', port: simPort, community: 'public', profile: 'geist', intervalS: 1, timeoutMs: 1500, retries: 0 });
    }
    const config = join(dir, 'showsite.json');
    writeFileSync(config, JSON.stringify({ snmp: { targets } }));
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', join(dir, 'data'), '--config', config], { timeoutMs: 60_000 });
    c = await connectWs(serve.url, { Authorization: `Bearer ${token}` });
  }, 150_000);

  afterAll(async () => {
    c?.close();
    await serve?.stop();
    await stopProcess(agent);
    await stopProcess(sim);
  });

  const latest = async () => (await c.call('telemetry.latest')).result as LiveReading[];
  const reading = async (deviceId: string, metric: string) => (await latest()).find((r) => r.deviceId === deviceId && r.metric === metric);
  const status = async (id: string) => ((await c.call('snmp.status')).result as SnmpTargetStatus[]).find((s) => s.id === id)!;
  const timeline = async () => ((await c.call('events.list', { limit: 200 })).result as TimelineEvent[]).map((e) => e.message);

  it('values changed on the agent change in telemetry.latest (°C, then °F converted)', async () => {
    const internal = `snmp:127.0.0.1:${agentPort}:geist:${serial}`;
    await waitFor(async () => (await reading(internal, 'temperature'))?.value === 21.5 || undefined, 15_000, 200);
    expect((await reading(internal, 'humidity'))?.value).toBe(41);
    expect((await reading(`snmp:127.0.0.1:${agentPort}:geist:${probeSerial}`, 'temperature'))?.value).toBe(31.2);
    writeJson('geist.json', geistValues(263));
    await waitFor(async () => (await reading(internal, 'temperature'))?.value === 26.3 || undefined, 10_000, 200);
    writeJson('geist.json', geistValues(800, 0)); // 80.0 °F
    await waitFor(async () => (await reading(internal, 'temperature'))?.value === 26.67 || undefined, 10_000, 200);
    const devices = (await c.call('devices.list')).result as { id: string; name: string | null; parentId: string | null }[];
    expect(devices.find((d) => d.id === internal)?.name).toBe('Amp rack Watchdog');
    expect(devices.find((d) => d.id.endsWith(probeSerial))?.parentId).toBe(internal);
  }, 120_000);

  it.skipIf(!haveSnmpsim)('the old-firmware column layout (snmpsim) is read right', async () => {
    const internal = `snmp:127.0.0.1:${simPort}:geist:${simGeistSensors().internal.serial}`;
    const r = await waitFor(async () => (await reading(internal, 'temperature')) ?? undefined, 15_000, 200);
    expect(r.value).toBe(legacyExpected.tempC);
    // snmpsim (Python) can miss a 300 ms deadline on a busy machine; the target must be, or come back, ok.
    await waitFor(async () => (await status('old')).state === 'ok' || undefined, 15_000, 200);
  }, 120_000);

  it('SNMPv3 authPriv (SHA/AES) polls', async () => {
    const r = await waitFor(async () => (await reading(`snmp:127.0.0.1:${agentPort}`, 'agent_uptime')) ?? undefined, 15_000, 200);
    expect(r.value).toBeGreaterThan(0);
    expect(r.unit).toBe('s');
    await waitFor(async () => ((await status('secure')).state === 'ok' ? true : undefined), 15_000, 200);
    // Test now with a wrong password or user: refused, and the message says which.
    const v3 = (v3: Record<string, string>) => ({ target: { host: '127.0.0.1', port: agentPort, version: 'v3', v3: { authKey: 'authpass123', privKey: 'privpass123', ...v3 }, profile: 'generic', oids: [{ oid: '1.3.6.1.2.1.1.3.0', name: 'up' }], timeoutMs: 2000, retries: 1 } });
    const wrongPass = (await c.call('snmp.test', v3({ user: 'ops', authKey: 'not-the-password' }))).result as { state: string; message: string };
    expect(wrongPass).toMatchObject({ state: 'auth', message: expect.stringMatching(/wrong auth password/) });
    const wrongUser = (await c.call('snmp.test', v3({ user: 'nobody' }))).result as { state: string; message: string };
    expect(wrongUser).toMatchObject({ state: 'auth', message: expect.stringMatching(/user name unknown/) });
    // A wrong privacy password: snmpd cannot decrypt the request and stays silent.
    const wrongPriv = (await c.call('snmp.test', v3({ user: 'ops', privKey: 'not-the-password' }))).result as { state: string; message: string };
    expect(wrongPriv).toMatchObject({ state: 'timeout', message: expect.stringMatching(/wrong SNMPv3 privacy password/) });
  }, 120_000);

  it('a 32-bit counter wrapping between polls gives a sane rate, not a negative or absurd one', async () => {
    const sw = `snmp:127.0.0.1:${agentPort}:switch`;
    await waitFor(async () => ((await status('core')).polls >= 2 ? true : undefined), 10_000, 200);
    const before = (await status('core')).polls;
    await waitFor(async () => ((await status('core')).polls >= before + 1 ? true : undefined), 10_000, 100);
    const changedAt = Date.now();
    writeJson('if.json', ifValues(1000)); // 4 294 967 000 → 1 000: 1 296 octets after the wrap
    const r = await waitFor(async () => {
      const x = await reading(sw, 'port.1.in_bps');
      return x && x.ts > changedAt + 50 && x.value > 0 ? x : undefined;
    }, 10_000, 100);
    // 1 296 octets in roughly a second: about 10 kbit/s (never negative, never gigabits).
    expect(r.value).toBeGreaterThan(1000);
    expect(r.value).toBeLessThan(100_000);
    const grid = ((await c.call('snmp.switches')).result as { deviceId: string; name: string; ports: { label: string; oper: string }[] }[]).find((s) => s.deviceId === sw)!;
    expect(grid).toMatchObject({ name: 'itest-switch', ports: [{ label: 'LED wall', oper: 'up' }] });
  }, 120_000);

  it('a stopped agent shows a timeout state and a timeline entry; restarting it clears the state', async () => {
    await stopProcess(agent);
    const down = await waitFor(async () => {
      const s = await status('rack');
      return s.state === 'timeout' ? s : undefined;
    }, 10_000, 200);
    expect(down.message).toBe(`no answer (127.0.0.1:${agentPort}): wrong community or unreachable`);
    expect(await timeline()).toContain(`SNMP Rack Watchdog: no answer (127.0.0.1:${agentPort}): wrong community or unreachable`);
    const services = (await c.call('services.list')).result as { name: string; state: string; message: string }[];
    expect(services.find((s) => s.name === 'snmp')?.state).toMatch(/degraded|lost/);

    await startSnmpd();
    await waitFor(async () => ((await status('rack')).state === 'ok' ? true : undefined), 15_000, 200);
    await waitFor(async () => ((await status('core')).state === 'ok' ? true : undefined), 15_000, 200);
    // SNMPv3 recovers too, though the agent's engine boots changed (net-snmp rediscovers the engine).
    await waitFor(async () => ((await status('secure')).state === 'ok' ? true : undefined), 15_000, 200);
    const messages = await timeline();
    expect(messages).toContain('SNMP Rack Watchdog is answering again');
    // The switch profile saw sysUpTime start again: an agent restart, said so, rates re-based instead of a bogus spike.
    await waitFor(async () => ((await timeline()).some((m) => /^Switch restarted/.test(m)) ? true : undefined), 10_000, 200);
  }, 120_000);
});
