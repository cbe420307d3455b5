import { describe, expect, it } from 'vitest';
import { project, toApiView, curfewStateOf } from '../../../main/schedule/project.ts';
import { applyAction } from '../../../main/schedule/actions.ts';
import { ScheduleApiView, ScheduleView, type ScheduleDay, type SetEntry } from '../../../preload/contract/schedule.ts';
import { LONDON, MIN, bst, curfew, day, delay, evening, milestone, set, settings } from './builders.ts';

function started(d: ScheduleDay, id: string, start: number, end: number | null = null): ScheduleDay {
  return { ...d, entries: d.entries.map((e) => (e.id === id && e.type === 'set' ? { ...e, actualStart: start, actualEnd: end } : e)) };
}

function byId(view: ScheduleView, id: string) {
  const e = view.entries.find((x) => x.id === id);
  if (!e) throw new Error(`no ${id}`);
  return e;
}

describe('project: the plan before the show', () => {
  const view = project(evening(), LONDON, bst(16), settings);

  it('expected = planned, slip 0, the first set is next', () => {
    expect(byId(view, 'A')).toMatchObject({ plannedStart: bst(18), plannedEnd: bst(18, 45), expectedStart: bst(18), expectedEnd: bst(18, 45), slipSeconds: 0, state: 'next' });
    expect(byId(view, 'D')).toMatchObject({ expectedStart: bst(22), expectedEnd: bst(23), slipSeconds: 0, state: 'upcoming' });
    expect(view.nextId).toBe('A');
    expect(view.runningId).toBeNull();
  });

  it('milestones keep their time and carry no end', () => {
    expect(byId(view, 'doors')).toMatchObject({ plannedStart: bst(17), plannedEnd: null, expectedStart: bst(17), expectedEnd: null, slipSeconds: 0, state: 'upcoming' });
  });

  it('a plan that ends exactly at curfew is a warning with a 30-minute warn margin', () => {
    expect(view.curfew).toBe(bst(23));
    expect(view.projectedEnd).toBe(bst(23));
    expect(view.curfewDeltaSeconds).toBe(0);
    expect(view.curfewState).toBe('warning');
  });

  it('the view satisfies its contract schema', () => {
    expect(ScheduleView.safeParse(view).success).toBe(true);
  });
});

