import { describe, expect, it } from 'vitest';
import { createGenericProfile } from '../../../native/snmp/profiles/generic.ts';
import { inputFrom, vb } from './snmp-helpers.ts';

const now = 1_750_000_000_000;
const ups = '1.3.6.1.2.1.33.1';

describe('generic profile', () => {
  const profile = createGenericProfile({
    oids: [
      { oid: `.${ups}.2.7.0`, name: 'Battery Temperature', scale: 0.1, offset: -1, unit: '°C' },
      { oid: `${ups}.2.4.0`, name: 'runtime', scale: 60, unit: 's' },
      { oid: `${ups}.4.4.1.5.1`, name: 'load', unit: '%' },
      { oid: '1.3.6.1.4.1.2021.10.1.3.1', name: 'load1' },
      { oid: '1.3.6.1.4.1.99.1.0', name: 'octets' },
      { oid: '1.3.6.1.4.1.99.2.0', name: 'float' },
    ],
  });

  it('asks for exactly the configured OIDs (leading dot dropped) and walks nothing', () => {
    expect(profile.get).toEqual([`${ups}.2.7.0`, `${ups}.2.4.0`, `${ups}.4.4.1.5.1`, '1.3.6.1.4.1.2021.10.1.3.1', '1.3.6.1.4.1.99.1.0', '1.3.6.1.4.1.99.2.0']);
    expect(profile.walk).toEqual([]);
  });

  it('value × scale + offset, with the user\'s names and units, on one device per target', () => {
    const r = profile.interpret(
      inputFrom(
        [
          vb(`${ups}.2.7.0`, 'Integer', 235),
          vb(`${ups}.2.4.0`, 'Integer', 42),
          vb(`${ups}.4.4.1.5.1`, 'Gauge32', 37),
          vb('1.3.6.1.4.1.2021.10.1.3.1', 'OctetString', '0.42'),
          vb('1.3.6.1.4.1.99.1.0', 'Counter64', 12345678901234n),
          vb('1.3.6.1.4.1.99.2.0', 'Opaque', new Uint8Array([0x9f, 0x78, 0x04, 0x41, 0xbc, 0x00, 0x00])),
        ],
        profile,
        { host: 'UPS-1.local', port: 1161 },
      ),
      undefined,
      now,
    );
    expect(r.badData).toEqual([]);
    expect(r.devices).toHaveLength(1);
    expect(r.devices[0]!.sighting).toEqual({ id: 'snmp:ups-1.local:1161', kind: 'other', model: 'SNMP agent', source: 'snmp' });
    const got = Object.fromEntries(r.devices[0]!.samples.map((s) => [s.metric, [s.value, s.unit]]));
    expect(got).toEqual({
      battery_temperature: [22.5, '°C'], // 235 × 0.1 − 1
      runtime: [2520, 's'],
      load: [37, '%'],
      load1: [0.42, ''],
      octets: [12345678901234, ''],
      float: [23.5, ''],
    });
  });

  it('wrong types and missing objects are bad data, never samples', () => {
    const r = profile.interpret(
      inputFrom(
        [
          vb(`${ups}.2.7.0`, 'OctetString', 'warm'),
          vb(`${ups}.2.4.0`, 'NoSuchObject', null),
          vb(`${ups}.4.4.1.5.1`, 'IpAddress', '10.0.0.1'),
          vb('1.3.6.1.4.1.2021.10.1.3.1', 'OctetString', 'NaN'),
          vb('1.3.6.1.4.1.99.1.0', 'Counter64', 1n << 70n),
        ],
        profile,
      ),
      undefined,
      now,
    );
    expect(r.devices[0]!.samples).toEqual([]);
    expect(r.badData.map((b) => b.oid)).toEqual([`${ups}.2.7.0`, `${ups}.2.4.0`, `${ups}.4.4.1.5.1`, '1.3.6.1.4.1.2021.10.1.3.1', '1.3.6.1.4.1.99.1.0', '1.3.6.1.4.1.99.2.0']);
  });

  it('a scale that overflows is bad data, not Infinity', () => {
    const p = createGenericProfile({ oids: [{ oid: '1.3.6.1.4.1.1.0', name: 'x', scale: 1e308 }] });
    const r = p.interpret(inputFrom([vb('1.3.6.1.4.1.1.0', 'Integer', 100)], p), undefined, now);
    expect(r.devices[0]!.samples).toEqual([]);
    expect(r.badData).toHaveLength(1);
  });

  it('a broken configuration entry is skipped and reported on every poll', () => {
    const p = createGenericProfile({ oids: [{ oid: 'sysUpTime.0', name: 'up' }, { oid: '1.3.6.1.2.1.1.3.0', name: 'up', scale: Number.NaN }, { oid: '1.3.6.1.2.1.1.7.0', name: 'services' }, { oid: '1.3.6.1.2.1.1.8.0', name: 'Services' }] });
    expect(p.get).toEqual(['1.3.6.1.2.1.1.7.0']);
    const r = p.interpret(inputFrom([vb('1.3.6.1.2.1.1.7.0', 'Integer', 72)], p), undefined, now);
    expect(r.devices[0]!.samples.map((s) => s.value)).toEqual([72]);
    expect(r.badData.map((b) => b.reason)).toEqual([expect.stringMatching(/not a numeric OID/), expect.stringMatching(/scale/), expect.stringMatching(/used twice/)]);
  });
});
