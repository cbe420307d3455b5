import { z } from 'zod';
import { deviceId, label, method, none } from './method-spec.ts';
import { section } from './settings-spec.ts';

/**
 * Monitoring: time-series range queries over the stored tiers, CSV and Prometheus exports, forwarding to
 * InfluxDB/VictoriaMetrics, and stored dashboards. Settings: `retention` (per tier) and `forwarding`.
 */

/** Most points a query returns per series (a chart is a few thousand pixels wide at most). */
export const SERIES_MAX_POINTS = 10_000;
/** Most series one query asks for (a panel, or a dashboard's worth). */
export const SERIES_MAX_REFS = 64;
/** Most rows one CSV export holds (a raw export of a week of a 1 Hz series is 604 800). */
export const SERIES_CSV_MAX_ROWS = 1_000_000;
export const seriesTiers = ['raw', '1m', '1h'] as const;
export type SeriesTier = (typeof seriesTiers)[number];

const epochMs = z.number().int().nonnegative();
const metricName = z.string({ error: 'give the metric name' }).regex(/^[a-z][a-z0-9_.]{0,63}$/, 'a metric name is lower-case letters, digits, _ and . (e.g. temperature)');

// ---- Time: ISO 8601 with a zone, epoch milliseconds, or relative to now ("now-24h").

const relativeTime = /^now(?:-(\d{1,7})(s|m|h|d|w))?$/;
const isoTime = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:?\d{2}))?$/;
const unitMs = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const latest = 8.64e15; // the last instant a JS Date can hold

/** A time as the API takes it, resolved against `now`; undefined when it is not one (or not a real date). */
export function resolveTime(input: string | number, now: number): number | undefined {
  if (typeof input === 'number') return Number.isInteger(input) && input >= 0 && input <= latest ? input : undefined;
  const text = input.trim();
  const rel = relativeTime.exec(text);
  if (rel) return rel[1] === undefined ? now : now - Number(rel[1]) * unitMs[rel[2] as keyof typeof unitMs];
  if (/^\d{1,16}$/.test(text)) return resolveTime(Number(text), now);
  if (!isoTime.test(text)) return undefined;
  const ms = Date.parse(text.replace(' ', 'T'));
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  // Date.parse rolls 2026-02-30 over to March: refuse dates that do not exist.
  const [y, mo, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? ms : undefined;
}

const timeHelp = 'use an ISO date-time with a zone (2026-05-01T18:00:00Z), epoch milliseconds, or now / now-15m / now-24h / now-7d';
/** A time for a range: checked here (format, real date); resolved against the server's clock by the handler. */
export const TimeInput = z.union([z.number(), z.string().max(64, timeHelp)], { error: timeHelp }).refine((v) => resolveTime(v, 0) !== undefined, timeHelp);
export type TimeInput = z.infer<typeof TimeInput>;

// ---- Series

/** A series by its device and metric, or by its numeric id (from series.list). */
export const SeriesRef = z
  .object({ device: deviceId.optional(), metric: metricName.optional(), id: z.number({ error: 'a series id is a whole number' }).int('a series id is a whole number').positive('a series id is a whole number').optional() })
  .strict()
  .superRefine((r, ctx) => {
    if (r.id !== undefined && (r.device !== undefined || r.metric !== undefined)) ctx.addIssue({ code: 'custom', message: 'give either device and metric, or a series id — not both' });
    else if (r.id === undefined && (r.device === undefined || r.metric === undefined))
      ctx.addIssue({ code: 'custom', path: [r.device === undefined ? 'device' : 'metric'], message: 'give device and metric (e.g. {"device": "ble:A4:C1:38:5A:10:01", "metric": "temperature"}) or a series id' });
  });
export type SeriesRef = z.infer<typeof SeriesRef>;

const maxPointsHelp = `maxPoints must be a whole number from 1 to ${SERIES_MAX_POINTS}`;
export const SeriesRange = z
  .object({
    series: z.array(SeriesRef, { error: 'give the series as a list, e.g. [{"device": "…", "metric": "temperature"}]' }).min(1, 'name at least one series').max(SERIES_MAX_REFS, `at most ${SERIES_MAX_REFS} series in one query`),
    from: TimeInput.default('now-24h'),
    to: TimeInput.default('now'),
    maxPoints: z.number({ error: maxPointsHelp }).int(maxPointsHelp).min(1, maxPointsHelp).max(SERIES_MAX_POINTS, maxPointsHelp).default(1000),
  })
  .strict();
export type SeriesRange = z.infer<typeof SeriesRange>;

/** One bucket [t, t + step) of a series: envelope (min, max), mean and how many readings it summarises. */
export const SeriesPoint = z.object({ t: epochMs, min: z.number(), max: z.number(), avg: z.number(), count: z.number().int().positive() });
export type SeriesPoint = z.infer<typeof SeriesPoint>;

/** A stored series with its device's name and room (joined now, never keys). */
export const SeriesInfo = z.object({
  id: z.number().int().positive(),
  deviceId: z.string(),
  metric: z.string(),
  unit: z.string(),
  name: z.string().nullable(),
  room: z.string().nullable(),
  /** Start of the oldest stored hour (null when nothing is stored). */
  first: epochMs.nullable(),
  /** Time of the newest stored reading. */
  last: epochMs.nullable(),
});
export type SeriesInfo = z.infer<typeof SeriesInfo>;

export const SeriesData = SeriesInfo.omit({ first: true, last: true }).extend({ points: z.array(SeriesPoint) });
export type SeriesData = z.infer<typeof SeriesData>;

export const SeriesQueryResult = z.object({
  /** Which tier answered: raw readings, 1-minute or 1-hour rollups. */
  tier: z.enum(seriesTiers),
  /** Bucket width in ms; buckets are aligned to multiples of it (so panning never reshuffles them). */
  step: z.number().int().positive(),
  /** The range asked for, resolved (epoch ms). The first bucket may start before `from`, the last end after `to`. */
  from: epochMs,
  to: epochMs,
  /** One entry per series asked for, in order. Empty buckets are left out: a gap in `t` is missing data. */
  series: z.array(SeriesData),
  /** With exactly one series: its points again, the shape of `GET /api/series`. */
  points: z.array(SeriesPoint).optional(),
});
export type SeriesQueryResult = z.infer<typeof SeriesQueryResult>;

// ---- Settings

const days = (what: string, max: number) => z.number({ error: `${what}: give a number of days` }).int(`${what}: use whole days`).min(1, `${what}: keep at least 1 day`).max(max, `${what}: at most ${max} days`);

export const forwardingKinds = ['influxdb-v1', 'influxdb-v2', 'victoriametrics'] as const;
export type ForwardingKind = (typeof forwardingKinds)[number];
const httpUrl = z
  .string({ error: 'give the target URL, e.g. http://10.0.0.5:8086' })
  .trim()
  .max(500, 'keep the URL to 500 characters')
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch {
      return false;
    }
  }, 'give an http:// or https:// URL, e.g. http://10.0.0.5:8086');
