import { describe, expect, it } from 'vitest';
import { currentShowDate, showDate } from '../../../main/schedule/show-day.ts';
import { resolveInstant } from '../../../main/schedule/instant.ts';
import { LONDON, bst, day, set } from './builders.ts';

describe('the show day', () => {
  it('rolls over at dayStartsAt, not at midnight', () => {
    expect(showDate(bst(23, 59), LONDON, '06:00')).toBe('2026-07-04');
    expect(showDate(bst(24, 30), LONDON, '06:00')).toBe('2026-07-04');
    expect(showDate(bst(29, 59), LONDON, '06:00')).toBe('2026-07-04');
    expect(showDate(bst(30, 0), LONDON, '06:00')).toBe('2026-07-05');
    expect(showDate(bst(24, 0), LONDON, '00:00')).toBe('2026-07-05');
  });

  it('in the venue’s zone: 05:30 UTC is 22:30 the evening before in Los Angeles', () => {
    expect(showDate(Date.UTC(2026, 6, 5, 5, 30), 'America/Los_Angeles', '06:00')).toBe('2026-07-04');
    expect(showDate(Date.UTC(2026, 6, 5, 5, 30), 'Asia/Tokyo', '06:00')).toBe('2026-07-05');
  });

  it('a set still running past the rollover keeps its day current until it ends', () => {
    const running = day([set('L', '23:00', 60, { actualStart: bst(23, 30), actualEnd: null })]);
    const ended = day([set('L', '23:00', 60, { actualStart: bst(23, 30), actualEnd: bst(30, 10) })]);
    expect(currentShowDate(bst(30, 15), LONDON, '06:00', (d) => (d === '2026-07-04' ? running : undefined))).toBe('2026-07-04');
    expect(currentShowDate(bst(30, 15), LONDON, '06:00', (d) => (d === '2026-07-04' ? ended : undefined))).toBe('2026-07-05');
  });
});

describe('moments as callers give them', () => {
  it('epoch ms and ISO 8601 with an offset are taken as they are', () => {
    expect(resolveInstant(bst(19, 12), '2026-07-04', LONDON, 0)).toBe(bst(19, 12));
    expect(resolveInstant('2026-07-04T19:12:00+01:00', '2026-07-04', LONDON, 0)).toBe(bst(19, 12));
    expect(resolveInstant('2026-07-04T18:12:00Z', '2026-07-04', LONDON, 0)).toBe(bst(19, 12));
    expect(resolveInstant('2026-07-04T18:12:00', '2026-07-04', LONDON, 0)).toBeNull();
  });

  it('a local clock is the occurrence nearest the anchor (the day before, of, or after)', () => {
    expect(resolveInstant('19:12', '2026-07-04', LONDON, bst(19))).toBe(bst(19, 12));
    expect(resolveInstant('00:40:30', '2026-07-04', LONDON, bst(24, 30))).toBe(bst(24, 40, 30));
    expect(resolveInstant('23:50', '2026-07-04', LONDON, bst(24, 10))).toBe(bst(23, 50));
    expect(resolveInstant('25:00', '2026-07-04', LONDON, bst(19))).toBeNull();
  });
});
