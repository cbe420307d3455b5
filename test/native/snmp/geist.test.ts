import { describe, expect, it } from 'vitest';
import { createGeistProfile, parseFirmwareVersion, serialOf, type GeistState } from '../../../native/snmp/profiles/geist.ts';
import type { ProfileResult } from '../../../native/snmp/profile.ts';
import { createSimGeist, simGeistClimate, simGeistSensors } from '../../../native/snmp/sim-mib.ts';
import type { Varbind } from '../../../native/snmp/varbind.ts';
import { inputFrom, pollMib, vb } from './snmp-helpers.ts';

const profile = createGeistProfile();
const now = 1_750_000_000_000;
const g = '1.3.6.1.4.1.21239.5.1';

/** PROTOCOLS.md §4.1 / Checkmk watchdog_sensors: a real firmware 3.2.0 walk. */
const walk320: Varbind[] = [
  vb(`.${g}.1.2.0`, 'OctetString', '3.2.0'),
  vb(`.${g}.1.7.0`, 'Integer', 1),
  vb(`.${g}.2.1.1.1`, 'Integer', 1),
  vb(`.${g}.2.1.2.1`, 'OctetString', '41D88039003580C3'),
  vb(`.${g}.2.1.3.1`, 'OctetString', 'RSGLDN Watchdog 15'),
  vb(`.${g}.2.1.4.1`, 'Integer', 1),
  vb(`.${g}.2.1.5.1`, 'Integer', 173),
  vb(`.${g}.2.1.6.1`, 'Integer', 46),
  vb(`.${g}.2.1.7.1`, 'Integer', 56),
];

/** The same source's firmware 3.0.0 walk (serial shown by net-snmp as Hex-STRING), in the order it was printed. */
const oldSerial = new Uint8Array([0x91, 0x54, 0x06, 0x9d, 0xc9, 0x54, 0x06, 0x9d, 0xe9, 0xc9, 0x06, 0x9d, 0xbd, 0x9b, 0x06, 0x9d]);
const walk300: Varbind[] = [
  vb(`.${g}.1.2.0`, 'OctetString', '3.0.0'),
  vb(`.${g}.1.7.0`, 'Integer', 1),
  vb(`.${g}.2.1.3.1`, 'OctetString', 'Data Center 1'),
  vb(`.${g}.2.1.5.1`, 'Integer', 1),
  vb(`.${g}.2.1.4.1`, 'OctetString', oldSerial),
  vb(`.${g}.2.1.6.1`, 'Integer', 199),
  vb(`.${g}.2.1.7.1`, 'Integer', 36),
  vb(`.${g}.2.1.8.1`, 'Integer', 44),
];

function values(result: ProfileResult<GeistState>, id: string): Record<string, [number, string]> {
  const d = result.devices.find((x) => x.sighting.id === id);
  if (!d) throw new Error(`no device ${id} in ${result.devices.map((x) => x.sighting.id).join(', ')}`);
  return Object.fromEntries(d.samples.map((s) => [s.metric, [s.value, s.unit]]));
}
const faults = (r: ProfileResult<unknown>) => r.badData.filter((b) => !b.notice);