const name64 = (what: string) => z.string({ error: `${what} must be text` }).trim().max(64, `keep the ${what} to 64 characters`);

export const monitoringSettings = {
  /**
   * How long each tier is kept. A coarser tier is always kept at least as long as a finer one (the longer
   * setting wins). Replaces `telemetry.rawRetentionDays` (old files still load: it becomes `rawDays`).
   */
  retention: section({
    schema: z
      .object({
        rawDays: days('raw readings', 3650),
        minuteDays: days('1-minute rollups', 3650),
        /** null: keep hourly rollups forever. */
        hourDays: days('1-hour rollups', 36_500).nullable(),
      })
      .strict(),
    defaults: { rawDays: 14, minuteDays: 90, hourDays: null },
    merge: 'keys',
  }),
  /** Send every stored reading to an InfluxDB or VictoriaMetrics too (line protocol, batched, with a backlog on disk). */
  forwarding: section({
    schema: z
      .object({
        enabled: z.boolean({ error: 'enabled is true or false' }),
        kind: z.enum(forwardingKinds, { error: `kind is one of ${forwardingKinds.join(', ')}` }),
        url: httpUrl,
        /** InfluxDB 1.x database (created by the operator). */
        database: name64('database name'),
        /** InfluxDB 1.x retention policy ('' = the database's default). */
        retentionPolicy: name64('retention policy'),
        /** InfluxDB 2.x organisation and bucket. */
        org: name64('organisation'),
        bucket: name64('bucket'),
        batchSize: z.number({ error: 'batchSize: give a number' }).int('batchSize: a whole number').min(100, 'batchSize: at least 100').max(50_000, 'batchSize: at most 50000'),
        flushIntervalMs: z.number({ error: 'flushIntervalMs: give a number' }).int('flushIntervalMs: whole milliseconds').min(100, 'flushIntervalMs: at least 100 ms').max(60_000, 'flushIntervalMs: at most 60000 ms'),
        /** Readings kept on disk while the target is down; beyond this the oldest are dropped (and counted). */
        maxBacklog: z.number({ error: 'maxBacklog: give a number' }).int('maxBacklog: a whole number').min(10_000, 'maxBacklog: at least 10000').max(50_000_000, 'maxBacklog: at most 50000000'),
      })
      .strict(),
    defaults: { enabled: false, kind: 'influxdb-v1', url: 'http://127.0.0.1:8086', database: 'showsite', retentionPolicy: '', org: '', bucket: 'showsite', batchSize: 5000, flushIntervalMs: 1000, maxBacklog: 2_000_000 },
    merge: 'keys',
  }),
};

