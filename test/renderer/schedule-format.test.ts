import { describe, expect, it } from 'vitest';
import { countdown, curfewText, dateLabel, dayClockLabel, inTime, slipClass, slipText, venueClock, venueTime } from '../../renderer/src/lib/schedule-format.ts';

// 2026-07-04 in London is BST (UTC+1); in Los Angeles PDT (UTC−7).
const bst = (h: number, m = 0, s = 0) => Date.UTC(2026, 6, 4, h - 1, m, s);

describe('running order times on screen', () => {
  it('are read in the venue’s zone, not the screen’s', () => {
    expect(venueClock(bst(19, 5), 'Europe/London')).toBe('19:05');
    expect(venueClock(bst(19, 5, 33), 'Europe/London', true)).toBe('19:05:33');
    expect(venueClock(bst(19, 5), 'America/Los_Angeles')).toBe('11:05');
  });

  it('a time on the morning after the show day says so (+1)', () => {
    expect(venueTime(bst(23, 50), 'Europe/London', '2026-07-04')).toBe('23:50');
    expect(venueTime(bst(25, 30), 'Europe/London', '2026-07-04')).toBe('01:30 +1');
    expect(venueTime(null, 'Europe/London', '2026-07-04')).toBe('—');
  });

  it('slip: on time, seconds under a minute, whole minutes, hours', () => {
    expect([0, 40, -40, 600, -180, 5400, 89].map(slipText)).toEqual(['on time', '+40 s', '−40 s', '+10 min', '−3 min', '+1 h 30', '+1 min']);
    expect(slipText(null)).toBe('');
    expect([null, 59, 60, -60, -59].map(slipClass)).toEqual(['none', 'ontime', 'late', 'early', 'ontime']);
  });

  it('countdowns and "in N min"', () => {
    expect(countdown(12 * 60_000 + 34_500)).toBe('12:34');
    expect(countdown(3723_000)).toBe('1:02:03');
    expect(countdown(-133_000)).toBe('−2:13');
    expect([10_000, 12 * 60_000, 65 * 60_000].map(inTime)).toEqual(['now', 'in 12 min', 'in 1 h 05']);
  });

  it('the curfew line: to spare, over, or none set', () => {
    const view = { curfew: bst(23), projectedEnd: bst(22, 41), curfewDeltaSeconds: -19 * 60, zone: 'Europe/London', date: '2026-07-04' };
    expect(curfewText(view)).toBe('Curfew 23:00 · projected end 22:41 · 19 min to spare');
    expect(curfewText({ ...view, projectedEnd: bst(23, 12), curfewDeltaSeconds: 720 })).toBe('Curfew 23:00 · projected end 23:12 · 12 min over');
    expect(curfewText({ ...view, curfew: null })).toBe('No curfew set for this day');
  });

  it('day clocks past midnight and dates', () => {
    expect(dayClockLabel('25:30')).toBe('01:30 +1');
    expect(dayClockLabel('19:00')).toBe('19:00');
    expect(dateLabel('2026-07-04')).toBe('Sat, 4 Jul 2026');
  });
});
