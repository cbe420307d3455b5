import type { HttpReply, HttpRoute, RouteInput } from './http-routes.ts';

/**
 * HTTP aliases for monitoring (spread into httpRoutes): series queries for scripts and Grafana-style
 * panels, CSV, Prometheus `/metrics` (outside /api/, token-protected like the rest), forwarding status,
 * and dashboards in and out as JSON files.
 */

const numberish = (v: string | null): unknown => (v == null ? undefined : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
const flag = (v: string | null): boolean | undefined => (v == null ? undefined : v === '' || v === '1' || v.toLowerCase() === 'true');
const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/**
 * The series of a query string: `series=<device>/<metric>` or `series=<id>` (repeatable), and/or repeated
 * `device=…&metric=…` pairs (zipped in order; one device with several metrics means that device's metrics).
 * Anything malformed is passed on for the contract to refuse with its own message.
 */
export function seriesFromQuery(query: URLSearchParams): unknown[] {
  const refs: unknown[] = [];
  for (const s of query.getAll('series')) {
    if (/^\d+$/.test(s)) refs.push({ id: Number(s) });
    else {
      const cut = s.lastIndexOf('/');
      refs.push(cut > 0 ? { device: s.slice(0, cut), metric: s.slice(cut + 1) } : { device: s });
    }
  }
  const devices = query.getAll('device');
  const metrics = query.getAll('metric');
  const pairs = Math.max(devices.length, metrics.length);
  for (let i = 0; i < pairs; i++) {
    const device = devices.length === 1 ? devices[0] : devices[i];
    refs.push(defined({ device, metric: metrics[i] }));
  }
  return refs;
}

const range = ({ query }: RouteInput) =>
  defined({ series: seriesFromQuery(query), from: numberish(query.get('from')) ?? undefined, to: numberish(query.get('to')) ?? undefined, maxPoints: numberish(query.get('maxPoints')) });

const csvReply = (result: unknown): HttpReply => {
  const { csv, filename } = result as { csv: string; filename: string };
  return { status: 200, contentType: 'text/csv; charset=utf-8', body: csv, filename };
};

export const monitoringRoutes: HttpRoute[] = [
  { verb: 'GET', path: '/api/series', method: 'series.query', params: range },
  { verb: 'GET', path: '/api/series.csv', method: 'series.csv', params: (input) => defined({ ...range(input), raw: flag(input.query.get('raw')) }), reply: csvReply },
  { verb: 'GET', path: '/api/series/list', method: 'series.list' },
  { verb: 'GET', path: '/metrics', method: 'metrics.prometheus', reply: (r) => ({ status: 200, contentType: 'text/plain; version=0.0.4; charset=utf-8', body: (r as { text: string }).text }) },
  { verb: 'GET', path: '/api/forwarding', method: 'forwarding.status' },
  { verb: 'GET', path: '/api/dashboards', method: 'dashboards.list' },
  {
    verb: 'GET',
    path: '/api/dashboards/export',
    method: 'dashboards.export',
    params: ({ query }) => defined({ ids: query.getAll('id').length ? query.getAll('id') : undefined }),
    reply: (r) => ({ status: 200, contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(r, null, 2)}\n`, filename: 'showsite-dashboards.json' }),
  },
  { verb: 'POST', path: '/api/dashboards/import', method: 'dashboards.import', params: ({ body, query }) => defined({ file: body, replace: flag(query.get('replace')) }) },
  { verb: 'POST', path: '/api/dashboards', method: 'dashboards.save', params: ({ body, query }) => defined({ dashboard: body, baseUpdatedAt: numberish(query.get('baseUpdatedAt')) }) },
  { verb: 'GET', path: '/api/dashboards/:id', method: 'dashboards.get', params: ({ path }) => ({ id: path.id }) },
  { verb: 'POST', path: '/api/dashboards/:id/delete', method: 'dashboards.delete', params: ({ path }) => ({ id: path.id }) },
];
