import type { Device, NameRow, NamesImportReport } from '../../preload/contract/index.ts';
import { CoreError } from '../runtime/errors.ts';
import type { Db } from '../store/db.ts';
import type { ReadingWriter, SeriesRepo } from '../store/readings-repo.ts';
import { tierState } from '../store/tiers.ts';
import { deleteSeriesData, mergeSeriesInto } from './merge-series.ts';
import { formatNamesCsv, formatNamesJson, parseNamesCsv, parseNamesJson, type NameExportRow, type NameImportRow } from './names-io.ts';
import type { DeviceRegistry } from './registry.ts';

export interface DeviceToolsDeps {
  db: Db;
  registry: DeviceRegistry;
  series: SeriesRepo;
  writer: ReadingWriter;
  /** Rebuild the live view of these devices after their series moved or went (Telemetry.refreshDevices). */
  refreshLive(ids: readonly string[]): void;
  now(): number;
}

/**
 * The operator's tools over the registry: bulk names and rooms, hide, merge, forget, names export and
 * import. Each checks everything first and then changes everything in one transaction, so a refusal
 * (with a message a person can act on) changes nothing.
 */
export class DeviceTools {
  private readonly d: DeviceToolsDeps;
  private readonly removedListeners = new Set<(ids: readonly string[]) => void>();
  constructor(deps: DeviceToolsDeps) {
    this.d = deps;
  }

