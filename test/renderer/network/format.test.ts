import { describe, expect, it } from 'vitest';
import { SnmpTarget, type SnmpPort } from '../../../preload/contract/index.ts';
import { draftFrom, formatPerSecond, formatRate, formatSpeed, formatUptime, newDraft, portLook, portSummary, targetFromDraft, utilisation } from '../../../renderer/src/components/network/format.ts';

const port = (p: Partial<SnmpPort>): SnmpPort => ({
  index: 1,
  label: '1/0/1',
  name: '1/0/1',
  alias: null,
  oper: 'up',
  admin: 'up',
  wasUp: true,
  speedBps: 1e9,
  inBps: null,
  outBps: null,
  inErrors: null,
  outErrors: null,
  inDiscards: null,
  outDiscards: null,
  ...p,
});

describe('port grid wording', () => {
  it('speeds as a front panel says them, rates short with their unit', () => {
    expect([formatSpeed(1e10), formatSpeed(2.5e9), formatSpeed(1e9), formatSpeed(1e8), formatSpeed(0), formatSpeed(null)]).toEqual(['10G', '2.5G', '1G', '100M', '—', '—']);
    expect([formatRate(4.2e8), formatRate(1.25e9), formatRate(35_000), formatRate(2_500), formatRate(7), formatRate(0), formatRate(null)]).toEqual([
      '420\u00a0Mb/s',
      '1.3\u00a0Gb/s',
      '35\u00a0kb/s',
      '2.5\u00a0kb/s',
      '7\u00a0b/s',
      '0',
      '—',
    ]);
    expect([formatPerSecond(0), formatPerSecond(0.25), formatPerSecond(3.2), formatPerSecond(12.4), formatPerSecond(null)]).toEqual(['0', '0.25/s', '3.2/s', '12/s', '—']);
    expect([formatUptime(3 * 86_400 + 4 * 3600 + 5), formatUptime(5 * 3600 + 12 * 60), formatUptime(59)]).toEqual(['3\u00a0d 4\u00a0h', '5\u00a0h 12\u00a0min', '0\u00a0min']);
  });

  it('a lost link is DOWN (red); an enabled port that was never up is an unused socket; disabled is off', () => {
    expect(portLook(port({}))).toBe('up');
    expect(portLook(port({ oper: 'down', wasUp: true }))).toBe('down');
    expect(portLook(port({ oper: 'lowerLayerDown', wasUp: true }))).toBe('down');
    expect(portLook(port({ oper: 'down', wasUp: false }))).toBe('nolink');
    expect(portLook(port({ oper: 'down', admin: 'down', wasUp: true }))).toBe('off');
    expect(portLook(port({ oper: null }))).toBe('unknown');
    expect(portSummary([port({}), port({ oper: 'down' }), port({ oper: 'down', wasUp: false }), port({ admin: 'down', oper: 'down' }), port({ inErrors: 0.5 })])).toEqual({ up: 2, down: 1, nolink: 1, off: 1, erroring: 1 });
  });

  it('load is the busier direction against the link speed, capped at full', () => {
    expect(utilisation(port({ inBps: 2.5e8, outBps: 5e8 }))).toBe(0.5);
    expect(utilisation(port({ inBps: 2e9 }))).toBe(1);
    expect(utilisation(port({ speedBps: 0, inBps: 1 }))).toBeNull();
    expect(utilisation(port({}))).toBeNull();
  });
});

describe('target form draft', () => {
  it('a new draft, filled in, is a target the contract accepts with its defaults', () => {
    const d = { ...newDraft(), host: ' 10.0.0.5 ', name: 'Core', profile: 'switch' as const };
    const t = SnmpTarget.parse(targetFromDraft(d));
    expect(t).toEqual({ host: '10.0.0.5', name: 'Core', port: 161, version: 'v2c', community: 'public', profile: 'switch', intervalS: 30, timeoutMs: 2000, retries: 1, enabled: true });
  });

  it('saved → draft → target round-trips, v3 and generic OIDs included', () => {
    const saved = SnmpTarget.parse({
      id: 'ups',
      host: 'ups.local',
      version: 'v3',
      v3: { user: 'mon', authKey: 'authpass1', privKey: 'privpass1', privProtocol: 'aes256b' },
      profile: 'generic',
      oids: [{ oid: '1.3.6.1.4.1.318.1.1.1.4.2.3.0', name: 'load', scale: 0.1, unit: '%' }],
      intervalS: 10,
    });
    expect(SnmpTarget.parse(targetFromDraft(draftFrom(saved)))).toEqual(saved);
  });

  it('text that is not a number goes to the core as typed, so its message names the field', () => {
    const t = targetFromDraft({ ...newDraft(), host: 'h', port: 'abc', intervalS: '' });
    expect(t.port).toBe('abc');
    expect('intervalS' in t).toBe(false);
    const r = SnmpTarget.safeParse(t);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['port']);
    expect(r.error!.issues[0]!.message).toBe('port must be a number');
  });
});

describe('blank secrets', () => {
  it('are left out, so the message says what is missing rather than how long it must be', () => {
    const d = { ...newDraft(), host: 'h', version: 'v3' as const, user: 'ops' };
    const r = SnmpTarget.safeParse(targetFromDraft(d));
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['v3.authKey', 'security level authPriv needs the auth password'],
      ['v3.privKey', 'security level authPriv needs the privacy password'],
    ]);
    const v2 = SnmpTarget.safeParse(targetFromDraft({ ...newDraft(), host: 'h', community: '' }));
    expect(v2.error!.issues[0]!.message).toBe('SNMPv2c needs the community (often "public")');
  });
});
