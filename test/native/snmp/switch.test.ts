import { describe, expect, it } from 'vitest';
import { agentRestarted, counterRate } from '../../../native/snmp/counters.ts';
import type { ProfileResult } from '../../../native/snmp/profile.ts';
import { createSwitchProfile, parseSysDescr, type SwitchState } from '../../../native/snmp/profiles/switch.ts';
import { createSimSwitch, simPortOctets } from '../../../native/snmp/sim-mib.ts';
import type { Varbind } from '../../../native/snmp/varbind.ts';
import { inputFrom, pollMib, vb } from './snmp-helpers.ts';

const profile = createSwitchProfile();
const t0 = 1_750_000_000_000;
const id = 'snmp:10.0.0.2:switch';

interface Port {
  ix: number;
  name?: string;
  alias?: string;
  type?: number;
  admin?: number;
  oper?: number;
  highSpeed?: number;
  speed?: number;
  hcIn?: bigint | Uint8Array;
  hcOut?: bigint;
  in32?: number;
  out32?: number;
  inErrors?: number;
  outErrors?: number;
}

/** An M4300-like agent's answer, OIDs from PROTOCOLS.md §4.2. */
function answer(uptimeTicks: number | undefined, ports: Port[], extra: Varbind[] = []): Varbind[] {
  const out: Varbind[] = [
    vb('1.3.6.1.2.1.1.1.0', 'OctetString', 'M4300-52G ProSAFE 48-port 1G and 4-port 10G, 12.0.9.3, B1.0.0.17'),
    vb('1.3.6.1.2.1.1.5.0', 'OctetString', 'core-sw'),
  ];
  if (uptimeTicks !== undefined) out.push(vb('1.3.6.1.2.1.1.3.0', 'TimeTicks', uptimeTicks));
  for (const p of ports) {
    const i = (col: number, type: Varbind['type'], v: Varbind['value'] | undefined) => v !== undefined && out.push(vb(`1.3.6.1.2.1.2.2.1.${col}.${p.ix}`, type, v));
    const x = (col: number, type: Varbind['type'], v: Varbind['value'] | undefined) => v !== undefined && out.push(vb(`1.3.6.1.2.1.31.1.1.1.${col}.${p.ix}`, type, v));
    i(2, 'OctetString', `Unit: 1 Slot: 0 Port: ${p.ix} Gigabit - Level`);
    i(3, 'Integer', p.type ?? 6);
    i(5, 'Gauge32', p.speed);
    i(7, 'Integer', p.admin ?? 1);
    i(8, 'Integer', p.oper ?? 1);
    i(10, 'Counter32', p.in32);
    i(14, 'Counter32', p.inErrors ?? 0);
    i(16, 'Counter32', p.out32);
    i(20, 'Counter32', p.outErrors ?? 0);
    x(1, 'OctetString', p.name ?? `1/0/${p.ix}`);
    x(6, 'Counter64', p.hcIn);
    x(10, 'Counter64', p.hcOut);
    x(15, 'Gauge32', p.highSpeed);
    x(18, 'OctetString', p.alias ?? '');
  }
  return [...out, ...extra];
}

const target = { host: '10.0.0.2' };
function poll(vbs: Varbind[], state: SwitchState | undefined, now: number) {
  return profile.interpret(inputFrom(vbs, profile, target), state, now);
}
function metric(r: ProfileResult<SwitchState>, name: string): number | undefined {
  return r.devices[0]?.samples.find((s) => s.metric === name)?.value;
}
const faults = (r: ProfileResult<unknown>) => r.badData.filter((b) => !b.notice);

