import type { MapResult, MappedEvent, MappedReading } from '../../../../main/telemetry/mappers/mapper.ts';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const json = (v: unknown): Uint8Array => enc(JSON.stringify(v));
export const ctx = (now = 1_750_000_000_000, connectionId = 'embedded') => ({ now, connectionId });

/** The readings of a result, failing the test when it is something else. */
export function readingsOf(r: MapResult): MappedReading[] {
  if (r.kind !== 'readings') throw new Error(`expected readings, got ${r.kind}: ${'reason' in r ? r.reason : ''}`);
  return r.items;
}

export function eventsOf(r: MapResult): MappedEvent[] {
  if (r.kind === 'event') return r.events;
  if (r.kind === 'readings') return r.events ?? [];
  throw new Error(`expected events, got ${r.kind}: ${r.reason}`);
}

/** metric → value of one item's samples. */
export function values(item: MappedReading): Record<string, number> {
  return Object.fromEntries(item.samples.map((s) => [s.metric, s.value]));
}

export function units(item: MappedReading): Record<string, string> {
  return Object.fromEntries(item.samples.map((s) => [s.metric, s.unit]));
}