  /** Told of ids that stopped being devices (forgotten, or merged into another): e.g. to clear their retained MQTT topics. */
  onRemoved(listener: (ids: readonly string[]) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  private removed(ids: readonly string[]): void {
    for (const l of this.removedListeners) {
      try {
        l(ids);
      } catch {
        /* a listener's failure must not undo a committed change */
      }
    }
  }

  private known(id: string): Device {
    const device = this.d.registry.get(this.d.registry.canonical(id));
    if (!device) throw new CoreError('not_found', `no device with id "${id}"`);
    return device;
  }

  private knownAll(ids: readonly string[]): string[] {
    const missing = ids.filter((id) => !this.d.registry.has(this.d.registry.canonical(id)));
    if (missing.length > 0) throw new CoreError('not_found', `no device with id ${missing.slice(0, 5).map((m) => `"${m}"`).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`);
    return [...new Set(ids.map((id) => this.d.registry.canonical(id)))];
  }

  setRoom(ids: readonly string[], room: string, setBy: string): Device[] {
    const list = this.knownAll(ids);
    return this.d.db.transaction(() => list.map((id) => this.d.registry.rename(id, { room }, setBy, this.d.now())!))();
  }

  bulkRename(rows: readonly NameRow[], setBy: string): Device[] {
    const list = this.knownAll(rows.map((r) => r.id));
    if (list.length !== rows.length) throw new CoreError('invalid', 'two rows name the same device (one is an alias of the other)');
    return this.d.db.transaction(() => rows.map((r) => this.d.registry.rename(this.d.registry.canonical(r.id), pickNames(r), setBy, this.d.now())!))();
  }

  hide(ids: readonly string[], hidden: boolean): Device[] {
    const list = this.knownAll(ids);
    const out = this.d.db.transaction(() => list.map((id) => this.d.registry.setHidden(id, hidden)!))();
    this.d.refreshLive(list);
    return out;
  }

  /** Join `from` into `into`: series moved (or merged where both have one), `from` an alias from now on. */
  merge(fromId: string, intoId: string): { device: Device; moved: number; merged: number } {
    const from = this.known(fromId);
    const into = this.known(intoId);
    if (from.id === into.id) throw new CoreError('invalid', `${fromId} and ${intoId} are already one device`);
    // Readings still waiting in memory must be on disk before their series move.
    this.d.writer.flush();
    const moved = { moved: 0, merged: 0 };
    const device = this.d.db.transaction(() => {
      const r = mergeSeriesInto(this.d.db, from.id, into.id);
      moved.moved = r.moved;
      moved.merged = r.merged;
      return this.d.registry.absorb(from.id, into.id, this.d.now());
    })();
    tierState(this.d.db).clearCaches();
    this.d.series.forgetDevice(from.id);
    // Re-learn the moved series under their new device.
    for (const row of this.d.db.prepare<[string], { metric: string; unit: string }>('SELECT metric, unit FROM series WHERE device_id = ?').all(into.id)) this.d.series.resolve(into.id, row.metric, row.unit);
    this.d.refreshLive([from.id, into.id]);
    this.removed([from.id]);
    return { device, ...moved };
  }

  /** Remove a device, its name and its whole history. */
  forget(id: string): { id: string; series: number; readings: number } {
    const device = this.known(id);
    this.d.writer.flush();
    const counts = this.d.db.transaction(() => {
      const seriesIds = this.d.db.prepare<[string], { id: number }>('SELECT id FROM series WHERE device_id = ?').all(device.id).map((r) => r.id);
      let readings = 0;
      for (const sid of seriesIds) readings += deleteSeriesData(this.d.db, sid);
      this.d.db.prepare('DELETE FROM series WHERE device_id = ?').run(device.id);
      this.d.registry.remove(device.id);
      return { series: seriesIds.length, readings };
    })();
    tierState(this.d.db).clearCaches();
    this.d.series.forgetDevice(device.id);
    this.d.refreshLive([device.id]);
    this.removed([device.id]);
    return { id: device.id, ...counts };
  }

  exportNames(format: 'csv' | 'json'): { format: 'csv' | 'json'; text: string; count: number } {
    const rows: NameExportRow[] = [];
    for (const d of this.d.registry.list()) {
      if (d.name === null && d.room === null && d.notes === null) continue;
      const row: NameExportRow = { id: d.id, name: d.name, room: d.room, notes: d.notes };
      if (d.aliases && d.aliases.length > 0) row.aliases = d.aliases;
      rows.push(row);
    }
    const known = new Set(rows.map((r) => r.id));
    for (const p of this.d.registry.pendingNames()) if (!known.has(p.id)) rows.push(p);
    rows.sort((a, b) => a.id.localeCompare(b.id));
    return { format, text: format === 'csv' ? formatNamesCsv(rows) : formatNamesJson(rows, this.d.now()), count: rows.length };
  }

  /** All or nothing: any bad row and nothing changes (the error lists the lines). */
  importNames(format: 'csv' | 'json', text: string, dryRun: boolean, setBy: string): NamesImportReport {
    const parsed = format === 'csv' ? parseNamesCsv(text) : parseNamesJson(text);
    if (!parsed.ok) {
      // A JSON file's rows are items, not lines (their messages start "item N: "; a whole-file one has no place).
      const issues = parsed.issues.map((i) => (format === 'csv' ? { path: `line ${i.line}`, message: i.message } : /^item \d+: /.test(i.message) ? { path: `item ${i.line}`, message: i.message.replace(/^item \d+: /, '') } : { path: '', message: i.message }));
      throw new CoreError('invalid', `names not imported, nothing changed — ${parsed.issues.map((i) => (format === 'csv' ? `line ${i.line}: ${i.message}` : i.message)).join('; ')}`, issues);
    }
    const report: NamesImportReport = { applied: 0, unchanged: 0, pending: 0, rows: [] };
    const plan = parsed.rows.map((row) => {
      const id = this.d.registry.canonical(row.id);
      const outcome: NamesImportReport['rows'][number]['outcome'] = !this.d.registry.has(id) ? 'pending' : this.d.registry.wouldChange(id, pickNames(row)) ? 'applied' : 'unchanged';
      report[outcome]++;
      report.rows.push({ line: row.line, id: row.id, outcome });
      return { row, id, outcome };
    });
    if (dryRun) return report;
    const now = this.d.now();
    this.d.db.transaction(() => {
      for (const p of plan) {
        if (p.outcome === 'applied') this.d.registry.rename(p.id, pickNames(p.row), setBy, now);
        else if (p.outcome === 'pending') this.d.registry.setPending(p.row.id, pickNames(p.row), setBy, now);
      }
    })();
    return report;
  }

  /** Devices changed by the last import (for devices.changed). */
  devices(ids: readonly string[]): Device[] {
    return ids.flatMap((id) => {
      const d = this.d.registry.get(this.d.registry.canonical(id));
      return d ? [d] : [];
    });
  }
}

function pickNames(r: Pick<NameImportRow, 'name' | 'room' | 'notes'>): { name?: string; room?: string; notes?: string } {
  const out: { name?: string; room?: string; notes?: string } = {};
  if (r.name !== undefined) out.name = r.name;
  if (r.room !== undefined) out.room = r.room;
  if (r.notes !== undefined) out.notes = r.notes;
  return out;
}
