import { describe, expect, it } from 'vitest';
import { cueDueAt, cueKey, cuesOf, dueCues, nextCueDue } from '../../../main/schedule/cues.ts';
import { project } from '../../../main/schedule/project.ts';
import { applyAction, createHistory, dispatch, undoLast, type ScheduleState } from '../../../main/schedule/actions.ts';
import type { ScheduleDay } from '../../../preload/contract/schedule.ts';
import { LONDON, bst, day, milestone, sceneCue, set, settings } from './builders.ts';

/**
 * A changeover look before B (10 min before its expected start), B's show scene on its actual
 * start, a house-lights cue on its actual end, and an alert at doors.
 */
function show(): ScheduleDay {
  return day([
    milestone('doors', '17:00', { cues: [{ id: 'doors-alert', trigger: { kind: 'onStart' }, action: { type: 'alert', message: 'Doors open', severity: 'info' } }] }),
    set('A', '18:00', 45, { changeoverAfterMin: 15 }),
    set('B', '19:00', 60, {
      cues: [sceneCue('walk-in', { kind: 'beforeStart', minutes: 10 }), sceneCue('show', { kind: 'onStart' }), sceneCue('house', { kind: 'onEnd' })],
    }),
  ]);
}

function must(d: ScheduleDay, action: Parameters<typeof applyAction>[1]): ScheduleDay {
  const r = applyAction(d, action);
  if (!r.ok) throw new Error(r.error.message);
  return r.day;
}

function check(d: ScheduleDay, now: number, handled: ReadonlySet<string> = new Set(), lastCheckedAt: number | null = now - 1000) {
  return dueCues(project(d, LONDON, now, settings), cuesOf(d), handled, now, lastCheckedAt);
}

const ids = (list: { cue: { id: string } }[]) => list.map((c) => c.cue.id);

describe('cue due times follow the actual and slipped times', () => {
  it('beforeStart moves with the slip: on time it is due 18:50; with A 10 min late, 19:00', () => {
    const onTime = project(show(), LONDON, bst(17), settings);
    const b = onTime.entries.find((e) => e.id === 'B')!;
    expect(cueDueAt(b, sceneCue('x', { kind: 'beforeStart', minutes: 10 }))).toBe(bst(18, 50));
    const late = must(show(), { kind: 'start', entryId: 'A', at: bst(18, 10) });
    expect(ids(check(late, bst(18, 50)).fire)).toEqual([]);
    // A ends on its length (18:55); B is expected at 18:55 + 15' = 19:10, so the look is due 19:00.
    const ended = must(late, { kind: 'end', entryId: 'A', at: bst(18, 55) });
    expect(ids(check(ended, bst(18, 59, 59)).fire)).toEqual([]);
    expect(ids(check(ended, bst(19, 0, 1)).fire)).toEqual(['walk-in']);
  });

  it('while the set before overruns, a beforeStart cue keeps moving later and does not fire', () => {
    const late = must(show(), { kind: 'start', entryId: 'A', at: bst(18, 10) });
    // At 19:00:01 A (due 18:55) is still playing: B is expected at now + 15', the look at now + 5'.
    expect(check(late, bst(19, 0, 1)).fire).toEqual([]);
    expect(nextCueDue(project(late, LONDON, bst(19, 0, 1), settings), cuesOf(late), new Set(['2026-07-04/doors/doors-alert']), bst(19, 0, 1))).toBe(bst(19, 5, 1));
  });

  it('onStart fires when the set ACTUALLY starts, not at its planned time', () => {
    const d = must(must(show(), { kind: 'start', entryId: 'A', at: bst(18, 10) }), { kind: 'end', entryId: 'A', at: bst(18, 55) });
    const handled = new Set([cueKey(d.date, 'B', 'walk-in')]);
    expect(ids(check(d, bst(19, 0, 2), handled).fire)).toEqual([]);
    const started = must(d, { kind: 'start', entryId: 'B', at: bst(19, 12) });
    expect(check(started, bst(19, 12, 1), handled).fire).toMatchObject([{ cue: { id: 'show' }, entryId: 'B', dueAt: bst(19, 12), lateMs: 1000, key: '2026-07-04/B/show' }]);
  });

  it('onEnd fires at the actual end; a milestone onStart at its planned time', () => {
    const d = must(must(show(), { kind: 'start', entryId: 'B', at: bst(19) }), { kind: 'end', entryId: 'B', at: bst(20, 7) });
    const handled = new Set(['2026-07-04/B/walk-in', '2026-07-04/B/show', '2026-07-04/doors/doors-alert']);
    expect(ids(check(d, bst(20, 7, 3), handled).fire)).toEqual(['house']);
    expect(ids(check(show(), bst(17, 0, 1)).fire)).toEqual(['doors-alert']);
  });

  it('cues of a skipped set never come due', () => {
    const d = must(show(), { kind: 'start', entryId: 'A', at: bst(18) });
    const skipped = day([...d.entries, set('C', '20:30', 30)]);
    const jumped = must(skipped, { kind: 'start', entryId: 'C', at: bst(18, 30) });
    const view = project(jumped, LONDON, bst(21), settings);
    const b = view.entries.find((e) => e.id === 'B')!;
    expect(b.skipped).toBe(true);
    for (const { cue } of cuesOf(jumped).filter((c) => c.entryId === 'B')) expect(cueDueAt(b, cue)).toBeNull();
  });
});

