import type { DeviceSighting, Sample } from '../../../native/ingest.ts';
import { ignored, rejected, type MapContext, type MapResult, type MappedReading, type Mapper } from './mapper.ts';
import { isRecord, maxJsonPayloadBytes, own, payloadText, toFiniteNumber } from './payload.ts';
import { compileFilter, type CompiledFilter } from './topic-match.ts';
import { UserMapping, parseJsonPath, type JsonPathStep } from './user-mapping-schema.ts';

/**
 * User mappings for ESP32 nodes and anything else that publishes numbers: a topic pattern, where the
 * device id is (a topic level or a fixed id), where the value is (a JSON path, or the payload itself),
 * metric, unit, scale and offset. Device id `mqtt:<id>`, source `mqtt`.
 *
 * Values: JSON numbers and numeric strings; true/false and "ON"/"OFF" (Tasmota, ESPHome switches) → 1/0.
 */

export type UserMappingOutcome =
  | { ok: true; deviceId: string; sighting: DeviceSighting; sample: Sample; expectedIntervalS?: number }
  | { ok: false; reason: string };

export interface CompiledUserMapping {
  mapping: UserMapping;
  filter: CompiledFilter;
  /** Apply to one message; `json` lets several mappings share one parse of the same payload. */
  apply(topic: string, text: string, now: number, json?: ParsedOnce): UserMappingOutcome;
}

/** A payload parsed at most once per message. */
export interface ParsedOnce {
  get(): { ok: true; value: unknown } | { ok: false };
}

export function parseOnce(text: string): ParsedOnce {
  let cached: { ok: true; value: unknown } | { ok: false } | undefined;
  return {
    get() {
      if (cached) return cached;
      try {
        cached = { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        cached = { ok: false };
      }
      return cached;
    },
  };
}

/** Readable zod issues: "pattern: '+' must be a whole level …; metric: …". */
function issues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

export function compileUserMapping(input: unknown): { ok: true; compiled: CompiledUserMapping } | { ok: false; reason: string } {
  const parsed = UserMapping.safeParse(input);
  if (!parsed.success) return { ok: false, reason: issues(parsed.error) };
  const mapping = parsed.data;
  let steps: JsonPathStep[] | null = null;
  if (mapping.jsonPath !== undefined && mapping.jsonPath.trim() !== '' && mapping.jsonPath.trim() !== '$') {
    const p = parseJsonPath(mapping.jsonPath);
    if (!p.ok) return { ok: false, reason: `jsonPath: ${p.reason}` };
    steps = p.steps;
  }
  const filter = compileFilter(mapping.pattern);
  const scale = mapping.scale ?? 1;
  const offset = mapping.offset ?? 0;

  const apply = (topic: string, text: string, now: number, json?: ParsedOnce): UserMappingOutcome => {
    if (!filter.matches(topic)) return { ok: false, reason: `topic '${clip(topic)}' does not match the pattern '${mapping.pattern}'` };
    let rawId: string;
    if (mapping.deviceId !== undefined) rawId = mapping.deviceId;
    else {
      const level = topic.split('/')[mapping.deviceIdSegment!];
      if (level === undefined || level.length === 0) return { ok: false, reason: `topic '${clip(topic)}' has no level ${mapping.deviceIdSegment} to take the device id from` };
      if (level.length > 128 || /[\u0000-\u001f\u007f]/.test(level)) return { ok: false, reason: `level ${mapping.deviceIdSegment} of the topic is not usable as a device id (too long or control characters)` };
      rawId = level;
    }
    const value = steps === null ? plainValue(text) : pathValue(json ?? parseOnce(text), steps, mapping.jsonPath!);
    if (!value.ok) return value;
    const v = value.value * scale + offset;
    if (!Number.isFinite(v)) return { ok: false, reason: 'the scaled value is not a finite number' };
    const deviceId = `mqtt:${rawId}`;
    const sighting: DeviceSighting = { id: deviceId, kind: mapping.kind ?? 'other', model: mapping.model ?? 'MQTT device', source: 'mqtt' };
    const out: UserMappingOutcome = { ok: true, deviceId, sighting, sample: { metric: mapping.metric, unit: mapping.unit, value: v, ts: now } };
    if (mapping.expectedIntervalS !== undefined) out.expectedIntervalS = mapping.expectedIntervalS;
    return out;
  };

  return { ok: true, compiled: { mapping, filter, apply } };
}

function clip(s: string, n = 120): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** A JSON leaf as a number: numbers, numeric strings, booleans, ON/OFF. */
function leafNumber(v: unknown): number | undefined {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const s = v.trim().toUpperCase();
    if (s === 'ON') return 1;
    if (s === 'OFF') return 0;
  }
  return toFiniteNumber(v);
}

