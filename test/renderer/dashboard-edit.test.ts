import { describe, expect, it } from 'vitest';
import { DashboardBody, type Panel } from '../../preload/contract/index.ts';
import { seededRandom } from '../../native/sim/random.ts';
import {
  addPanel,
  compact,
  copyId,
  deviceDashboard,
  duplicateDashboard,
  firstFreeSlot,
  metricFamily,
  movePanel,
  newPanelId,
  placePanel,
  removePanel,
  resizePanel,
  type Direction,
} from '../../renderer/src/lib/dashboard-edit.ts';

const panel = (id: string, x: number, y: number, w: number, h: number): Panel => ({ id, type: 'stat', title: id, series: [], grid: { x, y, w, h } });
const at = (ps: readonly Panel[], id: string) => ps.find((p) => p.id === id)!.grid;
const overlap = (a: Panel['grid'], b: Panel['grid']) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const noOverlaps = (ps: readonly Panel[]) => ps.every((p, i) => ps.every((q, j) => i === j || !overlap(p.grid, q.grid)));
const body = (panels: Panel[]): DashboardBody => ({ id: 'd', title: 'D', room: null, range: '24h', panels });

describe('placing panels', () => {
  it('a new panel takes the first free place, left to right, top to bottom', () => {
    const ps = [panel('a', 0, 0, 12, 8), panel('b', 16, 0, 8, 8)];
    expect(firstFreeSlot(ps, 4, 3)).toEqual({ x: 12, y: 0, w: 4, h: 3 });
    expect(firstFreeSlot(ps, 6, 3)).toEqual({ x: 0, y: 8, w: 6, h: 3 });
    expect(firstFreeSlot([], 30, 2)).toEqual({ x: 0, y: 0, w: 24, h: 2 });
  });

  it('addPanel gives a fresh id and a free spot; the result is a valid dashboard', () => {
    const b = addPanel(body([panel('p1', 0, 0, 12, 8)]), 'time-series', [{ device: 'ble:1', metric: 'temperature' }], 'Temp');
    const added = b.panels[1]!;
    expect(added.id).toBe('p2');
    expect(added.grid).toEqual({ x: 12, y: 0, w: 12, h: 8 });
    expect(DashboardBody.safeParse(b).success).toBe(true);
    expect(newPanelId([{ id: 'p2' }, { id: 'p3' }])).toBe('p4');
  });

  it('removing a panel lets the ones below float up', () => {
    const b = removePanel(body([panel('a', 0, 0, 24, 4), panel('b', 0, 4, 12, 4)]), 'a');
    expect(b.panels.map((p) => [p.id, p.grid.y])).toEqual([['b', 0]]);
  });

  it('compact removes holes but never creates overlaps, even from an overlapping start', () => {
    const ps = compact([panel('a', 0, 5, 12, 4), panel('b', 0, 6, 12, 4), panel('c', 12, 9, 12, 2)]);
    expect(at(ps, 'a')).toMatchObject({ y: 0 });
    expect(at(ps, 'b')).toMatchObject({ y: 4 });
    expect(at(ps, 'c')).toMatchObject({ y: 0 });
    expect(noOverlaps(ps)).toBe(true);
  });

  it('placing on top of another pushes that one below', () => {
    const ps = placePanel([panel('a', 0, 0, 12, 4), panel('b', 12, 0, 12, 4)], 'a', { x: 12, y: 0, w: 12, h: 4 });
    expect(at(ps, 'a')).toEqual({ x: 12, y: 0, w: 12, h: 4 });
    expect(at(ps, 'b')).toEqual({ x: 12, y: 4, w: 12, h: 4 });
  });
});

