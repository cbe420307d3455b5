import { describe, expect, it } from 'vitest';
import { plannedVsActual, plannedVsActualCsv } from '../../../main/schedule/report.ts';
import { PlannedVsActual } from '../../../preload/contract/schedule.ts';
import { LONDON, bst, curfew, day, milestone, set } from './builders.ts';

const d = day([
  milestone('doors', '17:00'),
  set('A', '18:00', 45, { title: 'Opener', actualStart: bst(18, 10), actualEnd: bst(18, 58, 30) }),
  set('B', '19:00', 60, { title: 'Band, The', actualStart: bst(18, 58, 30), actualEnd: null }),
  set('C', '21:00', 60, { title: 'Closer' }),
  curfew('cf', '23:00'),
]);

describe('planned vs actual', () => {
  it('lists every set with its planned and actual times and slips in whole minutes', () => {
    const r = plannedVsActual(d, LONDON);
    expect(PlannedVsActual.safeParse(r).success).toBe(true);
    expect(r.rows).toEqual([
      { entryId: 'A', title: 'Opener', plannedStart: bst(18), plannedEnd: bst(18, 45), actualStart: bst(18, 10), actualEnd: bst(18, 58, 30), startSlipMin: 10, endSlipMin: 14, plannedMin: 45, actualMin: 49 },
      // Early by 90 s: rounded half away from zero → −2.
      { entryId: 'B', title: 'Band, The', plannedStart: bst(19), plannedEnd: bst(20), actualStart: bst(18, 58, 30), actualEnd: null, startSlipMin: -2, endSlipMin: null, plannedMin: 60, actualMin: null },
      { entryId: 'C', title: 'Closer', plannedStart: bst(21), plannedEnd: bst(22), actualStart: null, actualEnd: null, startSlipMin: null, endSlipMin: null, plannedMin: 60, actualMin: null },
    ]);
    expect(r).toMatchObject({ setsPlanned: 3, setsPlayed: 2, maxStartSlipMin: 10, finalEndSlipMin: 14 });
  });

  it('as CSV: venue-local times, empty cells where there is no time', () => {
    expect(plannedVsActualCsv(plannedVsActual(d, LONDON))).toBe(
      [
        'day,title,planned_start,planned_end,actual_start,actual_end,start_slip_min,end_slip_min',
        '2026-07-04,Opener,18:00,18:45,18:10,18:58,10,14',
        '2026-07-04,"Band, The",19:00,20:00,18:58,,-2,',
        '2026-07-04,Closer,21:00,22:00,,,,',
        '',
      ].join('\r\n'),
    );
  });

  it('a day with no sets has no rows and null summaries', () => {
    expect(plannedVsActual(day([milestone('m', '12:00')]), LONDON)).toMatchObject({ rows: [], setsPlayed: 0, maxStartSlipMin: null, finalEndSlipMin: null });
  });
});
