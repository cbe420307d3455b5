import type { LiveReading } from '../../../preload/contract/index.ts';

/**
 * Newest reading time per device. devices.changed only fires when a device's identity or name changes,
 * so a device's own lastSeen goes stale between snapshots; its readings do not.
 */
export function newestReadingByDevice(readings: Iterable<LiveReading>): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of readings) out.set(r.deviceId, Math.max(out.get(r.deviceId) ?? 0, r.ts));
  return out;
}