describe('project: slip', () => {
  it('a late start (A at 18:10) pushes B by its slip; the 30-minute gap before C absorbs it', () => {
    const view = project(started(evening(), 'A', bst(18, 10)), LONDON, bst(18, 20), settings);
    expect(byId(view, 'A')).toMatchObject({ state: 'running', expectedEnd: bst(18, 55), slipSeconds: 600, endSlipSeconds: 600, timeLeftMs: 35 * MIN, overrun: false });
    // B: max(19:00, 18:55 + 15' changeover) = 19:10
    expect(byId(view, 'B')).toMatchObject({ state: 'next', expectedStart: bst(19, 10), expectedEnd: bst(20, 10), slipSeconds: 600 });
    // C: max(21:00, 20:10 + 30') = 21:00
    expect(byId(view, 'C')).toMatchObject({ expectedStart: bst(21), slipSeconds: 0 });
    expect(view.runningId).toBe('A');
    expect(view.nextId).toBe('B');
    expect(view.curfewState).toBe('warning');
  });

  it('a slip bigger than the gap carries on past it and breaks curfew (A at 18:40)', () => {
    const view = project(started(evening(), 'A', bst(18, 40)), LONDON, bst(18, 41), settings);
    expect(byId(view, 'B')).toMatchObject({ expectedStart: bst(19, 40), slipSeconds: 2400 });
    expect(byId(view, 'C')).toMatchObject({ expectedStart: bst(21, 10), slipSeconds: 600 });
    expect(byId(view, 'D')).toMatchObject({ expectedStart: bst(22, 10), expectedEnd: bst(23, 10) });
    expect(view.projectedEnd).toBe(bst(23, 10));
    expect(view.curfewDeltaSeconds).toBe(600);
    expect(view.curfewState).toBe('danger');
    // The curfew reports how far past it the last set will still be playing.
    expect(byId(view, 'curfew').slipSeconds).toBe(600);
  });

  it('an early start gives a negative slip and does not pull later sets before their planned start', () => {
    const view = project(started(evening(), 'A', bst(17, 50)), LONDON, bst(17, 55), settings);
    expect(byId(view, 'A')).toMatchObject({ slipSeconds: -600, expectedEnd: bst(18, 35) });
    expect(byId(view, 'B')).toMatchObject({ expectedStart: bst(19), slipSeconds: 0 });
  });

  it('an overrunning set is expected to end now; time left goes negative', () => {
    const view = project(started(evening(), 'A', bst(18)), LONDON, bst(19), settings);
    expect(byId(view, 'A')).toMatchObject({ overrun: true, expectedEnd: bst(19), timeLeftMs: -15 * MIN, endSlipSeconds: 900 });
    expect(byId(view, 'B')).toMatchObject({ expectedStart: bst(19, 15) });
  });

  it('a finished set passes its actual end on: B = max(19:00, 18:50 + 15)', () => {
    const view = project(started(evening(), 'A', bst(18), bst(18, 50)), LONDON, bst(18, 52), settings);
    expect(byId(view, 'A')).toMatchObject({ state: 'done', expectedEnd: bst(18, 50), endSlipSeconds: 300 });
    expect(byId(view, 'B')).toMatchObject({ state: 'next', expectedStart: bst(19, 5), slipSeconds: 300 });
  });

  it('a set that should have started but has not is expected now, and the slip grows with the clock', () => {
    const at1810 = project(evening(), LONDON, bst(18, 10), settings);
    expect(byId(at1810, 'A')).toMatchObject({ expectedStart: bst(18, 10), slipSeconds: 600, state: 'next' });
    expect(byId(at1810, 'B').expectedStart).toBe(bst(19, 10));
    const at1820 = project(evening(), LONDON, bst(18, 20), settings);
    expect(byId(at1820, 'B').expectedStart).toBe(bst(19, 20));
  });

  it('a set passed over (a later one was started) is skipped: done, with no expected times', () => {
    const d = started(started(evening(), 'A', bst(18), bst(18, 45)), 'C', bst(19, 5));
    const view = project(d, LONDON, bst(19, 10), settings);
    expect(byId(view, 'B')).toMatchObject({ state: 'done', skipped: true, expectedStart: null, expectedEnd: null, slipSeconds: null });
    expect(byId(view, 'C')).toMatchObject({ state: 'running', slipSeconds: -6900 });
    expect(view.nextId).toBe('D');
  });

  it('milestones report how far past them the sets above will still play', () => {
    const d = day([set('A', '18:00', 60), milestone('m', '19:00'), set('B', '19:30', 30)]);
    expect(byId(project(started(d, 'A', bst(18, 20)), LONDON, bst(18, 30), settings), 'm')).toMatchObject({ expectedStart: bst(19), slipSeconds: 1200 });
    expect(byId(project(started(d, 'A', bst(17, 50)), LONDON, bst(18), settings), 'm').slipSeconds).toBe(0);
    expect(byId(project(d, LONDON, bst(19, 1), settings), 'm').state).toBe('done');
  });
});

