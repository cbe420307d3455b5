import { randomBytes } from 'node:crypto';
import type { Settings } from '../../preload/contract/index.ts';
import type {
  EntryInput,
  EntryPatchInput,
  ScheduleClock,
  ScheduleDaySummary,
  ScheduleImportOutcome,
  ScheduleInstant,
  ScheduleSettings,
  ScheduleState,
} from '../../preload/contract/schedule-api.ts';
import { ScheduleDay, type Cue, type PlannedVsActual, type ScheduleApiView, type ScheduleEntry, type ScheduleView, type SetEntry } from '../../preload/contract/schedule.ts';
import type { IngestSink } from '../../native/ingest.ts';
import { CoreError, type CoreErrorKind } from '../runtime/errors.ts';
import type { EventHub } from '../runtime/hub.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';
import type { Timeline } from '../runtime/timeline.ts';
import type { ScheduleRepo } from '../store/schedule-repo.ts';
import type { ShowPart } from '../show/show-file.ts';
import { applyAction, duplicateDay, type ActionResult, type EntryPatch, type ScheduleAction, type ScheduleErrorCode } from './actions.ts';
import { scheduleClock, type TimecodeSample } from './clock.ts';
import { describeAction, describeTrigger, runCueAction, type CueTargets } from './cue-actions.ts';
import { cuesOf, dueCues, nextCueDue, type DueCue, type MissedCue } from './cues.ts';
import { exportCsv, importCsv } from './csv.ts';
import { demoDay } from './demo-day.ts';
import { resolveInstant } from './instant.ts';
import { plannedTimes } from './planned.ts';
import { project, toApiView } from './project.ts';
import { plannedVsActual, plannedVsActualCsv } from './report.ts';
import { currentShowDate, hasRunningSet } from './show-day.ts';
import { isValidTimeZone, localClock, systemTimeZone } from './time.ts';

/** The `schedule` settings plus whether the demo site is on (it brings a sample running order for today). */
export type ScheduleConfig = ScheduleSettings & { demo: boolean };

export interface ScheduleServiceDeps {
  repo: ScheduleRepo;
  hub: EventHub;
  timeline: Timeline;
  /** Slip per set goes in as a telemetry series (device `schedule:<date>`, metric `slip`, minutes). */
  sink: IngestSink;
  /** Scene / cue-list GO (the DMX capability) and MQTT publish (the MQTT capability, once it exists). */
  targets: CueTargets;
  settings: () => Settings;
  now: () => number;
  newId?: () => string;
}

const MINUTE = 60_000;

const errorKind: Record<ScheduleErrorCode, CoreErrorKind> = {
  'not-found': 'not_found',
  'not-a-set': 'invalid',
  'already-running': 'conflict',
  'already-played': 'conflict',
  'not-running': 'conflict',
  'end-before-start': 'invalid',
  'nothing-to-start': 'conflict',
  'another-running': 'conflict',
  'duplicate-id': 'invalid',
  'bad-index': 'invalid',
  'bad-time': 'invalid',
  invalid: 'invalid',
  'nothing-to-undo': 'conflict',
};

const quoted = (e: { title: string; type: string }) => (e.title ? `“${e.title}”` : e.type === 'delay' ? 'the delay block' : `the ${e.type}`);

function slipText(ms: number): string {
  const min = Math.round(ms / MINUTE);
  return min === 0 ? 'on time' : min > 0 ? `${min} min late` : `${-min} min early`;
}

const randomId = () => randomBytes(6).toString('hex');

/**
 * The running order as a Service: keeps the days (SQLite), projects the current show day every second
 * and after every change (`schedule.changed`), fires cues from the actual (slipped) times exactly once,
 * and records every firing and every missed cue on the timeline. Operator and editor actions are
 * applied with the pure reducer (actions.ts) and stored with an undo step, so undo survives a restart.
 */
export class ScheduleService implements Service<ScheduleConfig> {
  readonly name = 'schedule';
  readonly label = 'Running order';
  private readonly deps: ScheduleServiceDeps;
  private readonly newId: () => string;
  private readonly days = new Map<string, ScheduleDay>();
  private readonly handled = new Set<string>();
  private readonly undoInfo = new Map<string, { steps: number; last: string | null }>();
  private current: ScheduleConfig | undefined;
  private ctx: ServiceContext | undefined;
  private running = false;
  private lastCheckedAt: number | null = null;
  private timecode: TimecodeSample | null = null;
  private revision = 0;
  private tickTimer: NodeJS.Timeout | undefined;
  private cueTimer: NodeJS.Timeout | undefined;
  private offHub: (() => void) | undefined;
  private readonly firing = new Set<Promise<void>>();

