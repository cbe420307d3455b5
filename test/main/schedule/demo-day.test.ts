import { describe, expect, it } from 'vitest';
import { ScheduleDay } from '../../../preload/contract/schedule.ts';
import { demoDay } from '../../../main/schedule/demo-day.ts';
import { project } from '../../../main/schedule/project.ts';
import { LONDON, bst, settings } from './builders.ts';

describe('the demo site’s running order', () => {
  const ids = () => {
    let n = 0;
    return () => `d${++n}`;
  };

  it.each([
    ['early evening', bst(19, 2, 10), '2026-07-04'],
    ['just after midnight (still the evening’s show day)', bst(24, 20), '2026-07-04'],
    ['just after the rollover', bst(30, 5), '2026-07-05'],
  ])('%s: a valid day with the opening act on stage, 3 minutes late, and the curfew still ok', (_what, now, date) => {
    const d = demoDay(date, now, LONDON, ids());
    expect(ScheduleDay.safeParse(d).success).toBe(true);
    const view = project(d, LONDON, now, settings);
    expect(view.runningId).toBe(d.entries[1]!.id);
    expect(view.entries[1]!.slipSeconds).toBe(180);
    expect(view.entries[1]!.timeLeftMs).toBeGreaterThan(0);
    expect(view.curfewState).toBe('ok');
    expect(view.conflicts).toEqual([]);
    // Every later set is expected 3 minutes late: back to back, nothing absorbs the slip.
    expect(view.entries.filter((e) => e.type === 'set' && e.state !== 'running').map((e) => e.slipSeconds)).toEqual([180, 180, 180]);
  });
});
