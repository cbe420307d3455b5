import type { Cue, EntryView, ScheduleDay, ScheduleView } from '../../preload/contract/schedule.ts';

/**
 * When cues are due, from the projected (slipped) view:
 * - onStart: the set's ACTUAL start (a milestone's or curfew's planned time);
 * - onEnd: the set's ACTUAL end (milestones have no end: never due);
 * - beforeStart N: expected start − N minutes, so it moves with the slip (a milestone: planned − N).
 * A cue is due once per day: its firing key is date/entry/cue, independent of the actual times, so
 * undoing a start and starting again does not fire it a second time.
 */

export interface EntryCue {
  entryId: string;
  cue: Cue;
}

export interface DueCue {
  /** Record this once fired (or reported missed) so the cue never comes back. */
  key: string;
  entryId: string;
  cue: Cue;
  dueAt: number;
  /** now − dueAt, within the tolerance. */
  lateMs: number;
}

/**
 * Why a cue was not fired: `not-checked` = it came due while nothing was checking (the core was down
 * or stalled longer than the tolerance); `moved` = its due time jumped into the past while checks ran
 * (a set started early, a start was backdated, an edit).
 */
export interface MissedCue extends DueCue {
  reason: 'not-checked' | 'moved';
}

export interface DueCuesOptions {
  /** A cue later than this is never fired, only reported. Default 5 000 ms. */
  toleranceMs?: number;
}

export const defaultCueToleranceMs = 5_000;

/** Every cue of a day with the entry it belongs to, in running order. */
export function cuesOf(day: ScheduleDay): EntryCue[] {
  const out: EntryCue[] = [];
  for (const e of day.entries) if (e.type !== 'delay') for (const cue of e.cues) out.push({ entryId: e.id, cue });
  return out;
}

/** The fire-once key of a cue occurrence. */
export function cueKey(date: string, entryId: string, cueId: string): string {
  return `${date}/${entryId}/${cueId}`;
}

/** When a cue is due for this projected entry, or null if it cannot be (not started, no end, skipped…). */
export function cueDueAt(entry: EntryView, cue: Cue): number | null {
  const isSet = entry.type === 'set';
  switch (cue.trigger.kind) {
    case 'onStart':
      return isSet ? entry.actualStart : entry.plannedStart;
    case 'onEnd':
      return isSet ? entry.actualEnd : null;
    case 'beforeStart': {
      const start = isSet ? entry.expectedStart : entry.plannedStart;
      return start === null ? null : start - cue.trigger.minutes * 60_000;
    }
  }
}

/**
 * Cues to fire now and cues missed. A cue not yet in `handled` and due at or before `now` fires if it
 * is at most `toleranceMs` late; otherwise it is reported missed and never fired late. The caller adds
 * the keys of both lists to `handled` (and persists them with the timeline) so each is dealt with once.
 * `lastCheckedAt` (null on first start) only tells the two kinds of miss apart.
 */
export function dueCues(
  view: ScheduleView,
  cues: readonly EntryCue[],
  handled: ReadonlySet<string>,
  now: number,
  lastCheckedAt: number | null,
  options: DueCuesOptions = {},
): { fire: DueCue[]; missed: MissedCue[] } {
  const tolerance = options.toleranceMs ?? defaultCueToleranceMs;
  const byId = new Map(view.entries.map((e) => [e.id, e]));
  const fire: DueCue[] = [];
  const missed: MissedCue[] = [];
  for (const { entryId, cue } of cues) {
    const key = cueKey(view.date, entryId, cue.id);
    if (handled.has(key)) continue;
    const entry = byId.get(entryId);
    if (!entry) continue;
    const dueAt = cueDueAt(entry, cue);
    if (dueAt === null || dueAt > now) continue;
    const lateMs = now - dueAt;
    const due = { key, entryId, cue, dueAt, lateMs };
    if (lateMs <= tolerance) fire.push(due);
    else missed.push({ ...due, reason: lastCheckedAt === null || dueAt > lastCheckedAt ? 'not-checked' : 'moved' });
  }
  // Fire in time order (stable: running order for equal times).
  fire.sort((a, b) => a.dueAt - b.dueAt);
  missed.sort((a, b) => a.dueAt - b.dueAt);
  return { fire, missed };
}

/** The earliest due time after `now` of a cue not yet handled (to arm a timer), or null. It can move as the slip moves. */
export function nextCueDue(view: ScheduleView, cues: readonly EntryCue[], handled: ReadonlySet<string>, now: number): number | null {
  const byId = new Map(view.entries.map((e) => [e.id, e]));
  let next: number | null = null;
  for (const { entryId, cue } of cues) {
    if (handled.has(cueKey(view.date, entryId, cue.id))) continue;
    const entry = byId.get(entryId);
    const dueAt = entry ? cueDueAt(entry, cue) : null;
    if (dueAt !== null && dueAt > now && (next === null || dueAt < next)) next = dueAt;
  }
  return next;
}
