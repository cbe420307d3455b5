import { z } from 'zod';
import { method, none } from './method-spec.ts';
import {
  CsvProblem,
  CueAction,
  CueTrigger,
  DayClock,
  DelayEntry,
  Id,
  IsoDate,
  MilestoneEntry,
  PlannedVsActual,
  ScheduleApiView,
  ScheduleDay,
  ScheduleView,
  SetEntry,
  scheduleLimits,
} from './schedule.ts';
import { section } from './settings-spec.ts';

/**
 * The running order's slice of the contract: its settings section, the live state the operator and view
 * modes show, its methods and its topic. The model's shapes (days, entries, cues, the projected view,
 * the CSV report) are in schedule.ts.
 */

// ── settings ────────────────────────────────────────────────────────────────────────────────────────

export const scheduleTimeSources = ['system', 'artnet-timecode'] as const;
export type ScheduleTimeSource = (typeof scheduleTimeSources)[number];

/** An IANA zone this runtime knows (checked with Intl, the same test as main/schedule/time.ts isValidTimeZone). */
function knownZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const margin = (what: string) =>
  z
    .number({ error: `the ${what} margin is a number of minutes` })
    .int(`the ${what} margin is whole minutes`)
    .min(0, `the ${what} margin cannot be negative`)
    .max(720, `the ${what} margin can be at most 720 minutes (12 hours)`);

export const ScheduleSettings = z
  .object({
    /** The venue's IANA time zone, e.g. "Europe/London"; "" = this computer's zone. Planned times are wall-clock times there. */
    zone: z
      .string({ error: 'the time zone is text, e.g. Europe/London' })
      .trim()
      .max(64, 'a time zone name is at most 64 characters')
      .refine((zone) => zone === '' || knownZone(zone), 'unknown time zone: use an IANA name such as Europe/London, America/New_York or UTC ("" = this computer’s zone)'),
    /** The curfew turns amber when the projected end is later than curfew − this. */
    warnMarginMin: margin('warning'),
    /** The curfew turns red when the projected end is later than curfew − this (0 = only when past curfew). */
    dangerMarginMin: margin('danger'),
    /** The show day rolls over at this local time: at 02:00 the running order of the evening before is still "today". */
    dayStartsAt: z
      .string({ error: 'the day start is a time, HH:MM' })
      .regex(/^(?:0\d|1[0-2]):[0-5]\d$/, 'the day starts at a time from 00:00 to 12:59 (HH:MM)'),
    /** Where "now" comes from: this computer's clock, or Art-Net timecode received by the DMX engine (time of day). */
    timeSource: z.enum(scheduleTimeSources, { error: 'the time source is "system" or "artnet-timecode"' }),
    /** With timecode as the source: after this long without a frame it counts as lost (the computer's clock is used meanwhile). */
    timecodeLossMs: z
      .number({ error: 'the timecode loss time is a number of milliseconds' })
      .int('use whole milliseconds')
      .min(200, 'timecode counts as lost after at least 200 ms')
      .max(60_000, 'timecode counts as lost after at most 60000 ms'),
    /** A cue found later than this after its time (the console was down, a start was backdated) is reported missed, never fired late. */
    cueToleranceS: z
      .number({ error: 'the cue tolerance is a number of seconds' })
      .int('use whole seconds')
      .min(1, 'the cue tolerance is at least 1 s')
      .max(600, 'the cue tolerance is at most 600 s'),
  })
  .strict()
  .refine((s) => s.warnMarginMin >= s.dangerMarginMin, {
    message: 'the warning margin must be at least the danger margin (the warning comes first)',
    path: ['warnMarginMin'],
  });
export type ScheduleSettings = z.infer<typeof ScheduleSettings>;

export const scheduleSettings = {
  schedule: section({
    schema: ScheduleSettings,
    defaults: { zone: '', warnMarginMin: 30, dangerMarginMin: 0, dayStartsAt: '06:00', timeSource: 'system', timecodeLossMs: 2000, cueToleranceS: 5 },
    merge: 'keys',
  }),
};

// ── live state ──────────────────────────────────────────────────────────────────────────────────────

const epochMs = z.number().int().nonnegative();

/** The clock the running order runs on. */
export const ScheduleClock = z.object({
  source: z.enum(scheduleTimeSources),
  /** The schedule's now (epoch ms): timecode time when that is the source and it is being received, else this computer's. */
  now: epochMs,
  /** The newest Art-Net timecode (whatever the source), while it is fresh: `HH:MM:SS:FF`, its type, its age. */
  timecode: z.object({ text: z.string(), type: z.string(), ageMs: z.number().int().nonnegative() }).nullable(),
  /** Timecode is the source but none is arriving: the running order follows this computer's clock meanwhile. */
  lost: z.boolean(),
  /** How long timecode has been missing (ms), when it was received before; null otherwise. */
  lostForMs: z.number().int().nonnegative().nullable(),
});
export type ScheduleClock = z.infer<typeof ScheduleClock>;

