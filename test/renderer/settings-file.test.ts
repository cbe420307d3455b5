import { describe, expect, it } from 'vitest';
import { exportFileName, parseSettingsFile } from '../../renderer/src/lib/settings-file.ts';

describe('parseSettingsFile', () => {
  it('accepts a JSON object as is', () => {
    expect(parseSettingsFile('{"site":{"name":"Main stage"}}', 'a.json')).toEqual({ ok: true, value: { site: { name: 'Main stage' } } });
  });

  it('rejects a file that is not JSON with a message naming it, and says nothing changed', () => {
    const r = parseSettingsFile('site: name', 'notes.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('“notes.txt” is not a JSON file. Nothing was changed.');
  });

  it('rejects JSON that is not an object', () => {
    for (const text of ['[1,2]', '42', 'null', '"x"']) {
      const r = parseSettingsFile(text, 'f.json');
      expect(r.ok, text).toBe(false);
    }
  });
});

describe('exportFileName', () => {
  it('slugs the site name and dates the file', () => {
    const ts = new Date(2025, 5, 14, 21, 0).getTime();
    expect(exportFileName('Main Stage — Glastonbury!', ts)).toBe('main-stage-glastonbury-settings-2025-06-14.json');
    expect(exportFileName('***', ts)).toBe('showsite-settings-2025-06-14.json');
  });
});
