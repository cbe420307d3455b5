import type { LiveReading, SeriesInfo, SeriesQueryResult, SeriesRange, SeriesRef } from '../../preload/contract/index.ts';
import { SERIES_CSV_MAX_ROWS, resolveTime } from '../../preload/contract/index.ts';
import type { DeviceRegistry } from '../devices/registry.ts';
import { CoreError, type CoreIssue } from '../runtime/errors.ts';
import type { SeriesRepo, SeriesRow } from '../store/readings-repo.ts';
import type { SeriesQuery } from '../store/series-query.ts';
import { prometheusText, type PromGauge } from './prometheus.ts';
import { csvFilename, pointsCsv, rawCsv, type CsvSeries } from './series-csv.ts';

export interface MonitoringDeps {
  query: SeriesQuery;
  series: SeriesRepo;
  registry: DeviceRegistry;
  /** The newest value of every series (Telemetry.latest). */
  latest: () => LiveReading[];
  now: () => number;
}

/**
 * Range queries, CSV and Prometheus over the stored tiers. Every request is checked whole — times resolved,
 * range possible, every series known — before any data is read, so a mistake costs nothing and says what to fix.
 */
export class Monitoring {
  private readonly d: MonitoringDeps;
  constructor(deps: MonitoringDeps) {
    this.d = deps;
  }

  list(): SeriesInfo[] {
    return this.d.series
      .all()
      .map((s) => ({ ...this.describe(s), ...this.d.query.extent(s.id) }))
      .sort((a, b) => a.deviceId.localeCompare(b.deviceId) || a.metric.localeCompare(b.metric));
  }

  query(p: SeriesRange): SeriesQueryResult {
    const { from, to } = this.range(p.from, p.to);
    const rows = this.resolve(p.series);
    const plan = this.d.query.plan(from, to, p.maxPoints);
    const series = rows.map((s) => ({ ...this.describe(s), points: this.d.query.points(s.id, plan) }));
    return { tier: plan.tier, step: plan.step, from, to, series, ...(series.length === 1 ? { points: series[0]!.points } : {}) };
  }

  /** The chart's buckets as CSV, or (raw) every stored reading of the range. */
  csv(p: SeriesRange & { raw: boolean }): { filename: string; csv: string; rows: number } {
    const { from, to } = this.range(p.from, p.to);
    const rows = this.resolve(p.series);
    const info = rows.map((s) => this.csvSeries(s));
    if (!p.raw) {
      const plan = this.d.query.plan(from, to, p.maxPoints);
      const lists = rows.map((s, i) => ({ series: info[i]!, rows: this.d.query.points(s.id, plan) }));
      return { filename: csvFilename(info, from, to, false), csv: pointsCsv(lists), rows: lists.reduce((n, l) => n + l.rows.length, 0) };
    }
    const pruned = this.d.query.prunedBefore.raw;
    if (from < pruned) {
      throw new CoreError('invalid', `raw readings before ${new Date(pruned).toISOString()} have been pruned (Settings → Retention keeps raw readings ${this.rawDaysHint(pruned)}); export the chart's buckets instead (raw: false) or start the range later`);
    }
    let budget = SERIES_CSV_MAX_ROWS;
    const lists = rows.map((s, i) => {
      const got = this.d.query.raw(s.id, from, to, budget + 1).map((r) => ({ t: r.ts, value: r.value }));
      budget -= got.length;
      if (budget < 0) throw new CoreError('invalid', `more than ${SERIES_CSV_MAX_ROWS} raw readings in this range; narrow it or export the chart's buckets (raw: false)`);
      return { series: info[i]!, rows: got };
    });
    return { filename: csvFilename(info, from, to, true), csv: rawCsv(lists), rows: SERIES_CSV_MAX_ROWS - budget };
  }

  /** Latest value of every series with device, name, room, metric and unit labels. */
  prometheus(gauges: readonly PromGauge[] = []): string {
    const readings = this.d.latest().map((r) => {
      const device = this.d.registry.get(r.deviceId);
      return { deviceId: r.deviceId, name: device?.name ?? null, room: device?.room ?? null, metric: r.metric, unit: r.unit, value: r.value, ts: r.ts };
    });
    return prometheusText(readings, gauges);
  }

  /** The range asked for, resolved against the server's clock; refused when it is empty or backwards. */
  range(fromIn: string | number, toIn: string | number): { from: number; to: number } {
    const now = this.d.now();
    const from = resolveTime(fromIn, now);
    const to = resolveTime(toIn, now);
    if (from === undefined || to === undefined) throw new CoreError('invalid', `not a time: ${from === undefined ? `from "${fromIn}"` : `to "${toIn}"`}`);
    if (from >= to) {
      const iso = (t: number) => (t >= 0 ? new Date(t).toISOString() : String(t));
      throw new CoreError('invalid', `from (${iso(from)}) must be before to (${iso(to)})`, [{ path: 'from', message: 'must be before to' }]);
    }
    return { from, to };
  }

  /** Every series asked for, or a not_found naming each unknown one (and what the device does have). */
  resolve(refs: readonly SeriesRef[]): SeriesRow[] {
    const found: SeriesRow[] = [];
    const issues: CoreIssue[] = [];
    refs.forEach((r, i) => {
      if (r.id !== undefined) {
        const s = this.d.series.byIdOf(r.id);
        if (s) found.push(s);
        else issues.push({ path: `series.${i}.id`, message: `no series with id ${r.id}` });
        return;
      }
      const device = r.device!;
      const metric = r.metric!;
      const s = this.d.series.find(device, metric) ?? this.d.series.find(this.d.registry.canonical(device), metric);
      if (s) {
        found.push(s);
        return;
      }
      const has = this.d.series
        .all()
        .filter((x) => x.deviceId === this.d.registry.canonical(device))
        .map((x) => x.metric)
        .sort();
      issues.push({
        path: `series.${i}`,
        message: has.length ? `device "${device}" has no series "${metric}" (it has: ${has.join(', ')})` : `no series for device "${device}" (see series.list or GET /api/series/list)`,
      });
    });
    if (issues.length) throw new CoreError('not_found', issues.map((i) => i.message).join('; '), issues);
    return found;
  }

  private describe(s: SeriesRow): Omit<SeriesInfo, 'first' | 'last'> {
    const device = this.d.registry.get(s.deviceId);
    return { id: s.id, deviceId: s.deviceId, metric: s.metric, unit: s.unit, name: device?.name ?? null, room: device?.room ?? null };
  }

  private csvSeries(s: SeriesRow): CsvSeries {
    const d = this.describe(s);
    return { id: d.id, deviceId: d.deviceId, name: d.name, room: d.room, metric: d.metric, unit: d.unit };
  }

  private rawDaysHint(pruned: number): string {
    const days = Math.round((this.d.now() - pruned) / 86_400_000);
    return days > 0 ? `about ${days} day${days === 1 ? '' : 's'}` : 'for a short time';
  }
}
