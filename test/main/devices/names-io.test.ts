import { describe, expect, it } from 'vitest';
import { formatNamesCsv, parseNamesCsv, parseNamesJson, splitCsv } from '../../../main/devices/names-io.ts';

describe('names CSV', () => {
  it('splits RFC 4180 records: quotes, doubled quotes, separators and line breaks inside quotes, CRLF', () => {
    expect(splitCsv('a,"b,c","d ""e""",\r\n"x\ny",z', ',')).toEqual([
      { cells: ['a', 'b,c', 'd "e"', ''], line: 1 },
      { cells: ['x\ny', 'z'], line: 2 },
    ]);
  });

  it('reads id,name,room without a header; empty = unchanged, "-" clears; blank and # lines are skipped', () => {
    const r = parseNamesCsv('ble:A4:C1:38:DD:DB:F8,Stage left,Stage\n\n# a comment\nmqtt:rack-2,,-\n');
    expect(r).toEqual({ ok: true, rows: [{ line: 1, id: 'ble:A4:C1:38:DD:DB:F8', name: 'Stage left', room: 'Stage' }, { line: 4, id: 'mqtt:rack-2', room: '' }] });
  });

  it('honours a header in any column order, semicolons (Excel), a BOM', () => {
    expect(parseNamesCsv('\ufeffroom;id;name\r\nBar;govee:1;Fridge\r\n')).toEqual({ ok: true, rows: [{ line: 2, id: 'govee:1', name: 'Fridge', room: 'Bar' }] });
  });

  it('refuses with the line and what to fix', () => {
    expect(parseNamesCsv('id,name,colour\na,b,c')).toEqual({ ok: false, issues: [{ line: 1, message: 'unknown column "colour": the columns are id, name, room, notes' }] });
    expect(parseNamesCsv('a,b,c,d,e')).toMatchObject({ ok: false, issues: [{ line: 1, message: expect.stringContaining('5 cells, but only 4 columns') }] });
    expect(parseNamesCsv('a,x\nb,y\na,z')).toEqual({ ok: false, issues: [{ line: 3, message: 'a is already on line 1' }] });
    expect(parseNamesCsv(`a,${'n'.repeat(65)}`)).toEqual({ ok: false, issues: [{ line: 1, message: 'name is longer than 64 characters' }] });
    expect(parseNamesCsv(',x')).toEqual({ ok: false, issues: [{ line: 1, message: 'no device id in the first column' }] });
    expect(parseNamesCsv('\n\n')).toEqual({ ok: false, issues: [{ line: 1, message: 'no rows: expect id,name,room,notes (one device per line)' }] });
  });

  it('what it writes, it reads back the same', () => {
    const rows = [
      { id: 'ble:1', name: 'Stage left, "upstage"', room: 'Stage', notes: 'line one\nline two' },
      { id: 'ble:2', name: ' spaced ', room: null, notes: '#hashtag' },
    ];
    const back = parseNamesCsv(formatNamesCsv(rows));
    expect(back).toEqual({
      ok: true,
      rows: [
        { line: 2, id: 'ble:1', name: 'Stage left, "upstage"', room: 'Stage', notes: 'line one\nline two' },
        { line: 4, id: 'ble:2', name: 'spaced', notes: '#hashtag' },
      ],
    });
  });
});

describe('names JSON', () => {
  it('takes {devices:[…]} or a bare list; null clears, absent keeps', () => {
    expect(parseNamesJson('{"devices":[{"id":"a","name":"A","room":null}]}')).toEqual({ ok: true, rows: [{ line: 1, id: 'a', name: 'A', room: '' }] });
    expect(parseNamesJson('[{"id":"b","notes":"n"}]')).toEqual({ ok: true, rows: [{ line: 1, id: 'b', notes: 'n' }] });
  });
  it('refuses what it cannot use, saying where', () => {
    expect(parseNamesJson('{"devices": 3}')).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('expected {"devices"') }] });
    expect(parseNamesJson('[{"name":"x"}]')).toEqual({ ok: false, issues: [{ line: 1, message: 'item 1: has no "id" text' }] });
    expect(parseNamesJson('{"devices":[')).toMatchObject({ ok: false, issues: [{ line: 1, message: expect.stringContaining('not valid JSON') }] });
  });
});
