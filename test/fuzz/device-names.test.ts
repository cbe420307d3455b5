import { describe, expect, it } from 'vitest';
import { formatNamesCsv, parseNamesCsv, parseNamesJson, type NamesParse } from '../../main/devices/names-io.ts';
import { nameProblem } from '../../preload/contract/devices.ts';
import { seededRandom } from '../../native/sim/random.ts';

/**
 * ≥ 100 000 random and mutated inputs per entry point of the names import (CSV, JSON) and the
 * "needs a name" rule, seeded so a failure reproduces: nothing throws, every answer is either rows that
 * respect the limits or refusals with a line and a reason, and valid files keep parsing to themselves.
 */

const CASES = 100_000;
const TIMEOUT_MS = 120_000;

function tools(rnd: () => number) {
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const chars = 'abcXYZ09 ,;\t"\r\n-#:é😀\u0000\ufeff{}[]\\';
  const randomString = (max: number) => Array.from({ length: int(max + 1) }, () => chars[int(chars.length)]).join('');
  const cell = () => pick(['', '-', 'Stage left', 'ble:A4:C1:38:DD:DB:F8', 'Bar, "top"', 'x'.repeat(70), randomString(12), 'id', 'name', 'room', 'notes', '#x']);
  const validRows = () =>
    Array.from({ length: 1 + int(5) }, (_, i) => ({ id: `dev:${i}:${int(1000)}`, name: pick([null, 'Stage left', 'Bar, "top"', 'line\nbreak', ' spaced ']), room: pick([null, 'FOH', 'Rack; 2']), notes: pick([null, '#hashtag', 'n']) }));
  const mutate = (s: string, other: string): string => {
    const r = rnd();
    if (r < 0.25 && s.length > 0) {
      const at = int(s.length);
      return s.slice(0, at) + String.fromCharCode(s.charCodeAt(at) ^ (1 << int(7))) + s.slice(at + 1);
    }
    if (r < 0.45) return s.slice(0, int(s.length + 1));
    if (r < 0.6) return s + randomString(16);
    if (r < 0.8) return s.slice(0, int(s.length + 1)) + other.slice(int(other.length + 1));
    const at = int(s.length + 1);
    return s.slice(0, at) + pick(['"', ',', ';', '\n', '\r', '\t', '{', '[', '\u0000']) + s.slice(at);
  };
  return { int, pick, randomString, cell, validRows, mutate };
}

const limits = { id: 200, name: 64, room: 64, notes: 1000 } as const;

/** Plain checks (expect() per row would dominate the run time); throws with the case on a violation. */
function checkParse(r: NamesParse, kinds: Record<string, number>, input: string): void {
  const fail = (why: string) => {
    throw new Error(`${why} for input ${JSON.stringify(input.slice(0, 300))}`);
  };
  if (r.ok) {
    kinds.ok = (kinds.ok ?? 0) + 1;
    if (r.rows.length === 0) fail('ok without rows');
    const ids = new Set<string>();
    for (const row of r.rows) {
      if (row.id.length === 0 || row.id.length > limits.id) fail('id out of limits');
      if (ids.has(row.id)) fail('duplicate id accepted');
      ids.add(row.id);
      for (const f of ['name', 'room', 'notes'] as const) if (row[f] !== undefined && (typeof row[f] !== 'string' || row[f]!.length > limits[f])) fail(`${f} out of limits`);
      if (!Number.isInteger(row.line) || row.line < 1) fail('bad line number');
    }
  } else {
    kinds.refused = (kinds.refused ?? 0) + 1;
    if (r.issues.length === 0 || r.issues.length > 20) fail('refusal without 1–20 issues');
    for (const i of r.issues) if (typeof i.message !== 'string' || i.message.length === 0 || !Number.isInteger(i.line) || i.line < 1) fail('issue without a line and a message');
  }
}

