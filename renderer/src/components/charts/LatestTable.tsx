import type { Bucket } from '../../lib/chart-data.ts';
import { formatPanelValue } from '../../lib/panel-values.ts';
import type { MetricStatus } from '../../lib/tile-state.ts';
import { formatAge } from '../../lib/format.ts';
import { StatusBadge } from '../StatusBadge.tsx';

export interface TableRow {
  key: string;
  label: string;
  unit: string;
  metric: string;
  value: number | undefined;
  ts: number | undefined;
  state: MetricStatus;
  points: readonly Bucket[];
}

/** Latest value per series with the range's min, mean and max and how old the value is. */
export function LatestTable({ rows, now, decimals }: { rows: readonly TableRow[]; now: number; decimals?: number }) {
  return (
    <div className="latest-table__wrap">
      <table className="latest-table">
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Now</th>
            <th scope="col">Min</th>
            <th scope="col">Mean</th>
            <th scope="col">Max</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            let lo = Infinity;
            let hi = -Infinity;
            let sum = 0;
            let n = 0;
            for (const p of r.points) {
              lo = Math.min(lo, p.min);
              hi = Math.max(hi, p.max);
              sum += p.avg;
              n++;
            }
            const f = (v: number | undefined) => formatPanelValue(v, r.unit, r.metric, decimals);
            return (
              <tr key={r.key} className={`latest-table__row--${r.state}`} data-state={r.state}>
                <th scope="row">{r.label}</th>
                <td className="latest-table__now" title={r.ts ? formatAge(now - r.ts) : undefined}>
                  {f(r.value)}
                </td>
                <td>{n ? f(lo) : '—'}</td>
                <td>{n ? f(sum / n) : '—'}</td>
                <td>{n ? f(hi) : '—'}</td>
                <td>
                  <StatusBadge status={r.state} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
