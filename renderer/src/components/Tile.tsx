import type { Threshold } from '../../../preload/contract/index.ts';
import type { DeviceTile } from '../lib/group.ts';
import { statusLabel, tileStatus } from '../lib/tile-state.ts';
import { ruleFor } from '../lib/thresholds.ts';
import { MetricRow } from './MetricRow.tsx';
import { StatusBadge } from './StatusBadge.tsx';

/** `thresholds` (the site's rules) adds each metric's limits under its value. */
export function Tile({ tile, serverNow, thresholds = [] }: { tile: DeviceTile; serverNow: number; thresholds?: readonly Threshold[] }) {
  const status = tileStatus(tile.readings, serverNow);
  return (
    <article
      className={`tile tile--${status}`}
      data-testid="tile"
      data-device-id={tile.deviceId}
      data-state={status}
      aria-label={`${tile.name}: ${statusLabel[status]}`}
    >
      <header className="tile__head">
        <h3 className="tile__name" title={tile.deviceId}>
          {tile.name}
        </h3>
        <StatusBadge status={status} className="tile__badge" />
      </header>
      {tile.model && <p className="tile__model">{tile.model}</p>}
      <dl className="tile__metrics">
        {tile.readings.map((r) => (
          // With one metric the tile's own badge already says it.
          <MetricRow key={r.seriesId} reading={r} serverNow={serverNow} badge={tile.readings.length > 1} rule={ruleFor(thresholds, r.deviceId, r.metric)} />
        ))}
      </dl>
    </article>
  );
}
