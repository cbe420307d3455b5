import { DASHBOARD_COLUMNS, type DashboardBody, type Panel, type PanelType, type SeriesInfo } from '../../../preload/contract/index.ts';

/**
 * Editing a dashboard on its 24-column grid: add, remove, move and resize panels without overlaps (a moved
 * panel pushes what it lands on down, then everything floats up into free space), duplicate a dashboard,
 * and the charts view of one device. Pure: every function returns new values.
 */
export type Grid = Panel['grid'];
type Placed = { id: string; grid: Grid };

const overlaps = (a: Grid, b: Grid) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const columnsOverlap = (a: Grid, b: Grid) => a.x < b.x + b.w && b.x < a.x + a.w;
const bottom = (panels: readonly Placed[]) => panels.reduce((n, p) => Math.max(n, p.grid.y + p.grid.h), 0);

/** Width and height a new panel of each type starts with. */
export const defaultSize: Record<PanelType, { w: number; h: number }> = {
  'time-series': { w: 12, h: 8 },
  stat: { w: 4, h: 3 },
  gauge: { w: 4, h: 5 },
  table: { w: 8, h: 6 },
  'state-timeline': { w: 12, h: 4 },
};

/** The first free place for a w × h panel, scanning rows top to bottom and columns left to right. */
export function firstFreeSlot(panels: readonly Placed[], w: number, h: number): Grid {
  const width = Math.min(Math.max(1, w), DASHBOARD_COLUMNS);
  const end = bottom(panels);
  for (let y = 0; y <= end; y++) {
    for (let x = 0; x + width <= DASHBOARD_COLUMNS; x++) {
      const g = { x, y, w: width, h };
      if (!panels.some((p) => overlaps(p.grid, g))) return g;
    }
  }
  return { x: 0, y: end, w: width, h };
}

/**
 * Everything floats up as far as it can without overlapping (in top-to-bottom order), like a grid with
 * gravity; a panel that overlaps one placed before it first drops below it.
 */
export function compact<P extends Placed>(panels: readonly P[]): P[] {
  const order = panels.map((p, i) => ({ p, i })).sort((a, b) => a.p.grid.y - b.p.grid.y || a.p.grid.x - b.p.grid.x);
  const placed: P[] = [];
  const out = new Array<P>(panels.length);
  for (const { p, i } of order) {
    const hits = (y: number) => placed.some((q) => overlaps(q.grid, { ...p.grid, y }));
    let y = p.grid.y;
    while (hits(y)) y++; // anything still overlapping goes below what is already placed
    while (y > 0 && !hits(y - 1)) y--;
    const moved = y === p.grid.y ? p : { ...p, grid: { ...p.grid, y } };
    placed.push(moved);
    out[i] = moved;
  }
  return out;
}

/** Panels that overlap `pinned` are pushed down below it (and whatever they then overlap, in turn). */
function settle<P extends Placed>(panels: readonly P[], pinnedId: string): P[] {
  const list = panels.map((p) => ({ ...p, grid: { ...p.grid } }));
  const queue = [pinnedId];
  for (let guard = 0; queue.length && guard < 10_000; guard++) {
    const nextId = queue.shift();
    const fixed = list.find((p) => p.id === nextId)!;
    for (const other of list) {
      if (other.id === fixed.id || other.id === pinnedId || !overlaps(other.grid, fixed.grid)) continue;
      other.grid.y = fixed.grid.y + fixed.grid.h;
      queue.push(other.id);
    }
  }
  return list;
}

