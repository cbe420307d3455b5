import { describe, expect, it } from 'vitest';
import { createSimGeist, createSimMib, createSimSwitch, snmprecLine } from '../../../native/snmp/sim-mib.ts';
import { compareOids } from '../../../native/snmp/varbind.ts';

const t = 1_750_000_000_000;

describe('simulated MIB', () => {
  const mib = createSimSwitch({ bootAt: t - 86_400_000 });

  it('walks the whole tree in OID order with getNext, ending in endOfMibView', () => {
    const seen: string[] = [];
    let at = '0';
    for (;;) {
      const v = mib.getNext(at, t);
      if (v.type === 'EndOfMibView') break;
      seen.push(v.oid);
      at = v.oid;
    }
    expect(seen).toEqual(mib.oids);
    expect([...seen].sort(compareOids)).toEqual(seen);
    expect(seen.length).toBeGreaterThan(150);
  });

  it('getNext from an OID that is not there lands on the next one', () => {
    expect(mib.getNext('1.3.6.1.2.1.2.2.1.8', t).oid).toBe('1.3.6.1.2.1.2.2.1.8.1');
    expect(mib.getNext('1.3.6.1.2.1.2.2.1.8.10', t).oid).toBe('1.3.6.1.2.1.2.2.1.8.661');
    expect(mib.getNext('.1.3.6.1.2.1.1.3.0', t).oid).toBe('1.3.6.1.2.1.1.5.0');
    expect(mib.getNext('9', t).type).toBe('EndOfMibView');
  });

  it('get answers values, noSuchInstance for a missing row, noSuchObject for an unknown object', () => {
    expect(mib.get('1.3.6.1.2.1.1.5.0', t)).toEqual({ oid: '1.3.6.1.2.1.1.5.0', type: 'OctetString', value: 'show-core-switch' });
    expect(mib.get('1.3.6.1.2.1.1.3.0', t)).toEqual({ oid: '1.3.6.1.2.1.1.3.0', type: 'TimeTicks', value: 8_640_000 });
    expect(mib.get('1.3.6.1.2.1.2.2.1.8.99', t).type).toBe('NoSuchInstance');
    expect(mib.get('1.3.6.1.4.1.9.9.9.0', t).type).toBe('NoSuchObject');
    expect(mib.get('garbage', t).type).toBe('NoSuchObject');
  });

  it('getBulk returns n successive getNext answers', () => {
    const bulk = mib.getBulk('1.3.6.1.2.1.31.1.1.1.6', 3, t);
    expect(bulk.map((v) => v.oid)).toEqual(['1.3.6.1.2.1.31.1.1.1.6.1', '1.3.6.1.2.1.31.1.1.1.6.2', '1.3.6.1.2.1.31.1.1.1.6.3']);
    expect(bulk.every((v) => v.type === 'Counter64' && typeof v.value === 'bigint')).toBe(true);
    const tail = mib.getBulk(mib.oids[mib.oids.length - 2]!, 5, t);
    expect(tail.map((v) => v.type)).toEqual([expect.any(String), 'EndOfMibView']);
  });

  it('is a pure function of time: counters rise, the same instant gives the same answer', () => {
    const c = '1.3.6.1.2.1.31.1.1.1.6.1';
    expect(mib.get(c, t)).toEqual(mib.get(c, t));
    expect((mib.get(c, t + 30_000).value as bigint) > (mib.get(c, t).value as bigint)).toBe(true);
    const geist = createSimGeist({ bootAt: t });
    const temp = '1.3.6.1.4.1.21239.5.1.2.1.5.1';
    expect(geist.get(temp, t + 600_000).value).not.toBe(geist.get(temp, t).value);
  });

  it('dumps snmpsim .snmprec lines with the right type tags', () => {
    const rec = mib.snmprec(t).trimEnd().split('\n');
    expect(rec).toHaveLength(mib.oids.length);
    expect(rec).toContain('1.3.6.1.2.1.1.5.0|4|show-core-switch');
    expect(rec).toContain('1.3.6.1.2.1.1.3.0|67|8640000');
    expect(rec.find((l) => l.startsWith('1.3.6.1.2.1.31.1.1.1.6.1|'))).toMatch(/^[\d.]+\|70\|\d+$/);
    expect(rec.find((l) => l.startsWith('1.3.6.1.2.1.2.2.1.10.1|'))).toMatch(/^[\d.]+\|65\|\d+$/);
    expect(rec.find((l) => l.startsWith('1.3.6.1.2.1.2.2.1.5.1|'))).toMatch(/^[\d.]+\|66\|\d+$/);
    expect(rec.find((l) => l.startsWith('1.3.6.1.2.1.1.2.0|'))).toBe('1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.4526.100');
    expect(rec.every((l) => /^[\d.]+\|\d+x?\|[^\n]*$/.test(l))).toBe(true);
    expect(createSimGeist().snmprec(t)).toContain('1.3.6.1.4.1.21239.5.1.1.4.0|4x|001985102001\n');
    expect(snmprecLine({ oid: '1.2', type: 'OctetString', value: 'a|b' })).toBe('1.2|4x|617c62');
  });

  it('a MIB from cells keeps the first of duplicate OIDs and sorts them', () => {
    const m = createSimMib([
      { oid: '1.3.10', read: () => ['Integer', 10] },
      { oid: '1.3.9', read: () => ['Integer', 9] },
      { oid: '1.3.9', read: () => ['Integer', 99] },
    ]);
    expect(m.oids).toEqual(['1.3.9', '1.3.10']);
    expect(m.get('1.3.9', 0).value).toBe(9);
  });
});