  constructor(deps: ScheduleServiceDeps) {
    this.deps = deps;
    this.newId = deps.newId ?? randomId;
    for (const day of deps.repo.loadDays()) this.days.set(day.date, day);
    for (const h of deps.repo.handledCues()) this.handled.add(h.key);
  }

  // ── the Service lifecycle ──────────────────────────────────────────────────────────────────────────

  config(settings: Settings): ScheduleConfig {
    return { ...settings.schedule, demo: settings.demo.enabled };
  }

  start(config: ScheduleConfig, ctx: ServiceContext): void {
    this.current = config;
    this.ctx = ctx;
    this.running = true;
    // A fresh start: every cue that came due while nothing was checking is reported missed, never fired late.
    this.lastCheckedAt = null;
    this.offHub = this.deps.hub.listen((topic, _key, data) => {
      if (topic === 'dmx.status') this.takeTimecode((data as { timecode?: { text: string; type: string; ageMs: number } | null }).timecode ?? null);
    });
    this.seedDemo(config);
    this.tick();
  }

  reconfigure(next: ScheduleConfig, _previous: ScheduleConfig, ctx: ServiceContext): void {
    this.current = next;
    this.ctx = ctx;
    this.seedDemo(next);
    this.tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.offHub?.();
    this.offHub = undefined;
    clearTimeout(this.tickTimer);
    clearTimeout(this.cueTimer);
    this.tickTimer = undefined;
    this.cueTimer = undefined;
    // Cues already on their way finish (and are recorded) before the store closes.
    await Promise.allSettled([...this.firing]);
  }

  readonly stopTimeoutMs = 6000;

  // ── clock and days ─────────────────────────────────────────────────────────────────────────────────

  private cfg(): ScheduleConfig {
    return this.current ?? this.config(this.deps.settings());
  }

  private zone(cfg = this.cfg()): string {
    return cfg.zone !== '' && isValidTimeZone(cfg.zone) ? cfg.zone : systemTimeZone();
  }

  private takeTimecode(tc: { text: string; type: string; ageMs: number } | null): void {
    if (tc) this.timecode = { text: tc.text, type: tc.type, ageMs: tc.ageMs, receivedAt: this.deps.now() };
  }

  /** The running order's clock now (Art-Net timecode when that is the source and it is arriving). */
  clock(): ScheduleClock {
    const cfg = this.cfg();
    return scheduleClock(cfg.timeSource, this.timecode, this.deps.now(), this.zone(cfg), cfg.timecodeLossMs);
  }

  currentDate(now = this.clock().now): string {
    const cfg = this.cfg();
    return currentShowDate(now, this.zone(cfg), cfg.dayStartsAt, (d) => this.days.get(d));
  }

  private dayOf(date: string): ScheduleDay {
    return this.days.get(date) ?? { date, entries: [] };
  }

  /** The day holding an entry: the given date, else the current day, else any day with that id. */
  private dateFor(id: string | undefined, date: string | undefined): string {
    if (date !== undefined || id === undefined) return date ?? this.currentDate();
    const current = this.currentDate();
    if (this.dayOf(current).entries.some((e) => e.id === id)) return current;
    for (const [d, day] of this.days) if (day.entries.some((e) => e.id === id)) return d;
    return current;
  }

  private project(day: ScheduleDay, now: number): ScheduleView {
    const cfg = this.cfg();
    return project(day, this.zone(cfg), now, { warnMarginMin: cfg.warnMarginMin, dangerMarginMin: cfg.dangerMarginMin });
  }

  private undoOf(date: string): { steps: number; last: string | null } {
    let info = this.undoInfo.get(date);
    if (!info) this.undoInfo.set(date, (info = this.deps.repo.undoInfo(date)));
    return info;
  }

  // ── what the API reads ─────────────────────────────────────────────────────────────────────────────

