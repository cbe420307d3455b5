import { describe, expect, it } from 'vitest';
import { exportCsv, importCsv, inferDayClocks, parseCsvRecords } from '../../../main/schedule/csv.ts';
import { ScheduleDay, type CsvImportResult, type CsvProblem } from '../../../preload/contract/schedule.ts';
import { curfew, day, delay, milestone, set } from './builders.ts';

const HEADER = 'day,type,title,start,duration,changeover,notes';

function ids() {
  let n = 0;
  return () => `e${++n}`;
}

function okDays(r: CsvImportResult) {
  if (!r.ok) throw new Error(`expected an import, got ${JSON.stringify(r.report)}`);
  return r.days;
}

function report(r: CsvImportResult): CsvProblem[] {
  if (r.ok) throw new Error('expected a report');
  return r.report;
}

describe('parseCsvRecords (RFC 4180)', () => {
  it('quoted commas, doubled quotes and line breaks inside quotes; records numbered like spreadsheet rows', () => {
    const text = 'a,"b,c","say ""hi"""\r\n"line1\nline2",x,\n\nlast,"",end';
    expect(parseCsvRecords(text)).toEqual({
      records: [
        { row: 1, fields: ['a', 'b,c', 'say "hi"'] },
        { row: 2, fields: ['line1\nline2', 'x', ''] },
        { row: 3, fields: [''] },
        { row: 4, fields: ['last', '', 'end'] },
      ],
      problems: [],
    });
  });

  it('LF, CRLF and lone CR all end a record; a final line break opens no record; a BOM is skipped', () => {
    expect(parseCsvRecords('\uFEFFa,b\nc,d\r\ne,f\rg,h\r\n').records.map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
    expect(parseCsvRecords('').records).toEqual([]);
  });

  it('reports a stray quote, text after a closing quote and an unclosed quote', () => {
    expect(parseCsvRecords('a,b"c\nok').problems).toEqual([{ row: 1, message: expect.stringContaining('quote inside an unquoted field') }]);
    expect(parseCsvRecords('x\n"a"b,c').problems).toEqual([{ row: 2, message: expect.stringContaining('after a closing quote') }]);
    expect(parseCsvRecords('x\ny\n"never closed,\nmore').problems).toEqual([{ row: 3, message: expect.stringContaining('never closed') }]);
  });
});

describe('importCsv: good files', () => {
  it('imports several days in date order, with quoting, CRLF, a BOM and blank lines', () => {
    const csv = [
      `\uFEFF${HEADER}`,
      '2026-07-05,set,Sunday Opener,14:00,40,20,',
      '',
      '2026-07-04,milestone,Doors,17:00,,,Gates A and B',
      '2026-07-04,set,"Band, The",18:00,45,15,"He said ""loud""\nSecond line"',
      '2026-07-04, SET ,Headliner,21:30,90,0,',
      '2026-07-04,curfew,,23:00,,,',
    ].join('\r\n');
    const days = okDays(importCsv(csv, ids()));
    expect(days.map((d) => d.date)).toEqual(['2026-07-04', '2026-07-05']);
    expect(days[0]!.entries).toEqual([
      milestone('e1', '17:00', { title: 'Doors', notes: 'Gates A and B' }),
      set('e2', '18:00', 45, { title: 'Band, The', changeoverAfterMin: 15, notes: 'He said "loud"\nSecond line' }),
      set('e3', '21:30', 90, { title: 'Headliner' }),
      curfew('e4', '23:00', { title: 'Curfew' }),
    ]);
    expect(days[1]!.entries).toEqual([set('e5', '14:00', 40, { title: 'Sunday Opener', changeoverAfterMin: 20 })]);
    for (const d of days) expect(ScheduleDay.safeParse(d).success).toBe(true);
  });

  it('a start earlier than the row above is after midnight; the curfew goes after the first start', () => {
    const csv = [HEADER, '2026-07-04,curfew,Curfew,00:30,,,', '2026-07-04,set,Late,23:30,90,0,', '2026-07-04,set,Later,1:00,30,,', '2026-07-04,milestone,Lights out,01:45,,,'].join('\n');
    const [d] = okDays(importCsv(csv, ids()));
    expect(d!.entries.map((e) => (e.type === 'delay' ? '' : e.plannedStart))).toEqual(['24:30', '23:30', '25:00', '25:45']);
    const early = okDays(importCsv([HEADER, '2026-07-04,curfew,Curfew,23:00,,,', '2026-07-04,set,A,18:00,60,,'].join('\n'), ids()));
    expect(early[0]!.entries[0]).toMatchObject({ type: 'curfew', plannedStart: '23:00' });
  });

  it('an empty file with only the header imports no days', () => {
    expect(importCsv(`${HEADER}\r\n`, ids())).toEqual({ ok: true, days: [] });
  });

  it('inferDayClocks: equal times stay on the same day; a second midnight is flagged', () => {
    expect(inferDayClocks([{ type: 'set', start: 600 }, { type: 'set', start: 600 }, { type: 'set', start: 30 }])).toEqual({ minutes: [600, 600, 1470], twice: [] });
    expect(inferDayClocks([{ type: 'set', start: 1380 }, { type: 'set', start: 60 }, { type: 'set', start: 30 }]).twice).toEqual([2]);
  });
});

describe('importCsv: bad files are reported per row and import nothing', () => {
  it('wrong header', () => {
    expect(report(importCsv('day,type,name,start,duration,changeover,notes\n2026-07-04,set,A,18:00,45,,', ids()))).toEqual([
      { row: 1, message: 'wrong header: column 3 is "name" where "title" is expected; the first row must be the header day,type,title,start,duration,changeover,notes' },
    ]);
    expect(report(importCsv('day,type,title,start\n', ids()))[0]!.message).toContain('column 5 "duration" is missing');
    expect(report(importCsv(`${HEADER},extra\n`, ids()))[0]!.message).toContain('8 columns instead of 7');
    expect(report(importCsv('', ids()))[0]!.message).toContain('the file is empty');
  });

  it('every kind of bad row, each with its row and column, and nothing imported', () => {
    const csv = [
      HEADER,
      '2026-07-04,set,Good,18:00,45,15,', // 2 fine
      '2026-07-04,set,Bad time,25:99,45,,', // 3
      '2026-07-04,set,Words,19:00,forty,,', // 4
      '2026-07-04,set,Negative,19:30,-5,,', // 5
      '2026-07-04,set,Fraction,20:00,4.5,,', // 6
      '2026-07-04,gig,Unknown,20:30,30,,', // 7
      '2026-07-04,set,,21:00,30,,', // 8
      '2026-07-04,set,good,18:00,45,15,', // 9 duplicate of 2 (title case ignored)
      '2026-07-04,curfew,Curfew,23:00,,,', // 10
      '2026-07-04,curfew,Curfew 2,23:30,,,', // 11 second curfew
      '2026-02-30,set,No such day,18:00,45,,', // 12
      '04/07/2026,set,US date,18:00,45,,', // 13
      '2026-07-04,set,Too few,18:00', // 14
      '2026-07-04,milestone,Doors,17:00,30,,', // 15
      '2026-07-04,set,Missing duration,22:00,,,', // 16
      '2026-07-04,set,Seven,noon,45,,', // 17
      '2026-07-04,set,Long,12:00,2000,,', // 18
      '2026-07-04,set,Bad changeover,12:30,30,x,', // 19
    ].join('\n');
    const r = importCsv(csv, ids());
    expect(r.ok).toBe(false);
    expect(report(r)).toEqual([
      { row: 3, column: 'start', message: 'impossible time "25:99": hours go 00–23 and minutes 00–59' },
      { row: 4, column: 'duration', message: 'the duration "forty" is not a number of minutes' },
      { row: 5, column: 'duration', message: 'the duration cannot be negative (-5)' },
      { row: 6, column: 'duration', message: 'the duration must be whole minutes (4.5)' },
      { row: 7, column: 'type', message: 'unknown type "gig": expected set, milestone or curfew' },
      { row: 8, column: 'title', message: 'the title is missing' },
      { row: 9, message: 'duplicate of row 2: same day, type, title and start' },
      { row: 11, column: 'type', message: 'a second curfew on 2026-07-04 (the first is on row 10): a day has one curfew' },
      { row: 12, column: 'day', message: '2026-02-30 does not exist' },
      { row: 13, column: 'day', message: '"04/07/2026" is not a date: expected YYYY-MM-DD, e.g. 2026-07-04' },
      { row: 14, message: 'expected 7 columns (day,type,title,start,duration,changeover,notes), found 4' },
      { row: 15, column: 'duration', message: 'a milestone is a point in time: leave the duration empty' },
      { row: 16, column: 'duration', message: 'the duration is missing: a set needs its length in minutes' },
      { row: 17, column: 'start', message: '"noon" is not a time: expected HH:MM, e.g. 19:30' },
      { row: 18, column: 'duration', message: 'the duration 2000 is more than 24 hours (1440 minutes)' },
      { row: 19, column: 'changeover', message: 'the changeover "x" is not a number of minutes' },
    ]);
  });

  it('one bad row among good ones still imports nothing; several problems in a row are all listed', () => {
    const r = importCsv([HEADER, '2026-07-04,set,A,18:00,45,,', '2026-07-04,party,,9am,-1,,'].join('\n'), ids());
    expect(report(r).map((p) => [p.row, p.column])).toEqual([
      [3, 'type'],
      [3, 'title'],
      [3, 'start'],
    ]);
  });

  it('quoting errors and a second midnight are reported', () => {
    expect(report(importCsv(`${HEADER}\n2026-07-04,set,"Open,18:00,45,,`, ids()))).toEqual([{ row: 2, message: 'a quoted field is never closed: a " is missing' }]);
    expect(report(importCsv(`${HEADER}\n2026-07-04,set,Bad"quote,18:00,45,,`, ids()))[0]).toMatchObject({ row: 2 });
    const twice = [HEADER, '2026-07-04,set,A,22:00,60,,', '2026-07-04,set,B,01:00,60,,', '2026-07-04,set,C,00:30,60,,'].join('\n');
    expect(report(importCsv(twice, ids()))).toEqual([{ row: 4, column: 'start', message: '00:30 would be a second midnight crossing on 2026-07-04: rows of a day go in running order' }]);
  });
});

describe('exportCsv', () => {
  it('writes the import format with CRLF, quoting only where needed, times as plain HH:MM', () => {
    const d = day([
      milestone('m', '17:00', { title: 'Doors' }),
      set('a', '18:00', 45, { title: 'Band, The', changeoverAfterMin: 15, notes: 'say "hi"\nok' }),
      delay('hold', 10),
      set('b', '23:30', 0, { title: 'Late', plannedDurationMin: undefined, plannedEnd: '01:00' }),
      set('c', '25:15', 30, { title: 'After' }),
      curfew('cf', '26:00'),
    ]);
    expect(exportCsv([d])).toBe(
      [
        HEADER,
        '2026-07-04,milestone,Doors,17:00,,,',
        '2026-07-04,set,"Band, The",18:00,45,15,"say ""hi""\nok"',
        '2026-07-04,set,Late,23:30,90,0,',
        '2026-07-04,set,After,01:15,30,0,',
        '2026-07-04,curfew,Curfew,02:00,,,',
        '',
      ].join('\r\n'),
    );
  });

  it('re-imports to the same days (delay blocks are not part of the format)', () => {
    const d = day([milestone('m', '17:00'), set('a', '18:00', 45, { changeoverAfterMin: 15, notes: ' spaced ' }), set('b', '23:30', 90), set('c', '25:15', 30), curfew('cf', '26:00')]);
    const again = okDays(importCsv(exportCsv([d]), () => 'x'));
    const strip = (days: ScheduleDay[]) => days.map((x) => ({ ...x, entries: x.entries.map((e) => ({ ...e, id: '' })) }));
    expect(strip(again)).toEqual(strip([d]));
  });
});