/** Put a panel at `grid` (clamped to the columns), push what it lands on down, and float everything up. */
export function placePanel<P extends Placed>(panels: readonly P[], id: string, grid: Grid): P[] {
  const w = Math.min(DASHBOARD_COLUMNS, Math.max(1, Math.round(grid.w)));
  const g = { w, h: Math.min(100, Math.max(1, Math.round(grid.h))), x: Math.min(DASHBOARD_COLUMNS - w, Math.max(0, Math.round(grid.x))), y: Math.max(0, Math.round(grid.y)) };
  return compact(settle(panels.map((p) => (p.id === id ? { ...p, grid: g } : p)), id));
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * Move a panel one place: left/right by its own width (so two half-width panels trade sides) clamped to the
 * grid; up/down past the nearest panel above or below that shares a column (they trade places).
 */
export function movePanel<P extends Placed>(panels: readonly P[], id: string, dir: Direction): P[] {
  const me = panels.find((p) => p.id === id);
  if (!me) return [...panels];
  const g = me.grid;
  if (dir === 'left' || dir === 'right') {
    const x = dir === 'left' ? g.x - g.w : g.x + g.w;
    const clamped = Math.min(DASHBOARD_COLUMNS - g.w, Math.max(0, x));
    if (clamped === g.x) return [...panels];
    // Whatever sits where it goes takes its old place (a swap), so left/right never pushes a row apart.
    const displaced = panels.filter((p) => p.id !== id && overlaps(p.grid, { ...g, x: clamped }));
    const swapped = panels.map((p) => (displaced.includes(p) && p.grid.w <= g.w ? { ...p, grid: { ...p.grid, x: Math.min(DASHBOARD_COLUMNS - p.grid.w, Math.max(0, p.grid.x + (g.x - clamped))) } } : p));
    return placePanel(swapped, id, { ...g, x: clamped });
  }
  const others = panels.filter((p) => p.id !== id && columnsOverlap(p.grid, g));
  if (dir === 'up') {
    const above = others.filter((p) => p.grid.y + p.grid.h <= g.y).sort((a, b) => b.grid.y - a.grid.y)[0];
    return above ? placePanel(panels, id, { ...g, y: above.grid.y }) : [...panels];
  }
  const below = others.filter((p) => p.grid.y >= g.y + g.h).sort((a, b) => a.grid.y - b.grid.y)[0];
  return below ? placePanel(panels, below.id, { ...below.grid, y: g.y }) : [...panels];
}

/** Grow or shrink a panel by whole grid units (kept within 1…24 columns, 1…100 rows and the grid's edge). */
export function resizePanel<P extends Placed>(panels: readonly P[], id: string, dw: number, dh: number): P[] {
  const me = panels.find((p) => p.id === id);
  if (!me) return [...panels];
  const w = Math.min(DASHBOARD_COLUMNS - me.grid.x, Math.max(1, me.grid.w + dw));
  return placePanel(panels, id, { ...me.grid, w, h: me.grid.h + dh });
}

/** A panel id not used yet: p1, p2, … */
export function newPanelId(panels: readonly { id: string }[]): string {
  const used = new Set(panels.map((p) => p.id));
  let n = panels.length + 1;
  while (used.has(`p${n}`)) n++;
  return `p${n}`;
}

/** A new panel of `type` showing `series`, placed in the first free spot. */
export function addPanel(body: DashboardBody, type: PanelType, series: Panel['series'], title: string): DashboardBody {
  const size = defaultSize[type];
  const panel: Panel = { id: newPanelId(body.panels), type, title, series, grid: firstFreeSlot(body.panels, size.w, size.h) };
  return { ...body, panels: [...body.panels, panel] };
}

export function removePanel(body: DashboardBody, id: string): DashboardBody {
  return { ...body, panels: compact(body.panels.filter((p) => p.id !== id)) };
}

/** "stage" → "stage-copy", "stage-copy-2", …: an id free among `taken`, within the 64-character limit. */
export function copyId(id: string, taken: ReadonlySet<string>): string {
  const base = `${id.replace(/-copy(-\d+)?$/, '').slice(0, 50)}-copy`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** An editable copy of a dashboard (a generated room dashboard, or anyone's), under a free id. */
export function duplicateDashboard(body: DashboardBody, taken: ReadonlySet<string>): DashboardBody {
  return { ...body, id: copyId(body.id, taken), title: `${body.title.replace(/ \(copy\)$/, '').slice(0, 73)} (copy)`, panels: body.panels.map((p) => ({ ...p, grid: { ...p.grid } })) };
}

/** "port.3.in_bps" → family "port.in_bps", instance "3"; "temperature" → family "temperature", no instance. */
export function metricFamily(metric: string): { family: string; instance: string | null } {
  const parts = metric.split('.');
  const numeric = parts.filter((p) => /^\d+$/.test(p));
  if (numeric.length === 0) return { family: metric, instance: null };
  return { family: parts.filter((p) => !/^\d+$/.test(p)).join('.') || metric, instance: numeric.join('.') };
}

const familyTitle = (family: string) => {
  const s = family.replace(/[._]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/**
 * The charts of one device (the Dashboard tile's click-through): one time-series chart per metric family,
 * so a switch gets one chart of every port's inbound traffic rather than a chart per port.
 */
export function deviceDashboard(deviceId: string, name: string, series: readonly Pick<SeriesInfo, 'deviceId' | 'metric' | 'unit'>[]): DashboardBody {
  const mine = series.filter((s) => s.deviceId === deviceId);
  const families = new Map<string, { metric: string; unit: string; instance: string | null }[]>();
  for (const s of mine) {
    const { family, instance } = metricFamily(s.metric);
    families.set(family, [...(families.get(family) ?? []), { metric: s.metric, unit: s.unit, instance }]);
  }
  const collator = new Intl.Collator(undefined, { numeric: true });
  const panels: Panel[] = [];
  let x = 0;
  let y = 0;
  // Measured quantities (with a unit: traffic, temperature) before status codes (port state, fan state).
  const hasUnit = (f: string) => families.get(f)!.some((m) => m.unit !== '');
  const order = [...families.keys()].sort((a, b) => Number(hasUnit(b)) - Number(hasUnit(a)) || collator.compare(a, b));
  for (const family of order) {
    const list = families.get(family)!.sort((a, b) => collator.compare(a.metric, b.metric));
    for (let part = 0; part * 32 < list.length && panels.length < 100; part++) {
      const chunk = list.slice(part * 32, part * 32 + 32);
      const w = 12;
      if (x + w > DASHBOARD_COLUMNS) {
        x = 0;
        y += 8;
      }
      panels.push({
        id: `d-${family.replace(/[^A-Za-z0-9_-]/g, '_')}${part ? `-${part + 1}` : ''}`.slice(0, 64),
        type: 'time-series',
        title: familyTitle(family),
        series: chunk.map((m) => ({ device: deviceId, metric: m.metric, ...(m.instance !== null ? { label: `${family.split('.')[0]} ${m.instance}` } : {}) })),
        grid: { x, y, w, h: 8 },
      });
      x += w;
    }
  }
  return { id: 'device', title: name, room: null, range: '6h', panels };
}
