import { describe, expect, it } from 'vitest';
import {
  applyAction,
  createHistory,
  dispatch,
  duplicateDay,
  recordUndo,
  undo,
  undoLast,
  type ActionResult,
  type ScheduleAction,
  type ScheduleState,
} from '../../../main/schedule/actions.ts';
import type { ScheduleDay, SetEntry } from '../../../preload/contract/schedule.ts';
import { bst, curfew, day, deepFreeze, delay, evening, milestone, sceneCue, set } from './builders.ts';

function ok(r: ActionResult): ScheduleDay {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`);
  return r.day;
}

function setOf(d: ScheduleDay, id: string): SetEntry {
  const e = d.entries.find((x) => x.id === id);
  if (!e || e.type !== 'set') throw new Error(`no set ${id}`);
  return e;
}

const frozenEvening = () => deepFreeze(evening());

describe('start', () => {
  it('records the actual start and leaves the input untouched', () => {
    const before = frozenEvening();
    const after = ok(applyAction(before, { kind: 'start', entryId: 'A', at: bst(18, 10) }));
    expect(setOf(after, 'A')).toMatchObject({ actualStart: bst(18, 10), actualEnd: null });
    expect(setOf(before, 'A').actualStart).toBeNull();
  });

  it('starting a set while another runs ends the running one at the same instant', () => {
    const d = ok(applyAction(frozenEvening(), { kind: 'start', entryId: 'A', at: bst(18) }));
    const after = ok(applyAction(deepFreeze(d), { kind: 'start', entryId: 'B', at: bst(18, 50) }));
    expect(setOf(after, 'A')).toMatchObject({ actualStart: bst(18), actualEnd: bst(18, 50) });
    expect(setOf(after, 'B')).toMatchObject({ actualStart: bst(18, 50), actualEnd: null });
  });

  it('refuses milestones, curfews, delay blocks, unknown ids, and sets already running or played', () => {
    const withDelay = day([...evening().entries, delay('hold', 10)]);
    expect(applyAction(withDelay, { kind: 'start', entryId: 'doors', at: bst(18) })).toEqual({ ok: false, error: { code: 'not-a-set', message: expect.stringContaining('cannot start a milestone') } });
    expect(applyAction(withDelay, { kind: 'start', entryId: 'curfew', at: bst(18) })).toMatchObject({ ok: false, error: { code: 'not-a-set', message: expect.stringContaining('cannot start a curfew') } });
    expect(applyAction(withDelay, { kind: 'start', entryId: 'hold', at: bst(18) })).toMatchObject({ ok: false, error: { code: 'not-a-set', message: expect.stringContaining('delay block') } });
    expect(applyAction(withDelay, { kind: 'start', entryId: 'nope', at: bst(18) })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const running = ok(applyAction(withDelay, { kind: 'start', entryId: 'A', at: bst(18) }));
    expect(applyAction(running, { kind: 'start', entryId: 'A', at: bst(18, 1) })).toMatchObject({ ok: false, error: { code: 'already-running', message: '"Set A" is already running' } });
    const played = ok(applyAction(running, { kind: 'end', entryId: 'A', at: bst(18, 40) }));
    expect(applyAction(played, { kind: 'start', entryId: 'A', at: bst(19) })).toMatchObject({ ok: false, error: { code: 'already-played' } });
  });

  it('refuses to start before the running set started (it would end before its start)', () => {
    const running = ok(applyAction(evening(), { kind: 'start', entryId: 'A', at: bst(18) }));
    expect(applyAction(running, { kind: 'start', entryId: 'B', at: bst(17, 59) })).toMatchObject({ ok: false, error: { code: 'end-before-start' } });
  });

  it('refuses a time that is not an instant', () => {
    expect(applyAction(evening(), { kind: 'start', entryId: 'A', at: Number.NaN })).toMatchObject({ ok: false, error: { code: 'bad-time' } });
    expect(applyAction(evening(), { kind: 'start', entryId: 'A', at: -5 })).toMatchObject({ ok: false, error: { code: 'bad-time' } });
  });
});

describe('end', () => {
  const running = () => deepFreeze(ok(applyAction(evening(), { kind: 'start', entryId: 'A', at: bst(18) })));

  it('records the actual end', () => {
    expect(setOf(ok(applyAction(running(), { kind: 'end', entryId: 'A', at: bst(18, 44) })), 'A').actualEnd).toBe(bst(18, 44));
  });

  it('"end before start" and "not running" are errors', () => {
    expect(applyAction(running(), { kind: 'end', entryId: 'A', at: bst(17) })).toMatchObject({ ok: false, error: { code: 'end-before-start', message: expect.stringContaining('end before start') } });
    expect(applyAction(running(), { kind: 'end', entryId: 'B', at: bst(19) })).toMatchObject({ ok: false, error: { code: 'not-running', message: '"Set B" is not running' } });
    expect(applyAction(running(), { kind: 'end', entryId: 'doors', at: bst(19) })).toMatchObject({ ok: false, error: { code: 'not-a-set', message: expect.stringContaining('cannot end a milestone') } });
  });
});

describe('next', () => {
  it('with nothing running starts the first set; then ends it and starts the following set, past milestones and delays', () => {
    const d = day([milestone('doors', '17:00'), set('A', '18:00', 45), delay('hold', 5), milestone('m', '18:50'), set('B', '19:00', 60)]);
    const first = ok(applyAction(deepFreeze(d), { kind: 'next', at: bst(18, 2) }));
    expect(setOf(first, 'A').actualStart).toBe(bst(18, 2));
    const second = ok(applyAction(deepFreeze(first), { kind: 'next', at: bst(18, 50) }));
    expect(setOf(second, 'A').actualEnd).toBe(bst(18, 50));
    expect(setOf(second, 'B')).toMatchObject({ actualStart: bst(18, 50), actualEnd: null });
  });

  it('on the last set just ends it; with everything played it is an error', () => {
    const d = day([set('A', '18:00', 45)]);
    const running = ok(applyAction(d, { kind: 'next', at: bst(18) }));
    const ended = ok(applyAction(running, { kind: 'next', at: bst(18, 45) }));
    expect(setOf(ended, 'A').actualEnd).toBe(bst(18, 45));
    expect(applyAction(ended, { kind: 'next', at: bst(19) })).toEqual({ ok: false, error: { code: 'nothing-to-start', message: 'no set is running and none is left to start' } });
  });

  it('carries on after the last started set, not after a skipped one', () => {
    const d = ok(applyAction(evening(), { kind: 'start', entryId: 'C', at: bst(19) }));
    const ended = ok(applyAction(d, { kind: 'end', entryId: 'C', at: bst(20) }));
    const n = ok(applyAction(ended, { kind: 'next', at: bst(20, 5) }));
    expect(setOf(n, 'D').actualStart).toBe(bst(20, 5));
    expect(setOf(n, 'A').actualStart).toBeNull();
  });
});

describe('editActual', () => {
  const played = () => deepFreeze(ok(applyAction(ok(applyAction(evening(), { kind: 'start', entryId: 'A', at: bst(18) })), { kind: 'end', entryId: 'A', at: bst(18, 45) })));

  it('corrects start and end afterwards; undefined keeps, null clears', () => {
    const d = ok(applyAction(played(), { kind: 'editActual', entryId: 'A', actualStart: bst(18, 3) }));
    expect(setOf(d, 'A')).toMatchObject({ actualStart: bst(18, 3), actualEnd: bst(18, 45) });
    const reopened = ok(applyAction(played(), { kind: 'editActual', entryId: 'A', actualEnd: null }));
    expect(setOf(reopened, 'A')).toMatchObject({ actualStart: bst(18), actualEnd: null });
    const cleared = ok(applyAction(played(), { kind: 'editActual', entryId: 'A', actualStart: null, actualEnd: null }));
    expect(setOf(cleared, 'A')).toMatchObject({ actualStart: null, actualEnd: null });
  });

  it('refuses an end before the start, an end without a start, a second running set, and non-sets', () => {
    expect(applyAction(played(), { kind: 'editActual', entryId: 'A', actualEnd: bst(17) })).toMatchObject({ ok: false, error: { code: 'end-before-start' } });
    expect(applyAction(played(), { kind: 'editActual', entryId: 'A', actualStart: null })).toMatchObject({ ok: false, error: { code: 'end-before-start', message: expect.stringContaining('needs an actual start') } });
    const twoOpen = ok(applyAction(played(), { kind: 'start', entryId: 'B', at: bst(19) }));
    expect(applyAction(twoOpen, { kind: 'editActual', entryId: 'A', actualEnd: null })).toMatchObject({ ok: false, error: { code: 'another-running' } });
    expect(applyAction(played(), { kind: 'editActual', entryId: 'doors', actualStart: bst(17) })).toMatchObject({ ok: false, error: { code: 'not-a-set' } });
  });
});

describe('editor actions', () => {
  it('add inserts at a position (default: the end) after checking the entry', () => {
    const d = ok(applyAction(frozenEvening(), { kind: 'add', entry: set('X', '20:15', 10), index: 3 }));
    expect(d.entries.map((e) => e.id)).toEqual(['doors', 'A', 'B', 'X', 'C', 'D', 'curfew']);
    const end = ok(applyAction(frozenEvening(), { kind: 'add', entry: milestone('enc', '22:55') }));
    expect(end.entries.at(-1)!.id).toBe('enc');
  });

  it('add refuses duplicates, a second curfew, bad positions and invalid entries', () => {
    expect(applyAction(evening(), { kind: 'add', entry: set('A', '20:00', 10) })).toMatchObject({ ok: false, error: { code: 'duplicate-id' } });
    expect(applyAction(evening(), { kind: 'add', entry: curfew('c2', '23:30') })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('already has a curfew') } });
    expect(applyAction(evening(), { kind: 'add', entry: set('X', '20:00', 10), index: 99 })).toMatchObject({ ok: false, error: { code: 'bad-index' } });
    expect(applyAction(evening(), { kind: 'add', entry: set('X', '25:99', 10) })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('plannedStart') } });
    expect(applyAction(evening(), { kind: 'add', entry: set('X', '20:00', 10, { title: '  ' }) })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('title') } });
    expect(applyAction(evening(), { kind: 'add', entry: set('X', '20:00', 10, { plannedEnd: '21:00' }) })).toMatchObject({ ok: false, error: { code: 'invalid', message: expect.stringContaining('not both') } });
  });

  it('update merges a patch; undefined removes a field, so a duration can become an end', () => {
    const d = ok(applyAction(frozenEvening(), { kind: 'update', entryId: 'B', patch: { title: 'Headliner', plannedDurationMin: undefined, plannedEnd: '20:30' } }));
    expect(setOf(d, 'B')).toMatchObject({ title: 'Headliner', plannedEnd: '20:30' });
    expect('plannedDurationMin' in setOf(d, 'B')).toBe(false);
  });

  it('update refuses to change id or type, and invalid results', () => {
    expect(applyAction(evening(), { kind: 'update', entryId: 'B', patch: { id: 'Z' } as never })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(applyAction(evening(), { kind: 'update', entryId: 'B', patch: { type: 'milestone' } as never })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(applyAction(evening(), { kind: 'update', entryId: 'B', patch: { changeoverAfterMin: -1 } })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(applyAction(evening(), { kind: 'update', entryId: 'nope', patch: {} })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('remove and move', () => {
    expect(ok(applyAction(frozenEvening(), { kind: 'remove', entryId: 'B' })).entries.map((e) => e.id)).toEqual(['doors', 'A', 'C', 'D', 'curfew']);
    expect(applyAction(evening(), { kind: 'remove', entryId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(ok(applyAction(frozenEvening(), { kind: 'move', entryId: 'D', toIndex: 1 })).entries.map((e) => e.id)).toEqual(['doors', 'D', 'A', 'B', 'C', 'curfew']);
    expect(ok(applyAction(frozenEvening(), { kind: 'move', entryId: 'doors', toIndex: 5 })).entries.map((e) => e.id)).toEqual(['A', 'B', 'C', 'D', 'curfew', 'doors']);
    expect(applyAction(evening(), { kind: 'move', entryId: 'A', toIndex: 6 })).toMatchObject({ ok: false, error: { code: 'bad-index' } });
  });
});

describe('duplicateDay', () => {
  it('copies entries and cues under new ids, clears actual times, keeps the plan', () => {
    const src = deepFreeze(day([set('A', '18:00', 45, { actualStart: bst(18), actualEnd: bst(18, 40), cues: [sceneCue('q1', { kind: 'onStart' })] }), delay('hold', 5), curfew('cf', '23:00')]));
    let n = 0;
    const copy = ok(duplicateDay(src, '2026-07-05', () => `new-${++n}`));
    expect(copy.date).toBe('2026-07-05');
    expect(copy.entries.map((e) => e.id)).toEqual(['new-1', 'new-2', 'new-3']);
    const a = setOf(copy, 'new-1');
    expect(a).toMatchObject({ title: 'Set A', plannedStart: '18:00', plannedDurationMin: 45, actualStart: null, actualEnd: null });
    expect(a.cues).toEqual([{ ...sceneCue('q1', { kind: 'onStart' }), id: 'new-4' }]);
  });

  it('refuses a bad or identical date', () => {
    expect(duplicateDay(evening(), '2026-02-30', () => 'x')).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(duplicateDay(evening(), evening().date, () => 'x')).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});

describe('undo', () => {
  const running = ok(applyAction(evening(), { kind: 'start', entryId: 'A', at: bst(18) }));
  const cases: [string, ScheduleDay, ScheduleAction][] = [
    ['start', evening(), { kind: 'start', entryId: 'A', at: bst(18) }],
    ['start while running', running, { kind: 'start', entryId: 'B', at: bst(18, 50) }],
    ['end', running, { kind: 'end', entryId: 'A', at: bst(18, 45) }],
    ['next', running, { kind: 'next', at: bst(18, 45) }],
    ['editActual', running, { kind: 'editActual', entryId: 'A', actualStart: bst(18, 2) }],
    ['add', evening(), { kind: 'add', entry: set('X', '20:15', 10), index: 3 }],
    ['update', evening(), { kind: 'update', entryId: 'B', patch: { plannedDurationMin: 75 } }],
    ['remove', evening(), { kind: 'remove', entryId: 'C' }],
    ['move', evening(), { kind: 'move', entryId: 'D', toIndex: 0 }],
  ];

  it.each(cases)('undo of %s restores exactly the previous state', (_name, before, action) => {
    const state: ScheduleState = { day: deepFreeze(before), history: createHistory() };
    const done = dispatch(state, action);
    if (!done.ok) throw new Error(done.error.message);
    expect(done.state.day).not.toEqual(before);
    const undone = undoLast(done.state);
    if (!undone.ok) throw new Error(undone.error.message);
    expect(undone.state.day).toBe(state.day);
    expect(undone.state.day).toEqual(before);
    expect(undone.state.history.past).toHaveLength(0);
  });

  it('a failed action records nothing; undo with nothing recorded is an error', () => {
    const state: ScheduleState = { day: evening(), history: createHistory() };
    const failed = dispatch(state, { kind: 'end', entryId: 'A', at: bst(18) });
    expect(failed.ok).toBe(false);
    expect(undoLast(state)).toEqual({ ok: false, error: { code: 'nothing-to-undo', message: 'nothing to undo' } });
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    let history = createHistory(3);
    const days = [1, 2, 3, 4, 5].map((n) => day([set(`s${n}`, '18:00', n)]));
    for (const d of days) history = recordUndo(history, d);
    expect(history.past).toEqual(days.slice(2));
    const steps: ScheduleDay[] = [];
    for (let r = undo(history); r.ok; r = undo(r.history)) steps.push(r.day);
    expect(steps).toEqual([days[4], days[3], days[2]]);
  });

  it('undo of "next" brings back the set that was running, and the next set unstarted', () => {
    let state: ScheduleState = { day: evening(), history: createHistory() };
    const steps: ScheduleAction[] = [
      { kind: 'start', entryId: 'A', at: bst(18) },
      { kind: 'next', at: bst(18, 45) },
    ];
    for (const a of steps) {
      const r = dispatch(state, a);
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
    }
    const back = undoLast(state);
    if (!back.ok) throw new Error(back.error.message);
    expect(setOf(back.state.day, 'A')).toMatchObject({ actualStart: bst(18), actualEnd: null });
    expect(setOf(back.state.day, 'B').actualStart).toBeNull();
  });
});