describe('moving and resizing', () => {
  it('two half-width panels trade sides with left/right', () => {
    const ps = movePanel([panel('a', 0, 0, 12, 8), panel('b', 12, 0, 12, 8)], 'a', 'right');
    expect(at(ps, 'a')).toMatchObject({ x: 12, y: 0 });
    expect(at(ps, 'b')).toMatchObject({ x: 0, y: 0 });
  });

  it('a panel at the edge stays put', () => {
    const start = [panel('a', 0, 0, 12, 8)];
    expect(movePanel(start, 'a', 'left')).toEqual(start);
    expect(movePanel(start, 'a', 'up')).toEqual(start);
    expect(movePanel(start, 'a', 'down')).toEqual(start);
  });

  it('up and down trade places with the neighbour in the same columns', () => {
    const start = [panel('a', 0, 0, 24, 3), panel('b', 0, 3, 24, 8)];
    const up = movePanel(start, 'b', 'up');
    expect(at(up, 'b').y).toBe(0);
    expect(at(up, 'a').y).toBe(8);
    const down = movePanel(start, 'a', 'down');
    expect(at(down, 'a').y).toBe(8);
    expect(at(down, 'b').y).toBe(0);
  });

  it('resize keeps within the grid: 1…24 columns, not past the right edge, at least 1 row', () => {
    const ps = [panel('a', 20, 0, 4, 3)];
    expect(at(resizePanel(ps, 'a', 4, 0), 'a')).toMatchObject({ x: 20, w: 4 });
    expect(at(resizePanel(ps, 'a', -10, -10), 'a')).toMatchObject({ w: 1, h: 1 });
    expect(at(resizePanel([panel('a', 0, 0, 4, 3)], 'a', 30, 2), 'a')).toMatchObject({ w: 24, h: 5 });
  });

  it('any sequence of moves and resizes leaves a valid, overlap-free grid (seeded, 2000 steps)', () => {
    const rnd = seededRandom(11);
    let ps: Panel[] = [panel('a', 0, 0, 12, 8), panel('b', 12, 0, 12, 8), panel('c', 0, 8, 4, 3), panel('d', 4, 8, 4, 3), panel('e', 8, 8, 8, 6), panel('f', 0, 14, 24, 4)];
    const dirs: Direction[] = ['left', 'right', 'up', 'down'];
    for (let i = 0; i < 2000; i++) {
      const id = ps[Math.floor(rnd() * ps.length)]!.id;
      ps = rnd() < 0.6 ? movePanel(ps, id, dirs[Math.floor(rnd() * 4)]!) : resizePanel(ps, id, Math.floor(rnd() * 7) - 3, Math.floor(rnd() * 5) - 2);
      expect(noOverlaps(ps)).toBe(true);
      expect(DashboardBody.safeParse(body(ps)).success).toBe(true);
      expect(ps.map((p) => p.id).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    }
  });
});

describe('copies', () => {
  it('a copy gets a free id and "(copy)" in its title; its panels are its own', () => {
    const original = body([panel('a', 0, 0, 4, 3)]);
    original.id = 'room-foh';
    original.title = 'FOH';
    const copy = duplicateDashboard(original, new Set(['room-foh', 'room-foh-copy']));
    expect(copy.id).toBe('room-foh-copy-2');
    expect(copy.title).toBe('FOH (copy)');
    copy.panels[0]!.grid.x = 9;
    expect(original.panels[0]!.grid.x).toBe(0);
    expect(DashboardBody.safeParse(copy).success).toBe(true);
  });

  it('copy ids stay within the id rules', () => {
    const long = 'x'.repeat(64);
    const id = copyId(long, new Set());
    expect(id.length).toBeLessThanOrEqual(64);
    expect(DashboardBody.shape.id.safeParse(id).success).toBe(true);
    expect(copyId('a-copy', new Set())).toBe('a-copy'); // a copy of a copy is not "a-copy-copy"
  });
});

describe('device charts', () => {
  const sw = 'snmp:switch-demo:switch';
  const series = [
    ...Array.from({ length: 10 }, (_, i) => ({ deviceId: sw, metric: `port.${i + 1}.in_bps`, unit: 'bit/s' })),
    ...Array.from({ length: 10 }, (_, i) => ({ deviceId: sw, metric: `port.${i + 1}.oper`, unit: '' })),
    { deviceId: sw, metric: 'temperature.1.1', unit: '°C' },
    { deviceId: sw, metric: 'uptime', unit: 's' },
    { deviceId: 'other', metric: 'temperature', unit: '°C' },
  ];

  it('groups per-port metrics into one chart per family, labelled by port; other devices stay out', () => {
    expect(metricFamily('port.3.in_bps')).toEqual({ family: 'port.in_bps', instance: '3' });
    expect(metricFamily('temperature')).toEqual({ family: 'temperature', instance: null });
    const d = deviceDashboard(sw, 'show-core-switch', series);
    expect(d.panels.map((p) => p.title)).toEqual(['Port in bps', 'Temperature', 'Uptime', 'Port oper']);
    const traffic = d.panels[0]!;
    expect(traffic.series).toHaveLength(10);
    expect(traffic.series[2]).toEqual({ device: sw, metric: 'port.3.in_bps', label: 'port 3' });
    expect(d.panels.flatMap((p) => p.series).every((s) => s.device === sw)).toBe(true);
    expect(noOverlaps(d.panels)).toBe(true);
    expect(DashboardBody.safeParse(d).success).toBe(true);
  });

  it('a device with no series gets an empty dashboard', () => {
    expect(deviceDashboard('nothing', 'Nothing', series).panels).toEqual([]);
  });
});
