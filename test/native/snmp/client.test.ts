import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimSnmpAgent } from '../../../native/snmp/agent.ts';
import type { MibView } from '../../../native/snmp/agent-codec.ts';
import { SnmpClient, toVarbind, type ClientConfig } from '../../../native/snmp/client.ts';
import { pollOnce, showValue } from '../../../native/snmp/poll.ts';
import { createProfile } from '../../../native/snmp/profiles/index.ts';
import { createSimGeist, createSimMib, createSimSwitch, simGeistSensors } from '../../../native/snmp/sim-mib.ts';
import { isUnder } from '../../../native/snmp/varbind.ts';

const t = 1_750_000_000_000;
const bootAt = t - 86_400_000;

describe('SNMP client (net-snmp) against the simulated agents', () => {
  const mib = createSimSwitch({ bootAt });
  const agent = new SimSnmpAgent({ mib, now: () => t });
  const small = new SimSnmpAgent({ mib, now: () => t, maxResponseBytes: 300 });
  const geist = new SimSnmpAgent({ mib: createSimGeist({ bootAt: t, firmware: 'legacy' }), now: () => t });
  const clients: SnmpClient[] = [];
  let at: { host: string; port: number };
  let smallAt: { host: string; port: number };
  let geistAt: { host: string; port: number };
  const client = (config: Partial<ClientConfig> & { port: number }) => {
    const c = new SnmpClient({ host: '127.0.0.1', version: '2c', community: 'public', timeoutMs: 1000, retries: 0, ...config });
    clients.push(c);
    return c;
  };
  beforeAll(async () => {
    at = await agent.start();
    smallAt = await small.start();
    geistAt = await geist.start();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([agent.stop(), small.stop(), geist.stop()]);
  });

  /** What a complete walk of `root` must give: every served OID under it, in order (the MIB's own list). */
  const expected = (root: string) => mib.oids.filter((o) => isUnder(o, root));

  it('v2c GETBULK walks several columns at once, complete and in order', async () => {
    const c = client({ port: at.port });
    const roots = ['1.3.6.1.2.1.2.2.1.8', '1.3.6.1.2.1.31.1.1.1.6', '1.3.6.1.2.1.31.1.1.1.18', '1.3.6.1.4.1.4526.10.43.1.8.1.5', '1.3.6.1.9'];
    const { tables, notes } = await c.walk(roots);
    for (const r of roots) expect(tables.get(r)!.map((v) => v.oid)).toEqual(expected(r));
    expect(tables.get('1.3.6.1.9')).toEqual([]);
    expect(notes).toEqual([]);
    // Fewer round trips than one GETNEXT per row: 11 + 10 + 11 + 2 rows here.
    expect(c.requests).toBeLessThan(8);
  });

  it('an agent that cuts its answers short (300-byte limit) still gets walked completely', async () => {
    const c = client({ port: smallAt.port });
    const roots = ['1.3.6.1.2.1.2.2.1', '1.3.6.1.2.1.31.1.1.1'];
    const { tables } = await c.walk(roots);
    for (const r of roots) expect(tables.get(r)!.map((v) => v.oid)).toEqual(expected(r));
    expect(c.requests).toBeGreaterThan(5);
  });

  it('v2c GET: values and exceptions in place; Counter64 and OCTET STRING arrive as bytes', async () => {
    const c = client({ port: at.port });
    const got = await c.get(['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.31.1.1.1.6.1', '1.3.6.1.2.1.1.5.1', '1.3.6.1.9.0']);
    expect(got.get('1.3.6.1.2.1.1.5.0')!.type).toBe('OctetString');
    expect(showValue(got.get('1.3.6.1.2.1.1.5.0')!)).toBe('show-core-switch');
    const c64 = got.get('1.3.6.1.2.1.31.1.1.1.6.1')!;
    expect(c64.type).toBe('Counter64');
    expect(c64.value).toBeInstanceOf(Uint8Array);
    expect(showValue(c64)).toBe(String(mib.get('1.3.6.1.2.1.31.1.1.1.6.1', t).value));
    expect(got.get('1.3.6.1.2.1.1.5.1')!.type).toBe('NoSuchInstance');
    expect(got.get('1.3.6.1.9.0')!.type).toBe('NoSuchObject');
  });

  it('v1: scalars one by one (a missing one is just absent), GETNEXT walks without Counter64', async () => {
    const c = client({ port: at.port, version: '1' });
    const got = await c.get(['1.3.6.1.2.1.1.5.0', '1.3.6.1.9.0', '1.3.6.1.2.1.1.3.0']);
    expect([...got.keys()]).toEqual(['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.3.0']);
    expect(c.requests).toBe(3);
    const { tables } = await c.walk(['1.3.6.1.2.1.2.2.1.10', '1.3.6.1.2.1.31.1.1.1.6']);
    expect(tables.get('1.3.6.1.2.1.2.2.1.10')!.map((v) => v.oid)).toEqual(expected('1.3.6.1.2.1.2.2.1.10'));
    expect(tables.get('1.3.6.1.2.1.31.1.1.1.6')).toEqual([]);
  });

  it('the switch profile over v1 gets rates from the 32-bit counters', async () => {
    const now = { t };
    const a = new SimSnmpAgent({ mib, now: () => now.t });
    const addr = await a.start();
    try {
      const c = client({ port: addr.port, version: '1' });
      const profile = createProfile({ profile: 'switch' });
      const first = await pollOnce(c, profile, undefined, { now: () => now.t });
      now.t += 30_000;
      const second = await pollOnce(c, profile, first.result!.state, { now: () => now.t });
      expect(second.health.state).toBe('ok');
      const inBps = second.result!.devices[0]!.samples.find((s) => s.metric === 'port.5.in_bps')!.value;
      // Port 5 averages 150 Mbit/s in, swelling ±25 %.
      expect(inBps).toBeGreaterThan(100e6);
      expect(inBps).toBeLessThan(200e6);
    } finally {
      await a.stop();
    }
  });

  it('an agent that walks backwards is stopped, not followed forever', async () => {
    const loop: MibView = {
      get: (oid) => ({ oid, type: 'NoSuchObject', value: null }),
      getNext: (oid) => (oid === '1.3.6.1.2.1.2.2.1.8' ? { oid: '1.3.6.1.2.1.2.2.1.8.5', type: 'Integer', value: 1 } : { oid: '1.3.6.1.2.1.2.2.1.8.2', type: 'Integer', value: 1 }),
    };
    const a = new SimSnmpAgent({ mib: loop });
    const addr = await a.start();
    try {
      for (const version of ['2c', '1'] as const) {
        const { tables, notes } = await client({ port: addr.port, version }).walk(['1.3.6.1.2.1.2.2.1.8']);
        expect(tables.get('1.3.6.1.2.1.2.2.1.8')!.map((v) => v.oid)).toEqual(['1.3.6.1.2.1.2.2.1.8.5']);
        expect(notes[0]!.reason).toMatch(/went backwards at 1\.3\.6\.1\.2\.1\.2\.2\.1\.8\.2/);
      }
    } finally {
      await a.stop();
    }
  });

  it('the old-firmware Geist’s binary serial survives net-snmp as bytes: same device ids as the text serial', async () => {
    const c = client({ port: geistAt.port });
    const out = await pollOnce(c, createProfile({ profile: 'geist' }), undefined, { now: () => t });
    const sensors = simGeistSensors();
    expect(out.health.state).toBe('ok');
    expect(out.result!.devices.map((d) => d.sighting.id)).toContain(`snmp:127.0.0.1:${geistAt.port}:geist:${sensors.internal.serial}`);
  });

  it('a wrong community times out with the words an operator needs', async () => {
    const c = client({ port: at.port, community: 'private', timeoutMs: 200, retries: 1 });
    const out = await pollOnce(c, createProfile({ profile: 'switch' }), undefined, { now: Date.now });
    expect(out.error?.name).toBe('RequestTimedOutError');
    expect(out.health).toEqual({ state: 'timeout', message: `no answer (127.0.0.1:${at.port}): wrong community or unreachable` });
    expect(out.durationMs).toBeGreaterThanOrEqual(380); // two tries of 200 ms
  });

  it('one dead target never delays the others: each client has its own socket and timers', async () => {
    const dead = new SimSnmpAgent({ mib });
    const deadAt = await dead.start();
    dead.silent = true;
    const live = await Promise.all(Array.from({ length: 5 }, () => new SimSnmpAgent({ mib, now: () => t }).start().then((addr) => addr)));
    try {
      const started = Date.now();
      const finished: Record<string, number> = {};
      const poll = (port: number, name: string, timeoutMs: number) =>
        pollOnce(client({ port, timeoutMs, retries: 1 }), createProfile({ profile: 'switch' }), undefined, { now: Date.now }).then((o) => {
          finished[name] = Date.now() - started;
          return o;
        });
      const outcomes = await Promise.all([poll(deadAt.port, 'dead', 1500), ...live.map((a, i) => poll(a.port, `live${i}`, 1500))]);
      expect(outcomes[0]!.health.state).toBe('timeout');
      for (const o of outcomes.slice(1)) expect(o.health.state).toBe('ok');
      expect(finished.dead).toBeGreaterThanOrEqual(2900);
      for (let i = 0; i < 5; i++) expect(finished[`live${i}`]).toBeLessThan(1000);
    } finally {
      await dead.stop();
    }
  });

  it('toVarbind keeps net-snmp’s values and names its types', () => {
    expect(toVarbind({ oid: '1.3.6.1.2.1.1.3.0', type: 67, value: 42 })).toEqual({ oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 42 });
    expect(toVarbind({ oid: '1.3', type: 130, value: null }).type).toBe('EndOfMibView');
    expect(toVarbind({ oid: '1.3', type: 99, value: { weird: true } })).toEqual({ oid: '1.3', type: 'Null', value: null });
    expect(showValue({ oid: '1.3', type: 'OctetString', value: new Uint8Array([0x41, 0xd8, 0x80]) })).toBe('41 D8 80');
  });

  it('a profile that reads nothing it understands is bad data, not ok', async () => {
    const empty = new SimSnmpAgent({ mib: createSimMib([{ oid: '1.3.6.1.2.1.1.5.0', read: () => ['OctetString', 'x'] }]) });
    const addr = await empty.start();
    try {
      const out = await pollOnce(client({ port: addr.port }), createProfile({ profile: 'geist' }), undefined, { now: Date.now });
      expect(out.health.state).toBe('bad-data');
      expect(out.health.message).toMatch(/wrong profile/);
    } finally {
      await empty.stop();
    }
  });
});
