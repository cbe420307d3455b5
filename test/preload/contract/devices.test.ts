import { describe, expect, it } from 'vitest';
import { methods, nameProblem, staleAfterSFor } from '../../../preload/contract/index.ts';

describe('"needs a name": auto-generated names are spotted', () => {
  it.each([
    // The brief's examples and what gateways, BLE adverts and firmware really send (PROTOCOLS.md §1.5.4, §1.6).
    ['h5075_5a9', 'the factory name'],
    ['GVH5075_1A2B', 'the factory name'],
    ['GVH5105_5D6F', 'the factory name'],
    ['GV5179_1767', 'the factory name'],
    ['Govee_H5074_1234', 'the factory name'],
    ['B5178C545', 'the factory name'],
    ['ihoment_H6199_AB12', 'the factory name'],
    ['ESP32-1A2B3C', 'the factory name'],
    ['tasmota_5A3F2B-1234', 'the factory name'],
    ['shellyplus1-a8032ab12345', 'an address, not a name'],
    ['A4:C1:38:DD:DB:F8', 'an address, not a name'],
    ['a4c138dddbf8', 'an address, not a name'],
    ['ble:A4:C1:38:DD:DB:F8', 'an address, not a name'],
    ['Sensor A4C138DDDBF8', 'an address, not a name'],
    ['', 'no name'],
    ['   ', 'no name'],
  ])('%s → %s', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });

  it('no name at all, and the id itself, need a name', () => {
    expect(nameProblem(null)).toBe('no name');
    expect(nameProblem('snmp:watchdog:geist:7E00', 'snmp:watchdog:geist:7E00')).toBe('the device id');
  });

  it.each(['Stage left', 'FOH rack', 'Bar fridge', 'Rack 2 exhaust', 'H5075 by the bar', 'Dressing room 5075', 'UPS 1', 'Genny', 'Cool room 2'])('a name a person gave (%s) is fine', (name) => {
    expect(nameProblem(name)).toBeNull();
  });
});

describe('stale after, per device', () => {
  it('three expected intervals when the source says how often the device reports, else the site setting', () => {
    expect(staleAfterSFor(120, 600)).toBe(360);
    expect(staleAfterSFor(10, 600)).toBe(30);
    expect(staleAfterSFor(1, 600)).toBe(5);
    expect(staleAfterSFor(null, 600)).toBe(600);
    expect(staleAfterSFor(undefined, 120)).toBe(120);
    expect(staleAfterSFor(0, 120)).toBe(120);
  });
});

describe('registry tool params', () => {
  it('give human messages', () => {
    const bulk = methods['devices.bulkRename'].params.safeParse({ rows: [{ id: 'a', name: 'x' }, { id: 'a', room: 'y' }, { id: 'b' }] });
    expect(bulk.success).toBe(false);
    expect(bulk.error?.issues.map((i) => i.message)).toEqual(['a appears twice', 'row for b sets nothing: give a name, room or notes']);
    expect(methods['devices.merge'].params.safeParse({ from: 'a', into: 'a' }).error?.issues[0]?.message).toBe('pick two different devices');
    expect(methods['devices.setRoom'].params.safeParse({ ids: [], room: 'x' }).error?.issues[0]?.message).toBe('select at least one device');
    expect(methods['mqtt.gxSet'].params.safeParse({ connection: 'gx', portalId: 'c0619ab1e2f3', control: 'mode', value: 1 }).error?.issues[0]?.message).toBe('the control is one of inverter_mode, charge_current_limit, ac_input_current_limit');
  });
});
