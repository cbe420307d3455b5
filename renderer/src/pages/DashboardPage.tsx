import { useMemo } from 'react';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { RoomSection } from '../components/RoomSection.tsx';
import { useDevices } from '../hooks/useDevices.ts';
import { useLiveReadings } from '../hooks/useLiveReadings.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { useSettings } from '../hooks/useSettings.ts';
import { useSparklineHistory } from '../hooks/useSeries.ts';
import { groupByRoom } from '../lib/group.ts';
import { isSwitchReadings } from '../lib/switch-summary.ts';
import { tileStatus, type MetricStatus } from '../lib/tile-state.ts';
import type { TileSparks } from '../components/Tile.tsx';
import '../styles/charts.css';

/** Sparklines cover the last hour in 60 buckets; a hole longer than 3 buckets is drawn as a gap. */
const SPARK_WINDOW_MS = 3_600_000;
const SPARK_POINTS = 60;

export function DashboardPage() {
  const { readings, loaded, error } = useLiveReadings();
  const { devices } = useDevices();
  const { settings } = useSettings();
  const serverNow = useServerNow(1000);
  const groups = useMemo(() => groupByRoom(devices, readings.values()), [devices, readings]);
  // A switch is summed up on its tile (no sparkline per port), so its ~100 series are not asked for.
  const sparkIds = useMemo(() => groups.flatMap((g) => g.tiles.filter((t) => !isSwitchReadings(t.readings)).flatMap((t) => t.readings.map((r) => r.seriesId))), [groups]);
  const history = useSparklineHistory(sparkIds, SPARK_WINDOW_MS, SPARK_POINTS);
  const sparks: TileSparks = { history, from: serverNow - SPARK_WINDOW_MS, to: serverNow, gapMs: (3 * SPARK_WINDOW_MS) / SPARK_POINTS };

  const counts: Record<MetricStatus, number> = { ok: 0, warn: 0, alarm: 0, stale: 0 };
  for (const g of groups) for (const t of g.tiles) counts[tileStatus(t.readings, serverNow)]++;
  const total = groups.reduce((n, g) => n + g.tiles.length, 0);

  return (
    <div className="page">
      <div className="page__bar">
        <h1 className="page__title">Dashboard</h1>
        {total > 0 && (
          <p className="summary" aria-label="Device summary">
            <span>{total} devices</span>
            {counts.alarm > 0 && <span className="summary__alarm">{counts.alarm} alarm</span>}
            {counts.warn > 0 && <span className="summary__warn">{counts.warn} warn</span>}
            {counts.stale > 0 && <span className="summary__stale">{counts.stale} stale</span>}
          </p>
        )}
      </div>
      <ErrorMessage error={error} />
      {total === 0 && loaded && (
        <p className="empty" data-testid="dashboard-empty">
          No sensors reporting yet — enable the demo site in Settings or connect a gateway.
        </p>
      )}
      {total === 0 && !loaded && !error && <p className="empty">Loading…</p>}
      {groups.map((g) => (
        <RoomSection key={g.room} group={g} serverNow={serverNow} thresholds={settings?.thresholds} sparks={sparks} />
      ))}
    </div>
  );
}
