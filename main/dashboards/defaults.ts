import { DASHBOARD_COLUMNS, type DashboardBody, type Panel } from '../../preload/contract/index.ts';

/** A device as the default dashboards see it: its display name, room and the metrics it stores. */
export interface RoomDevice {
  id: string;
  name: string | null;
  room: string | null;
  metrics: readonly { metric: string; unit: string }[];
}

export const UNASSIGNED_ROOM = 'Unassigned';
const tile = { w: 4, h: 3 };
const chart = { w: 12, h: 8 };

/** "Front of house" → "front-of-house" (ids are lower-case letters, digits and dashes). */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return s || 'room';
}

/**
 * "port.3.in_bps" → "port.in_bps": per-instance metrics (a switch's ports, fans, sensors) share one chart,
 * so one switch does not turn a room into a hundred single-line charts.
 */
const family = (metric: string) => (/(^|\.)\d+(\.|$)/.test(metric) ? metric.split('.').filter((p) => !/^\d+$/.test(p)).join('.') || metric : metric);
const perInstance = (metric: string) => family(metric) !== metric;

const words = (metric: string) => {
  const s = metric.replace(/[._]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/**
 * One dashboard per room, built from its devices: a stat tile (value with sparkline) per device and metric,
 * then one chart per metric with every device of the room that has it. Devices without a room share
 * "Unassigned". Pure: the same devices always give the same dashboards (ids `room-<slug>`).
 */
export function defaultDashboards(devices: readonly RoomDevice[]): DashboardBody[] {
  const rooms = new Map<string, RoomDevice[]>();
  for (const d of devices) {
    if (d.metrics.length === 0) continue;
    const room = d.room?.trim() || UNASSIGNED_ROOM;
    let list = rooms.get(room);
    if (!list) rooms.set(room, (list = []));
    list.push(d);
  }
  const used = new Set<string>();
  const out: DashboardBody[] = [];
  const names = [...rooms.keys()].sort((a, b) => (a === UNASSIGNED_ROOM ? 1 : b === UNASSIGNED_ROOM ? -1 : a.localeCompare(b)));
  for (const room of names) {
    let id = `room-${slug(room)}`;
    for (let n = 2; used.has(id); n++) id = `room-${slug(room)}-${n}`;
    used.add(id);
    const list = rooms.get(room)!.sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id) || a.id.localeCompare(b.id));
    // One chart per metric family (32 series at most each), then as many tiles as fit the 100-panel limit.
    const byFamily = new Map<string, { device: string; metric: string }[]>();
    for (const d of list) {
      const mine = [...d.metrics].sort((a, b) => a.metric.localeCompare(b.metric, undefined, { numeric: true }));
      for (const m of mine) byFamily.set(family(m.metric), [...(byFamily.get(family(m.metric)) ?? []), { device: d.id, metric: m.metric }]);
    }
    const charts: Omit<Panel, 'grid'>[] = [];
    for (const metric of [...byFamily.keys()].sort()) {
      const refs = byFamily.get(metric)!;
      for (let part = 0; part * 32 < refs.length; part++) {
        charts.push({
          id: `chart-${metric.replace(/[^A-Za-z0-9_-]/g, '_')}${part ? `-${part + 1}` : ''}`.slice(0, 64),
          type: 'time-series',
          title: words(metric),
          series: refs.slice(part * 32, part * 32 + 32),
        });
      }
    }
    const tiles: Omit<Panel, 'grid'>[] = [];
    for (const d of list) {
      // Per-instance metrics are in their family's chart, not a tile each.
      for (const m of [...d.metrics].filter((x) => !perInstance(x.metric)).sort((a, b) => a.metric.localeCompare(b.metric))) {
        tiles.push({ id: `stat-${tiles.length + 1}`, type: 'stat', title: `${d.name ?? d.id} · ${words(m.metric)}`, series: [{ device: d.id, metric: m.metric }] });
      }
    }
    const panels: Panel[] = [];
    const place = (items: Omit<Panel, 'grid'>[], size: { w: number; h: number }, top: number): number => {
      let x = 0;
      let y = top;
      for (const p of items) {
        if (x + size.w > DASHBOARD_COLUMNS) {
          x = 0;
          y += size.h;
        }
        panels.push({ ...p, grid: { x, y, ...size } });
        x += size.w;
      }
      return items.length ? y + size.h : top;
    };
    place(charts.slice(0, 100), chart, place(tiles.slice(0, Math.max(0, 100 - charts.length)), tile, 0));
    out.push({ id, title: room, room: room === UNASSIGNED_ROOM ? null : room, range: '24h', panels });
  }
  return out;
}