describe('project: edits while a set runs', () => {
  const running = started(evening(), 'A', bst(18));

  it('lengthening the running set moves its expected end and everything after it', () => {
    const r = applyAction(running, { kind: 'update', entryId: 'A', patch: { plannedDurationMin: 60 } });
    if (!r.ok) throw new Error(r.error.message);
    const view = project(r.day, LONDON, bst(18, 30), settings);
    expect(byId(view, 'A').expectedEnd).toBe(bst(19));
    expect(byId(view, 'B').expectedStart).toBe(bst(19, 15));
  });

  it('correcting its actual start moves the projection too', () => {
    const r = applyAction(running, { kind: 'editActual', entryId: 'A', actualStart: bst(18, 5) });
    if (!r.ok) throw new Error(r.error.message);
    const view = project(r.day, LONDON, bst(18, 30), settings);
    expect(byId(view, 'A')).toMatchObject({ expectedEnd: bst(18, 50), slipSeconds: 300 });
    expect(byId(view, 'B').expectedStart).toBe(bst(19, 5));
  });

  it('changing the changeover after it moves the next set', () => {
    const r = applyAction(running, { kind: 'update', entryId: 'A', patch: { changeoverAfterMin: 25 } });
    if (!r.ok) throw new Error(r.error.message);
    expect(byId(project(r.day, LONDON, bst(18, 30), settings), 'B').expectedStart).toBe(bst(19, 10));
  });
});

describe('project: delay blocks', () => {
  const d = day([set('A', '18:00', 45, { changeoverAfterMin: 15 }), set('B', '19:00', 60, { changeoverAfterMin: 30 }), delay('hold', 20), milestone('m', '20:45'), set('C', '21:00', 60), set('D', '22:00', 60), curfew('cf', '23:00')]);

  it('push every set after them, and a gap does not absorb them', () => {
    const view = project(d, LONDON, bst(16), settings);
    expect(byId(view, 'B')).toMatchObject({ expectedStart: bst(19), slipSeconds: 0 });
    expect(byId(view, 'C')).toMatchObject({ expectedStart: bst(21, 20), slipSeconds: 1200 });
    expect(byId(view, 'D')).toMatchObject({ expectedStart: bst(22, 20) });
    expect(byId(view, 'hold')).toMatchObject({ type: 'delay', delayMinutes: 20, plannedStart: null, slipSeconds: null, state: 'upcoming' });
    expect(byId(view, 'm').expectedStart).toBe(bst(20, 45)); // milestones keep their time
    expect(view.curfewState).toBe('danger');
    expect(view.curfewDeltaSeconds).toBe(1200);
  });

  it('add to running slip when the slip is larger than the gap', () => {
    const view = project(started(d, 'A', bst(18, 40)), LONDON, bst(18, 41), settings);
    // B 19:40–20:40, changeover to 21:10; C = max(21:00 + 20, 21:10) = 21:20
    expect(byId(view, 'C').expectedStart).toBe(bst(21, 20));
  });

  it('a negative delay pulls later sets earlier, never before the set above allows', () => {
    const early = day([set('A', '18:00', 60), delay('pull', -30), set('B', '20:00', 60), set('C', '20:30', 30)]);
    const view = project(early, LONDON, bst(16), settings);
    expect(byId(view, 'B')).toMatchObject({ expectedStart: bst(19, 30), slipSeconds: -1800 });
    expect(byId(view, 'C').expectedStart).toBe(bst(20, 30)); // 20:00 planned − 30, but B ends 20:30
  });

  it('is done once a set after it has started', () => {
    const view = project(started(d, 'C', bst(21, 20)), LONDON, bst(21, 25), settings);
    expect(byId(view, 'hold').state).toBe('done');
  });
});

