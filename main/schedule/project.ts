import type {
  CurfewState,
  EntryView,
  ScheduleApiView,
  ScheduleConflict,
  ScheduleDay,
  ScheduleView,
} from '../../preload/contract/schedule.ts';
import { dayClockMinutes, plannedTimes } from './planned.ts';
import { isoInZone } from './time.ts';

const MINUTE = 60_000;

export interface ProjectionSettings {
  /** Curfew turns 'warning' when the projected end is later than curfew − warnMarginMin. */
  warnMarginMin: number;
  /** Curfew turns 'danger' when the projected end is later than curfew − dangerMarginMin (checked first). */
  dangerMarginMin: number;
}

/** Whole seconds, rounded half away from zero, never −0. */
function seconds(ms: number): number {
  const s = Math.sign(ms) * Math.round(Math.abs(ms) / 1000);
  return s === 0 ? 0 : s;
}

/**
 * Project a day at `now`:
 * - A started set keeps its actual start; a finished one its actual end. A running set is expected
 *   to end at actual start + planned length, or at `now` once it runs past that (overrun).
 * - A set not yet started is expected at max(planned start + delay blocks above it, previous
 *   expected end + that set's changeover, now): gaps in the plan absorb running slip; delay blocks
 *   are announced shifts and are not absorbed; nothing can start in the past.
 * - A set never started while a later set has been is `skipped` (done, no expected times).
 * - Milestones and the curfew keep their planned time; their slip is how far past them the sets
 *   above will still be playing (0 when those end before it).
 * - Entries are never reordered; overlapping or out-of-order plans are listed in `conflicts`.
 */
export function project(day: ScheduleDay, zone: string, now: number, settings: ProjectionSettings): ScheduleView {
  const entries = day.entries;
  let lastStarted = -1;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.type === 'set' && e.actualStart !== null) lastStarted = i;
  }

  const views: EntryView[] = [];
  let cursor = -Infinity; // earliest start for the next set: previous expected end + changeover
  let delayMs = 0;
  let setsEnd = -Infinity; // latest expected end of the sets so far
  let runningId: string | null = null;
  let nextId: string | null = null;
  let curfewId: string | null = null;
  let curfew: number | null = null;

  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const planned = plannedTimes(e, day.date, zone);
    const base: EntryView = {
      id: e.id,
      type: e.type,
      title: e.title,
      notes: e.notes,
      colour: e.type === 'delay' ? null : e.colour,
      plannedStart: planned.start,
      plannedEnd: planned.end,
      expectedStart: null,
      expectedEnd: null,
      actualStart: null,
      actualEnd: null,
      slipSeconds: null,
      endSlipSeconds: null,
      state: 'upcoming',
      skipped: false,
      overrun: false,
      timeLeftMs: null,
      changeoverAfterMin: null,
      delayMinutes: null,
    };

    if (e.type === 'delay') {
      delayMs += e.minutes * MINUTE;
      views.push({ ...base, delayMinutes: e.minutes, state: i < lastStarted ? 'done' : 'upcoming' });
      continue;
    }

    const ps = planned.start!;
    if (e.type === 'milestone' || e.type === 'curfew') {
      if (e.type === 'curfew' && curfewId === null) {
        curfewId = e.id;
        curfew = ps;
      }
      views.push({
        ...base,
        expectedStart: ps,
        slipSeconds: setsEnd === -Infinity ? 0 : Math.max(0, seconds(setsEnd - ps)),
        state: now >= ps ? 'done' : 'upcoming',
      });
      continue;
    }

    const pe = planned.end!;
    const length = pe - ps;
    const v: EntryView = { ...base, changeoverAfterMin: e.changeoverAfterMin, actualStart: e.actualStart, actualEnd: e.actualEnd };
    if (e.actualStart !== null) {
      v.expectedStart = e.actualStart;
      if (e.actualEnd !== null) {
        v.expectedEnd = e.actualEnd;
        v.state = 'done';
      } else {
        const due = e.actualStart + length;
        v.expectedEnd = Math.max(due, now);
        v.overrun = now > due;
        v.timeLeftMs = due - now;
        v.state = 'running';
        runningId = e.id;
      }
    } else if (i < lastStarted) {
      v.skipped = true;
      v.state = 'done';
    } else {
      v.expectedStart = Math.max(ps + delayMs, cursor, now);
      v.expectedEnd = v.expectedStart + length;
      if (nextId === null) {
        nextId = e.id;
        v.state = 'next';
      }
    }
    if (v.expectedStart !== null && v.expectedEnd !== null) {
      v.slipSeconds = seconds(v.expectedStart - ps);
      v.endSlipSeconds = seconds(v.expectedEnd - pe);
      cursor = Math.max(cursor, v.expectedEnd + e.changeoverAfterMin * MINUTE);
      setsEnd = Math.max(setsEnd, v.expectedEnd);
    }
    views.push(v);
  }

  const projectedEnd = setsEnd === -Infinity ? null : setsEnd;
  return {
    date: day.date,
    zone,
    now,
    entries: views,
    runningId,
    nextId,
    curfewId,
    curfew,
    projectedEnd,
    curfewState: curfewStateOf(projectedEnd, curfew, settings),
    curfewDeltaSeconds: projectedEnd !== null && curfew !== null ? seconds(projectedEnd - curfew) : null,
    conflicts: conflictsOf(day, views),
  };
}

