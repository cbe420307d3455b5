/**
 * Device names as files for the next site (pure: text in, rows or reasons out).
 *
 * CSV: `id,name,room,notes` — a header row (any order of those four columns) or none (that order), comma,
 * semicolon or tab separated (Excel in many locales writes semicolons), RFC 4180 quotes ("a ""b"", c").
 * An empty cell leaves that field as it is; a cell holding just `-` clears it. Blank lines and lines
 * starting with `#` are skipped.
 * JSON: `{"devices":[{"id":…,"name":…,"room":…,"notes":…}]}` or the bare list; a string sets, "" or null
 * clears, an absent key leaves the field as it is.
 */

export interface NameImportRow {
  /** 1-based line (CSV) or item number (JSON), for messages. */
  line: number;
  id: string;
  name?: string;
  room?: string;
  notes?: string;
}

export interface NameImportIssue {
  line: number;
  message: string;
}

export type NamesParse = { ok: true; rows: NameImportRow[] } | { ok: false; issues: NameImportIssue[] };

export interface NameExportRow {
  id: string;
  name: string | null;
  room: string | null;
  notes: string | null;
  aliases?: string[];
}

const fields = ['id', 'name', 'room', 'notes'] as const;
type Field = (typeof fields)[number];
const limits: Record<Field, number> = { id: 200, name: 64, room: 64, notes: 1000 };
/** More problems than this and the rest are summarised: a wrong file is wrong on every line. */
const maxIssues = 20;

/** Split CSV text into records of cells (RFC 4180 quoting); never throws. */
export function splitCsv(text: string, sep: string): { cells: string[]; line: number }[] {
  const out: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell.length === 0) quoted = true;
    else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' || c === '\n') {
      cells.push(cell);
      out.push({ cells, line: recordLine });
      cells = [];
      cell = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
      recordLine = line;
    } else cell += c;
    i++;
  }
  if (cell.length > 0 || cells.length > 0) {
    cells.push(cell);
    out.push({ cells, line: recordLine });
  }
  return out;
}

function separatorOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  if (first.includes(',')) return ',';
  if (first.includes(';')) return ';';
  if (first.includes('\t')) return '\t';
  return ',';
}

export function parseNamesCsv(input: string): NamesParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // a BOM from Excel
  const sep = separatorOf(text);
  const records = splitCsv(text, sep).filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === '') && !r.cells[0]!.trimStart().startsWith('#'));
  const issues: NameImportIssue[] = [];
  let columns: Field[] = [...fields];
  let start = 0;
  const head = records[0];
  const headCells = head?.cells.map((c) => c.trim().toLowerCase()) ?? [];
  // A header names the id column (first, or anywhere among only known column names).
  if (head && (headCells[0] === 'id' || (headCells.includes('id') && headCells.every((c) => (fields as readonly string[]).includes(c))))) {
    const named = headCells;
    const unknown = named.filter((c) => !(fields as readonly string[]).includes(c));
    if (unknown.length > 0) return { ok: false, issues: [{ line: head.line, message: `unknown column ${unknown.map((u) => `"${u.slice(0, 20)}"`).join(', ')}: the columns are id, name, room, notes` }] };
    const twice = named.find((c, i) => named.indexOf(c) !== i);
    if (twice) return { ok: false, issues: [{ line: head.line, message: `column "${twice}" appears twice` }] };
    columns = named as Field[];
    start = 1;
  }
  const rows: NameImportRow[] = [];
  const seen = new Map<string, number>();
  for (const rec of records.slice(start)) {
    const problem = (message: string) => issues.length < maxIssues && issues.push({ line: rec.line, message });
    if (rec.cells.length > columns.length) {
      problem(`${rec.cells.length} cells, but only ${columns.length} columns (${columns.join(', ')}) — quote a value that holds "${sep === '\t' ? 'tab' : sep}"`);
      continue;
    }
    const row: NameImportRow = { line: rec.line, id: '' };
    let bad = false;
    columns.forEach((col, i) => {
      const raw = (rec.cells[i] ?? '').trim();
      if (raw.length > limits[col]) {
        problem(`${col} is longer than ${limits[col]} characters`);
        bad = true;
        return;
      }
      if (col === 'id') row.id = raw;
      else if (raw === '-') row[col] = '';
      else if (raw !== '') row[col] = raw;
    });
    if (bad) continue;
    if (row.id === '') {
      problem('no device id in the first column');
      continue;
    }
    if (/[\u0000-\u001f\u007f]/.test(row.id)) {
      problem('the device id has control characters');
      continue;
    }
    const before = seen.get(row.id);
    if (before !== undefined) {
      problem(`${row.id} is already on line ${before}`);
      continue;
    }
    seen.set(row.id, rec.line);
    rows.push(row);
  }
  if (issues.length > 0) return { ok: false, issues };
  if (rows.length === 0) return { ok: false, issues: [{ line: 1, message: 'no rows: expect id,name,room,notes (one device per line)' }] };
  return { ok: true, rows };
}

