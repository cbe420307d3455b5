import { describe, expect, it } from 'vitest';
import { DashboardFile, DASHBOARD_COLUMNS, type DashboardBody } from '../../../preload/contract/index.ts';
import { Dashboards } from '../../../main/dashboards/dashboards.ts';
import { defaultDashboards, slug, type RoomDevice } from '../../../main/dashboards/defaults.ts';
import { CoreError } from '../../../main/runtime/errors.ts';
import { DashboardsRepo } from '../../../main/store/dashboards-repo.ts';
import { telemetryRig } from '../../helpers/core.ts';

const dev = (id: string, name: string | null, room: string | null, ...metrics: string[]): RoomDevice => ({ id, name, room, metrics: metrics.map((metric) => ({ metric, unit: '' })) });

/** No two panels share a grid cell, and every panel is inside the 24 columns. */
function expectNoOverlap(d: DashboardBody) {
  const cells = new Set<string>();
  for (const p of d.panels) {
    expect(p.grid.x + p.grid.w).toBeLessThanOrEqual(DASHBOARD_COLUMNS);
    for (let x = p.grid.x; x < p.grid.x + p.grid.w; x++)
      for (let y = p.grid.y; y < p.grid.y + p.grid.h; y++) {
        expect(cells.has(`${x},${y}`), `${d.id}: ${p.id} overlaps at ${x},${y}`).toBe(false);
        cells.add(`${x},${y}`);
      }
  }
}

describe('default room dashboards', () => {
  it('one per room: a stat tile per device and metric, a chart per metric with every device that has it', () => {
    const boards = defaultDashboards([
      dev('b', 'Stage right', 'Stage', 'temperature', 'humidity'),
      dev('a', 'Stage left', 'Stage', 'temperature', 'humidity'),
      dev('c', 'FOH desk', 'Front of house', 'temperature'),
      dev('n', null, null, 'voltage'),
      dev('artnet', 'Node', 'Stage'), // presence only: nothing to chart
    ]);
    expect(boards.map((b) => [b.id, b.title, b.room])).toEqual([
      ['room-front-of-house', 'Front of house', 'Front of house'],
      ['room-stage', 'Stage', 'Stage'],
      ['room-unassigned', 'Unassigned', null],
    ]);
    const stage = boards[1]!;
    expect(stage.panels.filter((p) => p.type === 'stat').map((p) => p.title)).toEqual(['Stage left · Humidity', 'Stage left · Temperature', 'Stage right · Humidity', 'Stage right · Temperature']);
    expect(stage.panels.filter((p) => p.type === 'time-series').map((p) => [p.title, p.series.map((s) => s.device)])).toEqual([
      ['Humidity', ['a', 'b']],
      ['Temperature', ['a', 'b']],
    ]);
    for (const b of boards) {
      expectNoOverlap(b);
      expect(DashboardFile.safeParse({ format: 'showsite-dashboards', version: 1, dashboards: [b] }).success).toBe(true);
    }
  });

  it('a big room stays within 100 panels and keeps every chart', () => {
    const many = Array.from({ length: 120 }, (_, i) => dev(`d${i}`, `Sensor ${i}`, 'Hall', 'temperature'));
    const [hall] = defaultDashboards(many);
    expect(hall!.panels).toHaveLength(100);
    expect(hall!.panels.filter((p) => p.type === 'time-series').map((p) => p.series.length)).toEqual([32, 32, 32, 24]);
    expectNoOverlap(hall!);
  });

  it('room names become ids: accents dropped, punctuation to dashes, clashes numbered', () => {
    expect(slug('Régie son / FOH')).toBe('regie-son-foh');
    expect(slug('!!!')).toBe('room');
    expect(defaultDashboards([dev('a', 'A', 'Stage!', 't'), dev('b', 'B', 'stage', 't')]).map((b) => b.id)).toEqual(['room-stage', 'room-stage-2']);
  });
});