function plainValue(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const s = text.trim();
  if (s.length === 0) return { ok: false, reason: 'the payload is empty' };
  if (s.length <= 64) {
    const lower = s.toLowerCase();
    const n = lower === 'true' ? 1 : lower === 'false' ? 0 : leafNumber(s);
    if (n !== undefined) return { ok: true, value: n };
  }
  if (s[0] === '{' || s[0] === '[') {
    let keys = '';
    try {
      const j = JSON.parse(s) as unknown;
      if (isRecord(j)) keys = ` (top-level keys: ${Object.keys(j).slice(0, 8).join(', ')})`;
    } catch {
      /* not JSON after all: the generic message below */
    }
    return { ok: false, reason: `the payload is JSON, not a plain number — set a JSON path, e.g. $.temperature${keys}` };
  }
  return { ok: false, reason: `the payload '${clip(s, 40)}' is not a number` };
}

function pathValue(json: ParsedOnce, steps: readonly JsonPathStep[], path: string): { ok: true; value: number } | { ok: false; reason: string } {
  const parsed = json.get();
  if (!parsed.ok) return { ok: false, reason: 'the payload is not valid JSON, but the mapping has a JSON path' };
  let cur: unknown = parsed.value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const where = i === 0 ? 'the payload' : `'${stepsText(steps.slice(0, i))}'`;
    if (typeof step === 'number') {
      if (!Array.isArray(cur)) return { ok: false, reason: `${where} is not a list, so [${step}] does not apply` };
      if (step >= cur.length) return { ok: false, reason: `${where} has ${cur.length} items; [${step}] is past the end` };
      cur = cur[step];
    } else {
      if (!isRecord(cur)) return { ok: false, reason: `${where} is not an object, so '${step}' does not apply` };
      if (!Object.hasOwn(cur, step)) return { ok: false, reason: `no '${clip(step, 40)}' in ${where} (keys: ${Object.keys(cur).slice(0, 8).join(', ') || 'none'})` };
      cur = own(cur, step);
    }
  }
  if (cur === null) return { ok: false, reason: `the value at ${path} is null` };
  const n = leafNumber(cur);
  if (n === undefined) return { ok: false, reason: `the value at ${path} is ${describe(cur)}, not a number` };
  return { ok: true, value: n };
}

function stepsText(steps: readonly JsonPathStep[]): string {
  return '$' + steps.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text '${clip(v, 30)}'`;
  return String(v);
}

/** For the "test against a pasted sample payload" button: the sample it would produce, or why not. `now` stamps the sample (default 0). */
export function testMapping(mapping: unknown, topic: string, payloadText: string, now = 0): UserMappingOutcome {
  const c = compileUserMapping(mapping);
  if (!c.ok) return { ok: false, reason: c.reason };
  if (typeof topic !== 'string' || topic.length === 0) return { ok: false, reason: 'enter the topic the sample was published on' };
  if (topic.includes('+') || topic.includes('#')) return { ok: false, reason: 'enter a real topic (no + or #), e.g. esp32/stage-left/temperature' };
  if (typeof payloadText !== 'string') return { ok: false, reason: 'enter the sample payload' };
  return c.compiled.apply(topic, payloadText, now);
}

export interface UserMapper extends Mapper {
  /** Mappings that failed validation (skipped), by index in the list given. */
  problems: { index: number; reason: string }[];
}

/** One mapper for a connection's whole list of user mappings. */
export function createUserMapper(mappings: readonly unknown[]): UserMapper {
  const compiled: CompiledUserMapping[] = [];
  const problems: { index: number; reason: string }[] = [];
  mappings.forEach((m, index) => {
    const c = compileUserMapping(m);
    if (c.ok) compiled.push(c.compiled);
    else problems.push({ index, reason: c.reason });
  });
  const topics = [...new Set(compiled.map((c) => c.mapping.pattern))];

  const map = (topic: string, payload: Uint8Array, ctx: MapContext): MapResult => {
    if (typeof topic !== 'string') return rejected('topic is not a string');
    const matching = compiled.filter((c) => c.filter.matches(topic));
    if (matching.length === 0) return ignored('no user mapping matches this topic');
    if (payload.byteLength > maxJsonPayloadBytes) return rejected(`payload too large (${payload.byteLength} bytes)`);
    const text = payloadText(payload);
    const json = parseOnce(text);
    const byDevice = new Map<string, MappedReading>();
    const failures: string[] = [];
    for (const c of matching) {
      const r = c.apply(topic, text, ctx.now, json);
      if (!r.ok) {
        failures.push(`${c.mapping.metric}: ${r.reason}`);
        continue;
      }
      let item = byDevice.get(r.deviceId);
      if (!item) {
        item = { sighting: r.sighting, samples: [] };
        if (r.expectedIntervalS !== undefined) item.expectedIntervalS = r.expectedIntervalS;
        byDevice.set(r.deviceId, item);
      }
      item.samples.push(r.sample);
    }
    if (byDevice.size === 0) return rejected(failures.join('; '));
    return { kind: 'readings', items: [...byDevice.values()] };
  };

  return { id: 'user', label: 'User mappings', topics, map, problems };
}
