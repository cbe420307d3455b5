import type { ScheduleDay, ScheduleEntry } from '../../preload/contract/schedule.ts';
import { epochToLocal, daysBetween, formatClock } from './time.ts';

const MINUTE = 60_000;

/**
 * The demo site's running order for the show day `date`, laid out around `now` so there is something to
 * watch: doors 45 minutes ago, an opening act that started 3 minutes late and is on stage now, three more
 * sets back to back, and a curfew that a few more minutes of slip will put in the warning band (default
 * margins). Cues are only on what is still to come (alerts: the demo cannot know the DMX library).
 */
export function demoDay(date: string, now: number, zone: string, newId: () => string): ScheduleDay {
  const local = epochToLocal(now, zone);
  // Minutes after the show day's midnight (past 24:00 when the show day is yesterday), rounded down to 5.
  const nowMs = daysBetween(date, local.date) * 1440 * MINUTE + local.msOfDay;
  const nowMin = Math.floor(nowMs / MINUTE);
  const base = Math.max(45, Math.floor(nowMin / 5) * 5);
  const at = (offset: number) => formatClock(Math.min(47 * 60 + 59, base + offset));
  const openingStart = base - 30;
  const entries: ScheduleEntry[] = [
    { id: newId(), type: 'milestone', title: 'Doors', plannedStart: at(-45), notes: 'Box office and bars open', colour: null, cues: [] },
    {
      id: newId(),
      type: 'set',
      title: 'Opening act',
      plannedStart: at(-30),
      plannedDurationMin: 40,
      changeoverAfterMin: 15,
      notes: 'Acoustic, two vocal mics',
      colour: '#4fa676',
      // Started 3 minutes late: on stage now, so the demo shows a running set, its time left and the slip below it.
      actualStart: now - (nowMs - (openingStart + 3) * MINUTE),
      actualEnd: null,
      cues: [],
    },
    {
      id: newId(),
      type: 'set',
      title: 'Local heroes',
      plannedStart: at(25),
      plannedDurationMin: 45,
      changeoverAfterMin: 20,
      notes: '',
      colour: null,
      actualStart: null,
      actualEnd: null,
      cues: [{ id: newId(), trigger: { kind: 'onStart' }, action: { type: 'alert', message: 'Local heroes on stage', severity: 'info' } }],
    },
    {
      id: newId(),
      type: 'set',
      title: 'The Understudies',
      plannedStart: at(90),
      plannedDurationMin: 60,
      changeoverAfterMin: 30,
      notes: 'Drum riser from the wings',
      colour: null,
      actualStart: null,
      actualEnd: null,
      cues: [{ id: newId(), trigger: { kind: 'beforeStart', minutes: 5 }, action: { type: 'alert', message: 'Stand by: The Understudies in 5 minutes', severity: 'info' } }],
    },
    {
      id: newId(),
      type: 'set',
      title: 'Headliner',
      plannedStart: at(180),
      plannedDurationMin: 90,
      changeoverAfterMin: 0,
      notes: 'Encore included in the 90 minutes',
      colour: '#5b9fd6',
      actualStart: null,
      actualEnd: null,
      cues: [],
    },
    { id: newId(), type: 'curfew', title: 'Curfew', plannedStart: at(310), notes: 'Council licence: sound off', colour: null, cues: [] },
  ];
  return { date, entries };
}