  state(date?: string): ScheduleState {
    const clock = this.clock();
    const current = this.currentDate(clock.now);
    const d = date ?? current;
    const day = this.dayOf(d);
    return { date: d, current: d === current, day, view: this.project(day, clock.now), clock, undo: this.undoOf(d), revision: this.revision };
  }

  apiView(date?: string): ScheduleApiView {
    return toApiView(this.state(date).view);
  }

  list(): ScheduleDaySummary[] {
    const current = this.currentDate();
    return [...this.days.values()]
      .filter((d) => d.entries.length > 0)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .map((d) => {
        const sets = d.entries.filter((e): e is SetEntry => e.type === 'set');
        return { date: d.date, entries: d.entries.length, sets: sets.length, played: sets.filter((s) => s.actualStart !== null).length, running: hasRunningSet(d), current: d.date === current };
      });
  }

  exportCsv(date?: string, all = false): { csv: string; filename: string } {
    if (all) return { csv: exportCsv(this.list().map((s) => this.dayOf(s.date))), filename: 'running-order-all-days.csv' };
    const d = date ?? this.currentDate();
    return { csv: exportCsv([this.dayOf(d)]), filename: `running-order-${d}.csv` };
  }

  report(date?: string): { report: PlannedVsActual; csv: string; filename: string } {
    const d = date ?? this.currentDate();
    const report = plannedVsActual(this.dayOf(d), this.zone());
    return { report, csv: plannedVsActualCsv(report), filename: `planned-vs-actual-${d}.csv` };
  }

  // ── operator actions ───────────────────────────────────────────────────────────────────────────────

  startSet(id: string, at: ScheduleInstant | undefined, date: string | undefined, via?: string): ScheduleState {
    const d = this.dateFor(id, date);
    const when = this.instant(at, d, this.clock().now);
    return this.operate(d, `Start ${this.titleOf(d, id)}`, { kind: 'start', entryId: id, at: when }, via);
  }

  endSet(id: string, at: ScheduleInstant | undefined, date: string | undefined, via?: string): ScheduleState {
    const d = this.dateFor(id, date);
    const when = this.instant(at, d, this.clock().now);
    return this.operate(d, `End ${this.titleOf(d, id)}`, { kind: 'end', entryId: id, at: when }, via);
  }

  nextSet(at: ScheduleInstant | undefined, date: string | undefined, via?: string): ScheduleState {
    const d = date ?? this.currentDate();
    return this.operate(d, 'Next', { kind: 'next', at: this.instant(at, d, this.clock().now) }, via);
  }

  editActual(id: string, edit: { actualStart?: ScheduleInstant | null; actualEnd?: ScheduleInstant | null }, date: string | undefined, via?: string): ScheduleState {
    const d = this.dateFor(id, date);
    const entry = this.dayOf(d).entries.find((e) => e.id === id);
    const planned = entry ? plannedTimes(entry, d, this.zone()) : { start: null, end: null };
    const now = this.clock().now;
    const resolve = (v: ScheduleInstant | null | undefined, anchor: number | null) => (v === undefined || v === null ? v : this.instant(v, d, anchor ?? now));
    const action: ScheduleAction = { kind: 'editActual', entryId: id, actualStart: resolve(edit.actualStart, planned.start), actualEnd: resolve(edit.actualEnd, planned.end) };
    return this.operate(d, `Correct the actual times of ${this.titleOf(d, id)}`, action, via);
  }

  undo(date: string | undefined, via?: string): ScheduleState {
    const d = date ?? this.currentDate();
    const step = this.deps.repo.peekUndo(d);
    if (!step) throw new CoreError('conflict', `nothing to undo on ${d}`);
    const before = this.dayOf(d);
    this.deps.repo.applyUndo(d, step.seq, step.day, this.deps.now());
    this.stored(step.day);
    this.note(`Running order ${d}: undone — ${step.label}`, via);
    this.recordSlip(before, step.day);
    this.changed(d);
    return this.state(d);
  }

  // ── editor ─────────────────────────────────────────────────────────────────────────────────────────

  add(entry: EntryInput, index: number | undefined, date: string | undefined): ScheduleState {
    const d = date ?? this.currentDate();
    const full = this.withIds(entry);
    return this.edit(d, `Add ${quoted(full)}`, { kind: 'add', entry: full, index });
  }