/** One day as the operator, the view mode and the editor see it (also what `schedule.changed` carries). */
export const ScheduleState = z.object({
  date: IsoDate,
  /** This is the show day now (the operator's day). */
  current: z.boolean(),
  /** The stored day: entries with their day clocks, cues and actual times (empty when there is none). */
  day: ScheduleDay,
  /** The projection at `clock.now`: expected times, slip, curfew. */
  view: ScheduleView,
  clock: ScheduleClock,
  /** What undo would do on this day: how many steps are kept, and the last one's description. */
  undo: z.object({ steps: z.number().int().nonnegative(), last: z.string().nullable() }),
  /** Grows with every stored change (any day): a client refreshes its list of days when it moves. */
  revision: z.number().int().nonnegative(),
});
export type ScheduleState = z.infer<typeof ScheduleState>;

export const ScheduleDaySummary = z.object({
  date: IsoDate,
  entries: z.number().int(),
  sets: z.number().int(),
  /** Sets with an actual start. */
  played: z.number().int(),
  running: z.boolean(),
  current: z.boolean(),
});
export type ScheduleDaySummary = z.infer<typeof ScheduleDaySummary>;

export const ScheduleImportOutcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), days: z.array(z.object({ date: IsoDate, entries: z.number().int(), replaced: z.boolean() })) }),
  z.object({ ok: z.literal(false), report: z.array(CsvProblem).min(1) }),
]);
export type ScheduleImportOutcome = z.infer<typeof ScheduleImportOutcome>;

// ── method params ───────────────────────────────────────────────────────────────────────────────────

const dateParam = IsoDate.optional();
const entryId = z.string({ error: 'give the entry id' }).min(1, 'give the entry id').max(100, 'an entry id is at most 100 characters');

/**
 * A moment: ISO 8601 with its offset (`2026-07-04T20:15:00+01:00`, `…Z`), epoch ms, or a venue-local clock
 * `HH:MM` / `HH:MM:SS` (read on the day's date, at the occurrence nearest the time it is about).
 */
const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const localClock = /^(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;
export const ScheduleInstant = z.union(
  [
    z.number().int('a time in ms is a whole number').nonnegative('a time cannot be negative').max(32_503_680_000_000, 'that time is too far ahead'),
    z.string().refine((s) => (isoWithOffset.test(s) && !Number.isNaN(Date.parse(s))) || localClock.test(s), 'a time is ISO 8601 with its offset (2026-07-04T20:15:00+01:00) or a local HH:MM[:SS]'),
  ],
  { error: 'a time is ISO 8601 with its offset (2026-07-04T20:15:00+01:00) or a local HH:MM[:SS]' },
);
export type ScheduleInstant = z.infer<typeof ScheduleInstant>;

/** A cue as the editor sends it: the id may be left out (the console makes one). */
export const CueInput = z.object({ id: Id.optional(), trigger: CueTrigger, action: CueAction }).strict();
export type CueInput = z.infer<typeof CueInput>;
const CuesInput = z.array(CueInput).max(scheduleLimits.cuesPerEntry, `at most ${scheduleLimits.cuesPerEntry} cues per entry`);

const title = SetEntry.shape.title;
const notes = SetEntry.shape.notes;
const colour = SetEntry.shape.colour;
const minutes = SetEntry.shape.changeoverAfterMin;

/** A new entry: everything but the id (the console makes it) and the actual times (operator actions set those). */
export const EntryInput = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('set'),
      title,
      plannedStart: DayClock,
      plannedDurationMin: minutes.optional(),
      plannedEnd: DayClock.optional(),
      changeoverAfterMin: minutes.default(0),
      notes: notes.default(''),
      colour: colour.default(null),
      cues: CuesInput.default([]),
    })
    .strict()
    .refine((s) => (s.plannedDurationMin === undefined) !== (s.plannedEnd === undefined), { message: 'give a set either a planned duration or a planned end', path: ['plannedDurationMin'] }),
  z.object({ type: z.literal('milestone'), title, plannedStart: DayClock, notes: notes.default(''), colour: colour.default(null), cues: CuesInput.default([]) }).strict(),
  z.object({ type: z.literal('curfew'), title: title.default('Curfew'), plannedStart: DayClock, notes: notes.default(''), colour: colour.default(null), cues: CuesInput.default([]) }).strict(),
  z.object({ type: z.literal('delay'), title: DelayEntry.shape.title.default(''), minutes: DelayEntry.shape.minutes, notes: notes.default('') }).strict(),
]);
export type EntryInput = z.infer<typeof EntryInput>;

/** Changes to an entry. `null` for plannedDurationMin/plannedEnd removes it (to switch a set from one to the other). */
export const EntryPatchInput = z
  .object({
    title: DelayEntry.shape.title.optional(),
    plannedStart: DayClock.optional(),
    plannedDurationMin: minutes.nullable().optional(),
    plannedEnd: DayClock.nullable().optional(),
    changeoverAfterMin: minutes.optional(),
    notes: notes.optional(),
    colour: MilestoneEntry.shape.colour.optional(),
    minutes: DelayEntry.shape.minutes.optional(),
    cues: CuesInput.optional(),
  })
  .strict()
  .refine((p) => Object.values(p).some((v) => v !== undefined), 'give at least one field to change');
