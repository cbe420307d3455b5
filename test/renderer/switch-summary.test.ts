import { describe, expect, it } from 'vitest';
import type { LiveReading } from '../../preload/contract/index.ts';
import { isSwitchReadings, summariseSwitch } from '../../renderer/src/lib/switch-summary.ts';

let id = 0;
const r = (metric: string, value: number, unit = ''): LiveReading => ({ seriesId: ++id, deviceId: 'snmp:sw:switch', metric, unit, value, ts: 0, state: 'ok', staleAfterS: 120 });

describe('switch summary', () => {
  const readings = [
    r('uptime', 3600, 's'),
    // port 1 up, port 2 lost its link (admin up), port 3 switched off, port 4 up
    r('port.1.oper', 1),
    r('port.1.admin', 1),
    r('port.2.oper', 2),
    r('port.2.admin', 1),
    r('port.3.oper', 2),
    r('port.3.admin', 2),
    r('port.4.oper', 1),
    r('port.1.in_bps', 300e6, 'bit/s'),
    r('port.4.in_bps', 100e6, 'bit/s'),
    r('port.1.out_bps', 50e6, 'bit/s'),
    r('port.2.in_errors', 0.5, 'err/s'),
    r('port.2.out_errors', 0.25, 'err/s'),
    r('temperature.1.1', 39, '°C'),
    r('temperature.1.2', 45, '°C'),
    r('fan.1.1', 2),
    r('fan.1.2', 3), // failed
    r('psu.1.1', 2),
    r('psu.1.2', 1), // not present: not a fault
  ];

  it('counts ports up, down (enabled, no link) and off', () => {
    const s = summariseSwitch(readings);
    expect([s.up, s.down, s.disabled]).toEqual([2, 1, 1]);
  });

  it('sums traffic and errors over ports, finds the hottest sensor and the faults', () => {
    const s = summariseSwitch(readings);
    expect(s.inBps).toBe(400e6);
    expect(s.outBps).toBe(50e6);
    expect(s.errorsPerS).toBeCloseTo(0.75);
    expect(s.maxTemperature?.value).toBe(45);
    expect(s.faults).toEqual(['fan 1.2']);
    expect(s.uptimeS).toBe(3600);
  });

  it('no rates yet reads as unknown, not zero; only switches are recognised', () => {
    const s = summariseSwitch([r('port.1.oper', 1)]);
    expect(s.inBps).toBeNull();
    expect(s.errorsPerS).toBeNull();
    expect(isSwitchReadings([r('port.1.oper', 1)])).toBe(true);
    expect(isSwitchReadings([r('temperature', 20, '°C'), r('port.1.speed', 1)])).toBe(false);
  });
});
