import { useMemo, type CSSProperties, type ReactNode } from 'react';
import type { LiveReading, Panel, SeriesInfo, Threshold } from '../../../../preload/contract/index.ts';
import { gapThreshold, type Bucket } from '../../lib/chart-data.ts';
import { displayUnit, latestOf, seriesLabels } from '../../lib/panel-series.ts';
import { effectiveLimits, gaugeScale, latestState, panelState, type LatestValue } from '../../lib/panel-values.ts';
import { statusLabel } from '../../lib/tile-state.ts';
import type { TimeRange } from '../../lib/time-range.ts';
import { seriesKey } from '../../hooks/useSeries.ts';
import { GaugePanel } from './GaugePanel.tsx';
import { LatestTable } from './LatestTable.tsx';
import { colorFor } from './palette.ts';
import { StatPanel } from './StatPanel.tsx';
import { StateTimeline } from './StateTimeline.tsx';
import { TimeSeriesChart, type ChartSeries } from './TimeSeriesChart.tsx';

export interface PanelData {
  /** Buckets by seriesKey. */
  points: ReadonlyMap<string, { points: readonly Bucket[] }>;
  step: number;
  from: number;
  to: number;
  loaded: boolean;
}

interface Props {
  panel: Panel;
  data: PanelData;
  info: ReadonlyMap<string, SeriesInfo>;
  /** Latest reading by seriesKey. */
  live: ReadonlyMap<string, LiveReading>;
  siteThresholds: readonly Threshold[];
  nameOf: (device: string) => string;
  now: number;
  following: boolean;
  onZoom?: (range: TimeRange) => void;
  /** Buttons for the panel's header (CSV, edit controls). */
  actions?: ReactNode;
  /** Edit mode: the actions stay visible (else they show on hover, or always on touch screens). */
  editing?: boolean;
  style?: CSSProperties;
}

const none: readonly Bucket[] = [];

