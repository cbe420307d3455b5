import {
  IsoDate,
  ScheduleDay,
  ScheduleEntry,
  type DelayEntry,
  type MilestoneEntry,
  type SetEntry,
} from '../../preload/contract/schedule.ts';

/**
 * Operator and editor actions over one day, as a pure reducer: each returns the new day or a clear
 * error and never changes its input. Invariants after every action (checked with the contract's
 * schema): ids unique, at most one curfew, at most one running set, actual end ≥ actual start.
 */

export type EntryPatch =
  | Partial<Omit<SetEntry, 'id' | 'type'>>
  | Partial<Omit<MilestoneEntry, 'id' | 'type'>>
  | Partial<Omit<DelayEntry, 'id' | 'type'>>;

export type ScheduleAction =
  /** Start a set. A set still running is ended at the same instant (a changeover of zero). */
  | { kind: 'start'; entryId: string; at: number }
  | { kind: 'end'; entryId: string; at: number }
  /** End the running set (if any) and start the first not-yet-started set after it. */
  | { kind: 'next'; at: number }
  /** Correct actual times afterwards: undefined leaves a time as it is, null clears it. */
  | { kind: 'editActual'; entryId: string; actualStart?: number | null; actualEnd?: number | null }
  | { kind: 'add'; entry: ScheduleEntry; index?: number }
  | { kind: 'update'; entryId: string; patch: EntryPatch }
  | { kind: 'remove'; entryId: string }
  /** Move an entry so that it ends up at `toIndex`. */
  | { kind: 'move'; entryId: string; toIndex: number };

export const scheduleErrorCodes = [
  'not-found',
  'not-a-set',
  'already-running',
  'already-played',
  'not-running',
  'end-before-start',
  'nothing-to-start',
  'another-running',
  'duplicate-id',
  'bad-index',
  'bad-time',
  'invalid',
  'nothing-to-undo',
] as const;
export type ScheduleErrorCode = (typeof scheduleErrorCodes)[number];

export interface ScheduleError {
  code: ScheduleErrorCode;
  message: string;
}

export type ActionResult = { ok: true; day: ScheduleDay } | { ok: false; error: ScheduleError };

const fail = (code: ScheduleErrorCode, message: string): ActionResult => ({ ok: false, error: { code, message } });

const typeName: Record<ScheduleEntry['type'], string> = { set: 'a set', milestone: 'a milestone', curfew: 'a curfew', delay: 'a delay block' };

function label(e: ScheduleEntry): string {
  return e.title ? `"${e.title}"` : typeName[e.type];
}

function isInstant(at: unknown): at is number {
  return typeof at === 'number' && Number.isSafeInteger(at) && at >= 0;
}

function runningIndex(day: ScheduleDay): number {
  return day.entries.findIndex((e) => e.type === 'set' && e.actualStart !== null && e.actualEnd === null);
}

function withEntry(day: ScheduleDay, index: number, entry: ScheduleEntry): ScheduleDay {
  const entries = day.entries.slice();
  entries[index] = entry;
  return { ...day, entries };
}

/** Find a set by id, or the error for why it cannot be operated. */
function findSet(day: ScheduleDay, entryId: string, verb: string): { index: number; set: SetEntry } | ActionResult {
  const index = day.entries.findIndex((e) => e.id === entryId);
  const e = day.entries[index];
  if (!e) return fail('not-found', `no entry with id "${entryId}"`);
  if (e.type !== 'set') return fail('not-a-set', `cannot ${verb} ${typeName[e.type]}: only sets are ${verb === 'start' ? 'started' : 'ended'}`);
  return { index, set: e };
}

/** Checks the whole day against the contract; returns the candidate day itself (not a re-parsed copy). */
function checked(day: ScheduleDay): ActionResult {
  const r = ScheduleDay.safeParse(day);
  if (r.success) return { ok: true, day };
  const issue = r.error.issues[0]!;
  return fail('invalid', issue.message);
}

function startSet(day: ScheduleDay, entryId: string, at: number): ActionResult {
  if (!isInstant(at)) return fail('bad-time', 'the start time is not a valid instant');
  const found = findSet(day, entryId, 'start');
  if ('ok' in found) return found;
  const { index, set } = found;
  if (set.actualStart !== null && set.actualEnd === null) return fail('already-running', `${label(set)} is already running`);
  if (set.actualEnd !== null) return fail('already-played', `${label(set)} has already been played: edit its actual times or undo`);
  let next = day;
  const r = runningIndex(day);
  if (r >= 0) {
    const running = day.entries[r] as SetEntry;
    if (at < running.actualStart!) return fail('end-before-start', `cannot start ${label(set)} before ${label(running)}, which is running, started`);
    next = withEntry(next, r, { ...running, actualEnd: at });
  }
  return checked(withEntry(next, index, { ...set, actualStart: at, actualEnd: null }));
}

