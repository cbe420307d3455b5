import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods, SettingsPatch } from '../../preload/contract/index.ts';
import { invalidParams } from '../../main/api/errors.ts';
import { ApiError } from '../../renderer/src/api/errors.ts';
import { fieldLabel, humanizeError, plainIssue, plainMessage } from '../../renderer/src/lib/human-error.ts';

/** What a browser receives when the core refuses these params: the real schema, the real edge, the real wire body. */
function refused(schema: z.ZodType, params: unknown): ApiError {
  const parsed = schema.safeParse(params);
  if (parsed.success) throw new Error('expected the contract to refuse these params');
  return ApiError.fromBody(JSON.parse(JSON.stringify(invalidParams(parsed.error).toBody())));
}

const developerWording = [/invalid[ _]params/i, /thresholds\.\d/, /\bwarnAbove\b/, /received/i, /expected/i, /site\.name/];

describe('humanizeError on what the core really sends', () => {
  it('warn above 50 with alarm above 20: the message goes beside the warn-above box, in words', () => {
    const e = refused(SettingsPatch, { thresholds: [{ metric: 'humidity', warnAbove: 50, alarmAbove: 20 }] });
    const h = humanizeError(e, { inline: (p) => p.startsWith('thresholds.') });
    expect(h.fields['thresholds.0.warnAbove']).toBe('Warn above (50) must be lower than alarm above (20)');
    expect(h.summary).toBe('Not saved: see the note beside the field.');
    expect(h.lines).toEqual([]);
    for (const dev of developerWording) expect(h.summary).not.toMatch(dev);
  });

  it('the same error without a field on screen: one plain sentence naming the rule', () => {
    const e = refused(SettingsPatch, { thresholds: [defaultsTemperature(), { metric: 'humidity', warnBelow: 10, alarmBelow: 20 }] });
    const h = humanizeError(e);
    expect(h.summary).toBe('Not saved — Rule 2, warn below: warn below (10) must be higher than alarm below (20)');
  });

  it('a 70-character name: "Name: keep it to 64 characters", the path gone', () => {
    const e = refused(methods['devices.rename'].params, { id: 'ble:1', name: 'x'.repeat(70) });
    const h = humanizeError(e);
    expect(h.fields.name).toBe('Keep it to 64 characters');
    expect(h.summary).toBe('Not saved — Name: keep it to 64 characters');
  });

  it('a site name that is too long, given by label', () => {
    const e = refused(SettingsPatch, { site: { name: 'y'.repeat(81) } });
    const h = humanizeError(e);
    expect(h.summary).toBe('Not saved — Site name: keep the site name to 80 characters');
    for (const dev of developerWording) expect(h.summary).not.toMatch(dev);
  });

  it('several fields: a heading and one line per field', () => {
    const e = refused(methods['devices.rename'].params, { id: 'ble:1', name: 'x'.repeat(65), room: 'r'.repeat(65) });
    const h = humanizeError(e);
    expect(h.summary).toBe('Not saved:');
    expect(h.lines).toEqual(['Name: keep it to 64 characters', 'Room: keep it to 64 characters']);
    // With the fields shown beside their boxes, nothing is repeated underneath.
    const inline = humanizeError(e, { inline: (p) => p === 'name' || p === 'room' });
    expect([inline.summary, inline.lines]).toEqual(['Not saved: see the note beside the marked fields.', []]);
  });

  it("zod's stock wording never reaches the operator", () => {
    const e = refused(SettingsPatch, { telemetry: { staleAfterS: Number.NaN } });
    const h = humanizeError(e);
    expect(h.summary).toBe('Not saved — Stale after: enter a number');
  });
});

describe('plain words', () => {
  it.each([
    ['name', 'Name'],
    ['site.name', 'Site name'],
    ['settings.site.name', 'Site name'],
    ['telemetry.staleAfterS', 'Stale after'],
    ['remote.port', 'Port'],
    ['thresholds.0.warnAbove', 'Rule 1, warn above'],
    ['thresholds.11.alarmBelow', 'Rule 12, alarm below'],
    ['thresholds.3', 'Rule 4'],
    ['something.fooBarBaz', 'Foo bar baz'],
  ])('the field %s is called "%s"', (path, label) => {
    expect(fieldLabel(path)).toBe(label);
  });

  it('drops the layer prefix and puts labels where paths were', () => {
    expect(plainMessage('invalid params: name: keep it to 64 characters')).toBe('Name: keep it to 64 characters');
    expect(plainMessage('settings not accepted — remote.port: port must be 0–65535; site.name: give the site a name')).toBe(
      'Port: port must be 0–65535; Site name: give the site a name',
    );
    expect(plainMessage('no device "x"')).toBe('No device "x"');
  });

  it('strips a repeated path from an issue message and maps stock phrases', () => {
    expect(plainIssue('name: keep it to 64 characters', 'name')).toBe('Keep it to 64 characters');
    expect(plainIssue('Too big: expected string to have <=64 characters')).toBe('Keep it to 64 characters');
    expect(plainIssue('Invalid input: expected number, received NaN')).toBe('Enter a number');
    expect(plainIssue('Unrecognized key: "colour"')).toBe('Not a setting this console knows');
  });

  it('any other failure keeps its (capitalised) message', () => {
    const h = humanizeError(new ApiError('unavailable', 'the console is restarting'));
    expect([h.summary, h.lines, h.fields]).toEqual(['The console is restarting', [], {}]);
  });
});

function defaultsTemperature() {
  return { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 };
}
