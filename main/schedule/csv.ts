import {
  csvColumns,
  scheduleLimits,
  type CsvImportResult,
  type CsvProblem,
  type ScheduleDay,
  type ScheduleEntry,
} from '../../preload/contract/schedule.ts';
import { dayClockMinutes, plannedLengthMinutes } from './planned.ts';
import { formatClock, parseClock } from './time.ts';

/**
 * Running order as CSV: `day,type,title,start,duration,changeover,notes` (RFC 4180 quoting; CRLF,
 * LF or CR line ends; a leading BOM ignored). `start` is a plain local HH:MM; within a day, rows are
 * in running order and a set or milestone whose start is earlier than the row above it is after
 * midnight (one midnight at most). The curfew's row may be anywhere: it is placed at the first
 * occurrence of its time at or after the day's first start. Import is all or nothing.
 */

const HEADER = csvColumns.join(',');
const MAX_ROWS = 10_000;
type Column = (typeof csvColumns)[number];

// ---------------------------------------------------------------------------------------------
// RFC 4180 records

export interface CsvRecord {
  /** Record number, header = 1 (blank lines count, as in a spreadsheet). */
  row: number;
  fields: string[];
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/** Split text into records. Malformed quoting is reported per record; parsing always finishes. */
export function parseCsvRecords(text: string): { records: CsvRecord[]; problems: CsvProblem[] } {
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let row = 1;
  let fields: string[] = [];
  let badRow = false;
  const problem = (message: string): void => {
    if (!badRow) problems.push({ row, message });
    badRow = true;
  };
  while (i <= n) {
    // Start of a field.
    let value: string;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      const openedOn = row;
      let parts = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const q = text.indexOf('"', j);
        if (q < 0) break;
        parts += text.slice(j, q);
        if (text.charCodeAt(q + 1) === QUOTE) {
          parts += '"';
          j = q + 2;
        } else {
          j = q + 1;
          closed = true;
          break;
        }
      }
      if (!closed) {
        problems.push({ row: openedOn, message: 'a quoted field is never closed: a " is missing' });
        return { records, problems };
      }
      value = parts;
      i = j;
      if (i < n) {
        const c = text.charCodeAt(i);
        if (c !== COMMA && c !== CR && c !== LF) {
          problem('text after a closing quote: a field in quotes must end at the quote');
          while (i < n && text.charCodeAt(i) !== COMMA && text.charCodeAt(i) !== CR && text.charCodeAt(i) !== LF) i++;
        }
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === COMMA || c === CR || c === LF) break;
        if (c === QUOTE) problem('a quote inside an unquoted field: put the field in quotes and double the quote ("")');
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    fields.push(value);
    // After a field: comma, line end or end of text.
    if (i < n && text.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    const atEnd = i >= n;
    if (!atEnd) i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    // A final line end does not open another record.
    if (!(atEnd && fields.length === 1 && fields[0] === '' && (n === 0 || endsWithLineBreak(text)))) records.push({ row, fields });
    if (atEnd) break;
    row++;
    fields = [];
    badRow = false;
  }
  return { records, problems };
}

function endsWithLineBreak(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === LF || c === CR;
}

/** One CSV field, quoted when it must be (or when spaces at its ends would otherwise be lost by trimming readers). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

// ---------------------------------------------------------------------------------------------
// Import

interface Row {
  row: number;
  date: string;
  type: 'set' | 'milestone' | 'curfew';
  title: string;
  start: number;
  duration: number;
  changeover: number;
  notes: string;
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

function checkDate(v: string): string | null {
  if (v === '') return 'the day is missing: expected a date like 2026-07-04';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return `"${clip(v)}" is not a date: expected YYYY-MM-DD, e.g. 2026-07-04`;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(5, 7));
  const d = Number(v.slice(8, 10));
  if (y < 2000 || y > 2999) return `${v}: the year must be 2000–2999`;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  if (days === undefined || d < 1 || d > days) return `${v} does not exist`;
  return null;
}

function clip(v: string): string {
  const one = v.replace(/[\r\n]+/g, ' ');
  return one.length > 40 ? `${one.slice(0, 40)}…` : one;
}

/** A whole, non-negative number of minutes ≤ 24 h, or the reason it is not. */
function checkMinutes(v: string, what: string): number | string {
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n > scheduleLimits.minutesMax ? `${what} ${v} is more than 24 hours (${scheduleLimits.minutesMax} minutes)` : n;
  }
  if (/^-\s*\d+(?:[.,]\d*)?$/.test(v)) return `${what} cannot be negative (${clip(v)})`;
  if (/^\d*[.,]\d+$|^\d+[.,]$/.test(v)) return `${what} must be whole minutes (${clip(v)})`;
  return `${what} "${clip(v)}" is not a number of minutes`;
}

