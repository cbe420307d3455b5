import { ScheduleEntry, type ScheduleDay } from '../../preload/contract/schedule.ts';
import type { Db } from './db.ts';

/** A cue occurrence dealt with: fired (or tried: `failed`), or reported missed. Never dealt with twice. */
export type HandledOutcome = 'fired' | 'failed' | 'missed';

export interface HandledCue {
  key: string;
  date: string;
  outcome: HandledOutcome;
  dueAt: number;
  at: number;
}

/** One undo step: the day as it was before an action, and what the action was. */
export interface UndoStep {
  label: string;
  day: ScheduleDay;
}

export interface ScheduleRepoOptions {
  /** A stored entry that no longer parses (hand-edited, or from a newer build): skipped, reported here. */
  onInvalid?: (date: string, id: string, issues: string) => void;
  /** Undo steps kept per day (oldest dropped). */
  undoLimit?: number;
}

/**
 * The running order in SQLite: days, their entries in running order (one JSON row each, validated when
 * read), the undo steps of each day, and the cue occurrences already fired or reported missed. A day and
 * its undo step are written in one transaction, so a crash never leaves an undo that does not match.
 */
export class ScheduleRepo {
  private readonly db: Db;
  private readonly options: ScheduleRepoOptions;
  private readonly undoLimit: number;
  private readonly stmts;

  constructor(db: Db, options: ScheduleRepoOptions = {}) {
    this.db = db;
    this.options = options;
    this.undoLimit = Math.max(1, options.undoLimit ?? 50);
    this.stmts = {
      days: db.prepare<[], { date: string }>('SELECT date FROM schedule_days ORDER BY date'),
      entries: db.prepare<[string], { id: string; data: string }>('SELECT id, data FROM schedule_entries WHERE date = ? ORDER BY position'),
      upsertDay: db.prepare<[string, number]>('INSERT INTO schedule_days (date, updated_at) VALUES (?, ?) ON CONFLICT(date) DO UPDATE SET updated_at = excluded.updated_at'),
      clearEntries: db.prepare<[string]>('DELETE FROM schedule_entries WHERE date = ?'),
      insertEntry: db.prepare<[string, string, number, string]>('INSERT INTO schedule_entries (date, id, position, data) VALUES (?, ?, ?, ?)'),
      undoTop: db.prepare<[string], { seq: number; label: string; data: string }>('SELECT seq, label, data FROM schedule_undo WHERE date = ? ORDER BY seq DESC LIMIT 1'),
      undoCount: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM schedule_undo WHERE date = ?'),
      undoLabel: db.prepare<[string], { label: string }>('SELECT label FROM schedule_undo WHERE date = ? ORDER BY seq DESC LIMIT 1'),
      undoMax: db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM schedule_undo WHERE date = ?'),
      undoInsert: db.prepare<[string, number, string, string, number]>('INSERT INTO schedule_undo (date, seq, label, data, at) VALUES (?, ?, ?, ?, ?)'),
      undoDelete: db.prepare<[string, number]>('DELETE FROM schedule_undo WHERE date = ? AND seq = ?'),
      undoPrune: db.prepare<[string, number]>('DELETE FROM schedule_undo WHERE date = ? AND seq <= ?'),
      handled: db.prepare<[], { key: string; date: string; outcome: HandledOutcome; due_at: number; at: number }>('SELECT key, date, outcome, due_at, at FROM schedule_cues'),
      markHandled: db.prepare<[string, string, string, number, number]>('INSERT OR IGNORE INTO schedule_cues (key, date, outcome, due_at, at) VALUES (?, ?, ?, ?, ?)'),
      setOutcome: db.prepare<[string, string]>('UPDATE schedule_cues SET outcome = ? WHERE key = ?'),
    };
  }

  /** Every stored day, entries in running order. */
  loadDays(): ScheduleDay[] {
    return this.stmts.days.all().map(({ date }) => ({ date, entries: this.loadEntries(date) }));
  }

