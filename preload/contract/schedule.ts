import { z } from 'zod';

/**
 * The running order (schedule): days of entries, their cues, the projected view and the CSV import report.
 * Planned times are venue-local wall-clock times on the day's date; actual times are epoch ms.
 * Ids are made by the caller (the store); this file only checks their shape.
 */

/** Epoch milliseconds. */
const epochMs = z.number().int().nonnegative();

export const scheduleLimits = {
  titleMax: 200,
  notesMax: 2000,
  entriesPerDay: 500,
  cuesPerEntry: 50,
  /** Longest set, changeover or delay block, in minutes. */
  minutesMax: 1440,
} as const;

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30), years 2000–2999. */
export const IsoDate = z
  .string()
  .regex(/^2\d{3}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD (years 2000–2999)')
  .refine((s) => {
    const y = Number(s.slice(0, 4));
    const m = Number(s.slice(5, 7));
    const d = Number(s.slice(8, 10));
    if (m < 1 || m > 12 || d < 1) return false;
    const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
    return d <= days;
  }, 'no such date');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * Venue-local wall-clock time on the day's date, `HH:MM`, 00:00–47:59: 24:00 and later mean the next
 * calendar day (a set at 25:30 on 2026-07-04 starts at 01:30 on 2026-07-05). This makes "after
 * midnight" explicit in the model; the CSV, which uses plain HH:MM, infers it from row order.
 */
export const DayClock = z.string().regex(/^(?:[0-3]\d|4[0-7]):[0-5]\d$/, 'a time is HH:MM from 00:00 to 47:59 (24:00 and later = after midnight)');
export type DayClock = z.infer<typeof DayClock>;

export const Id = z.string().min(1).max(100);
const Title = z.string().trim().min(1, 'a title is required').max(scheduleLimits.titleMax);
const Notes = z.string().max(scheduleLimits.notesMax);
const Colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is #rrggbb')
  .nullable();
const Minutes = z.number().int().min(0).max(scheduleLimits.minutesMax);

export const cueSeverities = ['info', 'warn', 'alarm'] as const;

/** What a cue does. */
export const CueAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scene.go'), sceneId: Id, fadeMs: z.number().int().min(0).max(3_600_000).optional() }),
  z.object({ type: z.literal('cuelist.go'), cueListId: Id }),
  z.object({
    type: z.literal('mqtt.publish'),
    topic: z
      .string()
      .min(1)
      .max(1024)
      .refine((t) => !/[#+\u0000]/.test(t), 'a publish topic has no wildcards (+, #)'),
    payload: z.string().max(65_536),
    retain: z.boolean().optional(),
  }),
  z.object({ type: z.literal('alert'), message: z.string().trim().min(1).max(500), severity: z.enum(cueSeverities) }),
]);
export type CueAction = z.infer<typeof CueAction>;

/** When a cue fires: at the entry's ACTUAL start or end, or N minutes before its EXPECTED (slipped) start. */
export const CueTrigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('onStart') }),
  z.object({ kind: z.literal('onEnd') }),
  z.object({ kind: z.literal('beforeStart'), minutes: z.number().int().min(0).max(scheduleLimits.minutesMax) }),
]);
export type CueTrigger = z.infer<typeof CueTrigger>;

export const Cue = z.object({ id: Id, trigger: CueTrigger, action: CueAction });
export type Cue = z.infer<typeof Cue>;

const Cues = z.array(Cue).max(scheduleLimits.cuesPerEntry);

/**
 * A set (act). Its planned length is either `plannedDurationMin` (elapsed minutes) or `plannedEnd`
 * (a wall-clock time; the first occurrence at or after the start) — exactly one of the two.
 */
export const SetEntry = z
  .object({
    id: Id,
    type: z.literal('set'),
    title: Title,
    plannedStart: DayClock,
    plannedDurationMin: Minutes.optional(),
    plannedEnd: DayClock.optional(),
    changeoverAfterMin: Minutes,
    notes: Notes,
    colour: Colour,
    actualStart: epochMs.nullable(),
    actualEnd: epochMs.nullable(),
    cues: Cues,
  })
  .refine((s) => (s.plannedDurationMin === undefined) !== (s.plannedEnd === undefined), {
    message: 'a set has either a planned duration or a planned end, not both',
    path: ['plannedDurationMin'],
  })
  .refine((s) => s.actualEnd === null || (s.actualStart !== null && s.actualEnd >= s.actualStart), {
    message: 'an actual end needs an actual start at or before it',
    path: ['actualEnd'],
  });