describe('Geist Watchdog 100: the real walks of PROTOCOLS.md §4.1', () => {
  it('firmware 3.2.0 (MIB layout): 17.3 °C, 46 %, dew point 5.6 °C, named from the agent', () => {
    const r = profile.interpret(inputFrom(walk320, profile), undefined, now);
    expect(faults(r)).toEqual([]);
    expect(r.devices).toHaveLength(1);
    const d = r.devices[0]!;
    expect(d.sighting).toMatchObject({ id: 'snmp:10.0.0.5:geist:41D88039003580C3', kind: 'climate-monitor', source: 'snmp', parentId: null });
    expect(d.name).toEqual({ name: 'RSGLDN Watchdog 15' });
    expect(values(r, d.sighting.id)).toEqual({ temperature: [17.3, '°C'], humidity: [46, '%'], dewpoint: [5.6, '°C'] });
    expect(d.samples.every((s) => s.ts === now)).toBe(true);
    expect(d.attributes).toMatchObject({ firmware: '3.2.0', layout: 'mib' });
  });

  it('firmware 3.0.0 (shifted columns): "Data Center 1", 19.9 °C, 36 %, dew point 4.4 °C, serial from its bytes', () => {
    const r = profile.interpret(inputFrom(walk300, profile), undefined, now);
    expect(faults(r)).toEqual([]);
    expect(r.devices).toHaveLength(1);
    const id = 'snmp:10.0.0.5:geist:9154069DC954069DE9C9069DBD9B069D';
    expect(r.devices[0]!.name).toEqual({ name: 'Data Center 1' });
    expect(values(r, id)).toEqual({ temperature: [19.9, '°C'], humidity: [36, '%'], dewpoint: [4.4, '°C'] });
    expect(r.devices[0]!.attributes).toMatchObject({ layout: 'legacy' });
  });

  it('the old serial printed as spaced hex text gives the same id as the raw bytes', () => {
    expect(serialOf(vb('1.1', 'OctetString', '91 54 06 9D C9 54 06 9D E9 C9 06 9D BD 9B 06 9D '))).toBe('9154069DC954069DE9C9069DBD9B069D');
    expect(serialOf(vb('1.1', 'OctetString', oldSerial))).toBe('9154069DC954069DE9C9069DBD9B069D');
  });

  it('without productVersion the columns still tell the layout, both ways (with a notice, not a fault)', () => {
    const no320 = walk320.filter((v) => !v.oid.endsWith('.1.2.0'));
    const no300 = walk300.filter((v) => !v.oid.endsWith('.1.2.0'));
    const a = profile.interpret(inputFrom(no320, profile), undefined, now);
    const b = profile.interpret(inputFrom(no300, profile), undefined, now);
    expect(values(a, 'snmp:10.0.0.5:geist:41D88039003580C3').temperature).toEqual([17.3, '°C']);
    expect(values(b, 'snmp:10.0.0.5:geist:9154069DC954069DE9C9069DBD9B069D').temperature).toEqual([19.9, '°C']);
    expect(faults(a)).toEqual([]);
    expect(faults(b)).toEqual([]);
    expect(a.badData.some((x) => x.notice && /productVersion/.test(x.reason))).toBe(true);
  });

  it('a version that contradicts the columns is reported and the columns win', () => {
    const lying = walk300.map((v) => (v.oid.endsWith('.1.2.0') ? { ...v, value: '3.2.0' } : v));
    const r = profile.interpret(inputFrom(lying, profile), undefined, now);
    expect(values(r, 'snmp:10.0.0.5:geist:9154069DC954069DE9C9069DBD9B069D').humidity).toEqual([36, '%']);
    expect(faults(r).some((x) => /layout/.test(x.reason))).toBe(true);
  });

  it('parses firmware versions', () => {
    expect(parseFirmwareVersion('3.2.0')).toEqual([3, 2, 0]);
    expect(parseFirmwareVersion('v3.0')).toEqual([3, 0, 0]);
    expect(parseFirmwareVersion('Watchdog')).toBeUndefined();
  });
});

