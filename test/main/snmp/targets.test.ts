import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SettingsPatch, Settings, SnmpTarget, SnmpTargets, defaultSettings, mergeSettings, snmpTargetId } from '../../../preload/contract/index.ts';
import { runtimeTarget, samePolling } from '../../../main/snmp/targets.ts';
import { testTarget } from '../../../main/snmp/test-now.ts';
import { SnmpClient, type ClientConfig } from '../../../native/snmp/client.ts';

/** The messages zod gives for one target, by path. */
function problems(input: unknown): Record<string, string> {
  const r = SnmpTarget.safeParse(input);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('snmp.targets[] in settings', () => {
  it('fills the defaults the issue names: port 161, v2c, every 30 s', () => {
    const t = SnmpTarget.parse({ host: '10.0.0.5', community: 'public', profile: 'geist' });
    expect(t).toEqual({ host: '10.0.0.5', port: 161, version: 'v2c', community: 'public', profile: 'geist', intervalS: 30, timeoutMs: 2000, retries: 1, enabled: true });
    expect(snmpTargetId(t)).toBe('geist@10.0.0.5:161');
  });

  it('says what is missing in words a person can act on', () => {
    expect(problems({ host: '10.0.0.5', profile: 'switch' })).toEqual({ community: 'SNMPv2c needs the community (often "public")' });
    expect(problems({ host: '10.0.0.5', version: 'v3', profile: 'switch' })).toEqual({ v3: 'SNMPv3 needs credentials: v3.user (and the passwords its security level needs)' });
    expect(problems({ host: '10.0.0.5', version: 'v3', profile: 'switch', v3: { user: 'ops', authKey: 'short' } })).toEqual({
      'v3.authKey': 'the auth password must be at least 8 characters (SNMPv3 requires it)',
      'v3.privKey': 'security level authPriv needs the privacy password',
    });
    expect(problems({ host: '10.0.0.5', version: 'v3', profile: 'switch', v3: { user: 'ops', authKey: 'longenough' } })).toEqual({ 'v3.privKey': 'security level authPriv needs the privacy password' });
    expect(problems({ host: '10.0.0.5', community: 'public', profile: 'generic' })).toEqual({ oids: 'a generic target needs at least one OID to read' });
    expect(problems({ host: '10.0.0.5', community: 'public', profile: 'generic', oids: [{ oid: 'sysUpTime.0', name: 'up' }] })['oids.0.oid']).toMatch(/numbers joined by dots/);
    expect(problems({ host: 'not a host!', community: 'public', profile: 'geist' }).host).toMatch(/IPv4 address/);
    expect(problems({ host: '10.0.0.5', community: 'public', profile: 'ups' }).profile).toBe('profile is geist, switch or generic');
    expect(problems({ host: '10.0.0.5', community: 'public', profile: 'geist', intervalS: 0 }).intervalS).toBe('poll at most once a second');
    expect(problems({ host: '10.0.0.5', community: 'public', profile: 'geist', port: 70000 }).port).toBe('port must be 1–65535');
  });

  it('two targets may not share an id (explicit or derived)', () => {
    const r = SnmpTargets.safeParse([
      { host: '10.0.0.5', community: 'public', profile: 'geist' },
      { host: '10.0.0.5', community: 'other', profile: 'geist' },
    ]);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe('two targets have the id "geist@10.0.0.5:161": give one of them its own id');
  });

  it('a settings patch replaces the target list whole (settings.update, import, serve --config)', () => {
    const first = mergeSettings(defaultSettings, SettingsPatch.parse({ snmp: { targets: [{ host: '10.0.0.5', community: 'public', profile: 'geist' }] } }));
    expect(Settings.parse(first).snmp.targets).toHaveLength(1);
    const second = mergeSettings(first, SettingsPatch.parse({ snmp: { targets: [] } }));
    expect(second.snmp.targets).toEqual([]);
    expect(mergeSettings(first, SettingsPatch.parse({ site: { name: 'x' } })).snmp).toEqual(first.snmp);
  });
});

describe('docs/CONFIG.md', () => {
  it('its SNMP example is a valid settings file that gives three targets', () => {
    const config = readFileSync(new URL('../../../docs/CONFIG.md', import.meta.url), 'utf8');
    const block = /### Example: a Watchdog[^\n]*\n\n```json\n([\s\S]*?)```/.exec(config)?.[1];
    expect(block).toBeDefined();
    const patch = SettingsPatch.parse(JSON.parse(block!));
    const targets = mergeSettings(defaultSettings, patch).snmp.targets;
    expect(targets.map(snmpTargetId)).toEqual(['geist@10.0.0.5:161', 'core-switch', 'generic@10.0.0.9:161']);
    expect(runtimeTarget(targets[1]!).client.v3).toMatchObject({ user: 'monitor', level: 'authPriv', authProtocol: 'sha', privProtocol: 'aes' });
  });
});

describe('runtime targets', () => {
  it('v2c: the community, seconds to ms, the profile', () => {
    const rt = runtimeTarget(SnmpTarget.parse({ host: 'Watchdog.local', community: 'rack', profile: 'geist', name: ' Rack ', intervalS: 10 }));
    expect(rt).toMatchObject({ id: 'geist@watchdog.local:161', name: 'Rack', builtIn: false, intervalMs: 10_000, profile: { profile: 'geist' } });
    expect(rt.client).toEqual({ host: 'Watchdog.local', port: 161, version: '2c', community: 'rack', timeoutMs: 2000, retries: 1 });
  });

  it('v3 authPriv SHA/AES: user and keys go to the client, no community', () => {
    const rt = runtimeTarget(SnmpTarget.parse({ host: '10.0.0.9', version: 'v3', profile: 'switch', v3: { user: 'ops', authKey: 'authpass1', privKey: 'privpass1' } }));
    expect(rt.client).toEqual({ host: '10.0.0.9', port: 161, version: '3', timeoutMs: 2000, retries: 1, v3: { user: 'ops', level: 'authPriv', authProtocol: 'sha', authKey: 'authpass1', privProtocol: 'aes', privKey: 'privpass1' } });
  });

  it('generic: its OIDs become the profile’s; a renamed target still polls the same way only if nothing else changed', () => {
    const base = { host: '10.0.0.7', community: 'public', profile: 'generic', oids: [{ oid: '.1.3.6.1.4.1.318.1.1.1.2.2.1.0', name: 'Battery', unit: '%' }] };
    const a = runtimeTarget(SnmpTarget.parse(base));
    expect(a.profile).toEqual({ profile: 'generic', oids: [{ oid: '.1.3.6.1.4.1.318.1.1.1.2.2.1.0', name: 'Battery', unit: '%' }] });
    expect(samePolling(a, runtimeTarget(SnmpTarget.parse(base)))).toBe(true);
    expect(samePolling(a, runtimeTarget(SnmpTarget.parse({ ...base, intervalS: 5 })))).toBe(false);
  });
});

describe('Test now', () => {
  it('caps the wait whatever the target’s own patience: two tries of at most 5 s', async () => {
    const rt = runtimeTarget(SnmpTarget.parse({ host: '127.0.0.1', port: 9, community: 'x', profile: 'geist', timeoutMs: 60_000, retries: 10 }));
    let seen: ClientConfig | undefined;
    const result = await testTarget(rt, Date.now, (c) => {
      seen = c;
      return new SnmpClient({ ...c, timeoutMs: 50, retries: 0 }); // and don't make the test wait for it
    });
    expect(seen).toMatchObject({ timeoutMs: 5000, retries: 1 });
    expect(result).toMatchObject({ state: 'timeout', answered: [], answeredTotal: 0, devices: [] });
  });
});
