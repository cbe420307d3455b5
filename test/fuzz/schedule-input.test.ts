import { describe, expect, it } from 'vitest';
import { scheduleClock, timecodeMsOfDay } from '../../main/schedule/clock.ts';
import { resolveInstant } from '../../main/schedule/instant.ts';
import { ScheduleInstant } from '../../preload/contract/schedule-api.ts';
import { seededRandom } from '../../native/sim/random.ts';

/**
 * The running order's two small text parsers, beyond the CSV importer (fuzzed in schedule-csv.test.ts):
 * the moments callers give (`at`, corrected actual times) and the timecode text the DMX engine reports.
 * Random and mutated input: never throws, and every answer is either a valid value or a counted refusal.
 */

const CASES = 100_000;
const zones = ['UTC', 'Europe/London', 'America/Los_Angeles', 'Asia/Kolkata', 'Australia/Lord_Howe'];

function mutate(rnd: () => number, seedText: string): string {
  const int = (n: number) => Math.floor(rnd() * n);
  const chars = [...seedText];
  const r = rnd();
  if (r < 0.25 && chars.length) chars[int(chars.length)] = String.fromCharCode(int(0x3000));
  else if (r < 0.45) chars.length = int(chars.length + 1);
  else if (r < 0.6) chars.splice(int(chars.length + 1), 0, ...'0123456789:+-TZ.;'.charAt(int(17)).repeat(1 + int(3)));
  else if (r < 0.75 && chars.length) {
    // bit flip in one character
    const i = int(chars.length);
    chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) ^ (1 << int(7)));
  } else chars.push(...seedText.slice(int(seedText.length)));
  return chars.join('');
}

describe('fuzz: moments and timecode text', () => {
  it(`resolveInstant: ${CASES} random and mutated moments never throw; an answer is a whole non-negative ms or a refusal`, () => {
    const rnd = seededRandom(12);
    const int = (n: number) => Math.floor(rnd() * n);
    const pad = (n: number) => String(n).padStart(2, '0');
    const valid = (): string | number => {
      const r = rnd();
      if (r < 0.2) return int(2 ** 45);
      if (r < 0.5) return `${pad(int(26))}:${pad(int(62))}${rnd() < 0.5 ? `:${pad(int(61))}` : ''}`;
      return `20${pad(int(40))}-${pad(1 + int(12))}-${pad(1 + int(29))}T${pad(int(24))}:${pad(int(60))}:${pad(int(60))}${rnd() < 0.3 ? `.${int(1000)}` : ''}${['Z', '+01:00', '-07:00', '+05:30', ''][int(5)]}`;
    };
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const base = valid();
      const input = typeof base === 'number' || rnd() < 0.4 ? base : mutate(rnd, base);
      const zone = zones[int(zones.length)]!;
      const ms = resolveInstant(input, '2026-07-04', zone, Date.UTC(2026, 6, 4, 18));
      if (ms === null) refused++;
      else {
        expect(Number.isSafeInteger(ms) && ms >= 0, `${String(input)} → ${ms}`).toBe(true);
        accepted++;
      }
      // What the contract lets through, the service can resolve (no "valid at the edge, refused inside").
      if (typeof input === 'string' && ScheduleInstant.safeParse(input).success && !/^\d{4}-/.test(input)) expect(ms, input).not.toBeNull();
    }
    expect(accepted + refused).toBe(CASES);
    expect(accepted).toBeGreaterThan(CASES / 10);
    expect(refused).toBeGreaterThan(CASES / 10);
  });

  it(`timecode text: ${CASES} random and mutated frames never throw; the clock built on them is always a whole instant`, () => {
    const rnd = seededRandom(34);
    const int = (n: number) => Math.floor(rnd() * n);
    const pad = (n: number) => String(n).padStart(2, '0');
    const types = ['Film 24', 'EBU 25', 'DF 29.97', 'SMPTE 30', '0', '3', '9', '', 'x'];
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < CASES; i++) {
      const text = `${pad(int(26))}:${pad(int(62))}:${pad(int(62))}:${pad(int(32))}`;
      const input = rnd() < 0.5 ? text : mutate(rnd, text);
      const type = types[int(types.length)]!;
      const ms = timecodeMsOfDay(input, type);
      if (ms === null) refused++;
      else {
        expect(ms >= 0 && ms < 86_400_000 && Number.isInteger(ms), `${input} → ${ms}`).toBe(true);
        accepted++;
      }
      if (i % 10 === 0) {
        const clock = scheduleClock('artnet-timecode', { text: input, type, ageMs: int(5000), receivedAt: 1_800_000_000_000 }, 1_800_000_000_000 + int(4000), zones[int(zones.length)]!, 2000);
        expect(Number.isSafeInteger(clock.now)).toBe(true);
        expect(clock.lost).toBe(ms === null || clock.timecode === null);
      }
    }
    expect(accepted + refused).toBe(CASES);
    expect(accepted).toBeGreaterThan(CASES / 10);
    expect(refused).toBeGreaterThan(CASES / 10);
  });
});