describe('switch: identity and port state', () => {
  it('one switch device from sysName/sysDescr with per-port series and port names as attributes', () => {
    const r = poll(answer(100_000, [{ ix: 3, alias: 'LED wall', highSpeed: 1000, hcIn: 0n, hcOut: 0n }, { ix: 4, oper: 2, highSpeed: 0, speed: 0 }]), undefined, t0);
    expect(faults(r)).toEqual([]);
    expect(r.devices).toHaveLength(1);
    const d = r.devices[0]!;
    expect(d.sighting).toEqual({ id, kind: 'switch', model: 'M4300-52G', source: 'snmp' });
    expect(d.name).toEqual({ name: 'core-sw' });
    expect(d.attributes).toMatchObject({ firmware: '12.0.9.3', 'port.3.alias': 'LED wall', 'port.3.name': '1/0/3', 'port.3.label': 'LED wall', 'port.4.label': '1/0/4' });
    expect(metric(r, 'uptime')).toBe(1000);
    expect(metric(r, 'port.3.oper')).toBe(1);
    expect(metric(r, 'port.4.oper')).toBe(2);
    expect(metric(r, 'port.3.speed')).toBe(1e9);
    expect(metric(r, 'port.4.speed')).toBe(0);
    // no rates on a first poll
    expect(metric(r, 'port.3.in_bps')).toBeUndefined();
    // and no "went down" for a port that was already down
    expect(r.events).toEqual([]);
  });

  it('speed: ifHighSpeed (Mbit/s) first, else ifSpeed; a saturated ifSpeed without ifHighSpeed is unknown', () => {
    const r = poll(answer(1, [{ ix: 1, speed: 100_000_000 }, { ix: 2, speed: 4294967295 }, { ix: 3, speed: 4294967295, highSpeed: 25000 }]), undefined, t0);
    expect(metric(r, 'port.1.speed')).toBe(100e6);
    expect(metric(r, 'port.2.speed')).toBeUndefined();
    expect(metric(r, 'port.3.speed')).toBe(25e9);
  });

  it('VLAN/CPU interfaces stay out of the ports unless portTypes is "all"', () => {
    const vbs = answer(1, [{ ix: 1 }, { ix: 661, type: 1, name: 'CPU Interface: 0/5/1' }, { ix: 1001, type: 136 }]);
    expect(metric(poll(vbs, undefined, t0), 'port.661.oper')).toBeUndefined();
    const all = createSwitchProfile({ portTypes: 'all' }).interpret(inputFrom(vbs, profile, target), undefined, t0);
    expect(metric(all, 'port.661.oper')).toBe(1);
    expect(metric(all, 'port.1001.oper')).toBe(1);
  });

  it('a noSuchInstance or wrongly typed cell is bad data, the rest of the port still reads', () => {
    const vbs = answer(1, [{ ix: 1, highSpeed: 1000 }]).map((v) =>
      v.oid === '1.3.6.1.2.1.2.2.1.8.1' ? { ...v, type: 'NoSuchInstance' as const, value: null } : v.oid === '1.3.6.1.2.1.31.1.1.1.15.1' ? { ...v, type: 'OctetString' as const, value: '1000' } : v,
    );
    const r = poll(vbs, undefined, t0);
    expect(faults(r).map((b) => b.oid).sort()).toEqual(['1.3.6.1.2.1.2.2.1.8.1', '1.3.6.1.2.1.31.1.1.1.15.1']);
    expect(metric(r, 'port.1.oper')).toBeUndefined();
    expect(metric(r, 'port.1.admin')).toBe(1);
  });

  it('a switch on another port than 161 gets the port in its id', () => {
    const r = profile.interpret(inputFrom(answer(1, []), profile, { host: 'Core-SW.local', port: 1161 }), undefined, t0);
    expect(r.devices[0]!.sighting.id).toBe('snmp:core-sw.local:1161:switch');
  });

  it('parses Netgear sysDescr as LibreNMS does', () => {
    expect(parseSysDescr('M4300-52G ProSAFE 48-port 1G and 4-port 10G, 12.0.9.3, B1.0.0.17')).toEqual({ model: 'M4300-52G', version: '12.0.9.3' });
    expect(parseSysDescr('Linux snmpd 6.1')).toEqual({});
  });
});

