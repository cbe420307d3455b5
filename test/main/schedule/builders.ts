import type { Cue, CurfewEntry, DelayEntry, MilestoneEntry, ScheduleDay, ScheduleEntry, SetEntry } from '../../../preload/contract/schedule.ts';

/** Small builders for schedule tests. Times in expectations are written out in UTC by hand. */

export const LONDON = 'Europe/London';
export const DATE = '2026-07-04';
export const settings = { warnMarginMin: 30, dangerMarginMin: 0 };

/** Europe/London on 2026-07-04 is BST (UTC+1): a local time there, as epoch ms (hours ≥ 24 roll into 07-05). */
export function bst(h: number, m = 0, s = 0): number {
  return Date.UTC(2026, 6, 4, h - 1, m, s);
}

export const MIN = 60_000;

export function set(id: string, plannedStart: string, durationMin: number, more: Partial<SetEntry> = {}): SetEntry {
  return {
    id,
    type: 'set',
    title: `Set ${id}`,
    plannedStart,
    plannedDurationMin: durationMin,
    changeoverAfterMin: 0,
    notes: '',
    colour: null,
    actualStart: null,
    actualEnd: null,
    cues: [],
    ...more,
  };
}

export function milestone(id: string, plannedStart: string, more: Partial<MilestoneEntry> = {}): MilestoneEntry {
  return { id, type: 'milestone', title: `Milestone ${id}`, plannedStart, notes: '', colour: null, cues: [], ...more };
}

export function curfew(id: string, plannedStart: string, more: Partial<CurfewEntry> = {}): CurfewEntry {
  return { id, type: 'curfew', title: 'Curfew', plannedStart, notes: '', colour: null, cues: [], ...more };
}

export function delay(id: string, minutes: number): DelayEntry {
  return { id, type: 'delay', title: '', minutes, notes: '' };
}

export function day(entries: ScheduleEntry[], date = DATE): ScheduleDay {
  return { date, entries };
}

export function sceneCue(id: string, trigger: Cue['trigger']): Cue {
  return { id, trigger, action: { type: 'scene.go', sceneId: `scene-${id}` } };
}

/** Freeze deeply so a test fails if a pure function writes into its input. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * The festival evening used by several tests (2026-07-04, Europe/London):
 * doors 17:00 · A 18:00 45' +15' · B 19:00 60' +30' · C 21:00 60' · D 22:00 60' · curfew 23:00.
 * B ends 20:00 and its changeover 20:30, so there is a 30-minute gap before C.
 */
export function evening(): ScheduleDay {
  return day([
    milestone('doors', '17:00'),
    set('A', '18:00', 45, { changeoverAfterMin: 15 }),
    set('B', '19:00', 60, { changeoverAfterMin: 30 }),
    set('C', '21:00', 60),
    set('D', '22:00', 60),
    curfew('curfew', '23:00'),
  ]);
}