  update(id: string, patch: EntryPatchInput, date: string | undefined): ScheduleState {
    const d = this.dateFor(id, date);
    const entry = this.dayOf(d).entries.find((e) => e.id === id);
    if (!entry) throw new CoreError('not_found', `no entry with id "${id}" on ${d}`);
    return this.edit(d, `Edit ${quoted(entry)}`, { kind: 'update', entryId: id, patch: this.patchFor(entry, patch) });
  }

  remove(id: string, date: string | undefined): ScheduleState {
    const d = this.dateFor(id, date);
    return this.edit(d, `Delete ${this.titleOf(d, id)}`, { kind: 'remove', entryId: id });
  }

  move(id: string, toIndex: number, date: string | undefined): ScheduleState {
    const d = this.dateFor(id, date);
    return this.edit(d, `Move ${this.titleOf(d, id)}`, { kind: 'move', entryId: id, toIndex });
  }

  duplicateDay(from: string, to: string, via?: string): ScheduleState {
    const source = this.days.get(from);
    if (!source || source.entries.length === 0) throw new CoreError('not_found', `${from} has no running order to copy`);
    if (this.dayOf(to).entries.length > 0) throw new CoreError('conflict', `${to} already has a running order: clear it first (or pick another date)`);
    const r = duplicateDay(source, to, this.newId);
    const copy = this.ok(r);
    this.commit(this.dayOf(to), copy, `Copy of ${from}`);
    this.note(`Running order ${to}: copied from ${from} (${copy.entries.length} entries)`, via);
    return this.state(to);
  }

  clearDay(date: string, via?: string): ScheduleState {
    const before = this.dayOf(date);
    if (before.entries.length === 0) return this.state(date);
    if (hasRunningSet(before)) throw new CoreError('conflict', `a set is running on ${date}: end it before clearing the day`);
    this.commit(before, { date, entries: [] }, 'Clear the day');
    this.note(`Running order ${date}: cleared (${before.entries.length} entries; undo brings them back)`, via);
    return this.state(date);
  }

  importCsv(csv: string, replace: boolean, via?: string): ScheduleImportOutcome {
    const r = importCsv(csv, this.newId);
    if (!r.ok) return { ok: false, report: r.report };
    const taken = r.days.filter((d) => this.dayOf(d.date).entries.length > 0).map((d) => d.date);
    if (taken.length > 0 && !replace) {
      const which = taken.join(', ');
      throw new CoreError('conflict', `${which} already ${taken.length === 1 ? 'has' : 'have'} a running order: import with replace to overwrite (undo brings it back)`);
    }
    const running = r.days.find((d) => hasRunningSet(this.days.get(d.date)));
    if (running) throw new CoreError('conflict', `a set is running on ${running.date}: end it before replacing that day`);
    const now = this.deps.now();
    this.deps.repo.batch(() => {
      for (const day of r.days) this.deps.repo.saveDay(day, now, { label: 'Import CSV', day: this.dayOf(day.date) });
    });
    for (const day of r.days) {
      this.stored(day);
      this.undoInfo.delete(day.date);
    }
    const days = r.days.map((d) => ({ date: d.date, entries: d.entries.length, replaced: taken.includes(d.date) }));
    this.note(`Running order imported from CSV: ${days.map((d) => `${d.date} (${d.entries} entries${d.replaced ? ', replaced' : ''})`).join(', ')}`, via);
    for (const day of r.days) this.changed(day.date);
    return { ok: true, days };
  }

  /** The running order's part of a show file: every day, with cues and actual times. */
  showPart(): ShowPart<{ days: ScheduleDay[] }> {
    return {
      name: 'schedule',
      export: () => ({ days: this.list().map((s) => this.dayOf(s.date)) }),
      check: (value) => {
        const days = (value as { days?: unknown } | null)?.days;
        if (!Array.isArray(days)) throw new CoreError('invalid', 'the running order part needs a list of days');
        const seen = new Set<string>();
        return {
          days: days.map((raw, i) => {
            const parsed = checkDay(raw);
            if (typeof parsed === 'string') throw new CoreError('invalid', `day ${i + 1}: ${parsed}`, [{ path: `days.${i}`, message: parsed }]);
            if (seen.has(parsed.date)) throw new CoreError('invalid', `${parsed.date} is in the file twice`);
            seen.add(parsed.date);
            return parsed;
          }),
        };
      },
      apply: ({ days }) => {
        const incoming = new Set(days.map((d) => d.date));
        for (const d of this.list()) if (!incoming.has(d.date)) this.commit(this.dayOf(d.date), { date: d.date, entries: [] }, 'Load a show file');
        for (const day of days) this.commit(this.dayOf(day.date), day, 'Load a show file');
      },
    };
  }

