import { useEffect, useState } from 'react';
import { SERIES_MAX_REFS, type SeriesData, type SeriesInfo, type SeriesQueryResult, type SeriesTier } from '../../../preload/contract/index.ts';
import { ApiError } from '../api/errors.ts';
import { followIntervalMs, rangeSpanMs, type TimeRange } from '../lib/time-range.ts';
import { useApi } from './api-context.tsx';
import { useConnectionEpoch } from './useConnection.ts';

/** "device\u0000metric": how a chart finds its series in a query's answer. */
export const seriesKey = (device: string, metric: string): string => `${device}\u0000${metric}`;

export interface SeriesListState {
  list: SeriesInfo[];
  /** By seriesKey. */
  byKey: ReadonlyMap<string, SeriesInfo>;
  loaded: boolean;
  error: ApiError | null;
}

/** series.list on every (re)connect and then every minute (new devices appear, extents grow). */
export function useSeriesList(): SeriesListState {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [state, setState] = useState<SeriesListState>({ list: [], byKey: new Map(), loaded: false, error: null });
  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    const load = () =>
      api.call('series.list').then(
        (list) => live && setState({ list, byKey: new Map(list.map((s) => [seriesKey(s.deviceId, s.metric), s])), loaded: true, error: null }),
        (err: unknown) => live && setState((s) => ({ ...s, error: ApiError.wrap(err) })),
      );
    void load();
    const t = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api, epoch]);
  return state;
}

export interface SeriesQueryState {
  /** By seriesKey. */
  data: ReadonlyMap<string, SeriesData>;
  tier: SeriesTier | null;
  step: number;
  /** The range the answer covers (resolved by the core's clock). */
  from: number;
  to: number;
  loading: boolean;
  error: ApiError | null;
  /** Bumped on every answer (a test or the page can tell a re-query happened). */
  version: number;
  /** When the last answer came (local clock). */
  at: number;
}

const empty: SeriesQueryState = { data: new Map(), tier: null, step: 60_000, from: 0, to: 0, loading: true, error: null, version: 0, at: 0 };

/**
 * One range query for every series a dashboard shows (in calls of at most 64 series), asked again on an
 * interval while the range follows now. Refs the core does not know are left out (it would refuse the
 * whole call), so a panel of a removed device shows "no data" instead of breaking its neighbours.
 */
export function useSeriesQuery(refs: readonly { device: string; metric: string }[], range: TimeRange, maxPoints: number, known: ReadonlyMap<string, unknown> | null): SeriesQueryState {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [state, setState] = useState<SeriesQueryState>(empty);
  const wanted = [...new Set(refs.map((r) => seriesKey(r.device, r.metric)))].filter((k) => !known || known.has(k)).sort();
  const refsKey = wanted.join('\u0001');
  const rangeKey = JSON.stringify(range);
  const ready = known !== null;

  useEffect(() => {
    if (epoch === 0 || !ready) return;
    let live = true;
    const r = JSON.parse(rangeKey) as TimeRange;
    const keys = refsKey ? refsKey.split('\u0001') : [];
    const from = r.kind === 'relative' ? `now-${r.key}` : r.from;
    const to = r.kind === 'relative' ? 'now' : r.to;
    const run = async () => {
      setState((s) => ({ ...s, loading: true }));
      if (keys.length === 0) {
        if (live) setState((s) => ({ ...empty, loading: false, version: s.version + 1, at: Date.now() }));
        return;
      }
      const chunks: string[][] = [];
      for (let i = 0; i < keys.length; i += SERIES_MAX_REFS) chunks.push(keys.slice(i, i + SERIES_MAX_REFS));
      try {
        const answers: SeriesQueryResult[] = await Promise.all(
          chunks.map((chunk) =>
            api.call('series.query', {
              series: chunk.map((k) => {
                const [device, metric] = k.split('\u0000') as [string, string];
                return { device, metric };
              }),
              from,
              to,
              maxPoints,
            }),
          ),
        );
        if (!live) return;
        const data = new Map<string, SeriesData>();
        for (const a of answers) for (const s of a.series) data.set(seriesKey(s.deviceId, s.metric), s);
        const first = answers[0]!;
        setState((s) => ({ data, tier: first.tier, step: first.step, from: first.from, to: first.to, loading: false, error: null, version: s.version + 1, at: Date.now() }));
      } catch (err) {
        if (live) setState((s) => ({ ...s, loading: false, error: ApiError.wrap(err) }));
      }
    };
    void run();
    const timer = r.kind === 'relative' ? setInterval(() => void run(), followIntervalMs(rangeSpanMs(r.key))) : undefined;
    return () => {
      live = false;
      if (timer) clearInterval(timer);
    };
  }, [api, epoch, refsKey, rangeKey, maxPoints, ready]);

  return state;
}

/**
 * The last hour of some series by id, for tile sparklines: one call (per 64 series), again every minute.
 * Map of series id → [t, mean] points.
 */
export function useSparklineHistory(seriesIds: readonly number[], windowMs = 3_600_000, points = 60): ReadonlyMap<number, { t: number; v: number }[]> {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [history, setHistory] = useState<ReadonlyMap<number, { t: number; v: number }[]>>(() => new Map());
  const idsKey = [...new Set(seriesIds)].sort((a, b) => a - b).join(',');

  useEffect(() => {
    if (epoch === 0 || idsKey === '') return;
    let live = true;
    const ids = idsKey.split(',').map(Number);
    const load = async () => {
      const chunks: number[][] = [];
      for (let i = 0; i < ids.length; i += SERIES_MAX_REFS) chunks.push(ids.slice(i, i + SERIES_MAX_REFS));
      try {
        const answers = await Promise.all(chunks.map((c) => api.call('series.query', { series: c.map((id) => ({ id })), from: `now-${Math.round(windowMs / 60_000)}m`, to: 'now', maxPoints: points })));
        if (!live) return;
        const next = new Map<number, { t: number; v: number }[]>();
        for (const a of answers) for (const s of a.series) next.set(s.id, s.points.map((p) => ({ t: p.t + a.step / 2, v: p.avg })));
        setHistory(next);
      } catch {
        /* sparklines are decoration: the tile's value and age still say everything */
      }
    };
    void load();
    const t = setInterval(() => void load(), 60_000);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api, epoch, idsKey, windowMs, points]);

  return history;
}
