import type { ScheduleEntry, SetEntry } from '../../preload/contract/schedule.ts';
import { localToEpoch, parseClock } from './time.ts';

const MINUTE = 60_000;

/** Minutes after the day's midnight of a day clock (`25:30` → 1530). Schema-checked input, so never null in practice. */
export function dayClockMinutes(clock: string): number {
  return parseClock(clock, 47) ?? 0;
}

/**
 * A set's planned end as day-clock minutes: `plannedEnd` is read modulo 24 h and placed at its first
 * occurrence at or after the start (start 23:30, end 01:00 → 25:00), so a wall-clock end never precedes its start.
 */
export function plannedEndMinutes(set: SetEntry): number {
  const start = dayClockMinutes(set.plannedStart);
  if (set.plannedEnd === undefined) return start + (set.plannedDurationMin ?? 0);
  let end = dayClockMinutes(set.plannedEnd) % 1440;
  while (end < start) end += 1440;
  return end;
}

/** The planned length on paper, in minutes (wall-clock difference for a set given by its end). */
export function plannedLengthMinutes(set: SetEntry): number {
  return plannedEndMinutes(set) - dayClockMinutes(set.plannedStart);
}

export interface PlannedTimes {
  start: number | null;
  end: number | null;
}

/**
 * Planned instants of an entry on `date` in `zone`. A duration is elapsed time (a 120-minute set
 * across a DST change still lasts 120 minutes); a planned end is a wall-clock time, so it is
 * converted on its own (and never placed before the start).
 */
export function plannedTimes(entry: ScheduleEntry, date: string, zone: string): PlannedTimes {
  if (entry.type === 'delay') return { start: null, end: null };
  const start = localToEpoch(date, dayClockMinutes(entry.plannedStart), zone);
  if (entry.type !== 'set') return { start, end: null };
  if (entry.plannedDurationMin !== undefined) return { start, end: start + entry.plannedDurationMin * MINUTE };
  return { start, end: Math.max(start, localToEpoch(date, plannedEndMinutes(entry), zone)) };
}
