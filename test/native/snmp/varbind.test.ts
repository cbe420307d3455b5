import { describe, expect, it } from 'vitest';
import {
  compareOids,
  extractTable,
  isValidOid,
  normalizeOid,
  readCounter32,
  readCounter64,
  readInteger,
  readNumber,
  readOpaqueFloat,
  readString,
  readUnsigned32,
  type TableProblems,
} from '../../../native/snmp/varbind.ts';
import { vb } from './snmp-helpers.ts';

describe('varbind readers', () => {
  it('read Integer32 only from Integer, within range', () => {
    expect(readInteger(vb('1.1', 'Integer', -5))).toBe(-5);
    expect(readInteger(vb('1.1', 'Integer', 2147483647))).toBe(2147483647);
    expect(readInteger(vb('1.1', 'Integer', 2147483648))).toBeUndefined();
    expect(readInteger(vb('1.1', 'Integer', 1.5))).toBeUndefined();
    expect(readInteger(vb('1.1', 'Integer', '12'))).toBeUndefined();
    expect(readInteger(vb('1.1', 'Gauge32', 12))).toBeUndefined();
    expect(readInteger(vb('1.1', 'NoSuchObject', null))).toBeUndefined();
    expect(readInteger(undefined)).toBeUndefined();
  });

  it('read unsigned 32-bit values and Counter32 strictly', () => {
    expect(readUnsigned32(vb('1.1', 'TimeTicks', 4294967295))).toBe(4294967295);
    expect(readUnsigned32(vb('1.1', 'Gauge32', -1))).toBeUndefined();
    expect(readUnsigned32(vb('1.1', 'Counter32', 4294967296))).toBeUndefined();
    expect(readCounter32(vb('1.1', 'Counter32', 7))).toBe(7);
    expect(readCounter32(vb('1.1', 'Gauge32', 7))).toBeUndefined();
  });

  it('read Counter64 from bigint, number and big-endian bytes (net-snmp Buffer), rejecting ≥ 2^64', () => {
    expect(readCounter64(vb('1.1', 'Counter64', 18446744073709551615n))).toBe(18446744073709551615n);
    expect(readCounter64(vb('1.1', 'Counter64', 18446744073709551616n))).toBeUndefined();
    expect(readCounter64(vb('1.1', 'Counter64', -1n))).toBeUndefined();
    expect(readCounter64(vb('1.1', 'Counter64', 1234))).toBe(1234n);
    expect(readCounter64(vb('1.1', 'Counter64', new Uint8Array([0x01, 0x00, 0x00, 0x00, 0x00])))).toBe(4294967296n);
    // BER adds a zero byte in front of values with the top bit set: 9 bytes are still a valid Counter64
    expect(readCounter64(vb('1.1', 'Counter64', new Uint8Array([0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])))).toBe(18446744073709551615n);
    expect(readCounter64(vb('1.1', 'Counter64', new Uint8Array([1, 0, 0, 0, 0, 0, 0, 0, 0])))).toBeUndefined();
    expect(readCounter64(vb('1.1', 'Counter64', new Uint8Array(10)))).toBeUndefined();
    expect(readCounter64(vb('1.1', 'Counter32', 5))).toBeUndefined();
  });

  it('read an Opaque float and double as NET-SNMP encodes them', () => {
    // 23.5 as IEEE-754 single = 0x41BC0000, double = 0x4037800000000000
    expect(readOpaqueFloat(new Uint8Array([0x9f, 0x78, 0x04, 0x41, 0xbc, 0x00, 0x00]))).toBe(23.5);
    expect(readOpaqueFloat(new Uint8Array([0x9f, 0x79, 0x08, 0x40, 0x37, 0x80, 0, 0, 0, 0, 0]))).toBe(23.5);
    expect(readOpaqueFloat(new Uint8Array([0x44, 0x07, 0x9f, 0x78, 0x04, 0x41, 0xbc, 0x00, 0x00]))).toBe(23.5);
    // NaN as a float is not a number we accept
    expect(readOpaqueFloat(new Uint8Array([0x9f, 0x78, 0x04, 0x7f, 0xc0, 0x00, 0x00]))).toBeUndefined();
    expect(readNumber(vb('1.1', 'Opaque', new Uint8Array([0x9f, 0x78, 0x04, 0x41, 0xbc, 0x00, 0x00])))).toBe(23.5);
  });

  it('read text from strings or bytes, dropping NUL padding and capping at 255', () => {
    expect(readString(vb('1.1', 'OctetString', new TextEncoder().encode('Rack 1\0\0')))).toBe('Rack 1');
    expect(readString(vb('1.1', 'OctetString', 'x'.repeat(300)))!.length).toBe(255);
    expect(readString(vb('1.1', 'Integer', 5))).toBeUndefined();
  });
});

