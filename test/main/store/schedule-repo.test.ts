import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../main/store/db.ts';
import { ScheduleRepo } from '../../../main/store/schedule-repo.ts';
import { useTempDirs } from '../../helpers/tmp.ts';
import { bst, day, set } from '../schedule/builders.ts';

describe('running order store', () => {
  const tempDir = useTempDirs();

  it('keeps days in running order, undo steps and handled cues across a reopen', () => {
    const file = join(tempDir(), 'show.db');
    const db = openDatabase(file);
    const repo = new ScheduleRepo(db);
    const before = day([set('B', '19:00', 60), set('A', '18:00', 45)]);
    const after = day([set('B', '19:00', 60), set('A', '18:00', 45, { actualStart: bst(18, 5), actualEnd: null })]);
    repo.saveDay(before, 1);
    repo.saveDay(after, 2, { label: 'Start “A”', day: before });
    expect(repo.markHandled({ key: '2026-07-04/B/x', date: '2026-07-04', outcome: 'fired', dueAt: 5, at: 6 })).toBe(true);
    expect(repo.markHandled({ key: '2026-07-04/B/x', date: '2026-07-04', outcome: 'missed', dueAt: 5, at: 7 })).toBe(false);
    db.close();

    const again = new ScheduleRepo(openDatabase(file));
    expect(again.loadDays()).toEqual([after]);
    expect(again.undoInfo('2026-07-04')).toEqual({ steps: 1, last: 'Start “A”' });
    const step = again.peekUndo('2026-07-04')!;
    expect(step.day).toEqual(before);
    again.applyUndo('2026-07-04', step.seq, step.day, 3);
    expect(again.loadDays()).toEqual([before]);
    expect(again.undoInfo('2026-07-04')).toEqual({ steps: 0, last: null });
    expect(again.handledCues()).toEqual([{ key: '2026-07-04/B/x', date: '2026-07-04', outcome: 'fired', dueAt: 5, at: 6 }]);
  });

  it('keeps at most the undo limit per day, dropping the oldest', () => {
    const repo = new ScheduleRepo(openDatabase(join(tempDir(), 'show.db')), { undoLimit: 3 });
    for (let i = 1; i <= 5; i++) repo.saveDay(day([set('A', '18:00', 40 + i)]), i, { label: `step ${i}`, day: day([set('A', '18:00', 40 + i - 1)]) });
    expect(repo.undoInfo('2026-07-04')).toEqual({ steps: 3, last: 'step 5' });
  });

  it('a stored entry that no longer parses is skipped and reported, never fatal', () => {
    const db = openDatabase(join(tempDir(), 'show.db'));
    const bad: string[] = [];
    const repo = new ScheduleRepo(db, { onInvalid: (date, id) => bad.push(`${date}/${id}`) });
    repo.saveDay(day([set('A', '18:00', 45), set('B', '19:00', 60)]), 1);
    db.prepare("UPDATE schedule_entries SET data = '{\"id\":\"B\",\"type\":\"set\"}' WHERE id = 'B'").run();
    db.prepare("UPDATE schedule_entries SET data = 'not json' WHERE id = 'A'").run();
    expect(repo.loadDays()).toEqual([{ date: '2026-07-04', entries: [] }]);
    expect(bad).toEqual(['2026-07-04/A', '2026-07-04/B']);
  });
});