describe('project: midnight', () => {
  it('a set at 23:30 for 90 minutes ends at 01:00 the next day; 25:15 is 01:15 the next day', () => {
    const d = day([set('late', '23:30', 90, { changeoverAfterMin: 10 }), set('after', '25:15', 45), curfew('cf', '26:00')]);
    const view = project(d, LONDON, bst(20), settings);
    expect(byId(view, 'late')).toMatchObject({ plannedStart: Date.UTC(2026, 6, 4, 22, 30), plannedEnd: Date.UTC(2026, 6, 5, 0, 0) });
    expect(byId(view, 'after')).toMatchObject({ plannedStart: Date.UTC(2026, 6, 5, 0, 15), plannedEnd: Date.UTC(2026, 6, 5, 1, 0) });
    expect(view.curfew).toBe(Date.UTC(2026, 6, 5, 1));
    expect(view.curfewState).toBe('warning');
    const slipped = project(started(d, 'late', bst(23, 50)), LONDON, bst(24, 0), settings);
    expect(byId(slipped, 'after')).toMatchObject({ expectedStart: Date.UTC(2026, 6, 5, 0, 30), slipSeconds: 900 });
    expect(slipped.curfewState).toBe('danger');
  });

  it('a planned end after midnight (start 23:30, end 01:00) is the next day', () => {
    const d = day([set('late', '23:30', 0, { plannedDurationMin: undefined, plannedEnd: '01:00' })]);
    expect(byId(project(d, LONDON, bst(20), settings), 'late').plannedEnd).toBe(Date.UTC(2026, 6, 5, 0, 0));
  });
});