  // ── applying changes ───────────────────────────────────────────────────────────────────────────────

  private instant(value: ScheduleInstant | undefined, date: string, anchor: number): number {
    if (value === undefined) return this.clock().now;
    const ms = resolveInstant(value, date, this.zone(), anchor);
    if (ms === null) throw new CoreError('invalid', `"${String(value)}" is not a time: use ISO 8601 with its offset or a local HH:MM[:SS]`, [{ path: 'at', message: 'not a time' }]);
    return ms;
  }

  private titleOf(date: string, id: string): string {
    const e = this.dayOf(date).entries.find((x) => x.id === id);
    return e ? quoted(e) : `"${id}"`;
  }

  private ok(r: ActionResult): ScheduleDay {
    if (!r.ok) throw new CoreError(errorKind[r.error.code], r.error.message);
    return r.day;
  }

  /** An operator action (start/end/next/correct): stored with its undo step, on the timeline, cues checked at once. */
  private operate(date: string, label: string, action: ScheduleAction, via: string | undefined): ScheduleState {
    const before = this.dayOf(date);
    const after = this.ok(applyAction(before, action));
    this.commit(before, after, label);
    const what = this.describeChange(before, after);
    if (what) this.note(`Running order ${date}: ${what}`, via);
    return this.state(date);
  }

  /** An editor action: stored with its undo step (not on the timeline: the show's story is what happened on stage). */
  private edit(date: string, label: string, action: ScheduleAction): ScheduleState {
    const before = this.dayOf(date);
    this.commit(before, this.ok(applyAction(before, action)), label);
    return this.state(date);
  }

  private commit(before: ScheduleDay, after: ScheduleDay, label: string): void {
    this.deps.repo.saveDay(after, this.deps.now(), { label, day: before });
    this.undoInfo.delete(after.date);
    this.stored(after);
    this.recordSlip(before, after);
    this.changed(after.date);
  }

  private stored(day: ScheduleDay): void {
    this.days.set(day.date, day);
    this.undoInfo.delete(day.date);
    this.revision++;
  }

  /** After a change: the current day is re-projected (cues due now fire at once); another day is announced once. */
  private changed(date: string): void {
    const current = this.currentDate();
    if (this.running) this.tick();
    else if (date === current) this.deps.hub.publish('schedule.changed', date, this.state(date));
    if (date !== current) this.deps.hub.publish('schedule.changed', date, this.state(date));
  }

  private withIds(entry: EntryInput): ScheduleEntry {
    const id = this.newId();
    if (entry.type === 'delay') return { ...entry, id };
    const cues = entry.cues.map((c): Cue => ({ ...c, id: c.id ?? this.newId() }));
    if (entry.type === 'set') return { ...entry, id, cues, actualStart: null, actualEnd: null };
    return { ...entry, id, cues };
  }