/** One dashboard panel: title, state colour, and its chart of the dashboard's range. */
export function PanelView({ panel, data, info, live, siteThresholds, nameOf, now, following, onZoom, actions, editing = false, style }: Props) {
  // Device names change rarely, but the devices map (and so nameOf) changes with every lastSeen: key on the names.
  const namesKey = panel.series.map((s) => nameOf(s.device)).join('\u0001');
  const labels = useMemo(() => {
    const names = namesKey.split('\u0001');
    return seriesLabels(panel.series, (d) => names[panel.series.findIndex((s) => s.device === d)] ?? d);
  }, [panel.series, namesKey]);
  // What changes only with the query (every few seconds) or the panel — not with every live reading, so a
  // chart is not redrawn 4 times a second because a stat beside it got a new value.
  const staleKey = panel.series.map((s) => live.get(seriesKey(s.device, s.metric))?.staleAfterS ?? '').join(',');
  const base = useMemo(
    () =>
      panel.series.map((s, i) => {
        const key = seriesKey(s.device, s.metric);
        const staleAfterS = staleKey.split(',')[i];
        return {
          key: `${key}#${i}`,
          seriesKey: key,
          device: s.device,
          metric: s.metric,
          label: labels[i]!,
          unit: displayUnit(panel, info.get(key)),
          points: data.points.get(key)?.points ?? none,
          limits: effectiveLimits(panel, siteThresholds, s.device, s.metric),
          known: info.has(key),
          staleAfterMs: staleAfterS ? Number(staleAfterS) * 1000 : undefined,
        };
      }),
    [panel, data, siteThresholds, labels, info, staleKey],
  );
  const items = base.map((it) => {
    const latest = latestOf(it.points, data.step, live.get(it.seriesKey), following);
    const value: LatestValue | undefined = latest && { ...latest, limits: it.limits };
    return { ...it, latest: value };
  });
  const chartSeries = useMemo<ChartSeries[]>(
    () => base.map((it, i) => ({ key: it.key, label: it.label, unit: it.unit, metric: it.metric, color: colorFor(i), points: it.points, limits: it.limits, staleAfterMs: it.staleAfterMs })),
    [base],
  );
  const units = [...new Set(items.map((it) => it.unit).filter(Boolean))];
  const state = panel.series.length ? panelState(items.map((it) => it.latest), now) : 'ok';
  const noData = data.loaded && items.every((it) => it.points.length === 0 && !it.latest);

  let body: ReactNode;
  if (panel.series.length === 0) body = <p className="panel__empty">No series yet{actions ? ' — open the panel settings to add some.' : '.'}</p>;
  else if (!data.loaded) body = <p className="panel__empty">Loading…</p>;
  else if (noData) body = <p className="panel__empty">{items.some((it) => !it.known) ? 'No such series here (a device of another site, or removed).' : 'No data in this range.'}</p>;
  else if (panel.type === 'time-series') {
    const series = chartSeries;
    body = (
      <>
        <div className="panel__chart" data-testid="chart">
          <TimeSeriesChart series={series} step={data.step} from={data.from} to={data.to} min={panel.min} max={panel.max} decimals={panel.decimals} onZoom={onZoom} />
        </div>
        {series.length > 1 && (
          <ul className="panel__legend">
            {series.map((s) => (
              <li key={s.key}>
                <span className="panel__swatch" style={{ background: s.color }} />
                {s.label}
                {units.length > 1 && s.unit && <span className="muted"> ({s.unit})</span>}
              </li>
            ))}
          </ul>
        )}
      </>
    );
  } else if (panel.type === 'stat') {
    body = (
      <StatPanel
        items={items.map((it) => ({ key: it.key, label: it.label, unit: it.unit, metric: it.metric, value: it.latest?.value, state: it.latest ? latestState(it.latest, now) : 'stale', points: it.points, gapMs: gapThreshold(it.points, data.step, it.staleAfterMs) }))}
        from={data.from}
        to={data.to}
        decimals={panel.decimals}
      />
    );
  } else if (panel.type === 'gauge') {
    body = (
      <GaugePanel
        items={items.map((it) => ({ key: it.key, label: it.label, unit: it.unit, metric: it.metric, value: it.latest?.value, state: it.latest ? latestState(it.latest, now) : 'stale', limits: it.limits, scale: gaugeScale(panel, it.limits, it.latest?.value) }))}
        decimals={panel.decimals}
      />
    );
  } else if (panel.type === 'table') {
    body = (
      <LatestTable
        rows={items.map((it) => ({ key: it.key, label: it.label, unit: it.unit, metric: it.metric, value: it.latest?.value, ts: it.latest?.ts, state: it.latest ? latestState(it.latest, now) : 'stale', points: it.points }))}
        now={now}
        decimals={panel.decimals}
      />
    );
  } else {
    body = <StateTimeline series={items.map((it) => ({ key: it.key, label: it.label, points: it.points, limits: it.limits, staleAfterMs: it.staleAfterMs }))} step={data.step} from={data.from} to={data.to} now={now} />;
  }

  return (
    <section className={`panel panel--${panel.type} panel--${state}`} style={style} data-testid="panel" data-panel-id={panel.id} data-type={panel.type} data-state={state} aria-label={`${panel.title || 'Untitled panel'}: ${statusLabel[state]}`}>
      <header className="panel__head">
        <h3 className="panel__title" title={panel.title}>
          {panel.title || 'Untitled panel'}
          {panel.type === 'time-series' && units.length > 0 && <span className="panel__unit"> {units.join(' · ')}</span>}
        </h3>
        {state !== 'ok' && <span className={`panel__state panel__state--${state}`}>{statusLabel[state]}</span>}
        {actions && <div className={`panel__actions ${editing ? '' : 'panel__actions--hover'}`}>{actions}</div>}
      </header>
      <div className="panel__body">{body}</div>
    </section>
  );
}
