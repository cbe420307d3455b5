import { describe, expect, it } from 'vitest';
import { decodeGatewayMessage } from '../../../native/ble/gateway.ts';
import { decodeHciEvent } from '../../../native/ble/decode.ts';
import { BLE_UNITS, unitFor, type DecodeOk } from '../../../native/ble/result.ts';
import { bleDeviceId, samplesFor, sightingFor } from '../../../native/ble/sighting.ts';
import { bytes } from './helpers.ts';
import { BLE_MONITOR } from './vectors.ts';

const decoded = (model: string, readings: Record<string, number>, battery?: number): DecodeOk => ({ ok: true, model, readings, errors: [], ...(battery === undefined ? {} : { battery }) });

describe('sightings', () => {
  it('one id per sensor however it is heard: ble:<MAC upper case with colons>', () => {
    expect(bleDeviceId('a4c138dddbf8')).toBe('ble:A4:C1:38:DD:DB:F8');
    expect(bleDeviceId('a4-c1-38-dd-db-f8')).toBe('ble:A4:C1:38:DD:DB:F8');
    // A direct scan (HCI) and a gateway message for the same H5075 give the same device id.
    const hci = decodeHciEvent(bytes(BLE_MONITOR.find((v) => v.id.startsWith('B5'))!.hex))[0] as DecodeOk;
    const gw = decodeGatewayMessage({ id: 'a4:c1:38:61:bb:aa', name: 'GVH5075_CB9B', manufacturerdata: '88ec0003215d6400' }) as DecodeOk;
    expect(sightingFor(hci.mac!, hci).id).toBe(sightingFor(gw.mac!, gw).id);
    expect(() => bleDeviceId('61DE521B-F0BF-9F44-64D4-75BBE1738105')).toThrow(RangeError);
  });

  it('kind, model, source, battery and RSSI', () => {
    expect(sightingFor('A4:C1:38:DD:DB:F8', decoded('H5075', { temperature: 20, battery: 87 }, 87), -70)).toEqual({
      id: 'ble:A4:C1:38:DD:DB:F8',
      kind: 'thermo-hygrometer',
      model: 'H5075',
      source: 'ble',
      rssi: -70,
      battery: 87,
    });
    expect(sightingFor('A4:C1:38:2F:AF:55', decoded('H5055', {})).kind).toBe('meat-probe');
    expect(sightingFor('A4:C1:38:2F:AF:55', decoded('H5198', {})).kind).toBe('meat-probe');
    expect(sightingFor('A4:C1:38:00:00:01', decoded('H5106', {})).kind).toBe('other');
    expect(sightingFor('A4:C1:38:00:00:01', decoded('H5140', {})).kind).toBe('other');
    expect(sightingFor('A4:C1:38:00:00:01', decoded('H5072/H5075', {})).kind).toBe('thermo-hygrometer');
  });

  it('no battery in the packet → none on the sighting (a known battery is not overwritten); RSSI falls back to the decode', () => {
    const s = sightingFor('A4:C1:38:DF:C5:45', { ...decoded('H5178', { remote_temperature: 19.5, remote_battery: 100 }), rssi: -65 });
    expect('battery' in s).toBe(false);
    expect(s.rssi).toBe(-65);
  });
});

describe('samples', () => {
  it('one sample per reading with its unit and time; battery stays on the sighting', () => {
    const r = decoded('H5075', { temperature: 21.6, humidity: 49.8, battery: 100 }, 100);
    expect(samplesFor(r, 1000)).toEqual([
      { metric: 'temperature', unit: '°C', value: 21.6, ts: 1000 },
      { metric: 'humidity', unit: '%', value: 49.8, ts: 1000 },
    ]);
  });

  it('probes, setpoints, air quality and the H5178 remote (whose battery has no device to live on)', () => {
    const units = (readings: Record<string, number>) => Object.fromEntries(samplesFor(decoded('x', readings), 0).map((s) => [s.metric, s.unit]));
    expect(units({ probe1: 60, setpoint1: 63, setpoint1_low: 2, probe6: 20 })).toEqual({ probe1: '°C', setpoint1: '°C', setpoint1_low: '°C', probe6: '°C' });
    expect(units({ pm25: 3, co2: 600 })).toEqual({ pm25: 'µg/m³', co2: 'ppm' });
    expect(units({ remote_temperature: 1, remote_humidity: 99.9, remote_battery: 50 })).toEqual({ remote_temperature: '°C', remote_humidity: '%', remote_battery: '%' });
    expect(units({ probe1: 21, probe1_humidity: 33 })).toEqual({ probe1: '°C', probe1_humidity: '%' });
  });

  it('the units table', () => {
    expect(BLE_UNITS.temperature).toBe('°C');
    expect(BLE_UNITS.humidity).toBe('%');
    expect(BLE_UNITS.battery).toBe('%');
    expect(BLE_UNITS.pm25).toBe('µg/m³');
    expect(BLE_UNITS.co2).toBe('ppm');
    expect(unitFor('probe3')).toBe('°C');
    expect(unitFor('setpoint6_low')).toBe('°C');
    expect(unitFor('probe7')).toBe('');
    expect(Object.isFrozen(BLE_UNITS)).toBe(true);
  });
});
