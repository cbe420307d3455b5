import { thresholdBands, type Limits } from '../../lib/chart-data.ts';
import { formatPanelValue, fraction } from '../../lib/panel-values.ts';
import type { MetricStatus } from '../../lib/tile-state.ts';
import { stateColors } from './palette.ts';

export interface GaugeItem {
  key: string;
  label: string;
  unit: string;
  metric: string;
  value: number | undefined;
  state: MetricStatus;
  limits: Limits | undefined;
  scale: { min: number; max: number };
}

// A 240° dial: from 210° (lower left) clockwise to -30° (lower right).
const START = 210;
const SWEEP = 240;
const point = (f: number, r: number) => {
  const a = ((START - f * SWEEP) * Math.PI) / 180;
  return `${(50 + r * Math.cos(a)).toFixed(2)} ${(50 - r * Math.sin(a)).toFixed(2)}`;
};
const arc = (f0: number, f1: number, r: number) => `M ${point(f0, r)} A ${r} ${r} 0 ${(f1 - f0) * SWEEP > 180 ? 1 : 0} 1 ${point(f1, r)}`;

/** A dial per series: the track shows the threshold bands, the bar the value in its state's colour. */
export function GaugePanel({ items, decimals }: { items: readonly GaugeItem[]; decimals?: number }) {
  return (
    <div className="gauges">
      {items.map((it) => {
        const f = it.value === undefined ? 0 : fraction(it.value, it.scale);
        const bands = thresholdBands(it.limits).map((b) => ({ state: b.state, f0: fraction(b.y1 ?? it.scale.min, it.scale), f1: fraction(b.y2 ?? it.scale.max, it.scale) }));
        return (
          <div key={it.key} className="gauge" data-testid="gauge" data-state={it.state}>
            <svg viewBox="0 0 100 84" className="gauge__dial" role="img" aria-label={`${it.label}: ${formatPanelValue(it.value, it.unit, it.metric, decimals)}`}>
              <path d={arc(0, 1, 40)} fill="none" stroke="#262b32" strokeWidth={9} />
              {bands
                .filter((b) => b.f1 > b.f0)
                .map((b, i) => (
                  <path key={i} d={arc(b.f0, b.f1, 46)} fill="none" stroke={stateColors[b.state]} strokeOpacity={0.7} strokeWidth={2.5} />
                ))}
              {it.value !== undefined && f > 0.002 && <path d={arc(0, f, 40)} fill="none" stroke={it.state === 'ok' ? '#5b9fd6' : stateColors[it.state]} strokeWidth={9} />}
              <text x="50" y="54" textAnchor="middle" className="gauge__value">
                {formatPanelValue(it.value, it.unit, it.metric, decimals)}
              </text>
              <text x="16" y="82" textAnchor="middle" className="gauge__scale">
                {formatPanelValue(it.scale.min, '', it.metric)}
              </text>
              <text x="84" y="82" textAnchor="middle" className="gauge__scale">
                {formatPanelValue(it.scale.max, '', it.metric)}
              </text>
            </svg>
            {items.length > 1 && <span className="gauge__label">{it.label}</span>}
          </div>
        );
      })}
    </div>
  );
}
