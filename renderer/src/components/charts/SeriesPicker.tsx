import { useId, useMemo, useState } from 'react';
import type { Panel, SeriesInfo } from '../../../../preload/contract/index.ts';
import { metricLabel } from '../../lib/format.ts';
import { seriesKey } from '../../hooks/useSeries.ts';

/** Tick the series a panel shows, from every stored series, with a filter box (a switch alone has ~100). */
export function SeriesPicker({ list, value, onChange, max = 32 }: { list: readonly SeriesInfo[]; value: Panel['series']; onChange: (v: Panel['series']) => void; max?: number }) {
  const [filter, setFilter] = useState('');
  const id = useId();
  const chosen = useMemo(() => new Set(value.map((s) => seriesKey(s.device, s.metric))), [value]);
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = list.filter((s) => {
    const hay = `${s.name ?? ''} ${s.deviceId} ${s.metric} ${s.room ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const toggle = (s: SeriesInfo) => {
    const key = seriesKey(s.deviceId, s.metric);
    if (chosen.has(key)) onChange(value.filter((v) => seriesKey(v.device, v.metric) !== key));
    else if (value.length < max) onChange([...value, { device: s.deviceId, metric: s.metric }]);
  };
  return (
    <fieldset className="series-picker">
      <legend>
        Series <span className="muted">({value.length} of at most {max})</span>
      </legend>
      <label htmlFor={id} className="sr-only">
        Filter series
      </label>
      <input id={id} type="text" placeholder="Filter: device, room or metric" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="series-filter" />
      <ul className="series-picker__list">
        {shown.slice(0, 300).map((s) => {
          const key = seriesKey(s.deviceId, s.metric);
          return (
            <li key={key}>
              <label className="series-picker__item">
                <input type="checkbox" checked={chosen.has(key)} disabled={!chosen.has(key) && value.length >= max} onChange={() => toggle(s)} data-series={key.replace('\u0000', '/')} />
                <span>{s.name ?? s.deviceId}</span>
                <span className="muted">
                  {metricLabel(s.metric)}
                  {s.unit ? ` (${s.unit})` : ''}
                  {s.room ? ` · ${s.room}` : ''}
                </span>
              </label>
            </li>
          );
        })}
        {shown.length === 0 && <li className="muted">No series match.</li>}
        {shown.length > 300 && <li className="muted">{shown.length - 300} more: narrow the filter.</li>}
      </ul>
    </fieldset>
  );
}