  private loadEntries(date: string): ScheduleDay['entries'] {
    const entries: ScheduleDay['entries'] = [];
    for (const row of this.stmts.entries.all(date)) {
      let parsed: ReturnType<typeof ScheduleEntry.safeParse>;
      try {
        parsed = ScheduleEntry.safeParse(JSON.parse(row.data));
      } catch {
        this.options.onInvalid?.(date, row.id, 'not JSON');
        continue;
      }
      if (parsed.success) entries.push(parsed.data);
      else this.options.onInvalid?.(date, row.id, parsed.error.issues.map((i) => i.message).join('; '));
    }
    return entries;
  }

  /** Store a day whole (its entries replace what was there) and, in the same transaction, an undo step. */
  saveDay(day: ScheduleDay, now: number, undo?: UndoStep): void {
    this.db.transaction(() => {
      if (undo) this.pushUndo(day.date, undo, now);
      this.stmts.upsertDay.run(day.date, now);
      this.stmts.clearEntries.run(day.date);
      day.entries.forEach((e, position) => this.stmts.insertEntry.run(day.date, e.id, position, JSON.stringify(e)));
    })();
  }

  private pushUndo(date: string, step: UndoStep, now: number): void {
    const seq = (this.stmts.undoMax.get(date)?.seq ?? 0) + 1;
    this.stmts.undoInsert.run(date, seq, step.label, JSON.stringify(step.day), now);
    this.stmts.undoPrune.run(date, seq - this.undoLimit);
  }

  /** The newest undo step of a day, without taking it. Steps that no longer parse are dropped. */
  peekUndo(date: string): (UndoStep & { seq: number }) | null {
    for (;;) {
      const row = this.stmts.undoTop.get(date);
      if (!row) return null;
      const day = parseDay(row.data);
      if (day) return { seq: row.seq, label: row.label, day };
      this.options.onInvalid?.(date, `undo ${row.seq}`, 'an undo step no longer parses');
      this.stmts.undoDelete.run(date, row.seq);
    }
  }

  /** How many undo steps a day has and what the newest one undoes (without reading the days). */
  undoInfo(date: string): { steps: number; last: string | null } {
    return { steps: this.stmts.undoCount.get(date)?.n ?? 0, last: this.stmts.undoLabel.get(date)?.label ?? null };
  }

  /** Run several writes as one transaction (an import of several days). */
  batch(fn: () => void): void {
    this.db.transaction(fn)();
  }

  /** Go back one step: the day as it was is stored and the step removed, in one transaction. */
  applyUndo(date: string, seq: number, day: ScheduleDay, now: number): void {
    this.db.transaction(() => {
      this.stmts.undoDelete.run(date, seq);
      this.saveDay(day, now);
    })();
  }

  handledCues(): HandledCue[] {
    return this.stmts.handled.all().map((r) => ({ key: r.key, date: r.date, outcome: r.outcome, dueAt: r.due_at, at: r.at }));
  }

  /** Record a cue occurrence as dealt with; false if it already was (the first record wins). */
  markHandled(cue: HandledCue): boolean {
    return this.stmts.markHandled.run(cue.key, cue.date, cue.outcome, cue.dueAt, cue.at).changes > 0;
  }

  setOutcome(key: string, outcome: HandledOutcome): void {
    this.stmts.setOutcome.run(outcome, key);
  }
}

function parseDay(text: string): ScheduleDay | null {
  try {
    const raw = JSON.parse(text) as { date?: unknown; entries?: unknown };
    if (typeof raw.date !== 'string' || !Array.isArray(raw.entries)) return null;
    const entries: ScheduleDay['entries'] = [];
    for (const e of raw.entries) {
      const parsed = ScheduleEntry.safeParse(e);
      if (!parsed.success) return null;
      entries.push(parsed.data);
    }
    return { date: raw.date, entries };
  } catch {
    return null;
  }
}