export type SetEntry = z.infer<typeof SetEntry>;

/** A point in time (doors, changeover call…). It keeps its planned time; it never slips. */
export const MilestoneEntry = z.object({
  id: Id,
  type: z.literal('milestone'),
  title: Title,
  plannedStart: DayClock,
  notes: Notes,
  colour: Colour,
  cues: Cues,
});
export type MilestoneEntry = z.infer<typeof MilestoneEntry>;

/** The milestone that defines the day's curfew (at most one per day). */
export const CurfewEntry = z.object({
  id: Id,
  type: z.literal('curfew'),
  title: Title,
  plannedStart: DayClock,
  notes: Notes,
  colour: Colour,
  cues: Cues,
});
export type CurfewEntry = z.infer<typeof CurfewEntry>;

/** An announced hold: every set after it is pushed by `minutes` (negative pulls them earlier). */
export const DelayEntry = z.object({
  id: Id,
  type: z.literal('delay'),
  title: z.string().trim().max(scheduleLimits.titleMax),
  minutes: z.number().int().min(-scheduleLimits.minutesMax).max(scheduleLimits.minutesMax),
  notes: Notes,
});
export type DelayEntry = z.infer<typeof DelayEntry>;

export const entryTypes = ['set', 'milestone', 'curfew', 'delay'] as const;
export type EntryType = (typeof entryTypes)[number];

export const ScheduleEntry = z.discriminatedUnion('type', [SetEntry, MilestoneEntry, CurfewEntry, DelayEntry]);
export type ScheduleEntry = z.infer<typeof ScheduleEntry>;

/** One day's running order, entries in running order (never re-sorted by time). */
export const ScheduleDay = z
  .object({ date: IsoDate, entries: z.array(ScheduleEntry).max(scheduleLimits.entriesPerDay) })
  .superRefine((day, ctx) => {
    const ids = new Set<string>();
    const cueIds = new Set<string>();
    let curfews = 0;
    let running = 0;
    day.entries.forEach((e, i) => {
      if (ids.has(e.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'id'], message: `duplicate entry id "${e.id}"` });
      ids.add(e.id);
      if (e.type === 'curfew' && ++curfews > 1) ctx.addIssue({ code: 'custom', path: ['entries', i], message: 'a day has at most one curfew' });
      if (e.type === 'set' && e.actualStart !== null && e.actualEnd === null && ++running > 1)
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'actualEnd'], message: 'only one set can be running' });
      if (e.type !== 'delay')
        e.cues.forEach((c, j) => {
          if (cueIds.has(c.id)) ctx.addIssue({ code: 'custom', path: ['entries', i, 'cues', j, 'id'], message: `duplicate cue id "${c.id}"` });
          cueIds.add(c.id);
        });
    });
  });
export type ScheduleDay = z.infer<typeof ScheduleDay>;

// ---------------------------------------------------------------------------------------------
// The projected view (what the operator and view modes show)

export const entryStates = ['done', 'running', 'next', 'upcoming'] as const;
export type EntryState = (typeof entryStates)[number];
export const curfewStates = ['ok', 'warning', 'danger'] as const;
export type CurfewState = (typeof curfewStates)[number];

/** One entry as projected at `now`. All times epoch ms, null where unknown or not applicable. */
export const EntryView = z.object({
  id: Id,
  type: z.enum(entryTypes),
  title: z.string(),
  notes: z.string(),
  colour: z.string().nullable(),
  plannedStart: epochMs.nullable(),
  plannedEnd: epochMs.nullable(),
  expectedStart: epochMs.nullable(),
  expectedEnd: epochMs.nullable(),
  actualStart: epochMs.nullable(),
  actualEnd: epochMs.nullable(),
  /** Start slip: (actual or expected start) − planned start, whole seconds; for a milestone, how far past it the set before will still be playing. */
  slipSeconds: z.number().int().nullable(),
  /** (actual or expected end) − planned end, whole seconds (sets only). */
  endSlipSeconds: z.number().int().nullable(),
  state: z.enum(entryStates),
  /** A set that was never started though a later one was. */
  skipped: z.boolean(),
  /** The running set is past its planned length. */
  overrun: z.boolean(),
  /** Running set only: planned end from its actual start − now (negative when overrunning). */
  timeLeftMs: z.number().int().nullable(),
  changeoverAfterMin: z.number().int().nullable(),
  /** Delay blocks only. */
  delayMinutes: z.number().int().nullable(),
});
export type EntryView = z.infer<typeof EntryView>;

