import { describe, expect, it } from 'vitest';
import { scheduleClock, timecodeFps, timecodeMsOfDay, timeOfDayNear } from '../../../main/schedule/clock.ts';
import { LONDON, bst } from './builders.ts';

describe('timecode as a clock', () => {
  it('frames per second from the type label (drop-frame 29.97 counts frames 0–29)', () => {
    expect(['Film 24', 'EBU 25', 'DF 29.97', 'SMPTE 30', '0', '1', '2', '3', 'odd'].map(timecodeFps)).toEqual([24, 25, 30, 30, 24, 25, 30, 30, 30]);
  });

  it('HH:MM:SS:FF → ms after midnight; frames are a fraction of a second at the type’s rate', () => {
    expect(timecodeMsOfDay('20:30:15:12', 'EBU 25')).toBe(((20 * 60 + 30) * 60 + 15) * 1000 + 480);
    expect(timecodeMsOfDay('00:00:00:23', 'Film 24')).toBe(958);
    expect(timecodeMsOfDay('00:00:01:29', 'DF 29.97')).toBe(1966);
  });

  it('refuses what no clock can show', () => {
    for (const [text, type] of [['24:00:00:00', 'SMPTE 30'], ['10:60:00:00', 'SMPTE 30'], ['10:00:00:25', 'EBU 25'], ['10:00:00', 'EBU 25'], ['', 'EBU 25']] as const)
      expect(timecodeMsOfDay(text, type), text).toBeNull();
  });

  it('a time of day lands on the occurrence nearest the computer’s clock, across midnight either way', () => {
    expect(timeOfDayNear(23 * 3600_000 + 59 * 60_000, bst(24, 0, 30), LONDON)).toBe(bst(23, 59));
    expect(timeOfDayNear(30_000, bst(23, 59, 50), LONDON)).toBe(bst(24, 0, 30));
    expect(timeOfDayNear(14 * 3600_000, bst(14, 0, 2), LONDON)).toBe(bst(14));
  });

  it('system source: the computer’s clock, timecode shown while fresh', () => {
    const sample = { text: '20:30:15:00', type: 'EBU 25', ageMs: 100, receivedAt: bst(12) };
    expect(scheduleClock('system', sample, bst(12, 0, 1), LONDON, 2000)).toEqual({ source: 'system', now: bst(12, 0, 1), timecode: { text: '20:30:15:00', type: 'EBU 25', ageMs: 1100 }, lost: false, lostForMs: null });
    expect(scheduleClock('system', sample, bst(12, 0, 3), LONDON, 2000).timecode).toBeNull();
  });

  it('timecode source: its time plus its age; lost (and on the computer’s clock) once older than the loss time', () => {
    const sample = { text: '20:30:15:00', type: 'EBU 25', ageMs: 100, receivedAt: bst(12) };
    expect(scheduleClock('artnet-timecode', sample, bst(12, 0, 1), LONDON, 2000)).toMatchObject({ now: bst(20, 30, 16) + 100, lost: false });
    expect(scheduleClock('artnet-timecode', sample, bst(12, 0, 1) + 900, LONDON, 2000)).toMatchObject({ lost: false, lostForMs: null });
    expect(scheduleClock('artnet-timecode', sample, bst(12, 0, 2) + 1, LONDON, 2000)).toEqual({ source: 'artnet-timecode', now: bst(12, 0, 2) + 1, timecode: null, lost: true, lostForMs: 2101 });
    expect(scheduleClock('artnet-timecode', null, bst(12), LONDON, 2000)).toEqual({ source: 'artnet-timecode', now: bst(12), timecode: null, lost: true, lostForMs: null });
  });
});