/**
 * Files written before per-tier retention carry `telemetry.rawRetentionDays`: it becomes `retention.rawDays`
 * (unless the file also sets that), so an old settings file or show file still loads. Pure.
 */
export function upgradeLegacySettings(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const file = input as Record<string, unknown>;
  const telemetry = file.telemetry;
  if (typeof telemetry !== 'object' || telemetry === null || Array.isArray(telemetry) || !('rawRetentionDays' in telemetry)) return input;
  const { rawRetentionDays, ...rest } = telemetry as Record<string, unknown>;
  const retention = typeof file.retention === 'object' && file.retention !== null && !Array.isArray(file.retention) ? (file.retention as Record<string, unknown>) : {};
  return { ...file, telemetry: rest, retention: { rawDays: rawRetentionDays, ...retention } };
}

// ---- Forwarding

export const ForwardingStatus = z.object({
  enabled: z.boolean(),
  /** Where readings go, e.g. "InfluxDB 1.x at http://10.0.0.5:8086 (db showsite)"; null when off. */
  target: z.string().nullable(),
  state: z.enum(['off', 'ok', 'degraded', 'lost', 'error', 'starting']),
  /** What the status strip shows: "forwarding to …" / "target down (…), 1 234 readings waiting". */
  message: z.string(),
  /** Readings in the backlog (on disk) not yet accepted by the target. */
  waiting: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  /** Dropped because the backlog was full (oldest first). */
  dropped: z.number().int().nonnegative(),
  /** Refused by the target as malformed (HTTP 400): dropped so they cannot block the rest. */
  rejected: z.number().int().nonnegative(),
  lastSentAt: epochMs.nullable(),
  lastError: z.string().nullable(),
  credentials: z.object({ username: z.string().nullable(), password: z.boolean(), token: z.boolean() }),
});
export type ForwardingStatus = z.infer<typeof ForwardingStatus>;

// ---- Dashboards

export const panelTypes = ['time-series', 'stat', 'gauge', 'table', 'state-timeline'] as const;
export type PanelType = (typeof panelTypes)[number];
export const dashboardRanges = ['15m', '1h', '6h', '24h', '7d', '30d'] as const;
/** Grid columns (panels are placed on a 24-column grid, rows of any number). */
export const DASHBOARD_COLUMNS = 24;

export const DashboardId = z
  .string({ error: 'give the dashboard id' })
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'a dashboard id is lower-case letters, digits and dashes (at most 64), e.g. stage-power')
  .refine((id) => id !== 'export' && id !== 'import', 'export and import are reserved; pick another id');

const finite = (what: string) => z.number({ error: `${what} must be a number` }).refine(Number.isFinite, `${what} must be a number`);
const PanelThresholds = z
  .object({ warnAbove: finite('warnAbove').optional(), alarmAbove: finite('alarmAbove').optional(), warnBelow: finite('warnBelow').optional(), alarmBelow: finite('alarmBelow').optional() })
  .strict()
  .superRefine((t, ctx) => {
    if (t.warnAbove !== undefined && t.alarmAbove !== undefined && t.warnAbove >= t.alarmAbove) ctx.addIssue({ code: 'custom', path: ['warnAbove'], message: `warn above (${t.warnAbove}) must be lower than alarm above (${t.alarmAbove})` });
    if (t.warnBelow !== undefined && t.alarmBelow !== undefined && t.warnBelow <= t.alarmBelow) ctx.addIssue({ code: 'custom', path: ['warnBelow'], message: `warn below (${t.warnBelow}) must be higher than alarm below (${t.alarmBelow})` });
  });

