import type { DeviceTile } from '../lib/group.ts';
import { statusLabel, tileStatus } from '../lib/tile-state.ts';
import { MetricRow } from './MetricRow.tsx';
import { StatusBadge } from './StatusBadge.tsx';

export function Tile({ tile, serverNow }: { tile: DeviceTile; serverNow: number }) {
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
          <MetricRow key={r.seriesId} reading={r} serverNow={serverNow} badge={tile.readings.length > 1} />
        ))}
      </dl>
    </article>
  );
}