describe('switch: rates from counters', () => {
  it('64-bit octet counters: bytes × 8 / seconds', () => {
    const base = 18_446_744_073_000_000_000n; // near the top of the 64-bit range: no precision games
    const a = poll(answer(100_000, [{ ix: 1, highSpeed: 1000, hcIn: base, hcOut: 5n }]), undefined, t0);
    // 375 000 000 bytes in 30 s = 100 Mbit/s; 75 000 000 bytes = 20 Mbit/s
    const b = poll(answer(103_000, [{ ix: 1, highSpeed: 1000, hcIn: base + 375_000_000n, hcOut: 75_000_005n }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.1.in_bps')).toBe(100e6);
    expect(metric(b, 'port.1.out_bps')).toBe(20e6);
    expect(b.badData).toEqual([]);
  });

  it('a Counter64 given as net-snmp bytes reads the same', () => {
    const bytes = (n: bigint) => Uint8Array.from({ length: 8 }, (_, k) => Number((n >> BigInt(56 - 8 * k)) & 0xffn));
    const a = poll(answer(100_000, [{ ix: 1, highSpeed: 1000, hcIn: bytes(1n << 40n) }]), undefined, t0);
    const b = poll(answer(103_000, [{ ix: 1, highSpeed: 1000, hcIn: bytes((1n << 40n) + 375_000_000n) }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.1.in_bps')).toBe(100e6);
  });

  it('falls back to the 32-bit counters and treats one that went down while uptime went up as a wrap', () => {
    const a = poll(answer(100_000, [{ ix: 2, highSpeed: 1000, in32: 4_294_000_000 }]), undefined, t0);
    // +1 875 000 000 bytes across the 2^32 boundary: 4 294 000 000 + 1 875 000 000 − 4 294 967 296
    const b = poll(answer(103_000, [{ ix: 2, highSpeed: 1000, in32: 1_874_032_704 }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.2.in_bps')).toBe(500e6);
  });

  it('a 32-bit drop that would imply more than 1.5 × the port speed is no rate (not a wrap)', () => {
    const a = poll(answer(100_000, [{ ix: 2, highSpeed: 100, in32: 1_000 }]), undefined, t0);
    const b = poll(answer(103_000, [{ ix: 2, highSpeed: 100, in32: 500 }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.2.in_bps')).toBeUndefined();
    expect(b.badData.find((x) => /impossible rate/.test(x.reason))).toMatchObject({ notice: true });
    const c = poll(answer(106_000, [{ ix: 2, highSpeed: 100, in32: 3_750_500 }]), b.state, t0 + 60_000);
    expect(metric(c, 'port.2.in_bps')).toBe(1e6);
  });

  it('with speed unknown, a rate above 400 Gbit/s is refused', () => {
    const a = poll(answer(100_000, [{ ix: 1, hcIn: 0n }]), undefined, t0);
    // 2 TB in 30 s ≈ 533 Gbit/s
    const b = poll(answer(103_000, [{ ix: 1, hcIn: 2_000_000_000_000n }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.1.in_bps')).toBeUndefined();
  });

  it('a 64-bit counter going down is a reset: no rate this poll, a correct one the next', () => {
    const a = poll(answer(100_000, [{ ix: 1, highSpeed: 1000, hcIn: 10_000_000_000n }]), undefined, t0);
    const b = poll(answer(103_000, [{ ix: 1, highSpeed: 1000, hcIn: 1_000n }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.1.in_bps')).toBeUndefined();
    const c = poll(answer(106_000, [{ ix: 1, highSpeed: 1000, hcIn: 1_000n + 37_500_000n }]), b.state, t0 + 60_000);
    expect(metric(c, 'port.1.in_bps')).toBe(10e6);
  });

  it('an agent restart (sysUpTime went down) gives no rates and a warning, then correct rates', () => {
    const a = poll(answer(50_000_000, [{ ix: 1, highSpeed: 1000, in32: 3_000_000_000, hcIn: 90_000_000_000n }]), undefined, t0);
    const b = poll(answer(1_500, [{ ix: 1, highSpeed: 1000, in32: 2_000_000, hcIn: 2_000_000n }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.1.in_bps')).toBeUndefined();
    expect(b.events).toEqual([{ severity: 'warn', deviceId: id, message: expect.stringMatching(/restarted/) }]);
    const c = poll(answer(4_500, [{ ix: 1, highSpeed: 1000, in32: 2_000_000 + 7_500_000, hcIn: 2_000_000n + 7_500_000n }]), b.state, t0 + 60_000);
    expect(metric(c, 'port.1.in_bps')).toBe(2e6);
    expect(c.events).toEqual([]);
  });

  it('a restart the uptime has already counted past (it rose, but far less than the wall clock) is caught too', () => {
    expect(agentRestarted(1_000, 1_500, 60_000)).toBe(true);
    expect(agentRestarted(1_000, 7_000, 60_000)).toBe(false);
    // sysUpTime wrapping after 497 days is not a restart
    expect(agentRestarted(4294967000, 2704, 30_000)).toBe(false);
    const a = poll(answer(1_000, [{ ix: 1, highSpeed: 1000, in32: 5_000_000 }]), undefined, t0);
    const b = poll(answer(1_500, [{ ix: 1, highSpeed: 1000, in32: 6_000_000 }]), a.state, t0 + 60_000);
    expect(metric(b, 'port.1.in_bps')).toBeUndefined();
  });

  it('never a negative or infinite rate: zero or negative interval gives none', () => {
    const prev = { value: 10n, width: 32 as const };
    expect(counterRate(prev, { value: 20n, width: 32 }, 0, false, 1e12)).toEqual({ reason: 'no-interval' });
    expect(counterRate(prev, { value: 20n, width: 32 }, -5, false, 1e12)).toEqual({ reason: 'no-interval' });
    expect(counterRate(prev, { value: 20n, width: 64 }, 10, false, 1e12)).toEqual({ reason: 'width-changed' });
  });

  it('errors and discards per second', () => {
    const a = poll(answer(100_000, [{ ix: 5, highSpeed: 1000, inErrors: 10, outErrors: 4 }]), undefined, t0);
    const b = poll(answer(103_000, [{ ix: 5, highSpeed: 1000, inErrors: 70, outErrors: 7 }]), a.state, t0 + 30_000);
    expect(metric(b, 'port.5.in_errors')).toBe(2);
    expect(metric(b, 'port.5.out_errors')).toBe(0.1);
    expect(b.devices[0]!.samples.find((s) => s.metric === 'port.5.in_errors')!.unit).toBe('err/s');
  });
});

describe('switch: events', () => {
  const ports = (oper3: number, admin3 = 1): Port[] => [{ ix: 3, alias: 'LED wall', oper: oper3, admin: admin3 }, { ix: 4, oper: 1 }];

  it('a port going down while admin up is a warning naming it by alias; coming back is info', () => {
    const a = poll(answer(100_000, ports(1)), undefined, t0);
    expect(a.events).toEqual([]);
    const b = poll(answer(103_000, ports(2)), a.state, t0 + 30_000);
    expect(b.events).toEqual([{ severity: 'warn', deviceId: id, message: expect.stringContaining('LED wall') }]);
    expect(b.events[0]!.message).toMatch(/went down/);
    const c = poll(answer(106_000, ports(2)), b.state, t0 + 60_000);
    expect(c.events).toEqual([]);
    const d = poll(answer(109_000, ports(1)), c.state, t0 + 90_000);
    expect(d.events).toEqual([{ severity: 'info', deviceId: id, message: expect.stringMatching(/LED wall.*back up/) }]);
  });

  it('a port without alias is named by ifName; a port an admin shut down is not a warning', () => {
    const a = poll(answer(100_000, ports(1)), undefined, t0);
    const b = poll(answer(103_000, [{ ix: 3, alias: 'LED wall', oper: 2, admin: 2 }, { ix: 4, oper: 7 }]), a.state, t0 + 30_000);
    expect(b.events).toEqual([{ severity: 'warn', deviceId: id, message: 'Port 1/0/4 went down (lowerLayerDown)' }]);
  });

  it('errors rising above the threshold after an error-free interval warn once; stopping is info', () => {
    let state: SwitchState | undefined;
    const seq = [0, 0, 30, 60, 60, 60];
    const events: string[][] = [];
    seq.forEach((errs, k) => {
      const r = poll(answer(100_000 + k * 3000, [{ ix: 7, alias: 'Camera feed', inErrors: errs }]), state, t0 + k * 30_000);
      state = r.state;
      events.push(r.events.map((e) => `${e.severity}: ${e.message}`));
    });
    expect(events[0]).toEqual([]);
    expect(events[1]).toEqual([]);
    expect(events[2]).toEqual(['warn: Port "Camera feed" (1/0/7) is seeing errors: 1/s (in 1, out 0)']);
    expect(events[3]).toEqual([]);
    expect(events[4]).toEqual(['info: Port "Camera feed" (1/0/7) errors stopped']);
    expect(events[5]).toEqual([]);
  });

  it('the error threshold is a parameter', () => {
    const strict = createSwitchProfile({ errorRateThreshold: 2 });
    const a = strict.interpret(inputFrom(answer(100_000, [{ ix: 7, inErrors: 0 }]), profile, target), undefined, t0);
    const b = strict.interpret(inputFrom(answer(103_000, [{ ix: 7, inErrors: 0 }]), profile, target), a.state, t0 + 30_000);
    const c = strict.interpret(inputFrom(answer(106_000, [{ ix: 7, inErrors: 30 }]), profile, target), b.state, t0 + 60_000);
    expect(c.events).toEqual([]);
    const d = strict.interpret(inputFrom(answer(109_000, [{ ix: 7, inErrors: 120 }]), profile, target), c.state, t0 + 90_000);
    expect(d.events.map((e) => e.severity)).toEqual(['warn']);
  });
});

describe('switch: Netgear box services', () => {
  const box = (fan2: number): Varbind[] => [
    vb('1.3.6.1.4.1.4526.10.43.1.8.1.5.1.1', 'Integer', 41),
    vb('1.3.6.1.4.1.4526.10.43.1.6.1.3.1.1', 'Integer', 2),
    vb('1.3.6.1.4.1.4526.10.43.1.6.1.3.1.2', 'Integer', fan2),
    vb('1.3.6.1.4.1.4526.10.43.1.7.1.3.1.1', 'Integer', 2),
  ];

  it('temperature, fan and PSU state where answered; a failing fan is a warning', () => {
    const a = poll(answer(100_000, [{ ix: 1 }], box(2)), undefined, t0);
    expect(faults(a)).toEqual([]);
    expect(metric(a, 'temperature.1.1')).toBe(41);
    expect(a.devices[0]!.samples.find((s) => s.metric === 'temperature.1.1')!.unit).toBe('°C');
    expect(metric(a, 'fan.1.2')).toBe(2);
    expect(metric(a, 'psu.1.1')).toBe(2);
    const b = poll(answer(103_000, [{ ix: 1 }], box(3)), a.state, t0 + 30_000);
    expect(b.events).toEqual([{ severity: 'warn', deviceId: id, message: 'Fan 1/2: failed' }]);
  });

  it('an agent without the subtree is fine: no error, no samples', () => {
    const r = poll(answer(100_000, [{ ix: 1 }]), undefined, t0);
    expect(r.badData).toEqual([]);
    expect(r.devices[0]!.samples.some((s) => s.metric.startsWith('temperature'))).toBe(false);
  });
});

describe('switch: the simulated M4300 through the profile', () => {
  const bootAt = t0 - 5 * 86_400_000;
  const host = { host: '127.0.0.1', port: 16162 };

  function run(polls: number, hcCounters = true) {
    const mib = createSimSwitch({ bootAt, hcCounters });
    let state: SwitchState | undefined;
    const results: ProfileResult<SwitchState>[] = [];
    for (let k = 0; k < polls; k++) {
      const now = t0 + k * 30_000;
      const r = profile.interpret(pollMib(mib, profile, now, host), state, now);
      state = r.state;
      results.push(r);
    }
    return results;
  }

  it('serves ten ports with sane rates that match the counters it serves', () => {
    const [a, b] = run(2);
    expect(faults(a!)).toEqual([]);
    expect(b!.devices[0]!.samples.filter((s) => /^port\.\d+\.oper$/.test(s.metric))).toHaveLength(10);
    const seconds = (t0 + 30_000 - bootAt) / 1000;
    const expected = Number(simPortOctets(1, 'in', seconds) - simPortOctets(1, 'in', seconds - 30)) * 8 / 30;
    expect(metric(b!, 'port.1.in_bps')).toBe(Math.round(expected));
    expect(expected).toBeGreaterThan(420e6 * 0.7);
    expect(expected).toBeLessThan(420e6 * 1.3);
  });

  it('32-bit counters alone (wrapping every ~80 s on the busiest port) give the same rates', () => {
    const hc = run(6);
    const c32 = run(6, false);
    for (let k = 1; k < 6; k++) {
      for (const p of [1, 2, 5]) {
        expect(metric(c32[k]!, `port.${p}.in_bps`)).toBe(metric(hc[k]!, `port.${p}.in_bps`));
        expect(metric(c32[k]!, `port.${p}.out_bps`)).toBe(metric(hc[k]!, `port.${p}.out_bps`));
      }
    }
  });

  it('over 15 minutes: the flapping port goes down and comes back, the camera port reports errors, nothing else', () => {
    const results = run(31);
    const events = results.flatMap((r) => r.events.map((e) => `${e.severity}: ${e.message}`));
    expect(events.some((e) => /^warn: Port "Stage box".*went down/.test(e))).toBe(true);
    expect(events.some((e) => /^info: Port "Stage box".*back up/.test(e))).toBe(true);
    expect(events.some((e) => /^warn: Port "Camera feed".*errors/.test(e))).toBe(true);
    expect(events.every((e) => /Stage box|Camera feed/.test(e))).toBe(true);
    expect(results.every((r) => faults(r).length === 0)).toBe(true);
  });
});