function endSet(day: ScheduleDay, entryId: string, at: number): ActionResult {
  if (!isInstant(at)) return fail('bad-time', 'the end time is not a valid instant');
  const found = findSet(day, entryId, 'end');
  if ('ok' in found) return found;
  const { index, set } = found;
  if (set.actualStart === null || set.actualEnd !== null) return fail('not-running', `${label(set)} is not running`);
  if (at < set.actualStart) return fail('end-before-start', `end before start: ${label(set)} started later than that`);
  return checked(withEntry(day, index, { ...set, actualEnd: at }));
}

function nextSet(day: ScheduleDay, at: number): ActionResult {
  if (!isInstant(at)) return fail('bad-time', 'the time is not a valid instant');
  const r = runningIndex(day);
  let from: number;
  let current = day;
  if (r >= 0) {
    const ended = endSet(day, day.entries[r]!.id, at);
    if (!ended.ok) return ended;
    current = ended.day;
    from = r + 1;
  } else {
    let lastStarted = -1;
    day.entries.forEach((e, i) => {
      if (e.type === 'set' && e.actualStart !== null) lastStarted = i;
    });
    from = lastStarted + 1;
  }
  const candidate = current.entries.findIndex((e, i) => i >= from && e.type === 'set' && e.actualStart === null);
  if (candidate < 0) return r >= 0 ? { ok: true, day: current } : fail('nothing-to-start', 'no set is running and none is left to start');
  return startSet(current, current.entries[candidate]!.id, at);
}

function editActual(day: ScheduleDay, entryId: string, edit: { actualStart?: number | null; actualEnd?: number | null }): ActionResult {
  const index = day.entries.findIndex((e) => e.id === entryId);
  const e = day.entries[index];
  if (!e) return fail('not-found', `no entry with id "${entryId}"`);
  if (e.type !== 'set') return fail('not-a-set', `${typeName[e.type]} has no actual times: only sets do`);
  for (const t of [edit.actualStart, edit.actualEnd]) if (t !== undefined && t !== null && !isInstant(t)) return fail('bad-time', 'an actual time is not a valid instant');
  const actualStart = edit.actualStart === undefined ? e.actualStart : edit.actualStart;
  const actualEnd = edit.actualEnd === undefined ? e.actualEnd : edit.actualEnd;
  if (actualEnd !== null && actualStart === null) return fail('end-before-start', `an actual end needs an actual start: ${label(e)} has none`);
  if (actualEnd !== null && actualStart !== null && actualEnd < actualStart) return fail('end-before-start', `end before start for ${label(e)}`);
  if (actualStart !== null && actualEnd === null) {
    const r = runningIndex(day);
    if (r >= 0 && r !== index) return fail('another-running', `${label(day.entries[r]!)} is running: end it before making ${label(e)} run`);
  }
  return checked(withEntry(day, index, { ...e, actualStart, actualEnd }));
}

function parseEntry(candidate: unknown): { ok: true; entry: ScheduleEntry } | { ok: false; error: ScheduleError } {
  const r = ScheduleEntry.safeParse(candidate);
  if (r.success) return { ok: true, entry: r.data };
  const issue = r.error.issues[0]!;
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return { ok: false, error: { code: 'invalid', message: `${where}${issue.message}` } };
}

function addEntry(day: ScheduleDay, entry: ScheduleEntry, index = day.entries.length): ActionResult {
  if (!Number.isInteger(index) || index < 0 || index > day.entries.length) return fail('bad-index', `position ${index} is outside the running order (0–${day.entries.length})`);
  const parsed = parseEntry(entry);
  if (!parsed.ok) return parsed;
  if (day.entries.some((e) => e.id === parsed.entry.id)) return fail('duplicate-id', `an entry with id "${parsed.entry.id}" already exists`);
  if (parsed.entry.type === 'curfew' && day.entries.some((e) => e.type === 'curfew')) return fail('invalid', 'this day already has a curfew: edit it instead');
  const entries = day.entries.slice();
  entries.splice(index, 0, parsed.entry);
  return checked({ ...day, entries });
}

function updateEntry(day: ScheduleDay, entryId: string, patch: EntryPatch): ActionResult {
  const index = day.entries.findIndex((e) => e.id === entryId);
  const e = day.entries[index];
  if (!e) return fail('not-found', `no entry with id "${entryId}"`);
  const raw = patch as Record<string, unknown>;
  if (('id' in raw && raw.id !== e.id) || ('type' in raw && raw.type !== e.type)) return fail('invalid', 'the id and type of an entry cannot change: add a new entry instead');
  const merged: Record<string, unknown> = { ...e };
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) delete merged[k];
    else merged[k] = v;
  }
  const parsed = parseEntry(merged);
  if (!parsed.ok) return parsed;
  return checked(withEntry(day, index, parsed.entry));
}

