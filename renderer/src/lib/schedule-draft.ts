import type { Cue, CueAction, CueTrigger, EntryInput, EntryPatchInput, ScheduleEntry } from '../../../preload/contract/index.ts';

/**
 * The entry editor's form: text fields as typed, turned into what schedule.add / schedule.update take.
 * Times are day clocks ("HH:MM", 24:00–47:59 = after midnight); a plain "1:30" is padded, never moved
 * past midnight behind the operator's back (the projection flags an entry out of order instead).
 */

export type EntryKind = ScheduleEntry['type'];

export interface EntryDraft {
  type: EntryKind;
  title: string;
  start: string;
  /** 'duration' or 'end': how a set's length is given. */
  lengthBy: 'duration' | 'end';
  duration: string;
  end: string;
  changeover: string;
  minutes: string;
  notes: string;
  colour: string;
}

export const emptyDraft = (type: EntryKind = 'set', start = ''): EntryDraft => ({
  type,
  title: type === 'curfew' ? 'Curfew' : '',
  start,
  lengthBy: 'duration',
  duration: type === 'set' ? '45' : '',
  end: '',
  changeover: type === 'set' ? '15' : '',
  minutes: type === 'delay' ? '10' : '',
  notes: '',
  colour: '',
});

export function draftOf(e: ScheduleEntry): EntryDraft {
  const base = emptyDraft(e.type);
  if (e.type === 'delay') return { ...base, title: e.title, minutes: String(e.minutes), notes: e.notes };
  const common = { ...base, title: e.title, start: e.plannedStart, notes: e.notes, colour: e.colour ?? '' };
  if (e.type !== 'set') return common;
  return {
    ...common,
    lengthBy: e.plannedEnd !== undefined ? 'end' : 'duration',
    duration: e.plannedDurationMin !== undefined ? String(e.plannedDurationMin) : '',
    end: e.plannedEnd ?? '',
    changeover: String(e.changeoverAfterMin),
  };
}