describe('stored dashboards', () => {
  function rig() {
    const r = telemetryRig();
    r.telemetry.ingest({ id: 'ble:1', kind: 'thermo-hygrometer', model: 'H5075', source: 'ble' }, [{ metric: 'temperature', unit: '°C', value: 20, ts: r.clock.now }]);
    r.registry.rename('ble:1', { name: 'Stage left', room: 'Stage' }, 'test', r.clock.now);
    const boards = new Dashboards({ repo: new DashboardsRepo(r.db), registry: r.registry, series: r.series, now: () => r.clock.now });
    return { ...r, boards };
  }
  const mine = { id: 'power', title: 'Power', panels: [{ id: 'g', type: 'gauge' as const, title: 'Load', series: [{ device: 'ble:1', metric: 'temperature' }], grid: { x: 0, y: 0, w: 6, h: 4 } }] };

  it('save, list, get, delete — and survive a reopen of the store', () => {
    const { boards, db, registry, series, clock } = rig();
    expect(boards.list().map((b) => [b.id, b.generated])).toEqual([['room-stage', true]]);
    const saved = boards.save(mine);
    expect(saved).toMatchObject({ id: 'power', room: null, range: '24h', updatedAt: clock.now, generated: false });
    const again = new Dashboards({ repo: new DashboardsRepo(db), registry, series, now: () => clock.now });
    expect(again.get('power')).toEqual(saved);
    expect(again.list().map((b) => b.id)).toEqual(['room-stage', 'power']);
    expect(again.delete('power')).toEqual({ id: 'power', deleted: true, revertsToGenerated: false });
    expect(() => again.get('power')).toThrow(CoreError);
  });

  it('a saved room dashboard replaces the generated one; deleting it brings the generated one back', () => {
    const { boards } = rig();
    const generated = boards.get('room-stage');
    expect(generated.generated).toBe(true);
    boards.save({ ...generated, title: 'Stage (mine)' }, null);
    expect(boards.list().filter((b) => b.id === 'room-stage')).toEqual([expect.objectContaining({ title: 'Stage (mine)', generated: false })]);
    expect(boards.delete('room-stage').revertsToGenerated).toBe(true);
    expect(boards.get('room-stage').generated).toBe(true);
  });

  it('two editors: the second save from a stale copy is refused, not silently lost', () => {
    const { boards } = rig();
    const first = boards.save(mine);
    const a = boards.save({ ...mine, title: 'A' }, first.updatedAt); // same millisecond: still a newer stamp
    expect(a.updatedAt).toBeGreaterThan(first.updatedAt!);
    const e = (() => {
      try {
        boards.save({ ...mine, title: 'B' }, first.updatedAt);
      } catch (error) {
        return error as CoreError;
      }
      return undefined;
    })();
    expect(e?.kind).toBe('conflict');
    expect(boards.get('power').title).toBe('A');
    expect(() => boards.save({ ...mine, id: 'new-one' }, 123)).toThrow(/was changed since it was opened \(deleted\)/);
  });

  it('export and import round-trip; replace removes the others; a broken stored row is skipped, not fatal', () => {
    const { boards, db } = rig();
    boards.save(mine);
    boards.save({ ...mine, id: 'other', title: 'Other' });
    const file = boards.export();
    expect(file.dashboards.map((d) => d.id)).toEqual(['power', 'other']);
    expect(JSON.stringify(file)).not.toContain('updatedAt');
    boards.delete('power');
    expect(boards.import(DashboardFile.parse(file), false).imported).toBe(2);
    expect(boards.get('power').panels).toEqual(mine.panels.map((p) => ({ ...p })));
    const only = boards.export(['other', 'room-stage']);
    expect(only.dashboards.map((d) => d.id)).toEqual(['other', 'room-stage']);
    boards.import(DashboardFile.parse({ ...only, dashboards: only.dashboards.slice(0, 1) }), true);
    expect(boards.list().map((b) => b.id)).toEqual(['room-stage', 'other']);
    db.prepare("UPDATE dashboards SET data = '{\"id\":\"other\"}' WHERE id = 'other'").run();
    expect(boards.list().map((b) => b.id)).toEqual(['room-stage']);
  });
});