const gridInt = (what: string, min: number, max: number) => z.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`).min(min, `${what} is at least ${min}`).max(max, `${what} is at most ${max}`);
export const PanelGrid = z
  .object({ x: gridInt('x', 0, DASHBOARD_COLUMNS - 1), y: gridInt('y', 0, 10_000), w: gridInt('w', 1, DASHBOARD_COLUMNS), h: gridInt('h', 1, 100) })
  .strict()
  .refine((g) => g.x + g.w <= DASHBOARD_COLUMNS, { message: `a panel must fit the ${DASHBOARD_COLUMNS}-column grid (x + w ≤ ${DASHBOARD_COLUMNS})`, path: ['w'] });

export const PanelSeries = z.object({ device: deviceId, metric: metricName, label: label(64).optional() }).strict();

export const Panel = z
  .object({
    id: z.string({ error: 'give the panel an id' }).regex(/^[A-Za-z0-9_-]{1,64}$/, 'a panel id is letters, digits, _ and - (at most 64)'),
    type: z.enum(panelTypes, { error: `a panel type is one of ${panelTypes.join(', ')}` }),
    title: label(80),
    series: z.array(PanelSeries).max(32, 'at most 32 series in one panel'),
    /** Display unit (overrides the series' own). */
    unit: label(16).optional(),
    decimals: gridInt('decimals', 0, 6).optional(),
    /** Axis or gauge range. */
    min: finite('min').optional(),
    max: finite('max').optional(),
    /** This panel's colour bands; absent = the site's thresholds for each series. */
    thresholds: PanelThresholds.optional(),
    grid: PanelGrid,
  })
  .strict()
  .refine((p) => p.min === undefined || p.max === undefined || p.min < p.max, { message: 'min must be lower than max', path: ['min'] });
export type Panel = z.infer<typeof Panel>;

const dashboardShape = {
  id: DashboardId,
  title: z.string({ error: 'give the dashboard a title' }).trim().min(1, 'give the dashboard a title').max(80, 'keep the title to 80 characters'),
  /** The room it shows (default dashboards), or null. */
  room: label(64).nullable().default(null),
  /** The time range it opens with. */
  range: z.enum(dashboardRanges, { error: `range is one of ${dashboardRanges.join(', ')}` }).default('24h'),
  panels: z
    .array(Panel)
    .max(100, 'at most 100 panels on one dashboard')
    .refine((ps) => new Set(ps.map((p) => p.id)).size === ps.length, 'each panel needs its own id'),
};

/** A dashboard as written: what a file holds and what `dashboards.save` takes (updatedAt/generated ignored). */
export const DashboardInput = z.object({ ...dashboardShape, updatedAt: z.unknown().optional(), generated: z.unknown().optional() }).strict();
export type DashboardInput = z.input<typeof DashboardInput>;
/** A dashboard as stored and portable: no server fields (stable in version control). */
export const DashboardBody = z.object(dashboardShape).strict();
export type DashboardBody = z.infer<typeof DashboardBody>;
export const Dashboard = DashboardBody.extend({
  /** When it was last saved; null for a generated room dashboard never saved. */
  updatedAt: epochMs.nullable(),
  /** Built from the room's devices (not stored): saving it keeps a copy that then replaces the generated one. */
  generated: z.boolean(),
});
export type Dashboard = z.infer<typeof Dashboard>;
export const DashboardSummary = z.object({ id: z.string(), title: z.string(), room: z.string().nullable(), panels: z.number().int().nonnegative(), updatedAt: epochMs.nullable(), generated: z.boolean() });
export type DashboardSummary = z.infer<typeof DashboardSummary>;

export const DASHBOARD_FILE_FORMAT = 'showsite-dashboards';
export const DashboardFile = z
  .object({
    format: z.literal(DASHBOARD_FILE_FORMAT, { error: `not a dashboards file (format must be "${DASHBOARD_FILE_FORMAT}")` }),
    version: z.literal(1, { error: 'this build reads dashboards files of version 1' }),
    exportedAt: z.string().optional(),
    dashboards: z.array(DashboardInput).max(200, 'at most 200 dashboards in one file'),
  })
  .strict()
  .refine((f) => new Set(f.dashboards.map((d) => d.id)).size === f.dashboards.length, { message: 'each dashboard in the file needs its own id', path: ['dashboards'] });
export type DashboardFile = z.input<typeof DashboardFile>;
const DashboardFileOut = z.object({ format: z.literal(DASHBOARD_FILE_FORMAT), version: z.literal(1), exportedAt: z.string(), dashboards: z.array(DashboardBody) });

// ---- Methods

const csvParams = SeriesRange.extend({ raw: z.boolean({ error: 'raw is true or false' }).default(false) });

export const monitoringMethods = {
  'series.list': method({ params: none, result: z.array(SeriesInfo), access: 'view', summary: 'Every stored series with its device name, room, unit and stored extent.' }),
  'series.query': method({
    params: SeriesRange,
    result: SeriesQueryResult,
    access: 'view',
    summary: `Range query: at most maxPoints (≤ ${SERIES_MAX_POINTS}) buckets per series with min/max envelope and mean; the tier (raw, 1m, 1h) is picked for the range.`,
  }),
  'series.csv': method({
    params: csvParams,
    result: z.object({ filename: z.string(), csv: z.string(), rows: z.number().int().nonnegative() }),
    access: 'view',
    summary: `The same range as CSV: the chart's buckets, or (raw: true) every stored reading (at most ${SERIES_CSV_MAX_ROWS} rows).`,
  }),
  'metrics.prometheus': method({ params: none, result: z.object({ text: z.string() }), access: 'view', summary: 'Latest value of every series in Prometheus text format (what GET /metrics serves).' }),
  'forwarding.status': method({ params: none, result: ForwardingStatus, access: 'view', summary: 'Where readings are forwarded, how many wait in the backlog, sent, dropped, last error.' }),
  'forwarding.credentials': method({
    params: z
      .object({ username: label(200).optional(), password: z.string().max(500, 'keep the password to 500 characters').optional(), token: z.string().max(2000, 'keep the token to 2000 characters').optional() })
      .strict()
      .refine((p) => p.username !== undefined || p.password !== undefined || p.token !== undefined, 'give username, password or token (an empty string clears it)'),
    result: ForwardingStatus,
    access: 'control',
    summary: 'Set the forwarding target’s credentials (InfluxDB 1.x user/password, 2.x or VictoriaMetrics token). Kept out of settings and exports.',
  }),
  'dashboards.list': method({ params: none, result: z.array(DashboardSummary), access: 'view', summary: 'Stored dashboards and one generated dashboard per room.' }),
  'dashboards.get': method({ params: z.object({ id: DashboardId }).strict(), result: Dashboard, access: 'view', summary: 'One dashboard: stored, or generated from the room’s devices.' }),
  'dashboards.save': method({
    params: z
      .object({
        dashboard: DashboardInput,
        /** The updatedAt it was loaded with: refused (conflict) if someone saved it since. */
        baseUpdatedAt: epochMs.nullable().optional(),
      })
      .strict(),
    result: Dashboard,
    access: 'control',
    summary: 'Create or replace a dashboard (panels, grid, units, thresholds). With baseUpdatedAt, refuses to overwrite a newer save.',
  }),
  'dashboards.delete': method({
    params: z.object({ id: DashboardId }).strict(),
    result: z.object({ id: z.string(), deleted: z.literal(true), revertsToGenerated: z.boolean() }),
    access: 'control',
    summary: 'Delete a stored dashboard (a saved room dashboard goes back to the generated one).',
  }),
  'dashboards.export': method({
    params: z.object({ ids: z.array(DashboardId).max(200).optional() }).strict(),
    result: DashboardFileOut,
    access: 'view',
    summary: 'Dashboards as a JSON file (all stored ones, or these ids — generated room dashboards included when asked for).',
  }),
  'dashboards.import': method({
    params: z.object({ file: DashboardFile, replace: z.boolean({ error: 'replace is true or false' }).default(false) }).strict(),
    result: z.object({ imported: z.number().int().nonnegative(), dashboards: z.array(DashboardSummary) }),
    access: 'control',
    summary: 'Add the dashboards of a file (same id = replaced); replace: true removes stored ones not in the file. All checked before any is saved.',
  }),
} as const;
