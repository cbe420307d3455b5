import type { ScheduleDay } from '../../preload/contract/schedule.ts';
import { addDays, epochToLocal, parseClock } from './time.ts';

/**
 * Which day's running order is "today". A show day does not end at midnight: it rolls over at
 * `dayStartsAt` (local, e.g. 06:00), so at 01:30 the stage manager still sees the evening's running
 * order, whose late sets are written as 25:30. A set still running past the rollover keeps its day
 * current until it is ended.
 */
export function showDate(now: number, zone: string, dayStartsAt: string): string {
  const startsMs = (parseClock(dayStartsAt, 23) ?? 0) * 60_000;
  const { date, msOfDay } = epochToLocal(now, zone);
  return msOfDay < startsMs ? addDays(date, -1) : date;
}

export function hasRunningSet(day: ScheduleDay | undefined): boolean {
  return !!day?.entries.some((e) => e.type === 'set' && e.actualStart !== null && e.actualEnd === null);
}

/** The operator's day: the show date at `now`, or the day before while a set of it is still running. */
export function currentShowDate(now: number, zone: string, dayStartsAt: string, dayOf: (date: string) => ScheduleDay | undefined): string {
  const date = showDate(now, zone, dayStartsAt);
  const before = addDays(date, -1);
  return hasRunningSet(dayOf(before)) && !hasRunningSet(dayOf(date)) ? before : date;
}