export type EntryPatchInput = z.infer<typeof EntryPatchInput>;

const onDay = { date: dateParam };

export const scheduleMethods = {
  'schedule.get': method({
    params: z.object(onDay).strict(),
    result: ScheduleApiView,
    access: 'view',
    summary: 'A day (default: the current show day) as GET /api/schedule gives it: ISO 8601 times, slip in seconds, curfew state.',
  }),
  'schedule.state': method({
    params: z.object(onDay).strict(),
    result: ScheduleState,
    access: 'view',
    summary: 'A day (default: the current one) with its projection, the clock and undo: what the Schedule page shows.',
  }),
  'schedule.days': method({ params: none, result: z.array(ScheduleDaySummary), access: 'view', summary: 'Every day that has a running order, by date.' }),

  'schedule.start': method({
    params: z.object({ id: entryId, at: ScheduleInstant.optional(), ...onDay }).strict(),
    result: ScheduleState,
    access: 'control',
    summary: 'Start a set now (or at `at`); a set still running ends at the same moment.',
  }),
  'schedule.end': method({ params: z.object({ id: entryId, at: ScheduleInstant.optional(), ...onDay }).strict(), result: ScheduleState, access: 'control', summary: 'End a running set now (or at `at`).' }),
  'schedule.next': method({
    params: z.object({ at: ScheduleInstant.optional(), ...onDay }).strict(),
    result: ScheduleState,
    access: 'control',
    summary: 'End the running set and start the next one not yet played.',
  }),
  'schedule.undo': method({ params: z.object(onDay).strict(), result: ScheduleState, access: 'control', summary: 'Undo the last change to the day (kept across restarts, 50 steps).' }),
  'schedule.editActual': method({
    params: z
      .object({ id: entryId, actualStart: ScheduleInstant.nullable().optional(), actualEnd: ScheduleInstant.nullable().optional(), ...onDay })
      .strict()
      .refine((p) => p.actualStart !== undefined || p.actualEnd !== undefined, 'give actualStart or actualEnd (null clears it)'),
    result: ScheduleState,
    access: 'control',
    summary: 'Correct a set’s actual start/end afterwards (null clears one).',
  }),

  'schedule.add': method({
    params: z.object({ entry: EntryInput, index: z.number().int('a position is a whole number').nonnegative('positions start at 0').optional(), ...onDay }).strict(),
    result: ScheduleState,
    access: 'control',
    summary: 'Add an entry (at `index`, default the end); the day is made if it has none.',
  }),
  'schedule.update': method({ params: z.object({ id: entryId, patch: EntryPatchInput, ...onDay }).strict(), result: ScheduleState, access: 'control', summary: 'Change an entry’s fields or its cues.' }),
  'schedule.remove': method({ params: z.object({ id: entryId, ...onDay }).strict(), result: ScheduleState, access: 'control', summary: 'Delete an entry.' }),
  'schedule.move': method({
    params: z.object({ id: entryId, toIndex: z.number().int('a position is a whole number').nonnegative('positions start at 0'), ...onDay }).strict(),
    result: ScheduleState,
    access: 'control',
    summary: 'Move an entry to another position in the running order.',
  }),
  'schedule.duplicateDay': method({
    params: z.object({ from: IsoDate, to: IsoDate }).strict(),
    result: ScheduleState,
    access: 'control',
    summary: 'Copy a day to another (empty) date: same entries and cues, no actual times.',
  }),
  'schedule.clearDay': method({ params: z.object({ date: IsoDate }).strict(), result: ScheduleState, access: 'control', summary: 'Remove every entry of a day (undo brings them back).' }),

  'schedule.import': method({
    params: z
      .object({
        csv: z.string({ error: 'send the CSV as text' }).max(256 * 1024, 'the CSV is larger than 256 KiB'),
        /** Replace days that already have a running order (otherwise that is refused with `conflict`). */
        replace: z.boolean().optional(),
      })
      .strict(),
    result: ScheduleImportOutcome,
    access: 'control',
    summary: 'Import a CSV running order: a per-row report, and nothing imported if any row is wrong.',
  }),
  'schedule.export': method({
    params: z.object({ ...onDay, all: z.boolean().optional() }).strict(),
    result: z.object({ csv: z.string(), filename: z.string() }),
    access: 'view',
    summary: 'A day (or every day with `all`) as CSV in the import format.',
  }),
  'schedule.report': method({
    params: z.object(onDay).strict(),
    result: z.object({ report: PlannedVsActual, csv: z.string(), filename: z.string() }),
    access: 'view',
    summary: 'Planned against actual for every set of a day, as data and as CSV.',
  }),
};

// ── live topic ──────────────────────────────────────────────────────────────────────────────────────

export const scheduleTopics = {
  /** key: the date. The current day every second (and at once on a change); another day when it is edited. */
  'schedule.changed': ScheduleState,
} as const;
