import type { SnmpClient, WalkNote } from './client.ts';
import { classifyHealth, type PollError, type TargetHealth } from './health.ts';
import type { ProfileResult, SnmpProfile, TargetRef } from './profile.ts';
import type { Varbind } from './varbind.ts';

/**
 * One poll of one target: GET the profile's scalars, walk its subtrees, hand the answers to the profile,
 * classify the target's health. Never throws: a failure is an outcome with an error and a health.
 */

export interface PollOutcome<S = unknown> {
  /** When the poll started and how long it took (ms). */
  startedAt: number;
  durationMs: number;
  health: TargetHealth;
  /** What failed, when the poll failed. */
  error?: PollError;
  /** What the profile made of the answers (absent when the poll failed). */
  result?: ProfileResult<S>;
  /** The raw answers, for "Test now". */
  scalars: Map<string, Varbind>;
  tables: Map<string, Varbind[]>;
  /** Round trips this poll took. */
  requests: number;
}

export interface PollOptions {
  /** Epoch ms; the readings are stamped with the time the last answer arrived. */
  now: () => number;
  /**
   * Whose devices these are, if not the client's host:port (the demo's agents listen on whatever port is
   * free, but their devices keep one id: `snmp:watchdog-demo:…`).
   */
  identity?: TargetRef;
}

/** The error's plain fields (net-snmp errors are Error subclasses with name/code/status). */
export function toPollError(error: unknown): PollError {
  const e = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown; status?: unknown };
  const out: PollError = {};
  if (typeof e.name === 'string') out.name = e.name;
  out.message = typeof e.message === 'string' ? e.message : String(error);
  if (typeof e.code === 'string' || typeof e.code === 'number') out.code = e.code;
  if (typeof e.status === 'number') out.status = e.status;
  return out;
}

export async function pollOnce<S>(client: SnmpClient, profile: SnmpProfile<S>, state: S | undefined, options: PollOptions): Promise<PollOutcome<S>> {
  const { host, port, version } = client.config;
  const startedAt = options.now();
  const before = client.requests;
  let scalars = new Map<string, Varbind>();
  let tables = new Map<string, Varbind[]>();
  let notes: WalkNote[] = [];
  const where = `${host}:${port}`;
  try {
    if (profile.get.length > 0) scalars = await client.get(profile.get);
    if (profile.walk.length > 0) ({ tables, notes } = await client.walk(profile.walk));
  } catch (caught) {
    const error = toPollError(caught);
    const at = options.now();
    return { startedAt, durationMs: at - startedAt, health: classifyHealth({ error, version, target: where }), error, scalars, tables, requests: client.requests - before };
  }
  const at = options.now();
  const target = options.identity ?? { host, port };
  let result: ProfileResult<S>;
  try {
    result = profile.interpret({ target, scalars, tables }, state, at);
  } catch (caught) {
    // Profiles are written never to throw; if one does, say so as bad data rather than crash the poller.
    const error: PollError = { name: 'ProcessingError', message: `the profile could not read the answer: ${toPollError(caught).message}` };
    return { startedAt, durationMs: at - startedAt, health: classifyHealth({ error, version, target: where }), error, scalars, tables, requests: client.requests - before };
  }
  for (const n of notes) result.badData.push({ oid: n.root, reason: n.reason, notice: /rows: walk stopped/.test(n.reason) });
  return { startedAt, durationMs: at - startedAt, health: classifyHealth({ result, version, target: where }), result, scalars, tables, requests: client.requests - before };
}

const hexByte = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const printableText = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\t\r\n]*$/u;

/** A varbind's value as a person reads it in "Test now": text when printable, hex bytes otherwise. */
export function showValue(vb: Varbind): string {
  const v = vb.value;
  if (v === null) return vb.type === 'Null' ? '' : vb.type;
  if (v instanceof Uint8Array) {
    if (vb.type === 'Counter64') {
      let n = 0n;
      for (const b of v) n = (n << 8n) | BigInt(b);
      return n.toString();
    }
    let text: string | undefined;
    try {
      text = v.length > 0 ? strictUtf8.decode(v) : undefined;
    } catch {
      text = undefined;
    }
    // Text only when every character is one a person reads (letters, digits, punctuation, spaces).
    if (text !== undefined && printableText.test(text)) return text.length > 200 ? `${text.slice(0, 200)}…` : text;
    const shown = [...v.subarray(0, 64)].map(hexByte).join(' ');
    return v.length > 64 ? `${shown} …` : shown;
  }
  const s = String(v);
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}