describe('Geist units, sensors and availability', () => {
  it('converts °F readings to °C (temperatureUnits 0), humidity untouched', () => {
    const f = walk320.map((v) => {
      if (v.oid.endsWith('.1.7.0')) return { ...v, value: 0 };
      if (v.oid.endsWith('.2.1.5.1')) return { ...v, value: 773 }; // 77.3 °F
      if (v.oid.endsWith('.2.1.7.1')) return { ...v, value: 410 }; // 41.0 °F
      return v;
    });
    const r = profile.interpret(inputFrom(f, profile), undefined, now);
    // (77.3 − 32) × 5/9 = 25.1666… ; (41 − 32) × 5/9 = 5
    expect(values(r, 'snmp:10.0.0.5:geist:41D88039003580C3')).toEqual({ temperature: [25.17, '°C'], humidity: [46, '%'], dewpoint: [5, '°C'] });
  });

  it('an unknown temperatureUnits value leaves temperatures out; a missing one assumes °C and says so', () => {
    const weird = walk320.map((v) => (v.oid.endsWith('.1.7.0') ? { ...v, value: 7 } : v));
    const r = profile.interpret(inputFrom(weird, profile), undefined, now);
    expect(Object.keys(values(r, 'snmp:10.0.0.5:geist:41D88039003580C3'))).toEqual(['humidity']);
    expect(faults(r)[0]!.oid).toBe(`${g}.1.7.0`);
    const missing = profile.interpret(inputFrom(walk320.filter((v) => !v.oid.endsWith('.1.7.0')), profile), undefined, now);
    expect(values(missing, 'snmp:10.0.0.5:geist:41D88039003580C3').temperature).toEqual([17.3, '°C']);
    expect(faults(missing).some((x) => /assuming °C/.test(x.reason))).toBe(true);
  });

  const full: Varbind[] = [
    ...walk320,
    vb(`${g}.4.1.1.1`, 'Integer', 1),
    vb(`${g}.4.1.2.1`, 'OctetString', '7E000A1B2CC3D401'),
    vb(`${g}.4.1.3.1`, 'OctetString', 'Rack intake'),
    vb(`${g}.4.1.4.1`, 'Integer', 1),
    vb(`${g}.4.1.5.1`, 'Integer', 221),
    vb(`${g}.4.1.1.2`, 'Integer', 2),
    vb(`${g}.4.1.2.2`, 'OctetString', '7E000A1B2CC3D402'),
    vb(`${g}.4.1.3.2`, 'OctetString', 'Rack exhaust'),
    vb(`${g}.4.1.4.2`, 'Integer', 1),
    vb(`${g}.4.1.5.2`, 'Integer', -45),
    vb(`${g}.5.1.2.1`, 'OctetString', 'A3F00D0001000001'),
    vb(`${g}.5.1.3.1`, 'OctetString', 'Top of rack'),
    vb(`${g}.5.1.4.1`, 'Integer', 1),
    vb(`${g}.5.1.5.1`, 'Integer', 250),
    vb(`${g}.5.1.6.1`, 'Integer', 64),
    vb(`${g}.5.1.7.1`, 'Integer', 38),
    vb(`${g}.5.1.8.1`, 'Integer', 96),
  ];
  const internalId = 'snmp:10.0.0.5:geist:41D88039003580C3';

  it('remote probes and airflow sensors are devices of their own under the internal sensor', () => {
    const r = profile.interpret(inputFrom(full, profile), undefined, now);
    expect(faults(r)).toEqual([]);
    const probe = r.devices.find((d) => d.sighting.id === 'snmp:10.0.0.5:geist:7E000A1B2CC3D402')!;
    expect(probe.sighting).toMatchObject({ kind: 'temperature-probe', parentId: internalId });
    expect(probe.name).toEqual({ name: 'Rack exhaust' });
    expect(values(r, probe.sighting.id)).toEqual({ temperature: [-4.5, '°C'] });
    expect(values(r, 'snmp:10.0.0.5:geist:7E000A1B2CC3D401')).toEqual({ temperature: [22.1, '°C'] });
    const flow = r.devices.find((d) => d.sighting.id === 'snmp:10.0.0.5:geist:A3F00D0001000001')!;
    expect(flow.sighting).toMatchObject({ kind: 'climate-monitor', parentId: internalId });
    expect(values(r, flow.sighting.id)).toEqual({ temperature: [25, '°C'], airflow: [64, '%'], humidity: [38, '%'], dewpoint: [9.6, '°C'] });
  });

  it('ids follow the serial, not the row: a probe moved to another index keeps its id', () => {
    const moved = full.map((v) => (v.oid.startsWith(`${g}.4.1.`) ? { ...v, oid: v.oid.replace(/\.(\d)$/, (_m, i: string) => `.${Number(i) + 5}`) } : v));
    const ids = (vbs: Varbind[]) => profile.interpret(inputFrom(vbs, profile), undefined, now).devices.map((d) => d.sighting.id).sort();
    expect(ids(moved)).toEqual(ids(full));
  });

  it('an unavailable sensor gives no device and no samples; becoming unavailable and coming back are events, but not on the first poll', () => {
    const setAvail = (a: number) => full.map((v) => (v.oid === `${g}.4.1.4.2` ? { ...v, value: a } : v));
    const exhaust = 'snmp:10.0.0.5:geist:7E000A1B2CC3D402';
    const first = profile.interpret(inputFrom(setAvail(0), profile), undefined, now);
    expect(first.devices.some((d) => d.sighting.id === exhaust)).toBe(false);
    expect(first.events).toEqual([]);
    expect(first.badData.find((b) => b.oid === `${g}.4.1.4.2`)).toMatchObject({ notice: true });
    const back = profile.interpret(inputFrom(setAvail(1), profile), first.state, now + 30_000);
    expect(back.events).toEqual([{ severity: 'info', deviceId: exhaust, message: expect.stringContaining('Rack exhaust') }]);
    const gone = profile.interpret(inputFrom(setAvail(0), profile), back.state, now + 60_000);
    expect(gone.events).toEqual([{ severity: 'warn', deviceId: exhaust, message: expect.stringContaining('unavailable') }]);
    const still = profile.interpret(inputFrom(setAvail(0), profile), gone.state, now + 90_000);
    expect(still.events).toEqual([]);
  });

  it('a value of the wrong type or out of range is bad data, never a sample', () => {
    const broken = full.map((v) => {
      if (v.oid === `${g}.4.1.5.1`) return { ...v, type: 'OctetString' as const, value: '22.1' };
      if (v.oid === `${g}.5.1.7.1`) return { ...v, value: 180 };
      if (v.oid === `${g}.2.1.6.1`) return { ...v, type: 'NoSuchInstance' as const, value: null };
      return v;
    });
    const r = profile.interpret(inputFrom(broken, profile), undefined, now);
    expect(values(r, 'snmp:10.0.0.5:geist:7E000A1B2CC3D401')).toEqual({});
    expect(values(r, 'snmp:10.0.0.5:geist:A3F00D0001000001').humidity).toBeUndefined();
    expect(values(r, internalId).humidity).toBeUndefined();
    expect(faults(r).map((b) => b.oid).sort()).toEqual([`${g}.2.1.6.1`, `${g}.4.1.5.1`, `${g}.5.1.7.1`]);
  });
});