/**
 * danger when the projected end is later than curfew − dangerMargin, else warning when later than
 * curfew − warnMargin, else ok. Exactly at a margin is still the calmer state. No curfew or no sets: ok.
 */
export function curfewStateOf(projectedEnd: number | null, curfew: number | null, settings: ProjectionSettings): CurfewState {
  if (projectedEnd === null || curfew === null) return 'ok';
  if (projectedEnd > curfew - settings.dangerMarginMin * MINUTE) return 'danger';
  if (projectedEnd > curfew - settings.warnMarginMin * MINUTE) return 'warning';
  return 'ok';
}

/** Overlapping planned sets, and sets/milestones planned earlier than the set or milestone above them. */
function conflictsOf(day: ScheduleDay, views: readonly EntryView[]): ScheduleConflict[] {
  const conflicts: ScheduleConflict[] = [];
  let prev: { id: string; minutes: number; start: number } | null = null;
  for (let i = 0; i < views.length; i++) {
    const e = day.entries[i]!;
    if (e.type !== 'set' && e.type !== 'milestone') continue;
    const start = views[i]!.plannedStart!;
    const minutes = dayClockMinutes(e.plannedStart);
    if (prev && minutes < prev.minutes) conflicts.push({ kind: 'order', entryIds: [prev.id, e.id], seconds: seconds(prev.start - start) });
    prev = { id: e.id, minutes, start };
  }
  const order = new Map(views.map((v, i) => [v.id, i]));
  const sets = views.filter((v) => v.type === 'set' && v.plannedEnd! > v.plannedStart!);
  sets.sort((a, b) => a.plannedStart! - b.plannedStart! || order.get(a.id)! - order.get(b.id)!);
  for (let i = 0; i < sets.length; i++) {
    const a = sets[i]!;
    for (let j = i + 1; j < sets.length && sets[j]!.plannedStart! < a.plannedEnd!; j++) {
      const b = sets[j]!;
      // Report in running order so the UI can point at "the later one".
      const [first, second] = order.get(a.id)! < order.get(b.id)! ? [a, b] : [b, a];
      conflicts.push({ kind: 'overlap', entryIds: [first.id, second.id], seconds: seconds(Math.min(a.plannedEnd!, b.plannedEnd!) - b.plannedStart!) });
    }
  }
  return conflicts;
}

/** The view as `GET /api/schedule` returns it: ISO 8601 instants with the venue's offset, null where unknown. */
export function toApiView(view: ScheduleView): ScheduleApiView {
  const iso = (ms: number | null): string | null => (ms === null ? null : isoInZone(ms, view.zone));
  return {
    entries: view.entries.map((e) => ({
      id: e.id,
      type: e.type,
      title: e.title,
      plannedStart: iso(e.plannedStart),
      plannedEnd: iso(e.plannedEnd),
      expectedStart: iso(e.expectedStart),
      expectedEnd: iso(e.expectedEnd),
      actualStart: iso(e.actualStart),
      actualEnd: iso(e.actualEnd),
      slipSeconds: e.slipSeconds,
    })),
    curfew: iso(view.curfew),
    projectedEnd: iso(view.projectedEnd),
    curfewState: view.curfewState,
  };
}
