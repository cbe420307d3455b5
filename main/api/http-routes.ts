import type { MethodName } from '../../preload/contract/index.ts';
import { monitoringRoutes } from './monitoring-routes.ts';

/**
 * The HTTP automation API (curl, Bitfocus Companion, a Stream Deck): thin aliases onto contract methods.
 * One implementation, two doors — each route only says which method it calls and how to build its params
 * from the path, the query string and the body. docs/API.md lists them (a test keeps them in step).
 */
export type HttpVerb = 'GET' | 'POST';

export interface RouteInput {
  path: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body (json routes) or the raw text (text routes); undefined when empty. */
  body: unknown;
}

export interface HttpRoute {
  verb: HttpVerb;
  /** e.g. `/api/dmx/universes/:n`; `:name` segments become path params. */
  path: string;
  method: MethodName;
  params?: (input: RouteInput) => unknown;
  /** How to read the body: JSON (default) or plain text (CSV uploads). */
  body?: 'json' | 'text';
  /** How to answer a success when it is not the result as JSON (a CSV download, a report that means 400). */
  reply?: (result: unknown) => HttpReply;
}

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
  /** Offered as a download under this name (Content-Disposition). */
  filename?: string;
}

/** A `{csv, filename}` result as a CSV file. */
export const csvReply = (result: unknown): HttpReply => {
  const { csv, filename } = result as { csv: string; filename: string };
  return { status: 200, contentType: 'text/csv; charset=utf-8', body: csv, filename };
};

/** A CSV import: the per-row report of a refused file is a 400 (with the usual error envelope and the report). */
export const importReply = (result: unknown): HttpReply => {
  const outcome = result as { ok: true } | { ok: false; report: { row: number; column?: string; message: string }[] };
  if (outcome.ok) return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(outcome) };
  const issues = outcome.report.map((p) => ({ path: `row ${p.row}${p.column ? `.${p.column}` : ''}`, message: p.message }));
  const n = outcome.report.length;
  const message = `nothing was imported: the CSV has ${n} problem${n === 1 ? '' : 's'} (first: row ${outcome.report[0]!.row}: ${outcome.report[0]!.message})`;
  return { status: 400, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: { code: 'invalid_params', message, issues }, ...outcome }) };
};

/** `?replace=1` / `?replace=true` → true; absent → undefined. */
const flag = (v: string | null): boolean | undefined => (v == null ? undefined : v === '' || v === '1' || v.toLowerCase() === 'true');

/** A query or path value as the schema expects it: numbers become numbers, anything else stays text for zod to refuse. */
export const numberish = (v: string | null | undefined): unknown => (v == null ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);

/**
 * Path values laid over a JSON body: `POST /api/scenes/:id/go {"fadeMs":500}` → `{id, fadeMs}`. A body that is
 * not an object is passed on as it is, so validation refuses it with a clear message instead of ignoring it.
 */
export const withBody = (body: unknown, fromPath: Record<string, unknown>): unknown =>
  body === undefined ? fromPath : typeof body === 'object' && body !== null && !Array.isArray(body) ? { ...body, ...fromPath } : body;

