import type { DeviceSighting, NameRecord, Sample } from '../ingest.ts';
import type { Varbind } from './varbind.ts';

/**
 * A profile says what to fetch from an agent and turns the answer into devices, readings and events.
 * It is pure: the poller (net-snmp, sockets, timers) fetches `get` and `walk`, hands the answers in
 * with the time of the poll and the state the profile returned last time, and keeps the new state.
 */

/** The agent being polled. Only host and port matter to a profile; the poller's target may carry more. */
export interface TargetRef {
  host: string;
  /** UDP port; 161 when absent. */
  port?: number;
}

export interface ProfileInput {
  target: TargetRef;
  /** Answers to the GETs in `profile.get`, keyed by OID (no leading dot). Unanswered OIDs may be absent. */
  scalars: ReadonlyMap<string, Varbind>;
  /** Answers to each walk in `profile.walk`, keyed by the walked subtree OID. Overshoot past the subtree is ignored. */
  tables: ReadonlyMap<string, readonly Varbind[]>;
}

export interface ProfileDevice {
  sighting: DeviceSighting;
  /** Name the agent suggests (its label); the core uses it only until a person renames the device. */
  name?: NameRecord;
  samples: Sample[];
  /** Descriptive facts worth showing but not graphing (firmware, port names…), by key. */
  attributes?: Record<string, string>;
}

export type EventSeverity = 'info' | 'warn' | 'alarm';

export interface ProfileEvent {
  severity: EventSeverity;
  deviceId: string;
  message: string;
}

export interface BadData {
  oid?: string;
  reason: string;
  /**
   * True for facts that are not a fault in the answer (a sensor reports itself unavailable, an optional
   * subtree is absent): counted and shown, but they do not make the target's health "bad data".
   */
  notice?: boolean;
}

export interface ProfileResult<S> {
  devices: ProfileDevice[];
  events: ProfileEvent[];
  badData: BadData[];
  /** Hand this back on the next poll of the same target. */
  state: S;
}

export type ProfileName = 'geist' | 'switch' | 'generic';

export interface SnmpProfile<S = unknown> {
  readonly name: ProfileName;
  /** Scalar OIDs to GET (numeric, no leading dot). */
  readonly get: readonly string[];
  /** Subtrees to walk (GETBULK / GETNEXT); each walk's varbinds go in `input.tables` under the same key. */
  readonly walk: readonly string[];
  /**
   * Pure: same input, state and `now` give the same result. `state` is whatever the previous call returned
   * for this target, or undefined on the first poll (a state of the wrong shape is treated as undefined).
   */
  interpret(input: ProfileInput, state: S | undefined, now: number): ProfileResult<S>;
}

/**
 * The part of a device id that names the agent: its host, plus `:port` when the port isn't 161 (so two
 * agents on one host — the demo's simulated ones on 127.0.0.1 — stay apart). Lower-cased, trimmed.
 */
export function hostKey(target: TargetRef): string {
  const host = String(target.host ?? '').trim().toLowerCase();
  const port = target.port;
  return port === undefined || port === 161 ? host : `${host}:${port}`;
}

/** A finite number, or `undefined`: the last guard before anything becomes a Sample. */
export function finite(n: number | undefined): number | undefined {
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

export const round = (v: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
};
