import type { LiveReading, Panel, SeriesInfo } from '../../../preload/contract/index.ts';
import { gapThreshold, type Bucket } from './chart-data.ts';
import { metricLabel } from './format.ts';
import type { LatestValue } from './panel-values.ts';

/** A panel's series joined with what is known about them: name, unit, buckets of the range, the latest value. Pure. */

/**
 * Labels that say only what differs: device names when every series is the same metric, metric names when
 * they are all one device, both otherwise. A label set on the panel's series wins.
 */
export function seriesLabels(series: Panel['series'], nameOf: (device: string) => string): string[] {
  const oneMetric = new Set(series.map((s) => s.metric)).size <= 1;
  const oneDevice = new Set(series.map((s) => s.device)).size <= 1;
  return series.map((s) => {
    if (s.label) return s.label;
    if (oneMetric && !oneDevice) return nameOf(s.device);
    if (oneDevice && !oneMetric) return metricLabel(s.metric);
    if (oneDevice && oneMetric) return `${nameOf(s.device)} · ${metricLabel(s.metric)}`;
    return `${nameOf(s.device)} · ${metricLabel(s.metric)}`;
  });
}

/**
 * The value a stat, gauge or table shows, and how old it may get: while the range follows now, the live
 * reading (newer than any bucket); otherwise, or with no live reading, the range's last bucket (never stale
 * for a range in the past: it is history, not a current value).
 */
export function latestOf(points: readonly Bucket[], step: number, live: Pick<LiveReading, 'value' | 'ts' | 'staleAfterS'> | undefined, following: boolean): Omit<LatestValue, 'limits'> | undefined {
  const last = points[points.length - 1];
  if (following && live && (!last || live.ts >= last.t)) return { value: live.value, ts: live.ts, staleAfterMs: live.staleAfterS * 1000 };
  if (!last) return undefined;
  return { value: last.avg, ts: last.t, staleAfterMs: following ? gapThreshold(points, step, live && live.staleAfterS * 1000) + step : Infinity };
}

/** The unit a panel shows a series in: the panel's own unit when set, else the series'. */
export const displayUnit = (panel: Pick<Panel, 'unit'>, info: Pick<SeriesInfo, 'unit'> | undefined): string => (panel.unit ? panel.unit : (info?.unit ?? ''));
