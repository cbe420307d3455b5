import type { Device, LiveReading, TimelineEvent } from '../../../preload/contract/index.ts';

// Live events and snapshots can cross on the wire (events are coalesced server-side), so every merge
// keeps the newer value instead of the later-arriving one.

/** Merges readings into a by-seriesId map; returns the same map when nothing changed (no re-render). */
export function mergeReadings(prev: ReadonlyMap<number, LiveReading>, incoming: Iterable<LiveReading>): ReadonlyMap<number, LiveReading> {
  let next: Map<number, LiveReading> | null = null;
  for (const r of incoming) {
    const cur = (next ?? prev).get(r.seriesId);
    if (cur && cur.ts > r.ts) continue;
    next ??= new Map(prev);
    next.set(r.seriesId, r);
  }
  return next ?? prev;
}

/** Upserts one device; an older record (lower lastSeen) never overwrites a newer one. Equal lastSeen = a rename: accept. */
export function upsertDevice(prev: ReadonlyMap<string, Device>, d: Device): ReadonlyMap<string, Device> {
  const cur = prev.get(d.id);
  if (cur && cur.lastSeen > d.lastSeen) return prev;
  const next = new Map(prev);
  next.set(d.id, d);
  return next;
}

/** Replaces the map with a devices.list snapshot, keeping any entry an event already made newer. */
export function applyDeviceList(prev: ReadonlyMap<string, Device>, list: readonly Device[]): ReadonlyMap<string, Device> {
  const next = new Map<string, Device>();
  for (const d of list) {
    const cur = prev.get(d.id);
    next.set(d.id, cur && cur.lastSeen > d.lastSeen ? cur : d);
  }
  return next;
}

/** Timeline newest first (ts, then id), de-duplicated by id, capped at `limit`. */
export function mergeEvents(prev: readonly TimelineEvent[], incoming: readonly TimelineEvent[], limit: number): TimelineEvent[] {
  const byId = new Map<number, TimelineEvent>();
  for (const e of prev) byId.set(e.id, e);
  for (const e of incoming) byId.set(e.id, e);
  return [...byId.values()].sort((a, b) => b.ts - a.ts || b.id - a.id).slice(0, limit);
}