export function parseNamesJson(text: string): NamesParse {
  let v: unknown;
  try {
    v = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, issues: [{ line: 1, message: `not valid JSON (${(error as Error).message.slice(0, 120)})` }] };
  }
  const list = Array.isArray(v) ? v : typeof v === 'object' && v !== null && Array.isArray((v as { devices?: unknown }).devices) ? (v as { devices: unknown[] }).devices : undefined;
  if (!list) return { ok: false, issues: [{ line: 1, message: 'expected {"devices":[{"id":…,"name":…,"room":…}]} or a list of such objects' }] };
  const issues: NameImportIssue[] = [];
  const rows: NameImportRow[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, index) => {
    const line = index + 1;
    const problem = (message: string) => issues.length < maxIssues && issues.push({ line, message: `item ${line}: ${message}` });
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return void problem('is not an object');
    const o = item as Record<string, unknown>;
    const id = Object.hasOwn(o, 'id') ? o.id : undefined;
    if (typeof id !== 'string' || id.trim() === '') return void problem('has no "id" text');
    const row: NameImportRow = { line, id: id.trim() };
    if (row.id.length > limits.id || /[\u0000-\u001f\u007f]/.test(row.id)) return void problem('the id is too long or has control characters');
    for (const f of ['name', 'room', 'notes'] as const) {
      if (!Object.hasOwn(o, f) || o[f] === undefined) continue;
      const val = o[f];
      if (val === null) row[f] = '';
      else if (typeof val !== 'string') return void problem(`"${f}" is not text`);
      else if (val.trim().length > limits[f]) return void problem(`"${f}" is longer than ${limits[f]} characters`);
      else row[f] = val.trim();
    }
    const before = seen.get(row.id);
    if (before !== undefined) return void problem(`${row.id} is already item ${before}`);
    seen.set(row.id, line);
    rows.push(row);
  });
  if (issues.length > 0) return { ok: false, issues };
  if (rows.length === 0) return { ok: false, issues: [{ line: 1, message: 'no devices in the file' }] };
  return { ok: true, rows };
}

function csvCell(v: string | null): string {
  if (v === null || v === '') return '';
  return /[",;\t\r\n]/.test(v) || v !== v.trim() || v === '-' || v.startsWith('#') ? `"${v.replace(/"/g, '""')}"` : v;
}

export function formatNamesCsv(rows: readonly NameExportRow[]): string {
  return ['id,name,room,notes', ...rows.map((r) => [r.id, r.name, r.room, r.notes].map(csvCell).join(','))].join('\r\n') + '\r\n';
}

export function formatNamesJson(rows: readonly NameExportRow[], exportedAt: number): string {
  return JSON.stringify({ format: 'showsite-device-names', version: 1, exportedAt: new Date(exportedAt).toISOString(), devices: rows }, null, 2) + '\n';
}
