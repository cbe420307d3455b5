import { useId } from 'react';
import type { Threshold } from '../../../preload/contract/index.ts';
import type { RoomGroup } from '../lib/group.ts';
import { Tile, type TileSparks } from './Tile.tsx';

export function RoomSection({ group, serverNow, thresholds, sparks }: { group: RoomGroup; serverNow: number; thresholds?: readonly Threshold[]; sparks?: TileSparks }) {
  const headingId = useId();
  return (
    <section className="room" aria-labelledby={headingId} data-testid="room" data-room={group.room}>
      <h2 className="room__name" id={headingId}>
        {group.room} <span className="room__count">{group.tiles.length}</span>
      </h2>
      <div className="tiles">
        {group.tiles.map((t) => (
          <Tile key={t.deviceId} tile={t} serverNow={serverNow} thresholds={thresholds} sparks={sparks} />
        ))}
      </div>
    </section>
  );
}
