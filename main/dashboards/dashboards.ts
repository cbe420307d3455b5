import { DASHBOARD_FILE_FORMAT, DashboardBody, type Dashboard, type DashboardFile, type DashboardInput, type DashboardSummary } from '../../preload/contract/index.ts';
import type { DeviceRegistry } from '../devices/registry.ts';
import { CoreError } from '../runtime/errors.ts';
import type { Logger } from '../runtime/logger.ts';
import type { DashboardsRepo } from '../store/dashboards-repo.ts';
import type { SeriesRepo } from '../store/readings-repo.ts';
import { defaultDashboards, type RoomDevice } from './defaults.ts';

export interface DashboardsDeps {
  repo: DashboardsRepo;
  registry: DeviceRegistry;
  series: SeriesRepo;
  now: () => number;
  logger?: Logger;
}

/**
 * User dashboards (stored, JSON per row) and one generated dashboard per room (built from its devices, never
 * stored until someone saves it — then the saved copy replaces the generated one, and deleting it brings the
 * generated one back). Saves can be guarded with the updatedAt they started from, so two editors never
 * silently overwrite each other.
 */
export class Dashboards {
  private readonly d: DashboardsDeps;
  private lastStamp = 0;
  constructor(deps: DashboardsDeps) {
    this.d = deps;
  }

  list(): DashboardSummary[] {
    const stored = this.stored();
    const ids = new Set(stored.map((s) => s.id));
    const summary = (x: Dashboard): DashboardSummary => ({ id: x.id, title: x.title, room: x.room, panels: x.panels.length, updatedAt: x.updatedAt, generated: x.generated });
    return [...this.generated().filter((g) => !ids.has(g.id)), ...stored].map(summary);
  }

  get(id: string): Dashboard {
    const found = this.storedOne(id) ?? this.generated().find((g) => g.id === id);
    if (!found) throw new CoreError('not_found', `no dashboard "${id}" (dashboards.list shows them)`);
    return found;
  }

  save(input: DashboardInput, baseUpdatedAt?: number | null): Dashboard {
    const body = DashboardBody.parse(strip(input));
    const current = this.d.repo.get(body.id);
    if (baseUpdatedAt !== undefined && (current?.updatedAt ?? null) !== baseUpdatedAt) {
      const when = current ? `saved at ${new Date(current.updatedAt).toISOString()}` : 'deleted';
      throw new CoreError('conflict', `dashboard "${body.id}" was changed since it was opened (${when}); reload it, or save under another id`);
    }
    const updatedAt = this.stamp();
    this.d.repo.put(body.id, JSON.stringify(body), updatedAt);
    return { ...body, updatedAt, generated: false };
  }

  delete(id: string): { id: string; deleted: true; revertsToGenerated: boolean } {
    if (!this.d.repo.delete(id)) {
      const generated = this.generated().some((g) => g.id === id);
      throw new CoreError(generated ? 'invalid' : 'not_found', generated ? `"${id}" is the room's generated dashboard; it goes away when the room has no devices` : `no stored dashboard "${id}"`);
    }
    return { id, deleted: true, revertsToGenerated: this.generated().some((g) => g.id === id) };
  }

  /** All stored dashboards, or the ones named (generated room dashboards included when named). */
  export(ids?: readonly string[]): { format: typeof DASHBOARD_FILE_FORMAT; version: 1; exportedAt: string; dashboards: DashboardBody[] } {
    const list = ids ? ids.map((id) => this.get(id)) : this.stored();
    return { format: DASHBOARD_FILE_FORMAT, version: 1, exportedAt: new Date(this.d.now()).toISOString(), dashboards: list.map((x) => DashboardBody.parse(strip(x))) };
  }

  /** Save every dashboard of a (validated) file in one transaction; with replace, stored ones not in the file go. */
  import(file: DashboardFile, replace: boolean): { imported: number; dashboards: DashboardSummary[] } {
    const bodies = file.dashboards.map((x) => DashboardBody.parse(strip(x)));
    this.d.repo.transaction(() => {
      if (replace) {
        const keep = new Set(bodies.map((b) => b.id));
        for (const row of this.d.repo.all()) if (!keep.has(row.id)) this.d.repo.delete(row.id);
      }
      for (const b of bodies) this.d.repo.put(b.id, JSON.stringify(b), this.stamp());
    });
    return { imported: bodies.length, dashboards: this.list() };
  }

  /** Every second save in one millisecond still gets a newer stamp (the conflict check compares them). */
  private stamp(): number {
    this.lastStamp = Math.max(this.d.now(), this.lastStamp + 1);
    return this.lastStamp;
  }

  private parse(row: { id: string; data: string; updatedAt: number }): Dashboard | undefined {
    try {
      const parsed = DashboardBody.safeParse(JSON.parse(row.data));
      if (parsed.success) return { ...parsed.data, updatedAt: row.updatedAt, generated: false };
      this.d.logger?.warn('stored dashboard does not parse; skipped', { id: row.id, issues: parsed.error.issues.slice(0, 3).map((i) => i.message) });
    } catch {
      this.d.logger?.warn('stored dashboard is not JSON; skipped', { id: row.id });
    }
    return undefined;
  }

  private stored(): Dashboard[] {
    return this.d.repo
      .all()
      .map((r) => this.parse(r))
      .filter((x): x is Dashboard => x !== undefined);
  }

  private storedOne(id: string): Dashboard | undefined {
    const row = this.d.repo.get(id);
    return row && this.parse(row);
  }

  private generated(): Dashboard[] {
    const metrics = new Map<string, { metric: string; unit: string }[]>();
    for (const s of this.d.series.all()) metrics.set(s.deviceId, [...(metrics.get(s.deviceId) ?? []), { metric: s.metric, unit: s.unit }]);
    const devices: RoomDevice[] = this.d.registry
      .list()
      .filter((dev) => !this.d.registry.isHidden(dev.id))
      .map((dev) => ({ id: dev.id, name: dev.name, room: dev.room, metrics: metrics.get(dev.id) ?? [] }));
    return defaultDashboards(devices).map((b) => ({ ...b, updatedAt: null, generated: true }));
  }
}

/** A dashboard without its server fields. */
function strip(x: DashboardInput | Dashboard): unknown {
  const { updatedAt: _u, generated: _g, ...body } = x as Record<string, unknown>;
  return body;
}
