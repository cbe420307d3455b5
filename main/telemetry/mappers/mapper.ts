import type { DeviceSighting, NameRecord, Sample } from '../../../native/ingest.ts';

/**
 * What an MQTT message mapper is: a pure function from (topic, payload) to sightings, samples and
 * timeline events. No MQTT library, no timers, no clock: `ctx.now` is the only time a mapper knows.
 * A mapper never throws; `safeMap` is the caller's belt and braces for injected code (BLE decoders).
 */

export interface MapContext {
  /** Epoch ms the message was received: the timestamp of every sample it yields. */
  now: number;
  /** Which broker connection delivered it (the embedded broker or an external one). */
  connectionId: string;
}

/** The gateway a BLE sensor was heard through, with the signal it heard. */
export interface HeardVia {
  gatewayId: string;
  rssi?: number;
}

export interface MappedReading {
  sighting: DeviceSighting;
  /** A default name (advertised name, GX system name) — the registry ignores it once a person named the device. */
  name?: NameRecord;
  /** May be empty: a presence-only sighting. */
  samples: Sample[];
  via?: HeardVia;
  /** How often this device is expected to report (user mappings) — for the registry's stale/offline states. */
  expectedIntervalS?: number;
}

export type EventSeverity = 'info' | 'warn' | 'alarm';

/** One line for the site timeline. */
export interface MappedEvent {
  severity: EventSeverity;
  deviceId: string | null;
  message: string;
  /** e.g. the Frigate clip URL. */
  link?: string;
}

export type MapResult =
  /** Readings (and, for a GX alarm that changed state, the timeline lines that go with them). */
  | { kind: 'readings'; items: MappedReading[]; events?: MappedEvent[] }
  | { kind: 'event'; events: MappedEvent[] }
  /** Expected noise — availability, LWT, snapshots, devices we do not track. Count it, do not warn. */
  | { kind: 'ignored'; reason: string }
  /** Malformed input: the caller counts and logs it (rate-limited), never crashes. */
  | { kind: 'rejected'; reason: string };

export type MapResultKind = MapResult['kind'];

export interface Mapper {
  id: string;
  label: string;
  /** MQTT subscription filters it needs. */
  topics: string[];
  map(topic: string, payload: Uint8Array, ctx: MapContext): MapResult;
}

export function ignored(reason: string): MapResult {
  return { kind: 'ignored', reason };
}

export function rejected(reason: string): MapResult {
  return { kind: 'rejected', reason };
}

/** Call a mapper and turn anything thrown (a bug, a throwing injected decoder) into a counted reject. */
export function safeMap(mapper: Mapper, topic: string, payload: Uint8Array, ctx: MapContext): MapResult {
  try {
    const r = mapper.map(topic, payload, ctx);
    if (!isMapResult(r)) return rejected(`mapper ${mapper.id} returned no result`);
    return r;
  } catch (err) {
    return rejected(`mapper ${mapper.id} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

const kinds: ReadonlySet<string> = new Set<MapResultKind>(['readings', 'event', 'ignored', 'rejected']);

/** A structural check of a result (used by safeMap and the fuzz tests). */
export function isMapResult(v: unknown): v is MapResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { kind?: unknown; items?: unknown; events?: unknown; reason?: unknown };
  if (typeof r.kind !== 'string' || !kinds.has(r.kind)) return false;
  if (r.kind === 'readings') return Array.isArray(r.items) && (r.events === undefined || Array.isArray(r.events));
  if (r.kind === 'event') return Array.isArray(r.events);
  return typeof r.reason === 'string' && r.reason.length > 0;
}
