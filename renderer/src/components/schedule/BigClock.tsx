import type { ScheduleClock } from '../../../../preload/contract/index.ts';
import { useNow } from '../../hooks/useNow.ts';
import { venueClock } from '../../lib/schedule-format.ts';

/** Between pushes the clock runs on locally, but never more than this past the last one (a dead link shows as a stopped clock). */
const maxCoastMs = 10_000;

/**
 * The big clock: venue time (or Art-Net timecode when that is the source), ticking between the
 * console's once-a-second pushes. A lost timecode is said in words and colour, never hidden.
 */
export function BigClock({ clock, zone, receivedAt }: { clock: ScheduleClock; zone: string; receivedAt: number }) {
  const now = useNow(200);
  const t = clock.now + Math.min(maxCoastMs, Math.max(0, now - receivedAt));
  const timecode = clock.source === 'artnet-timecode';
  let source: string;
  if (!timecode) source = `Venue time · ${zone}`;
  else if (clock.lost) source = clock.lostForMs === null ? 'Waiting for Art-Net timecode — on the computer’s clock' : `Timecode LOST ${Math.round(clock.lostForMs / 1000)} s — on the computer’s clock`;
  else source = `Art-Net timecode ${clock.timecode?.text ?? ''} · ${clock.timecode?.type ?? ''}`;
  return (
    <div className={`sched-clock${clock.lost ? ' sched-clock--lost' : ''}`} data-testid="schedule-clock" data-source={clock.source} data-lost={clock.lost ? 'true' : 'false'}>
      <span className="sched-clock__time" data-testid="schedule-clock-time">
        {venueClock(t, zone, true)}
      </span>
      <span className="sched-clock__source" role={clock.lost ? 'alert' : undefined}>
        {source}
      </span>
    </div>
  );
}