/** Drops undefined keys so `.strict()` schemas see only what was given. */
export const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export const httpRoutes: HttpRoute[] = [
  { verb: 'GET', path: '/api/health', method: 'system.health' },
  { verb: 'GET', path: '/api/info', method: 'system.info' },
  { verb: 'GET', path: '/api/services', method: 'services.list' },
  { verb: 'GET', path: '/api/devices', method: 'devices.list' },
  { verb: 'GET', path: '/api/readings/latest', method: 'telemetry.latest' },
  { verb: 'GET', path: '/api/events', method: 'events.list', params: ({ query }) => defined({ limit: numberish(query.get('limit')), beforeId: numberish(query.get('beforeId')) }) },
  { verb: 'GET', path: '/api/settings', method: 'settings.get' },
  // DMX, for Bitfocus Companion / a Stream Deck: thin aliases onto dmx.*, scenes.*, cues.*.
  { verb: 'GET', path: '/api/dmx/status', method: 'dmx.status' },
  { verb: 'GET', path: '/api/dmx/universes/:n', method: 'dmx.universe', params: ({ path }) => ({ universe: numberish(path.n) }) },
  { verb: 'POST', path: '/api/dmx/universes/:n', method: 'dmx.set', params: ({ path, body }) => withBody(body, { universe: numberish(path.n) }) },
  { verb: 'POST', path: '/api/dmx/blackout', method: 'dmx.blackout' },
  { verb: 'POST', path: '/api/dmx/master', method: 'dmx.master' },
  { verb: 'GET', path: '/api/scenes', method: 'scenes.list' },
  { verb: 'POST', path: '/api/scenes', method: 'scenes.create' },
  { verb: 'POST', path: '/api/scenes/:id/go', method: 'scenes.go', params: ({ path, body }) => withBody(body, { id: path.id }) },
  { verb: 'POST', path: '/api/scenes/release', method: 'scenes.release' },
  { verb: 'GET', path: '/api/cuelists', method: 'cues.list' },
  { verb: 'POST', path: '/api/cuelists/:id/go', method: 'cues.go', params: ({ path, body }) => withBody(body, { id: path.id }) },
  { verb: 'POST', path: '/api/cuelists/:id/back', method: 'cues.back', params: ({ path, body }) => withBody(body, { id: path.id }) },
  // SNMP: target health and switch ports for monitoring scripts; "Test now" for a target's settings.
  { verb: 'GET', path: '/api/snmp/targets', method: 'snmp.status' },
  { verb: 'GET', path: '/api/snmp/switches', method: 'snmp.switches' },
  { verb: 'POST', path: '/api/snmp/test', method: 'snmp.test' },
  // The running order: the current day in the issue's JSON shape, operator buttons, CSV in and out.
  { verb: 'GET', path: '/api/schedule', method: 'schedule.get', params: ({ query }) => defined({ date: query.get('day') ?? undefined }) },
  { verb: 'GET', path: '/api/schedule.csv', method: 'schedule.export', params: ({ query }) => defined({ date: query.get('day') ?? undefined, all: flag(query.get('all')) }), reply: csvReply },
  { verb: 'GET', path: '/api/schedule/report.csv', method: 'schedule.report', params: ({ query }) => defined({ date: query.get('day') ?? undefined }), reply: csvReply },
  { verb: 'POST', path: '/api/schedule/import', method: 'schedule.import', body: 'text', params: ({ body, query }) => defined({ csv: body ?? '', replace: flag(query.get('replace')) }), reply: importReply },
  { verb: 'POST', path: '/api/schedule/entries/:id/start', method: 'schedule.start', params: ({ path, body }) => withBody(body, { id: path.id }) },
  { verb: 'POST', path: '/api/schedule/entries/:id/end', method: 'schedule.end', params: ({ path, body }) => withBody(body, { id: path.id }) },
  { verb: 'POST', path: '/api/schedule/next', method: 'schedule.next' },
  { verb: 'POST', path: '/api/schedule/undo', method: 'schedule.undo' },
  // Monitoring: series queries, CSV, Prometheus /metrics, forwarding status, dashboards (main/api/monitoring-routes.ts).
  ...monitoringRoutes,
];

export interface CompiledRoute extends HttpRoute {
  regex: RegExp;
  names: string[];
}

export function compileRoutes(routes: readonly HttpRoute[]): CompiledRoute[] {
  return routes.map((r) => {
    const names: string[] = [];
    const pattern = r.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...r, regex: new RegExp(`^${pattern}$`), names };
  });
}

export type RouteMatch = { kind: 'match'; route: CompiledRoute; path: Record<string, string> } | { kind: 'wrong-verb'; allow: HttpVerb[] } | { kind: 'none' };

/** Finds the route for a request; a known path with the wrong verb says which verbs it has (HTTP 405 + Allow). */
export function matchRoute(routes: readonly CompiledRoute[], verb: string, pathname: string): RouteMatch {
  const allow = new Set<HttpVerb>();
  for (const route of routes) {
    const m = route.regex.exec(pathname);
    if (!m) continue;
    if (route.verb !== verb && !(verb === 'HEAD' && route.verb === 'GET')) {
      allow.add(route.verb);
      continue;
    }
    const path: Record<string, string> = {};
    route.names.forEach((n, i) => {
      path[n] = decodeURIComponent(m[i + 1]!);
    });
    return { kind: 'match', route, path };
  }
  return allow.size ? { kind: 'wrong-verb', allow: [...allow] } : { kind: 'none' };
}
