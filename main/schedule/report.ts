import type { PlannedVsActual, PlannedVsActualRow, ScheduleDay } from '../../preload/contract/schedule.ts';
import { csvLine } from './csv.ts';
import { plannedTimes } from './planned.ts';
import { localClock } from './time.ts';

/** Whole minutes, rounded half away from zero (−90 s → −2), never −0. */
function minutes(ms: number): number {
  const m = Math.sign(ms) * Math.round(Math.abs(ms) / 60_000);
  return m === 0 ? 0 : m;
}

/**
 * Planned against actual for every set of a day, in running order. Slips are actual − planned in
 * whole minutes (positive = late); a set not played, or still running, has null where it has no time.
 */
export function plannedVsActual(day: ScheduleDay, zone: string): PlannedVsActual {
  const rows: PlannedVsActualRow[] = [];
  for (const e of day.entries) {
    if (e.type !== 'set') continue;
    const planned = plannedTimes(e, day.date, zone);
    const ps = planned.start!;
    const pe = planned.end!;
    rows.push({
      entryId: e.id,
      title: e.title,
      plannedStart: ps,
      plannedEnd: pe,
      actualStart: e.actualStart,
      actualEnd: e.actualEnd,
      startSlipMin: e.actualStart === null ? null : minutes(e.actualStart - ps),
      endSlipMin: e.actualEnd === null ? null : minutes(e.actualEnd - pe),
      plannedMin: minutes(pe - ps),
      actualMin: e.actualStart !== null && e.actualEnd !== null ? minutes(e.actualEnd - e.actualStart) : null,
    });
  }
  const played = rows.filter((r) => r.actualStart !== null);
  const ended = rows.filter((r) => r.endSlipMin !== null);
  return {
    date: day.date,
    zone,
    rows,
    setsPlanned: rows.length,
    setsPlayed: played.length,
    maxStartSlipMin: played.length ? Math.max(...played.map((r) => r.startSlipMin!)) : null,
    finalEndSlipMin: ended.length ? ended[ended.length - 1]!.endSlipMin : null,
  };
}

export const plannedVsActualHeader = 'day,title,planned_start,planned_end,actual_start,actual_end,start_slip_min,end_slip_min';

/** The report as CSV (CRLF): venue-local HH:MM times, empty cells where a set has no actual time. */
export function plannedVsActualCsv(report: PlannedVsActual): string {
  const clock = (ms: number | null): string => (ms === null ? '' : localClock(ms, report.zone));
  const num = (n: number | null): string => (n === null ? '' : String(n));
  const lines = [plannedVsActualHeader];
  for (const r of report.rows)
    lines.push(csvLine([report.date, r.title, clock(r.plannedStart), clock(r.plannedEnd), clock(r.actualStart), clock(r.actualEnd), num(r.startSlipMin), num(r.endSlipMin)]));
  return `${lines.join('\r\n')}\r\n`;
}
