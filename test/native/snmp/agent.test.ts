import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimSnmpAgent } from '../../../native/snmp/agent.ts';
import { createSimGeist, createSimSwitch, simPortOctets } from '../../../native/snmp/sim-mib.ts';

const run = promisify(execFile);
/** Net-SNMP's command-line tools (Debian `snmp`) are an independent decoder of what the agent sends. */
const tools = existsSync('/usr/bin/snmpget') && existsSync('/usr/bin/snmpbulkwalk');
const t = 1_750_000_000_000;

async function snmp(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(`/usr/bin/${tool}`, ['-On', '-t', '1', '-r', '0', ...args], { timeout: 10_000 });
    return stdout;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

describe.skipIf(!tools)('simulated agent on UDP, read by Net-SNMP’s own tools', () => {
  const sw = new SimSnmpAgent({ mib: createSimSwitch({ bootAt: t - 86_400_000 }), now: () => t });
  const geist = new SimSnmpAgent({ mib: createSimGeist({ bootAt: t, firmware: 'legacy' }), community: 'rack', now: () => t });
  let swAt = '';
  let geistAt = '';
  beforeAll(async () => {
    const a = await sw.start();
    const b = await geist.start();
    swAt = `${a.host}:${a.port}`;
    geistAt = `${b.host}:${b.port}`;
  });
  afterAll(async () => {
    await sw.stop();
    await geist.stop();
  });

  it('snmpget -v2c reads sysName, sysUpTime and a Counter64', async () => {
    const out = await snmp('snmpget', ['-v2c', '-c', 'public', swAt, '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.31.1.1.1.6.2']);
    expect(out).toContain('.1.3.6.1.2.1.1.5.0 = STRING: "show-core-switch"');
    expect(out).toContain('.1.3.6.1.2.1.1.3.0 = Timeticks: (8640000) 1 day, 0:00:00.00');
    expect(out).toContain(`.1.3.6.1.2.1.31.1.1.1.6.2 = Counter64: ${simPortOctets(2, 'in', 86_400)}`);
  });

  it('snmpbulkwalk -v2c walks a whole column and stops at its end', async () => {
    const out = await snmp('snmpbulkwalk', ['-v2c', '-c', 'public', '-Cr7', swAt, '1.3.6.1.2.1.2.2.1.8']);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(11); // ten ports and the CPU interface
    expect(lines[3]).toBe('.1.3.6.1.2.1.2.2.1.8.4 = INTEGER: 1');
    expect(lines[8]).toBe('.1.3.6.1.2.1.2.2.1.8.9 = INTEGER: 2');
    expect(lines[10]).toBe('.1.3.6.1.2.1.2.2.1.8.661 = INTEGER: 1');
  });

  it('snmpwalk -v1 (GETNEXT) walks the whole tree of the old-firmware Geist, binary serial as hex', async () => {
    const out = await snmp('snmpwalk', ['-v1', '-c', 'rack', geistAt, '1.3.6.1.4.1.21239.5.1.2']);
    expect(out).toContain('.1.3.6.1.4.1.21239.5.1.2.1.3.1 = STRING: "Rack room Watchdog"');
    expect(out).toContain('.1.3.6.1.4.1.21239.5.1.2.1.4.1 = Hex-STRING: 41 D8 80 39 01 35 80 C3');
    expect(out.trim().split('\n')).toHaveLength(6);
  });

  it('a wrong community gets no answer at all (the manager times out), and is counted', async () => {
    const before = sw.stats.dropped['wrong community'] ?? 0;
    const out = await snmp('snmpget', ['-v2c', '-c', 'private', swAt, '1.3.6.1.2.1.1.5.0']);
    expect(out).toMatch(/Timeout: No Response/);
    expect(sw.stats.dropped['wrong community']).toBe(before + 1);
  });

  it('SNMPv3 requests are dropped (this agent serves v1/v2c), a silent agent answers nothing', async () => {
    const v3 = await snmp('snmpget', ['-v3', '-u', 'nobody', '-l', 'noAuthNoPriv', swAt, '1.3.6.1.2.1.1.5.0']);
    expect(v3).toMatch(/Timeout|No Response/);
    expect(sw.stats.dropped['SNMPv3 is not served by this agent']).toBeGreaterThan(0);
    sw.silent = true;
    try {
      expect(await snmp('snmpget', ['-v2c', '-c', 'public', swAt, '1.3.6.1.2.1.1.5.0'])).toMatch(/Timeout: No Response/);
    } finally {
      sw.silent = false;
    }
    expect(await snmp('snmpget', ['-v2c', '-c', 'public', swAt, '1.3.6.1.2.1.1.5.0'])).toContain('show-core-switch');
  });

  it('start twice is harmless; stop frees the port', async () => {
    const a = new SimSnmpAgent({ mib: createSimSwitch() });
    const first = await a.start();
    expect(await a.start()).toEqual(first);
    await a.stop();
    const b = new SimSnmpAgent({ mib: createSimSwitch(), port: first.port });
    expect((await b.start()).port).toBe(first.port);
    await b.stop();
  });
});