function removeEntry(day: ScheduleDay, entryId: string): ActionResult {
  if (!day.entries.some((e) => e.id === entryId)) return fail('not-found', `no entry with id "${entryId}"`);
  return { ok: true, day: { ...day, entries: day.entries.filter((e) => e.id !== entryId) } };
}

function moveEntry(day: ScheduleDay, entryId: string, toIndex: number): ActionResult {
  const from = day.entries.findIndex((e) => e.id === entryId);
  if (from < 0) return fail('not-found', `no entry with id "${entryId}"`);
  if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= day.entries.length)
    return fail('bad-index', `position ${toIndex} is outside the running order (0–${day.entries.length - 1})`);
  const entries = day.entries.slice();
  const [moved] = entries.splice(from, 1);
  entries.splice(toIndex, 0, moved!);
  return { ok: true, day: { ...day, entries } };
}

/** Apply one action to a day. */
export function applyAction(day: ScheduleDay, action: ScheduleAction): ActionResult {
  switch (action.kind) {
    case 'start':
      return startSet(day, action.entryId, action.at);
    case 'end':
      return endSet(day, action.entryId, action.at);
    case 'next':
      return nextSet(day, action.at);
    case 'editActual':
      return editActual(day, action.entryId, { actualStart: action.actualStart, actualEnd: action.actualEnd });
    case 'add':
      return addEntry(day, action.entry, action.index);
    case 'update':
      return updateEntry(day, action.entryId, action.patch);
    case 'remove':
      return removeEntry(day, action.entryId);
    case 'move':
      return moveEntry(day, action.entryId, action.toIndex);
  }
}

/**
 * A copy of the day on another date: the same entries and cues under new ids (from `newId`, called
 * once per entry then once per cue, in order), actual times cleared, delay blocks kept (they are
 * visible and can be removed; dropping them silently would lose part of the plan).
 */
export function duplicateDay(day: ScheduleDay, newDate: string, newId: () => string): ActionResult {
  if (!IsoDate.safeParse(newDate).success) return fail('invalid', `"${newDate}" is not a date (YYYY-MM-DD)`);
  if (newDate === day.date) return fail('invalid', 'the copy needs a different date');
  const entries = day.entries.map((e): ScheduleEntry => (e.type === 'set' ? { ...e, id: newId(), actualStart: null, actualEnd: null } : { ...e, id: newId() }));
  const withCues = entries.map((e): ScheduleEntry => (e.type === 'delay' ? e : { ...e, cues: e.cues.map((c) => ({ ...c, id: newId() })) }));
  return checked({ date: newDate, entries: withCues });
}

// ---------------------------------------------------------------------------------------------
// Undo

/** The days before each recorded action, newest last, at most `limit` of them. */
export interface UndoHistory {
  readonly past: readonly ScheduleDay[];
  readonly limit: number;
}

export function createHistory(limit = 50): UndoHistory {
  return { past: [], limit: Math.max(1, Math.floor(limit)) };
}

/** Remember `before` as the state to go back to; the oldest falls off beyond the limit. */
export function recordUndo(history: UndoHistory, before: ScheduleDay): UndoHistory {
  const past = history.past.length >= history.limit ? history.past.slice(history.past.length - history.limit + 1) : history.past.slice();
  past.push(before);
  return { past, limit: history.limit };
}

export type UndoResult = { ok: true; day: ScheduleDay; history: UndoHistory } | { ok: false; error: ScheduleError };

/** Go back to the state before the last recorded action. */
export function undo(history: UndoHistory): UndoResult {
  const day = history.past[history.past.length - 1];
  if (!day) return { ok: false, error: { code: 'nothing-to-undo', message: 'nothing to undo' } };
  return { ok: true, day, history: { past: history.past.slice(0, -1), limit: history.limit } };
}

export interface ScheduleState {
  readonly day: ScheduleDay;
  readonly history: UndoHistory;
}

export type DispatchResult = { ok: true; state: ScheduleState } | { ok: false; error: ScheduleError };

/** Apply an action and record it for undo; a failed action changes nothing and records nothing. */
export function dispatch(state: ScheduleState, action: ScheduleAction): DispatchResult {
  const r = applyAction(state.day, action);
  if (!r.ok) return r;
  return { ok: true, state: { day: r.day, history: recordUndo(state.history, state.day) } };
}

/** Undo the last dispatched action. */
export function undoLast(state: ScheduleState): DispatchResult {
  const r = undo(state.history);
  if (!r.ok) return r;
  return { ok: true, state: { day: r.day, history: r.history } };
}
