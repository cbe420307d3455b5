import { describe, expect, it } from 'vitest';
import { DashboardFile } from '../../../preload/contract/index.ts';
import { defaultDashboards, type RoomDevice } from '../../../main/dashboards/defaults.ts';

const dev = (id: string, name: string, room: string, metrics: string[]): RoomDevice => ({ id, name, room, metrics: metrics.map((metric) => ({ metric, unit: '' })) });

describe('room dashboards with a switch', () => {
  // A 10-port switch reports ~100 per-port series; the room's sensors must still get their tiles.
  const ports = Array.from({ length: 10 }, (_, i) => ['oper', 'in_bps', 'out_bps'].map((m) => `port.${i + 1}.${m}`)).flat();
  const [foh] = defaultDashboards([dev('sw', 'Core switch', 'FOH', [...ports, 'fan.1.1', 'fan.1.2', 'uptime']), dev('desk', 'FOH desk', 'FOH', ['temperature', 'humidity'])]);

  it('per-port metrics share one chart per family, with every port in it', () => {
    const charts = foh!.panels.filter((p) => p.type === 'time-series');
    expect(charts.map((p) => p.title)).toEqual(['Fan', 'Humidity', 'Port in bps', 'Port oper', 'Port out bps', 'Temperature', 'Uptime']);
    const inBps = charts.find((p) => p.title === 'Port in bps')!;
    expect(inBps.series.map((s) => s.metric)).toEqual(Array.from({ length: 10 }, (_, i) => `port.${i + 1}.in_bps`));
    expect(inBps.series.every((s) => s.device === 'sw')).toBe(true);
  });

  it('the sensors keep their stat tiles; per-port metrics get none', () => {
    expect(foh!.panels.filter((p) => p.type === 'stat').map((p) => p.title)).toEqual(['Core switch · Uptime', 'FOH desk · Humidity', 'FOH desk · Temperature']);
    expect(foh!.panels.length).toBeLessThan(20);
    expect(DashboardFile.safeParse({ format: 'showsite-dashboards', version: 1, dashboards: [foh] }).success).toBe(true);
  });
});