/** Parse and check one data record; problems are pushed, the row is returned only when it is clean. */
function checkRow(rec: CsvRecord, problems: CsvProblem[]): Row | null {
  const { row, fields } = rec;
  if (fields.length !== csvColumns.length) {
    problems.push({ row, message: `expected ${csvColumns.length} columns (${HEADER}), found ${fields.length}` });
    return null;
  }
  const before = problems.length;
  const bad = (column: Column, message: string): void => {
    problems.push({ row, column, message });
  };
  const [rawDay, rawType, rawTitle, rawStart, rawDuration, rawChangeover, notes] = fields as [string, string, string, string, string, string, string];

  const date = rawDay.trim();
  const dateProblem = checkDate(date);
  if (dateProblem) bad('day', dateProblem);

  const typeText = rawType.trim().toLowerCase();
  const type = typeText === 'set' || typeText === 'milestone' || typeText === 'curfew' ? typeText : null;
  if (!type) bad('type', typeText === '' ? 'the type is missing: expected set, milestone or curfew' : `unknown type "${clip(rawType.trim())}": expected set, milestone or curfew`);

  let title = rawTitle.trim();
  if (title === '' && type === 'curfew') title = 'Curfew';
  if (title === '') bad('title', 'the title is missing');
  else if (/[\r\n]/.test(title)) bad('title', 'the title must be on one line');
  else if (title.length > scheduleLimits.titleMax) bad('title', `the title is longer than ${scheduleLimits.titleMax} characters`);

  const startText = rawStart.trim();
  const start = parseClock(startText, 23);
  if (start === null) {
    if (startText === '') bad('start', 'the start is missing: expected a local time HH:MM, e.g. 19:30');
    else if (/^\d{1,2}:\d{2}$/.test(startText)) bad('start', `impossible time "${startText}": hours go 00–23 and minutes 00–59`);
    else bad('start', `"${clip(startText)}" is not a time: expected HH:MM, e.g. 19:30`);
  }

  let duration = 0;
  let changeover = 0;
  const durationText = rawDuration.trim();
  const changeoverText = rawChangeover.trim();
  if (type === 'set') {
    if (durationText === '') bad('duration', 'the duration is missing: a set needs its length in minutes');
    else {
      const d = checkMinutes(durationText, 'the duration');
      if (typeof d === 'string') bad('duration', d);
      else duration = d;
    }
    if (changeoverText !== '') {
      const c = checkMinutes(changeoverText, 'the changeover');
      if (typeof c === 'string') bad('changeover', c);
      else changeover = c;
    }
  } else if (type) {
    if (durationText !== '' && durationText !== '0') bad('duration', `a ${type} is a point in time: leave the duration empty`);
    if (changeoverText !== '' && changeoverText !== '0') bad('changeover', `a ${type} has no changeover: leave it empty`);
  }

  if (notes.length > scheduleLimits.notesMax) bad('notes', `the notes are longer than ${scheduleLimits.notesMax} characters`);

  if (problems.length > before || !type || start === null) return null;
  return { row, date, type, title, start, duration, changeover, notes };
}

/**
 * Day-clock minutes for a day's rows in running order: sets and milestones move past midnight when
 * earlier than the row above (once at most); the curfew goes to the first occurrence of its time at
 * or after the day's first start. Returns the rows' positions that would cross midnight twice.
 */
export function inferDayClocks(rows: readonly { type: string; start: number }[]): { minutes: number[]; twice: number[] } {
  const minutes: number[] = [];
  const twice: number[] = [];
  let dayOffset = 0;
  let prev = -1;
  let first: number | null = null;
  rows.forEach((r, i) => {
    if (r.type === 'curfew') {
      minutes[i] = r.start;
      return;
    }
    let m = r.start + dayOffset * 1440;
    if (m < prev) {
      dayOffset++;
      m += 1440;
      if (dayOffset > 1) twice.push(i);
    }
    minutes[i] = m;
    prev = m;
    if (first === null) first = m;
  });
  rows.forEach((r, i) => {
    if (r.type === 'curfew' && first !== null && r.start < first) minutes[i] = r.start + 1440;
  });
  return { minutes, twice };
}