describe('fire once, never late', () => {
  it('a cue fires once: handled keys are skipped', () => {
    const d = must(show(), { kind: 'start', entryId: 'B', at: bst(19) });
    const first = check(d, bst(19, 0, 1), new Set(['2026-07-04/B/walk-in', '2026-07-04/doors/doors-alert']));
    expect(ids(first.fire)).toEqual(['show']);
    const handled = new Set(['2026-07-04/B/walk-in', '2026-07-04/doors/doors-alert', ...first.fire.map((c) => c.key)]);
    expect(check(d, bst(19, 0, 2), handled).fire).toEqual([]);
  });

  it('undo of a start and a new start does not fire the onStart cue again', () => {
    let state: ScheduleState = { day: show(), history: createHistory() };
    const step = (r: ReturnType<typeof dispatch>) => {
      if (!r.ok) throw new Error(r.error.message);
      state = r.state;
    };
    const handled = new Set(['2026-07-04/B/walk-in', '2026-07-04/doors/doors-alert']);
    step(dispatch(state, { kind: 'start', entryId: 'B', at: bst(19) }));
    for (const c of check(state.day, bst(19, 0, 1), handled).fire) handled.add(c.key);
    expect(handled.has('2026-07-04/B/show')).toBe(true);
    step(undoLast(state));
    step(dispatch(state, { kind: 'start', entryId: 'B', at: bst(19, 3) }));
    expect(check(state.day, bst(19, 3, 1), handled).fire).toEqual([]);
  });

  it('the tolerance is inclusive: 5 000 ms late fires, 5 001 ms late is missed', () => {
    const d = must(show(), { kind: 'start', entryId: 'B', at: bst(19) });
    const handled = new Set(['2026-07-04/B/walk-in', '2026-07-04/doors/doors-alert']);
    expect(ids(check(d, bst(19) + 5000, handled, bst(19) - 1).fire)).toEqual(['show']);
    const late = check(d, bst(19) + 5001, handled, bst(19) - 1);
    expect(late.fire).toEqual([]);
    expect(late.missed).toMatchObject([{ cue: { id: 'show' }, reason: 'not-checked', lateMs: 5001 }]);
  });

  it('cues that came due while the core was down are reported missed, never fired', () => {
    const d = must(must(show(), { kind: 'start', entryId: 'B', at: bst(19) }), { kind: 'end', entryId: 'B', at: bst(20) });
    const r = check(d, bst(20, 30), new Set(), bst(18, 30));
    expect(r.fire).toEqual([]);
    expect(r.missed.map((m) => [m.cue.id, m.reason])).toEqual([
      ['doors-alert', 'moved'],
      ['walk-in', 'not-checked'],
      ['show', 'not-checked'],
      ['house', 'not-checked'],
    ]);
    // First start ever (nothing checked before): everything overdue is 'not-checked'.
    expect(check(d, bst(20, 30), new Set(), null).missed.every((m) => m.reason === 'not-checked')).toBe(true);
  });

  it("a due time that jumps into the past (the set started early) is 'moved', not fired late", () => {
    const d = must(show(), { kind: 'start', entryId: 'B', at: bst(18, 30) });
    const r = check(d, bst(18, 30, 1), new Set(['2026-07-04/doors/doors-alert']), bst(18, 30));
    expect(ids(r.fire)).toEqual(['show']);
    expect(r.missed).toMatchObject([{ cue: { id: 'walk-in' }, reason: 'moved', dueAt: bst(18, 20) }]);
  });

  it('nextCueDue gives the earliest unhandled due time after now', () => {
    const view = project(show(), LONDON, bst(16), settings);
    expect(nextCueDue(view, cuesOf(show()), new Set(), bst(16))).toBe(bst(17));
    expect(nextCueDue(view, cuesOf(show()), new Set(['2026-07-04/doors/doors-alert']), bst(16))).toBe(bst(18, 50));
  });
});