describe('project: DST change days', () => {
  it('Europe/London 2026-03-29: a 120-minute set from 00:00 GMT lasts 120 real minutes and ends 03:00 BST', () => {
    const d = day([set('a', '00:00', 120), set('b', '03:00', 60), set('gap', '01:30', 10)], '2026-03-29');
    const view = project(d, LONDON, Date.UTC(2026, 2, 28, 12), settings);
    expect(byId(view, 'a')).toMatchObject({ plannedStart: Date.UTC(2026, 2, 29, 0), plannedEnd: Date.UTC(2026, 2, 29, 2) });
    expect(byId(view, 'b')).toMatchObject({ plannedStart: Date.UTC(2026, 2, 29, 2), expectedStart: Date.UTC(2026, 2, 29, 2), slipSeconds: 0 });
    // 01:30 does not exist that night: read as 02:30 BST.
    expect(byId(view, 'gap').plannedStart).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('Europe/London 2026-10-25: 01:30 is the first 01:30 (BST), so it overlaps a set running 00:30–01:00 GMT', () => {
    const d = day([set('a', '00:30', 90), set('b', '01:30', 30), set('c', '02:00', 30)], '2026-10-25');
    const view = project(d, LONDON, Date.UTC(2026, 9, 24, 12), settings);
    expect(byId(view, 'a')).toMatchObject({ plannedStart: Date.UTC(2026, 9, 24, 23, 30), plannedEnd: Date.UTC(2026, 9, 25, 1, 0) });
    expect(byId(view, 'b').plannedStart).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(byId(view, 'b').expectedStart).toBe(Date.UTC(2026, 9, 25, 1, 0)); // after a ends
    expect(byId(view, 'c').plannedStart).toBe(Date.UTC(2026, 9, 25, 2, 0));
    expect(view.conflicts).toContainEqual({ kind: 'overlap', entryIds: ['a', 'b'], seconds: 1800 });
  });

  it('America/New_York 2026-03-08: a set 01:00–(120 min) ends 04:00 EDT, where the next one is planned', () => {
    const d = day([set('a', '01:00', 120), set('b', '04:00', 30)], '2026-03-08');
    const view = project(d, 'America/New_York', Date.UTC(2026, 2, 7, 12), settings);
    expect(byId(view, 'a').plannedEnd).toBe(Date.UTC(2026, 2, 8, 8));
    expect(byId(view, 'b')).toMatchObject({ plannedStart: Date.UTC(2026, 2, 8, 8), slipSeconds: 0 });
    expect(view.conflicts).toEqual([]);
  });
});

describe('project: conflicts are flagged, never reordered', () => {
  it('overlapping sets and out-of-order entries are listed; entries keep their order', () => {
    const d = day([set('A', '18:00', 60), set('B', '18:30', 60), milestone('early', '17:00'), set('C', '20:00', 30)]);
    const view = project(d, LONDON, bst(12), settings);
    expect(view.entries.map((e) => e.id)).toEqual(['A', 'B', 'early', 'C']);
    expect(view.conflicts).toEqual([
      { kind: 'order', entryIds: ['B', 'early'], seconds: 5400 },
      { kind: 'overlap', entryIds: ['A', 'B'], seconds: 1800 },
    ]);
  });

  it('back-to-back sets do not overlap; a set inside another is reported with the inner length', () => {
    const touching = day([set('A', '18:00', 60), set('B', '19:00', 60)]);
    expect(project(touching, LONDON, bst(12), settings).conflicts).toEqual([]);
    const inside = day([set('A', '18:00', 120), set('B', '18:30', 30)]);
    expect(project(inside, LONDON, bst(12), settings).conflicts).toEqual([{ kind: 'overlap', entryIds: ['A', 'B'], seconds: 1800 }]);
  });
});

describe('curfew state at the margins (warn 30 min, danger 10 min; a running set overrunning to now)', () => {
  const d = day([{ ...set('A', '21:00', 60), actualStart: bst(21) } as SetEntry, curfew('cf', '23:00')]);
  const s = { warnMarginMin: 30, dangerMarginMin: 10 };
  const at = (now: number) => project(d, LONDON, now, s);

  it('ok up to curfew − 30 min exactly, warning just after', () => {
    expect(at(bst(22, 30)).curfewState).toBe('ok');
    expect(at(bst(22, 30) + 1).curfewState).toBe('warning');
  });

  it('warning up to curfew − 10 min exactly, danger just after and past curfew', () => {
    expect(at(bst(22, 50)).curfewState).toBe('warning');
    expect(at(bst(22, 50) + 1).curfewState).toBe('danger');
    expect(at(bst(23, 5))).toMatchObject({ curfewState: 'danger', curfewDeltaSeconds: 300 });
    expect(at(bst(22, 0)).curfewDeltaSeconds).toBe(-3600);
  });

  it('no curfew or no sets: ok with no delta', () => {
    expect(project(day([set('A', '21:00', 60)]), LONDON, bst(12), s)).toMatchObject({ curfew: null, curfewState: 'ok', curfewDeltaSeconds: null });
    expect(project(day([curfew('cf', '23:00')]), LONDON, bst(12), s)).toMatchObject({ projectedEnd: null, curfewState: 'ok' });
    expect(curfewStateOf(null, bst(23), s)).toBe('ok');
  });
});

describe('toApiView: the JSON of GET /api/schedule', () => {
  it('has exactly the documented keys, ISO instants with the venue offset, null where unknown', () => {
    const view = project(started(evening(), 'A', bst(18, 10)), LONDON, bst(18, 20), settings);
    const api = toApiView(view);
    expect(ScheduleApiView.safeParse(api).success).toBe(true);
    expect(Object.keys(api).sort()).toEqual(['curfew', 'curfewState', 'entries', 'projectedEnd']);
    const json = JSON.parse(JSON.stringify(api)) as ScheduleApiView;
    expect(json.entries[1]).toEqual({
      id: 'A',
      type: 'set',
      title: 'Set A',
      plannedStart: '2026-07-04T18:00:00+01:00',
      plannedEnd: '2026-07-04T18:45:00+01:00',
      expectedStart: '2026-07-04T18:10:00+01:00',
      expectedEnd: '2026-07-04T18:55:00+01:00',
      actualStart: '2026-07-04T18:10:00+01:00',
      actualEnd: null,
      slipSeconds: 600,
    });
    expect(json.entries[0]).toMatchObject({ id: 'doors', type: 'milestone', plannedEnd: null, expectedEnd: null, actualStart: null });
    expect(json).toMatchObject({ curfew: '2026-07-04T23:00:00+01:00', projectedEnd: '2026-07-04T23:00:00+01:00', curfewState: 'warning' });
    for (const e of json.entries) expect(Object.keys(e).sort()).toEqual(['actualEnd', 'actualStart', 'expectedEnd', 'expectedStart', 'id', 'plannedEnd', 'plannedStart', 'slipSeconds', 'title', 'type']);
  });
});
