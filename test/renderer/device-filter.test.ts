import { describe, expect, it } from 'vitest';
import type { Device, LiveReading } from '../../preload/contract/index.ts';
import { applyFilters, deviceViews, filterOptions, heardViaText, matchesSearch, namesCsv, noFilters, valuesText } from '../../renderer/src/lib/device-filter.ts';

const T = Date.UTC(2026, 10, 25, 20);
const dev = (id: string, extra: Partial<Device> = {}): Device => ({ id, kind: 'thermo-hygrometer', model: 'H5075', source: 'ble', parentId: null, firstSeen: T - 1e6, lastSeen: T, rssi: null, battery: null, name: null, room: null, notes: null, ...extra });
const reading = (deviceId: string, metric: string, value: number, unit: string, ts = T): LiveReading => ({ seriesId: Math.random(), deviceId, metric, unit, value, ts, state: 'ok', staleAfterS: 120 });

describe('device list: values, states and filters', () => {
  it('latest values: most-watched first, GX codes left out, three at most', () => {
    expect(valuesText([reading('a', 'humidity', 48.2, '%'), reading('a', 'temperature', 21.44, '°C'), reading('a', 'co2', 612, 'ppm'), reading('a', 'pm25', 3, 'µg/m³')])).toBe('21.4\u00a0°C · 48% · 612\u00a0ppm');
    expect(valuesText([reading('gx', 'inverter_mode', 3, ''), reading('gx', 'soc', 87, '%')])).toBe('87.0%');
  });

  it('state follows each device’s own interval: a 10 s ESP32 is stale after 30 s, a device without one after the site’s 120 s', () => {
    const views = deviceViews([dev('mqtt:esp', { expectedIntervalS: 10, lastSeen: T - 40_000 }), dev('ble:x', { lastSeen: T - 40_000 })], [], 120, T);
    expect(Object.fromEntries(views.map((v) => [v.device.id, [v.state, v.staleAfterS]]))).toEqual({ 'mqtt:esp': ['stale', 30], 'ble:x': ['ok', 120] });
    // A reading newer than the device's own last-seen counts.
    expect(deviceViews([dev('mqtt:esp', { expectedIntervalS: 10, lastSeen: T - 40_000 })], [reading('mqtt:esp', 'temperature', 1, '°C', T - 1000)], 120, T)[0]!.state).toBe('ok');
  });

  it('filters: room, kind, source, state, needs a name; hidden ones only on request; search words anywhere', () => {
    const devices = [
      dev('ble:1', { name: 'Stage left', room: 'Stage', heardVia: [{ gatewayId: 'OMG_lobby', connectionId: 'embedded', rssi: -70, lastSeen: T }] }),
      dev('ble:2', { name: 'GVH5075_0002', needsName: 'the factory name', room: 'Bar' }),
      dev('mqtt:rack', { kind: 'temperature-probe', source: 'mqtt', hidden: true }),
      dev('snmp:w', { source: 'snmp', kind: 'climate-monitor', name: 'Rack', lastSeen: T - 3_600_000 }),
    ];
    const views = deviceViews(devices, [], 120, T);
    const ids = (f: Partial<typeof noFilters>) => applyFilters(views, { ...noFilters, ...f }).map((v) => v.device.id).sort();
    expect(ids({})).toEqual(['ble:1', 'ble:2', 'snmp:w']);
    expect(ids({ showHidden: true })).toEqual(['ble:1', 'ble:2', 'mqtt:rack', 'snmp:w']);
    expect(ids({ room: 'Bar' })).toEqual(['ble:2']);
    expect(ids({ room: 'Unassigned' })).toEqual(['snmp:w']);
    expect(ids({ source: 'snmp' })).toEqual(['snmp:w']);
    expect(ids({ kind: 'temperature-probe', showHidden: true })).toEqual(['mqtt:rack']);
    expect(ids({ state: 'lost' })).toEqual(['snmp:w']);
    expect(ids({ needsName: true })).toEqual(['ble:2']);
    expect(ids({ search: 'omg_LOBBY' })).toEqual(['ble:1']);
    expect(ids({ search: 'stage left' })).toEqual(['ble:1']);
    expect(ids({ search: 'stage right' })).toEqual([]);
    expect(filterOptions(devices)).toEqual({ rooms: ['Bar', 'Stage', 'Unassigned'], kinds: ['climate-monitor', 'temperature-probe', 'thermo-hygrometer'], sources: ['ble', 'mqtt', 'snmp'] });
  });

  it('heard via: recent gateways with their signal; old ones are left out', () => {
    const d = dev('ble:1', { heardVia: [{ gatewayId: 'OMG_lobby', connectionId: 'embedded', rssi: -70, lastSeen: T }, { gatewayId: 'Theengs', connectionId: 'venue', rssi: null, lastSeen: T - 1000 }, { gatewayId: 'Old', connectionId: 'x', rssi: -50, lastSeen: T - 2 * 86_400_000 }] });
    expect(heardViaText(d, T)).toBe('via OMG_lobby -70\u00a0dBm, Theengs');
    expect(heardViaText(dev('ble:2'), T)).toBe('');
    expect(matchesSearch(d, 'theengs')).toBe(true);
  });

  it('names as CSV lines for pasting, quoting what needs it', () => {
    expect(namesCsv([dev('ble:1', { name: 'Bar, left', room: 'Bar' }), dev('ble:2')])).toBe('ble:1,"Bar, left",Bar\nble:2,,');
  });
});
