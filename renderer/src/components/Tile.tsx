import type { Threshold } from '../../../preload/contract/index.ts';
import type { DeviceTile } from '../lib/group.ts';
import { withLatest, type SparkPoint } from '../lib/sparkline.ts';
import { isSwitchReadings } from '../lib/switch-summary.ts';
import { statusLabel, tileStatus } from '../lib/tile-state.ts';
import { ruleFor } from '../lib/thresholds.ts';
import { dashboardsHref } from '../lib/time-range.ts';
import { MetricRow } from './MetricRow.tsx';
import { StatusBadge } from './StatusBadge.tsx';
import { SwitchSummary } from './SwitchSummary.tsx';

export interface TileSparks {
  /** Recent history by series id. */
  history: ReadonlyMap<number, readonly SparkPoint[]>;
  from: number;
  to: number;
  gapMs: number;
}

/** The device's charts (the Dashboards page's device view). */
export const deviceChartsHref = (deviceId: string): string => dashboardsHref({ id: null, device: deviceId, range: { kind: 'relative', key: '6h' } });

/**
 * `thresholds` (the site's rules) adds each metric's limits under its value; `sparks` a sparkline of recent
 * history under it. A switch is summed up (ports up/down, traffic) instead of a row per port.
 */
export function Tile({ tile, serverNow, thresholds = [], sparks }: { tile: DeviceTile; serverNow: number; thresholds?: readonly Threshold[]; sparks?: TileSparks }) {
  const status = tileStatus(tile.readings, serverNow);
  const href = deviceChartsHref(tile.deviceId);
  const isSwitch = isSwitchReadings(tile.readings);
  return (
    <article
      className={`tile tile--${status}`}
      data-testid="tile"
      data-device-id={tile.deviceId}
      data-state={status}
      aria-label={`${tile.name}: ${statusLabel[status]}`}
    >
      <header className="tile__head">
        <h3 className="tile__name" title={`${tile.deviceId} — open its charts`}>
          <a className="tile__link" href={href} data-testid="tile-charts-link">
            {tile.name}
          </a>
        </h3>
        <StatusBadge status={status} className="tile__badge" />
      </header>
      {tile.model && <p className="tile__model">{tile.model}</p>}
      {isSwitch ? (
        <SwitchSummary readings={tile.readings} />
      ) : (
        <dl className="tile__metrics">
          {tile.readings.map((r) => {
            const history = sparks?.history.get(r.seriesId);
            return (
              // With one metric the tile's own badge already says it.
              <MetricRow
                key={r.seriesId}
                reading={r}
                serverNow={serverNow}
                badge={tile.readings.length > 1}
                rule={ruleFor(thresholds, r.deviceId, r.metric)}
                spark={sparks && history ? { points: withLatest(history, { t: r.ts, v: r.value }, sparks.from), from: sparks.from, to: sparks.to, gapMs: Math.max(sparks.gapMs, r.staleAfterS * 1000) } : undefined}
              />
            );
          })}
        </dl>
      )}
      {isSwitch && (
        <a className="tile__charts" href={href}>
          Port charts →
        </a>
      )}
    </article>
  );
}