function checkHeader(rec: CsvRecord | undefined): CsvProblem | null {
  const expected = `the first row must be the header ${HEADER}`;
  if (!rec) return { row: 1, message: `the file is empty: ${expected}` };
  const names = rec.fields.map((f) => f.trim().toLowerCase());
  const i = csvColumns.findIndex((c, k) => names[k] !== c);
  if (i < 0 && names.length === csvColumns.length) return null;
  const found = names[i];
  const detail =
    i < 0
      ? `there are ${names.length} columns instead of ${csvColumns.length}`
      : found === undefined
        ? `column ${i + 1} "${csvColumns[i]}" is missing`
        : `column ${i + 1} is "${clip(found)}" where "${csvColumns[i]}" is expected`;
  return { row: 1, message: `wrong header: ${detail}; ${expected}` };
}

/**
 * Import a CSV running order. `newId` makes entry ids (called in output order: days by date, then
 * entries in running order). Either every row is good and all days come back, or nothing does and
 * the report says what is wrong, per row and column.
 */
export function importCsv(text: string, newId: () => string): CsvImportResult {
  if (typeof text !== 'string') return { ok: false, report: [{ row: 0, message: 'the CSV is not text' }] };
  const { records, problems: parseProblems } = parseCsvRecords(text);
  const headerBroken = parseProblems.filter((p) => p.row === 1);
  if (headerBroken.length > 0) return { ok: false, report: headerBroken };
  const headerProblem = checkHeader(records[0]);
  if (headerProblem) return { ok: false, report: [headerProblem] };

  const problems: CsvProblem[] = parseProblems.slice();
  const brokenRows = new Set(parseProblems.map((p) => p.row));
  const dataRecords = records.slice(1).filter((r) => !(r.fields.length === 1 && r.fields[0]!.trim() === ''));
  if (dataRecords.length > MAX_ROWS) return { ok: false, report: [{ row: dataRecords[MAX_ROWS]!.row, message: `too many rows: at most ${MAX_ROWS}` }] };

  const byDay = new Map<string, Row[]>();
  for (const rec of dataRecords) {
    if (brokenRows.has(rec.row)) continue;
    const r = checkRow(rec, problems);
    if (!r) continue;
    let list = byDay.get(r.date);
    if (!list) byDay.set(r.date, (list = []));
    list.push(r);
  }

  for (const [date, rows] of byDay) {
    const seen = new Map<string, number>();
    let curfewRow: number | null = null;
    for (const r of rows) {
      const key = `${r.type}\u0000${r.title.toLowerCase()}\u0000${r.start}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ row: r.row, message: `duplicate of row ${first}: same day, type, title and start` });
      else seen.set(key, r.row);
      if (r.type === 'curfew') {
        if (curfewRow !== null) problems.push({ row: r.row, column: 'type', message: `a second curfew on ${date} (the first is on row ${curfewRow}): a day has one curfew` });
        else curfewRow = r.row;
      }
    }
    if (rows.length > scheduleLimits.entriesPerDay) problems.push({ row: rows[scheduleLimits.entriesPerDay]!.row, message: `more than ${scheduleLimits.entriesPerDay} entries on ${date}` });
    const { twice } = inferDayClocks(rows);
    for (const i of twice)
      problems.push({ row: rows[i]!.row, column: 'start', message: `${formatClock(rows[i]!.start)} would be a second midnight crossing on ${date}: rows of a day go in running order` });
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.row - b.row);
    return { ok: false, report: problems };
  }

  const days: ScheduleDay[] = [...byDay.keys()].sort().map((date) => {
    const rows = byDay.get(date)!;
    const { minutes } = inferDayClocks(rows);
    const entries = rows.map((r, i): ScheduleEntry => {
      const plannedStart = formatClock(minutes[i]!);
      const id = newId();
      if (r.type === 'set')
        return { id, type: 'set', title: r.title, plannedStart, plannedDurationMin: r.duration, changeoverAfterMin: r.changeover, notes: r.notes, colour: null, actualStart: null, actualEnd: null, cues: [] };
      return { id, type: r.type, title: r.title, plannedStart, notes: r.notes, colour: null, cues: [] };
    });
    return { date, entries };
  });
  return { ok: true, days };
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * The days as CSV in the import format (CRLF line ends). Times are written as plain HH:MM, so a day
 * re-imports to the same times when its sets and milestones are in time order (the projection lists
 * any that are not as 'order' conflicts). Delay blocks, colours, cues and actual times are not part
 * of this format and are left out (the show file carries them).
 */
export function exportCsv(days: readonly ScheduleDay[]): string {
  const lines = [HEADER];
  for (const day of days) {
    for (const e of day.entries) {
      if (e.type === 'delay') continue;
      const start = formatClock(dayClockMinutes(e.plannedStart) % 1440);
      if (e.type === 'set') lines.push(csvLine([day.date, 'set', e.title, start, String(plannedLengthMinutes(e)), String(e.changeoverAfterMin), e.notes]));
      else lines.push(csvLine([day.date, e.type, e.title, start, '', '', e.notes]));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