describe('OIDs', () => {
  it('validate and normalise', () => {
    expect(normalizeOid('.1.3.6.1.2.1.1.3.0')).toBe('1.3.6.1.2.1.1.3.0');
    expect(isValidOid('1.3.6.1')).toBe(true);
    for (const bad of ['', '.', '1..3', '1.3.', 'a.b', '1.3.4294967296', '1.03', ' 1.3', '1.3.6.-1']) expect(isValidOid(bad), bad).toBe(false);
  });

  it('sort numerically, sub-identifier by sub-identifier, prefix first', () => {
    const shuffled = ['1.3.6.1.2.1.2.2.1.10.1', '1.3.6.1.2.1.2.2.1.2.10', '1.3.6.1.2.1.2.2.1.2.9', '1.3.6.1.2.1.2.2.1', '1.3.6.1.2.1.2.2.1.2.1'];
    expect([...shuffled].sort(compareOids)).toEqual(['1.3.6.1.2.1.2.2.1', '1.3.6.1.2.1.2.2.1.2.1', '1.3.6.1.2.1.2.2.1.2.9', '1.3.6.1.2.1.2.2.1.2.10', '1.3.6.1.2.1.2.2.1.10.1']);
    expect(compareOids('1.3.99999999999999999999', '1.3.100000000000000000000')).toBeLessThan(0);
    expect(compareOids('1.3.6', '1.3.6')).toBe(0);
  });
});

describe('extractTable', () => {
  it('groups a walk into rows by index and column, in index order, ignoring other OIDs and exceptions', () => {
    const entry = '1.3.6.1.2.1.2.2.1';
    const walk = [
      vb(`${entry}.2.10`, 'OctetString', 'ten'),
      vb(`${entry}.2.2`, 'OctetString', 'two'),
      vb(`${entry}.8.2`, 'Integer', 1),
      vb('1.3.6.1.2.1.2.2.10.1', 'Integer', 9),
      vb(`${entry}.8.10`, 'EndOfMibView', null),
    ];
    const rows = extractTable([walk], entry);
    expect([...rows.keys()]).toEqual(['2', '10']);
    expect(rows.get('2')!.get(8)!.value).toBe(1);
    expect(rows.get('10')!.has(8)).toBe(false);
  });

  it('keeps a noSuchInstance inside a walk as the cell (so the profile can report it), skips endOfMibView', () => {
    const entry = '1.3.6.1.2.1.2.2.1';
    const rows = extractTable([[vb(`${entry}.8.1`, 'NoSuchInstance', null), vb(`${entry}.8.2`, 'EndOfMibView', null)]], entry);
    expect(rows.get('1')!.get(8)!.type).toBe('NoSuchInstance');
    expect(rows.has('2')).toBe(false);
  });

  it('given the map of walks, reads only walks keyed at, under or above the table', () => {
    const entry = '1.3.6.1.2.1.2.2.1';
    const walks = new Map([
      [`${entry}.8`, [vb(`${entry}.8.1`, 'Integer', 1)]],
      ['1.3.6.1.2.1.2.2', [vb(`${entry}.7.1`, 'Integer', 1)]],
      // overshoot of an unrelated walk is not this table's answer
      ['1.3.6.1.2.1.1', [vb(`${entry}.10.1`, 'Counter32', 5)]],
    ]);
    expect([...extractTable(walks, entry).get('1')!.keys()].sort()).toEqual([7, 8]);
  });

  it('keeps the first of two differing answers for one OID and reports it', () => {
    const entry = '1.3.6.1.4.1.4526.10.43.1.8.1';
    const problems: TableProblems = { duplicates: [] };
    const rows = extractTable([[vb(`${entry}.5.1.1`, 'Integer', 40)], [vb(`${entry}.5.1.1`, 'Integer', 99), vb(`${entry}.5.1.1`, 'Integer', 40)]], entry, problems);
    expect(rows.get('1.1')!.get(5)!.value).toBe(40);
    expect(problems.duplicates).toEqual([`${entry}.5.1.1`]);
  });
});
