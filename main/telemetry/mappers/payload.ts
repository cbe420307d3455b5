/** Small helpers every mapper uses to read MQTT payloads safely: bytes → text → JSON → numbers. */

/** Payloads above this are not parsed: no gateway, GX or Frigate message we read comes near it. */
export const maxJsonPayloadBytes = 256 * 1024;

// Non-fatal: a broken UTF-8 byte becomes U+FFFD and JSON.parse then decides.
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function payloadText(payload: Uint8Array): string {
  return utf8.decode(payload);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parse a JSON payload; never throws. */
export function parseJsonPayload(payload: Uint8Array): JsonParse {
  if (payload.byteLength === 0) return { ok: false, reason: 'empty payload' };
  if (payload.byteLength > maxJsonPayloadBytes) return { ok: false, reason: `payload too large (${payload.byteLength} bytes)` };
  try {
    return { ok: true, value: JSON.parse(payloadText(payload)) as unknown };
  } catch {
    return { ok: false, reason: 'payload is not valid JSON' };
  }
}

export type JsonObjectParse = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/**
 * Parse a payload that must be a JSON object. Anything not starting with `{` is refused before
 * JSON.parse: garbage is common on a busy broker and a thrown SyntaxError is the costly way to say no.
 */
export function parseJsonObjectPayload(payload: Uint8Array): JsonObjectParse {
  let i = 0;
  while (i < payload.length && (payload[i] === 0x20 || payload[i] === 0x09 || payload[i] === 0x0a || payload[i] === 0x0d)) i++;
  if (i < payload.length && payload[i] !== 0x7b /* { */) return { ok: false, reason: 'payload is not a JSON object' };
  const r = parseJsonPayload(payload);
  if (!r.ok) return r;
  return isRecord(r.value) ? { ok: true, value: r.value } : { ok: false, reason: 'payload is not a JSON object' };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own property only: `obj.constructor` on a parsed `{}` must not find Object's. */
export function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

const numeric = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A finite number from a JSON number or a decimal numeric string ("19.2", as old OpenMQTTGateway sends).
 * Refuses '', ' ', '0x10', 'Infinity', NaN — things `Number()` would quietly accept or turn into 0.
 */
export function toFiniteNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s.length === 0 || s.length > 64 || !numeric.test(s)) return undefined;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A string short enough to show and store, or undefined. */
export function shortString(v: unknown, max = 128): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  return s.length > 0 && s.length <= max ? s : undefined;
}