describe('Geist simulated agent through the profile', () => {
  const bootAt = now - 3 * 86_400_000;
  const t = now + 123_456;
  const expected = simGeistClimate(t, bootAt);
  const sensors = simGeistSensors();
  const host = { host: '127.0.0.1', port: 16161 };

  it('reads what the simulated Watchdog serves (°C, firmware 3.2.0)', () => {
    const r = profile.interpret(pollMib(createSimGeist({ bootAt }), profile, t, host), undefined, t);
    expect(faults(r)).toEqual([]);
    expect(r.devices).toHaveLength(4);
    const internal = values(r, `snmp:127.0.0.1:16161:geist:${sensors.internal.serial}`);
    expect(internal.temperature![0]).toBeCloseTo(expected.internal.temp, 1);
    expect(values(r, `snmp:127.0.0.1:16161:geist:${sensors.probes[1]!.serial}`).temperature![0]).toBeCloseTo(expected.probes[1]!, 1);
    expect(values(r, `snmp:127.0.0.1:16161:geist:${sensors.airflow.serial}`).airflow![0]).toBe(Math.round(expected.airflow.flow));
  });

  it('old firmware and °F versions of the same agent give the same readings in °C', () => {
    const a = profile.interpret(pollMib(createSimGeist({ bootAt }), profile, t, host), undefined, t);
    const b = profile.interpret(pollMib(createSimGeist({ bootAt, fahrenheit: true }), profile, t, host), undefined, t);
    const c = profile.interpret(pollMib(createSimGeist({ bootAt, firmware: 'legacy' }), profile, t, host), undefined, t);
    // The old firmware serves the serial as binary; its hex is the text serial, so the ids don't change.
    const ids = (r: typeof a) => r.devices.map((d) => d.sighting.id).sort();
    expect(ids(c)).toEqual(ids(a));
    expect(ids(b)).toEqual(ids(a));
    for (const other of [b, c]) {
      expect(faults(other)).toEqual([]);
      for (const d of a.devices) {
        const mine = values(a, d.sighting.id);
        const theirs = values(other, d.sighting.id);
        expect(Object.keys(theirs).sort()).toEqual(Object.keys(mine).sort());
        // °F is served in tenths of a °F: converting back differs by at most 0.1 °F ≈ 0.06 °C
        for (const [metric, [v]] of Object.entries(theirs)) expect(Math.abs(v - mine[metric]![0]), `${d.sighting.id} ${metric}`).toBeLessThanOrEqual(0.06);
      }
    }
  });

  it('the exhaust probe runs hot: above 35 °C at some point in every 4 minutes', () => {
    const mib = createSimGeist({ bootAt });
    const temps = Array.from({ length: 24 }, (_, k) => {
      const at = t + k * 10_000;
      return values(profile.interpret(pollMib(mib, profile, at, host), undefined, at), `snmp:127.0.0.1:16161:geist:${sensors.probes[1]!.serial}`).temperature![0];
    });
    expect(Math.max(...temps)).toBeGreaterThan(35);
    expect(Math.min(...temps)).toBeLessThan(33);
  });
});