export const ScheduleConflict = z.object({
  /** overlap: two sets' planned times overlap; order: an entry is planned earlier than the one before it. */
  kind: z.enum(['overlap', 'order']),
  entryIds: z.tuple([Id, Id]),
  seconds: z.number().int().nonnegative(),
});
export type ScheduleConflict = z.infer<typeof ScheduleConflict>;

export const ScheduleView = z.object({
  date: IsoDate,
  zone: z.string(),
  now: epochMs,
  entries: z.array(EntryView),
  runningId: Id.nullable(),
  nextId: Id.nullable(),
  curfewId: Id.nullable(),
  curfew: epochMs.nullable(),
  /** The latest expected end of any set. */
  projectedEnd: epochMs.nullable(),
  curfewState: z.enum(curfewStates),
  /** projectedEnd − curfew in whole seconds: positive = over curfew, negative = under. */
  curfewDeltaSeconds: z.number().int().nullable(),
  conflicts: z.array(ScheduleConflict),
});
export type ScheduleView = z.infer<typeof ScheduleView>;

/** ISO 8601 with the venue's UTC offset, e.g. 2026-07-04T20:15:00+01:00 (milliseconds only when not zero). */
const IsoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:\d{2})$/);

/** Exactly what `GET /api/schedule` returns. */
export const ScheduleApiView = z.object({
  entries: z.array(
    z.object({
      id: Id,
      type: z.enum(entryTypes),
      title: z.string(),
      plannedStart: IsoInstant.nullable(),
      plannedEnd: IsoInstant.nullable(),
      expectedStart: IsoInstant.nullable(),
      expectedEnd: IsoInstant.nullable(),
      actualStart: IsoInstant.nullable(),
      actualEnd: IsoInstant.nullable(),
      slipSeconds: z.number().int().nullable(),
    }),
  ),
  curfew: IsoInstant.nullable(),
  projectedEnd: IsoInstant.nullable(),
  curfewState: z.enum(curfewStates),
});
export type ScheduleApiView = z.infer<typeof ScheduleApiView>;

// ---------------------------------------------------------------------------------------------
// CSV import and the planned-vs-actual report

export const csvColumns = ['day', 'type', 'title', 'start', 'duration', 'changeover', 'notes'] as const;

/** One problem in an imported CSV. `row` counts records with the header as row 1 (a spreadsheet's row number). */
export const CsvProblem = z.object({
  row: z.number().int().nonnegative(),
  column: z.enum(csvColumns).optional(),
  message: z.string(),
});
export type CsvProblem = z.infer<typeof CsvProblem>;

export const CsvImportResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), days: z.array(ScheduleDay) }),
  z.object({ ok: z.literal(false), report: z.array(CsvProblem).min(1) }),
]);
export type CsvImportResult = z.infer<typeof CsvImportResult>;

/** One set in the planned-vs-actual report. Slips in whole minutes, null when the set was not played. */
export const PlannedVsActualRow = z.object({
  entryId: Id,
  title: z.string(),
  plannedStart: epochMs,
  plannedEnd: epochMs,
  actualStart: epochMs.nullable(),
  actualEnd: epochMs.nullable(),
  startSlipMin: z.number().int().nullable(),
  endSlipMin: z.number().int().nullable(),
  plannedMin: z.number().int(),
  actualMin: z.number().int().nullable(),
});
export type PlannedVsActualRow = z.infer<typeof PlannedVsActualRow>;

export const PlannedVsActual = z.object({
  date: IsoDate,
  zone: z.string(),
  rows: z.array(PlannedVsActualRow),
  setsPlanned: z.number().int(),
  setsPlayed: z.number().int(),
  /** Largest start slip of a played set (minutes, may be negative if all were early), null if none played. */
  maxStartSlipMin: z.number().int().nullable(),
  /** End slip of the last played set. */
  finalEndSlipMin: z.number().int().nullable(),
});
export type PlannedVsActual = z.infer<typeof PlannedVsActual>;