  /** A patch as the reducer takes it: fields checked against the entry's type, null → removed, cue ids made. */
  private patchFor(entry: ScheduleEntry, patch: EntryPatchInput): EntryPatch {
    const allowed: Record<ScheduleEntry['type'], readonly string[]> = {
      set: ['title', 'plannedStart', 'plannedDurationMin', 'plannedEnd', 'changeoverAfterMin', 'notes', 'colour', 'cues'],
      milestone: ['title', 'plannedStart', 'notes', 'colour', 'cues'],
      curfew: ['title', 'plannedStart', 'notes', 'colour', 'cues'],
      delay: ['title', 'minutes', 'notes'],
    };
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (!allowed[entry.type].includes(key)) throw new CoreError('invalid', `a ${entry.type} has no ${key}`, [{ path: `patch.${key}`, message: `a ${entry.type} has no ${key}` }]);
      if (key === 'cues') out.cues = (value as EntryPatchInput['cues'] & object).map((c): Cue => ({ ...c, id: c.id ?? this.newId() }));
      // null clears: an optional duration/end goes away; a colour becomes null (no colour), which the model keeps.
      else out[key] = value === null && (key === 'plannedDurationMin' || key === 'plannedEnd') ? undefined : value;
    }
    // Switching a set between a duration and an end: giving one drops the other.
    if (entry.type === 'set') {
      if (patch.plannedEnd != null && patch.plannedDurationMin === undefined) out.plannedDurationMin = undefined;
      if (patch.plannedDurationMin != null && patch.plannedEnd === undefined) out.plannedEnd = undefined;
    }
    return out as EntryPatch;
  }

  /** "“A” ended 19:05:00 (+5 min); “B” started 19:05:00 (12 min late)" — what an operator action changed. */
  private describeChange(before: ScheduleDay, after: ScheduleDay): string {
    const zone = this.zone();
    const parts: string[] = [];
    for (const e of after.entries) {
      if (e.type !== 'set') continue;
      const was = before.entries.find((b) => b.id === e.id) as SetEntry | undefined;
      const planned = plannedTimes(e, after.date, zone);
      if (e.actualEnd !== (was?.actualEnd ?? null)) parts.push(e.actualEnd === null ? `${quoted(e)} end cleared` : `${quoted(e)} ended ${localClock(e.actualEnd, zone, true)} (${slipText(e.actualEnd - planned.end!)})`);
      if (e.actualStart !== (was?.actualStart ?? null))
        parts.push(e.actualStart === null ? `${quoted(e)} start cleared` : `${quoted(e)} started ${localClock(e.actualStart, zone, true)} (${slipText(e.actualStart - planned.start!)})`);
    }
    // Ends first reads as the stage does it: one set off, the next one on.
    return parts.sort((a, b) => Number(a.includes(' started ')) - Number(b.includes(' started '))).join('; ');
  }

  private note(message: string, via: string | undefined): void {
    this.deps.timeline.record({ kind: 'operator', severity: 'info', deviceId: null, message: via ? `${message} (via ${via})` : message });
  }

  /** Each set's start slip, as a reading of the day's `slip` series (minutes, at the actual start). */
  private recordSlip(before: ScheduleDay, after: ScheduleDay): void {
    const zone = this.zone();
    const samples = [];
    for (const e of after.entries) {
      if (e.type !== 'set' || e.actualStart === null) continue;
      const was = before.entries.find((b) => b.id === e.id);
      if (was?.type === 'set' && was.actualStart === e.actualStart) continue;
      const planned = plannedTimes(e, after.date, zone).start!;
      samples.push({ metric: 'slip', unit: 'min', value: Math.round((e.actualStart - planned) / 6000) / 10, ts: e.actualStart });
    }
    if (samples.length === 0) return;
    const id = `schedule:${after.date}`;
    try {
      // live: false — a slip is a point per set, not a stream: it is stored and charted, never "lost" between sets.
      this.deps.sink.ingest({ id, kind: 'other', model: 'Running order', source: 'schedule' }, samples, { live: false });
      this.deps.sink.suggestName(id, { name: `Running order ${after.date}`, room: 'Schedule' });
    } catch (error) {
      this.ctx?.logger.warn('could not record the slip', { error });
    }
  }

  private seedDemo(config: ScheduleConfig): void {
    if (!config.demo) return;
    const now = this.clock().now;
    const date = this.currentDate(now);
    if (this.dayOf(date).entries.length > 0) return;
    const day = demoDay(date, now, this.zone(), this.newId);
    this.deps.repo.saveDay(day, this.deps.now());
    this.stored(day);
    this.deps.timeline.record({ kind: 'system', severity: 'info', deviceId: null, message: `Schedule: the demo site added a sample running order for ${date}` });
  }

  // ── the clock tick: projection, cues, the live topic ──────────────────────────────────────────────

  private tick(): void {
    if (!this.running) return;
    clearTimeout(this.tickTimer);
    clearTimeout(this.cueTimer);
    try {
      const state = this.state();
      this.checkCues(state.day, state.view, state.clock.now);
      // Firing may have changed nothing in the day, but the view is sent fresh every second anyway.
      this.deps.hub.publish('schedule.changed', state.date, state);
      this.reportHealth(state);
      this.armCueTimer(state);
    } catch (error) {
      this.ctx?.logger.error('running order tick failed', { error });
    }
    const now = this.deps.now();
    // On the second boundary, so clocks on every screen turn over together.
    this.tickTimer = setTimeout(() => this.tick(), 1000 - (now % 1000) + 2);
    this.tickTimer.unref();
  }

  private armCueTimer(state: ScheduleState): void {
    const next = nextCueDue(state.view, cuesOf(state.day), this.handled, state.clock.now);
    if (next === null || next - state.clock.now >= 1000) return;
    this.cueTimer = setTimeout(() => this.tick(), Math.max(0, next - state.clock.now) + 1);
    this.cueTimer.unref();
  }

  private checkCues(day: ScheduleDay, view: ScheduleView, now: number): void {
    const { fire, missed } = dueCues(view, cuesOf(day), this.handled, now, this.lastCheckedAt, { toleranceMs: this.cfg().cueToleranceS * 1000 });
    this.lastCheckedAt = now;
    for (const m of missed) this.reportMissed(day, m, now);
    for (const f of fire) {
      // Marked before it runs: a crash mid-GO must not fire it a second time after the restart.
      this.handled.add(f.key);
      this.deps.repo.markHandled({ key: f.key, date: day.date, outcome: 'fired', dueAt: f.dueAt, at: now });
      const job = this.fire(day, f).finally(() => this.firing.delete(job));
      this.firing.add(job);
    }
  }

  private cueLabel(day: ScheduleDay, due: DueCue): string {
    const entry = day.entries.find((e) => e.id === due.entryId);
    return `${entry ? quoted(entry) : due.entryId} ${describeTrigger(due.cue.trigger)}`;
  }

  private async fire(day: ScheduleDay, due: DueCue): Promise<void> {
    const label = this.cueLabel(day, due);
    const action = due.cue.action;
    const result = await runCueAction(action, this.deps.targets);
    try {
      if (action.type === 'alert') {
        this.deps.timeline.record({ kind: 'alert.raised', severity: action.severity, deviceId: null, message: `${action.message} (running order cue: ${label})` });
        return;
      }
      if (!result.ok) this.deps.repo.setOutcome(due.key, 'failed');
      this.deps.timeline.record({ kind: 'system', severity: result.ok ? 'info' : 'warn', deviceId: null, message: `Running order cue: ${label} → ${result.text}` });
    } catch (error) {
      this.ctx?.logger.error('could not record a cue firing', { error, key: due.key });
    }
  }

  private reportMissed(day: ScheduleDay, m: MissedCue, now: number): void {
    this.handled.add(m.key);
    this.deps.repo.markHandled({ key: m.key, date: day.date, outcome: 'missed', dueAt: m.dueAt, at: now });
    const when = localClock(m.dueAt, this.zone(), true);
    const why = m.reason === 'not-checked' ? 'while the console was not running' : '— its time moved into the past (an edit or a backdated time)';
    this.deps.timeline.record({
      kind: 'system',
      severity: 'warn',
      deviceId: null,
      message: `Running order cue missed: ${this.cueLabel(day, m)} → ${describeAction(m.cue.action, this.deps.targets)} was due at ${when} ${why}; not fired late`,
    });
  }

  private reportHealth(state: ScheduleState): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const cfg = this.cfg();
    if (cfg.zone !== '' && !isValidTimeZone(cfg.zone)) return ctx.report('degraded', `unknown time zone "${cfg.zone}": using this computer’s (${systemTimeZone()})`);
    if (state.clock.lost)
      return ctx.report(
        'degraded',
        state.clock.lostForMs === null ? 'waiting for Art-Net timecode — on this computer’s clock meanwhile' : 'Art-Net timecode lost — on this computer’s clock meanwhile',
      );
    const sets = state.day.entries.filter((e) => e.type === 'set').length;
    const curfew = state.view.curfew === null ? '' : `, curfew ${localClock(state.view.curfew, state.view.zone)}`;
    const source = cfg.timeSource === 'artnet-timecode' ? ' on Art-Net timecode' : '';
    ctx.report('ok', sets === 0 ? `no running order for ${state.date}${source}` : `${state.date}: ${sets} set${sets === 1 ? '' : 's'}${curfew}${source}`);
  }
}

/** A day from a show file, checked against the contract: the reason it is not one, or the day. */
function checkDay(raw: unknown): ScheduleDay | string {
  const r = ScheduleDay.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  return issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message;
}