describe('fuzz: device names import', () => {
  it(`CSV: ${CASES} random and mutated files never throw; rows respect the limits; valid files round-trip`, { timeout: TIMEOUT_MS }, () => {
    const rnd = seededRandom(0x5eed_c5f);
    const t = tools(rnd);
    const kinds: Record<string, number> = {};
    let previous = 'id,name\nble:1,Stage';
    for (let i = 0; i < CASES; i++) {
      let text: string;
      const mode = rnd();
      if (mode < 0.3) {
        const rows = t.validRows();
        text = formatNamesCsv(rows);
        const r = parseNamesCsv(text);
        // What we write we read back, field for field (names trimmed; empty fields are "leave as is").
        const want = JSON.stringify(rows.map((x) => [x.id, x.name?.trim() || null]));
        if (!r.ok || JSON.stringify(r.rows.map((x) => [x.id, x.name ?? null])) !== want) throw new Error(`round trip failed for ${JSON.stringify(text)}`);
      } else if (mode < 0.6) {
        text = Array.from({ length: t.int(6) }, () => Array.from({ length: 1 + t.int(6) }, t.cell).join(t.pick([',', ';', '\t']))).join(t.pick(['\n', '\r\n']));
      } else {
        text = t.mutate(previous, formatNamesCsv(t.validRows()));
      }
      checkParse(parseNamesCsv(text), kinds, text);
      if (text.length < 4000) previous = text;
    }
    expect(kinds.ok).toBeGreaterThan(CASES * 0.2);
    expect(kinds.refused).toBeGreaterThan(CASES * 0.1);
  });

  it(`JSON: ${CASES} random and mutated files never throw; rows respect the limits`, { timeout: TIMEOUT_MS }, () => {
    const rnd = seededRandom(0x15_0a);
    const t = tools(rnd);
    const kinds: Record<string, number> = {};
    const valueOf = (): unknown => t.pick([null, 'Stage', '', 42, true, [], {}, 'x'.repeat(70), t.randomString(8)]);
    let previous = '{"devices":[{"id":"a"}]}';
    for (let i = 0; i < CASES; i++) {
      let text: string;
      const mode = rnd();
      if (mode < 0.25) {
        text = JSON.stringify({ devices: t.validRows() });
      } else if (mode < 0.6) {
        const devices = Array.from({ length: t.int(5) }, () => {
          const o: Record<string, unknown> = {};
          for (const k of ['id', 'name', 'room', 'notes', '__proto__', 'extra']) if (rnd() < 0.7) Object.defineProperty(o, k, { value: k === 'id' && rnd() < 0.8 ? `dev:${t.int(20)}` : valueOf(), enumerable: true });
          return o;
        });
        text = JSON.stringify(rnd() < 0.5 ? { devices } : rnd() < 0.5 ? devices : { other: devices });
      } else {
        text = t.mutate(previous, JSON.stringify({ devices: t.validRows() }));
      }
      checkParse(parseNamesJson(text), kinds, text);
      if (text.length < 4000) previous = text;
    }
    expect(kinds.ok).toBeGreaterThan(CASES * 0.2);
    expect(kinds.refused).toBeGreaterThan(CASES * 0.1);
  });

  it(`"needs a name": ${CASES} random strings never throw and get one of the four answers or none`, { timeout: TIMEOUT_MS }, () => {
    const rnd = seededRandom(77);
    const t = tools(rnd);
    const answers = new Set([null, 'no name', 'an address, not a name', 'the factory name', 'the device id']);
    for (let i = 0; i < CASES; i++) {
      const name = rnd() < 0.5 ? t.randomString(40) : t.mutate(t.pick(['GVH5075_1A2B', 'Stage left', 'A4:C1:38:DD:DB:F8', 'ESP32-1A2B3C']), t.randomString(8));
      const a = nameProblem(rnd() < 0.1 ? null : name, rnd() < 0.1 ? name : 'id:x');
      if (!answers.has(a)) throw new Error(`unexpected answer ${String(a)} for ${JSON.stringify(name)}`);
    }
  });
});
