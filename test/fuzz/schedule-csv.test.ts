import { describe, expect, it } from 'vitest';
import { exportCsv, importCsv } from '../../main/schedule/csv.ts';
import { ScheduleDay, csvColumns, type CsvImportResult } from '../../preload/contract/schedule.ts';
import { seededRandom } from '../../native/sim/random.ts';

/**
 * Random, plausible and mutated CSV running orders thrown at the importer: it never throws or hangs,
 * every answer is either days that satisfy the contract or a non-empty per-row report, and a good
 * import exported and imported again gives the same days.
 */

const HEADER = csvColumns.join(',');
const CASES = 100_000;

function generator(seed: number) {
  const rnd = seededRandom(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

  const dates = ['2026-07-04', '2026-07-05', '2026-12-31', '2028-02-29', '2026-02-30', '2026-13-01', '26-07-04', ''];
  const types = ['set', 'set', 'set', 'milestone', 'curfew', 'SET', ' set ', 'delay', 'gig', ''];
  const titles = ['Band', 'The Openers', 'Band, The', 'Say "hi"', 'Line\nbreak', '  spaced  ', 'Ünïcødé 🎸', '', '=cmd()', 'x'.repeat(210), 'Doors', 'Curfew'];
  const notes = ['', 'load in via gate B', 'multi\nline\r\nnotes', '"quoted"', 'a,b,c', ' lead', '\u0000', '😀'];
  const numbers = ['', '0', '5', '15', '45', '60', '90', '1440', '1441', '-5', '4.5', 'ten', ' 30 ', '007', '99999999999999999999'];
  const clock = (): string => {
    const r = rnd();
    if (r < 0.8) return `${String(int(24)).padStart(r < 0.75 ? 2 : 1, '0')}:${String(int(60)).padStart(2, '0')}`;
    return pick(['25:99', '24:00', '12:60', 'noon', '', '7', '19.30', '23:59', '00:00']);
  };
  const quote = (f: string): string => (/[",\r\n]/.test(f) || rnd() < 0.05 ? `"${f.replaceAll('"', '""')}"` : f);

  /** A mostly well-formed file: rows of a few days, times rising with the odd midnight. */
  const plausible = (): string => {
    const eol = pick(['\n', '\r\n', '\r\n', '\r']);
    const lines: string[] = [rnd() < 0.97 ? HEADER : pick(['day,type,title,start,duration,changeover', 'Day,Type,Title,Start,Duration,Changeover,Notes', `${HEADER},x`])];
    const rows = int(12);
    let minute = 600 + int(300);
    const quality = rnd() < 0.5 ? 1 : 0.85;
    for (let i = 0; i < rows; i++) {
      const good = rnd() < quality;
      const type = good ? pick(['set', 'set', 'set', 'set', 'milestone', 'milestone', 'curfew']) : pick(types);
      minute = (minute + int(120)) % 1440;
      const start = good ? `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}` : clock();
      const isSet = type.trim().toLowerCase() === 'set';
      const duration = good ? (isSet ? String(int(120)) : '') : pick(numbers);
      const changeover = good ? (isSet ? pick(['', '0', '10', '15']) : '') : pick(numbers);
      const date = good ? pick(dates.slice(0, 3)) : pick(dates);
      const title = good ? `${pick(['Band', 'The Openers', 'Band, The', 'Say "hi"', 'Ünïcødé 🎸', '  spaced  '])} ${i}` : pick(titles);
      const fields = [date, type, title, start, duration, changeover, pick(notes)];
      if (!good && rnd() < 0.2) fields.length = int(9);
      if (!good && rnd() < 0.1) fields.push('extra');
      lines.push(fields.map(quote).join(','));
      if (rnd() < 0.05) lines.push('');
    }
    return (rnd() < 0.1 ? '\uFEFF' : '') + lines.join(eol) + (rnd() < 0.7 ? eol : '');
  };

  const alphabet = ['"', ',', '\n', '\r', 'a', '0', '9', ':', '-', ' ', '\uFEFF', '😀', '\u0000', 's', 'e', 't'];
  const noise = (len: number): string => Array.from({ length: len }, () => pick(alphabet)).join('');

  const mutate = (text: string, other: string): string => {
    const pos = int(text.length + 1);
    switch (int(8)) {
      case 0: {
        // Bit flip in one UTF-16 unit.
        if (text.length === 0) return noise(3);
        const c = text.charCodeAt(Math.min(pos, text.length - 1)) ^ (1 << int(16));
        return text.slice(0, pos) + String.fromCharCode(c) + text.slice(pos + 1);
      }
      case 1:
        return text.slice(0, pos); // truncation
      case 2:
        return text + noise(1 + int(20)); // extension
      case 3:
        return text.slice(0, pos) + other.slice(int(other.length + 1)); // splice of two inputs
      case 4:
        return text.slice(0, pos) + '"' + text.slice(pos); // a stray quote
      case 5: {
        const lines = text.split('\n');
        const i = int(lines.length);
        lines.splice(i, 0, lines[i] ?? ''); // a duplicated line
        return lines.join('\n');
      }
      case 6: {
        const lines = text.split('\n');
        lines.splice(int(lines.length), 1); // a lost line
        return lines.join('\n');
      }
      default:
        return text.slice(0, pos) + noise(1 + int(5)) + text.slice(pos); // insertion
    }
  };

  return {
    next(): { kind: 'plausible' | 'mutated' | 'random'; text: string } {
      const r = rnd();
      if (r < 0.45) return { kind: 'plausible', text: plausible() };
      if (r < 0.9) {
        let text = plausible();
        for (let k = 1 + int(3); k > 0; k--) text = mutate(text, plausible());
        return { kind: 'mutated', text };
      }
      return { kind: 'random', text: rnd() < 0.5 ? noise(int(200)) : `${HEADER}\n${noise(int(200))}` };
    },
  };
}

/** Ids that depend only on position, so an import and its re-import can be compared whole. */
function counter(): () => string {
  let n = 0;
  return () => `id${++n}`;
}

function checkShape(result: CsvImportResult): string | null {
  if (result.ok) {
    if (!Array.isArray(result.days)) return 'days is not an array';
    for (const d of result.days) {
      const parsed = ScheduleDay.safeParse(d);
      if (!parsed.success) return `day breaks the contract: ${parsed.error.issues[0]?.message}`;
    }
    return null;
  }
  if (!Array.isArray(result.report) || result.report.length === 0) return 'a refusal without a report';
  for (const p of result.report) {
    if (!Number.isInteger(p.row) || p.row < 0) return `bad row ${p.row}`;
    if (typeof p.message !== 'string' || p.message.length === 0) return 'empty message';
    if (p.column !== undefined && !(csvColumns as readonly string[]).includes(p.column)) return `bad column ${p.column}`;
  }
  return null;
}

describe('fuzz: schedule CSV import', () => {
  it(`${CASES} random, plausible and mutated files: never throws, days or a report, good imports round-trip`, () => {
    const gen = generator(20260704);
    const counts = { plausible: 0, mutated: 0, random: 0, accepted: 0, rejected: 0, days: 0, entries: 0 };
    const failures: string[] = [];
    let slowest = 0;
    for (let i = 0; i < CASES && failures.length < 5; i++) {
      const { kind, text } = gen.next();
      counts[kind]++;
      const t0 = performance.now();
      let result: CsvImportResult;
      try {
        result = importCsv(text, counter());
      } catch (err) {
        failures.push(`case ${i} threw ${String(err)} on ${JSON.stringify(text)}`);
        continue;
      }
      slowest = Math.max(slowest, performance.now() - t0);
      const shape = checkShape(result);
      if (shape) {
        failures.push(`case ${i}: ${shape} for ${JSON.stringify(text)}`);
        continue;
      }
      if (!result.ok) {
        counts.rejected++;
        continue;
      }
      counts.accepted++;
      counts.days += result.days.length;
      for (const d of result.days) counts.entries += d.entries.length;
      const again = importCsv(exportCsv(result.days), counter());
      if (!again.ok || JSON.stringify(again.days) !== JSON.stringify(result.days))
        failures.push(`case ${i}: round trip differs for ${JSON.stringify(text)}: ${JSON.stringify(again)}`);
    }
    console.log('schedule-csv fuzz', JSON.stringify({ ...counts, slowestMs: Math.round(slowest) }));
    expect(failures).toEqual([]);
    // Both paths are exercised in earnest.
    expect(counts.accepted).toBeGreaterThan(20_000);
    expect(counts.rejected).toBeGreaterThan(30_000);
    expect(counts.entries).toBeGreaterThan(80_000);
    expect(counts.plausible + counts.mutated + counts.random).toBe(CASES);
    // No wall-clock assertion (the slowest case is logged above): a hang is caught by the test's own timeout.
  }, 60_000);

  it('a very large file is refused or imported without hanging', () => {
    const row = '2026-07-04,set,Act,18:00,45,,';
    const big = [HEADER, ...Array.from({ length: 10_001 }, (_, i) => row.replace('Act', `Act ${i}`))].join('\n');
    const r = importCsv(big, counter());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.report[0]!.message).toContain('too many rows');
    const quoteStorm = `${HEADER}\n"${'""'.repeat(200_000)}`;
    expect(importCsv(quoteStorm, counter()).ok).toBe(false);
  });
});
