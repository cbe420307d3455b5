import { describe, expect, it } from 'vitest';
import { switchView } from '../../../main/snmp/switch-view.ts';
import type { ProfileDevice } from '../../../native/snmp/profile.ts';

const ts = 1_750_000_000_000;
const s = (metric: string, value: number, unit = '') => ({ metric, unit, value, ts });

describe('switch view for the Network page', () => {
  it('turns the switch profile’s series into a port grid, with box sensors', () => {
    const device: ProfileDevice = {
      sighting: { id: 'snmp:10.0.0.2:switch', kind: 'switch', model: 'M4300-52G', source: 'snmp' },
      name: { name: 'core' },
      attributes: { firmware: '12.0.9.3', 'port.2.name': '1/0/2', 'port.2.label': '1/0/2', 'port.1.name': '1/0/1', 'port.1.alias': 'Uplink', 'port.1.label': 'Uplink' },
      samples: [
        s('uptime', 1234.5, 's'),
        s('port.1.oper', 1),
        s('port.1.admin', 1),
        s('port.1.speed', 1e10, 'bit/s'),
        s('port.1.in_bps', 4.2e8, 'bit/s'),
        s('port.1.out_bps', 1.8e8, 'bit/s'),
        s('port.1.in_errors', 0.5, 'err/s'),
        s('port.2.oper', 7),
        s('port.2.admin', 2),
        s('temperature.1.1', 41, '°C'),
        s('fan.1.1', 2),
        s('fan.1.2', 3),
        s('psu.1.2', 1),
      ],
    };
    const v = switchView(device, { id: 'switch@10.0.0.2:161', name: 'Core', host: '10.0.0.2' }, ts);
    expect(v).toMatchObject({ targetId: 'switch@10.0.0.2:161', deviceId: 'snmp:10.0.0.2:switch', name: 'core', model: 'M4300-52G', firmware: '12.0.9.3', uptimeS: 1234.5, ts });
    expect(v.ports).toEqual([
      { index: 1, label: 'Uplink', name: '1/0/1', alias: 'Uplink', oper: 'up', admin: 'up', wasUp: true, speedBps: 1e10, inBps: 4.2e8, outBps: 1.8e8, inErrors: 0.5, outErrors: null, inDiscards: null, outDiscards: null },
      { index: 2, label: '1/0/2', name: '1/0/2', alias: null, oper: 'lowerLayerDown', admin: 'down', wasUp: false, speedBps: null, inBps: null, outBps: null, inErrors: null, outErrors: null, inDiscards: null, outDiscards: null },
    ]);
    expect(v.temperatures).toEqual([{ key: '1.1', celsius: 41 }]);
    expect(v.fans).toEqual([
      { key: '1.1', state: 'operational', ok: true },
      { key: '1.2', state: 'failed', ok: false },
    ]);
    expect(v.psus).toEqual([{ key: '1.2', state: 'not present', ok: true }]);
  });

  it('a port seen up on an earlier poll keeps wasUp when it goes down (a lost link, not an unused socket)', () => {
    const device: ProfileDevice = { sighting: { id: 'x', kind: 'switch', model: 'm', source: 'snmp' }, samples: [s('port.4.oper', 2), s('port.9.oper', 2)] };
    const v = switchView(device, { id: 't', name: 'n', host: 'h' }, ts, new Set([4]));
    expect(v.ports.map((p) => [p.index, p.oper, p.wasUp])).toEqual([
      [4, 'down', true],
      [9, 'down', false],
    ]);
  });

  it('a switch with no sysName takes the target’s name', () => {
    const v = switchView({ sighting: { id: 'x', kind: 'switch', model: 'SNMP switch', source: 'snmp' }, samples: [] }, { id: 't', name: 'Stage switch', host: 'h' }, ts);
    expect(v).toMatchObject({ name: 'Stage switch', firmware: null, uptimeS: null, ports: [] });
  });
});
