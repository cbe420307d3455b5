import type { LiveReading } from '../../../preload/contract/index.ts';

export type MetricStatus = 'ok' | 'warn' | 'alarm' | 'stale';

/**
 * Rank for "worst of": a current alarm or warning outranks staleness (it is known to be bad now);
 * stale outranks ok so a tile with any out-of-date value never looks fully current.
 */
const rank: Record<MetricStatus, number> = { ok: 0, stale: 1, warn: 2, alarm: 3 };

/** `serverNow` is the console's clock (local clock + offset), so a tablet with a wrong clock still judges age right. */
export function isStale(reading: Pick<LiveReading, 'ts' | 'staleAfterS'>, serverNow: number): boolean {
  return serverNow - reading.ts > reading.staleAfterS * 1000;
}

/** A stale value's last state is not its current state, so stale replaces it. */
export function metricStatus(reading: LiveReading, serverNow: number): MetricStatus {
  return isStale(reading, serverNow) ? 'stale' : reading.state;
}

export function worstStatus(statuses: Iterable<MetricStatus>): MetricStatus {
  let worst: MetricStatus = 'ok';
  for (const s of statuses) if (rank[s] > rank[worst]) worst = s;
  return worst;
}

export function tileStatus(readings: Iterable<LiveReading>, serverNow: number): MetricStatus {
  const statuses: MetricStatus[] = [];
  for (const r of readings) statuses.push(metricStatus(r, serverNow));
  return worstStatus(statuses);
}

export const statusLabel: Record<MetricStatus, string> = { ok: 'OK', warn: 'WARN', alarm: 'ALARM', stale: 'STALE' };