/** "1:30" → "01:30"; "25:30" stays; anything else → null. */
export function normaliseClock(text: string): string | null {
  const m = /^\s*(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 47 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

function wholeMinutes(text: string, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

export type DraftResult<T> = { ok: true; value: T } | { ok: false; errors: Partial<Record<keyof EntryDraft, string>> };

/** The draft as a new entry, or the message for each field that is wrong. */
export function entryFromDraft(d: EntryDraft): DraftResult<EntryInput> {
  const errors: Partial<Record<keyof EntryDraft, string>> = {};
  const title = d.title.trim();
  const notes = d.notes;
  const colour = /^#[0-9a-fA-F]{6}$/.test(d.colour) ? d.colour : null;
  if (d.colour !== '' && colour === null) errors.colour = 'a colour is #rrggbb';
  if (d.type === 'delay') {
    const minutes = /^\s*-?\d+\s*$/.test(d.minutes) ? Number(d.minutes) : NaN;
    if (!Number.isInteger(minutes) || Math.abs(minutes) > 1440) errors.minutes = 'whole minutes, −1440 to 1440';
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { type: 'delay', title, minutes, notes } };
  }
  if (title === '') errors.title = 'a title is required';
  const start = normaliseClock(d.start);
  if (start === null) errors.start = 'a time HH:MM (24:00 and later = after midnight)';
  if (d.type !== 'set') {
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { type: d.type, title, plannedStart: start!, notes, colour, cues: [] } };
  }
  const changeover = d.changeover.trim() === '' ? 0 : wholeMinutes(d.changeover, 1440);
  if (changeover === null) errors.changeover = 'whole minutes, 0–1440';
  let length: { plannedDurationMin: number } | { plannedEnd: string } | null = null;
  if (d.lengthBy === 'duration') {
    const duration = wholeMinutes(d.duration, 1440);
    if (duration === null) errors.duration = 'whole minutes, 0–1440';
    else length = { plannedDurationMin: duration };
  } else {
    const end = normaliseClock(d.end);
    if (end === null) errors.end = 'a time HH:MM';
    else length = { plannedEnd: end };
  }
  if (Object.keys(errors).length || !length) return { ok: false, errors };
  return { ok: true, value: { type: 'set', title, plannedStart: start!, ...length, changeoverAfterMin: changeover!, notes, colour, cues: [] } };
}

/** The draft as a patch to `entry` (cues untouched): only what schedule.update needs, nulls to drop the other length. */
export function patchFromDraft(d: EntryDraft): DraftResult<EntryPatchInput> {
  const r = entryFromDraft(d);
  if (!r.ok) return r;
  const v = r.value;
  if (v.type === 'delay') return { ok: true, value: { title: v.title, minutes: v.minutes, notes: v.notes } };
  if (v.type !== 'set') return { ok: true, value: { title: v.title, plannedStart: v.plannedStart, notes: v.notes, colour: v.colour } };
  return {
    ok: true,
    value: {
      title: v.title,
      plannedStart: v.plannedStart,
      plannedDurationMin: v.plannedDurationMin ?? null,
      plannedEnd: v.plannedEnd ?? null,
      changeoverAfterMin: v.changeoverAfterMin,
      notes: v.notes,
      colour: v.colour,
    },
  };
}

// ── cues ───────────────────────────────────────────────────────────────────────────────────────────

export type TriggerKind = CueTrigger['kind'];
export type ActionKind = CueAction['type'];

export interface CueDraft {
  trigger: TriggerKind;
  minutes: string;
  action: ActionKind;
  sceneId: string;
  cueListId: string;
  topic: string;
  payload: string;
  retain: boolean;
  message: string;
  severity: 'info' | 'warn' | 'alarm';
}

export const emptyCueDraft = (): CueDraft => ({ trigger: 'onStart', minutes: '5', action: 'scene.go', sceneId: '', cueListId: '', topic: '', payload: '', retain: false, message: '', severity: 'info' });

export function cueDraftOf(c: Cue): CueDraft {
  const d = emptyCueDraft();
  d.trigger = c.trigger.kind;
  if (c.trigger.kind === 'beforeStart') d.minutes = String(c.trigger.minutes);
  d.action = c.action.type;
  switch (c.action.type) {
    case 'scene.go':
      d.sceneId = c.action.sceneId;
      break;
    case 'cuelist.go':
      d.cueListId = c.action.cueListId;
      break;
    case 'mqtt.publish':
      d.topic = c.action.topic;
      d.payload = c.action.payload;
      d.retain = c.action.retain ?? false;
      break;
    case 'alert':
      d.message = c.action.message;
      d.severity = c.action.severity;
      break;
  }
  return d;
}

export type CueFields = Omit<Cue, 'id'>;

/** A cue from the form, or the reason it is not one yet. */
export function cueFromDraft(d: CueDraft): { ok: true; value: CueFields } | { ok: false; error: string } {
  let trigger: CueTrigger;
  if (d.trigger === 'beforeStart') {
    const m = wholeMinutes(d.minutes, 1440);
    if (m === null) return { ok: false, error: 'minutes before the start: a whole number, 0–1440' };
    trigger = { kind: 'beforeStart', minutes: m };
  } else trigger = { kind: d.trigger };
  switch (d.action) {
    case 'scene.go':
      return d.sceneId ? { ok: true, value: { trigger, action: { type: 'scene.go', sceneId: d.sceneId } } } : { ok: false, error: 'choose the scene' };
    case 'cuelist.go':
      return d.cueListId ? { ok: true, value: { trigger, action: { type: 'cuelist.go', cueListId: d.cueListId } } } : { ok: false, error: 'choose the cue list' };
    case 'mqtt.publish': {
      const topic = d.topic.trim();
      if (topic === '' || /[#+]/.test(topic)) return { ok: false, error: 'an MQTT topic, without wildcards (+, #)' };
      return { ok: true, value: { trigger, action: { type: 'mqtt.publish', topic, payload: d.payload, ...(d.retain ? { retain: true } : {}) } } };
    }
    case 'alert': {
      const message = d.message.trim();
      return message ? { ok: true, value: { trigger, action: { type: 'alert', message, severity: d.severity } } } : { ok: false, error: 'write the alert’s message' };
    }
  }
}

// ── reordering ─────────────────────────────────────────────────────────────────────────────────────

/** Where an entry lands when moved by `delta` places (clamped to the list), or null when it cannot move. */
export function moveTarget(index: number, delta: number, length: number): number | null {
  const to = Math.min(length - 1, Math.max(0, index + delta));
  return to === index ? null : to;
}

/**
 * Dropping the dragged entry (at `from`) on the row at `over`, in its upper or lower half: the index it
 * must move to (schedule.move's `toIndex`, counted after it is taken out), or null for no move.
 */
export function dropTarget(from: number, over: number, lowerHalf: boolean): number | null {
  let to = lowerHalf ? over + 1 : over;
  if (to > from) to -= 1;
  return to === from ? null : to;
}
