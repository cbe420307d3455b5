import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  epochToLocal,
  formatClock,
  isoInZone,
  isValidTimeZone,
  localClock,
  localToEpoch,
  parseClock,
  zoneOffsetMs,
} from '../../../main/schedule/time.ts';

const H = 3_600_000;

describe('localToEpoch: ordinary days', () => {
  it('reads wall time with the offset in force (BST in summer, GMT in winter, UTC as is)', () => {
    expect(localToEpoch('2026-07-04', 18 * 60, 'Europe/London')).toBe(Date.UTC(2026, 6, 4, 17));
    expect(localToEpoch('2026-01-10', 18 * 60, 'Europe/London')).toBe(Date.UTC(2026, 0, 10, 18));
    expect(localToEpoch('2026-07-04', 18 * 60 + 30, 'UTC')).toBe(Date.UTC(2026, 6, 4, 18, 30));
    expect(localToEpoch('2026-07-04', 20 * 60, 'America/New_York')).toBe(Date.UTC(2026, 6, 5, 0)); // EDT, UTC−4
    expect(localToEpoch('2026-07-04', 20 * 60, 'Asia/Kolkata')).toBe(Date.UTC(2026, 6, 4, 14, 30)); // UTC+5:30
  });

  it('minutes past 24:00 land on the next calendar day (25:30 on 07-04 = 01:30 on 07-05)', () => {
    expect(localToEpoch('2026-07-04', 25 * 60 + 30, 'Europe/London')).toBe(Date.UTC(2026, 6, 5, 0, 30));
    expect(localToEpoch('2026-12-31', 24 * 60 + 15, 'Europe/London')).toBe(Date.UTC(2027, 0, 1, 0, 15));
  });
});

describe('localToEpoch: DST in Europe/London (clocks change at 01:00 UTC)', () => {
  it('2026-03-29 spring forward: times before the gap are GMT, after it BST', () => {
    expect(localToEpoch('2026-03-29', 30, 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 0, 30));
    expect(localToEpoch('2026-03-29', 3 * 60, 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 2));
  });

  it('a time in the gap (01:00–01:59 does not exist) moves forward by the gap: 01:30 → 02:30 BST', () => {
    expect(localToEpoch('2026-03-29', 90, 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(isoInZone(localToEpoch('2026-03-29', 90, 'Europe/London'), 'Europe/London')).toBe('2026-03-29T02:30:00+01:00');
    expect(localToEpoch('2026-03-29', 60, 'Europe/London')).toBe(Date.UTC(2026, 2, 29, 1));
  });

  it('2026-10-25 fall back: an ambiguous 01:30 is the first one (BST, 00:30 UTC)', () => {
    expect(localToEpoch('2026-10-25', 90, 'Europe/London')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(localToEpoch('2026-10-25', 30, 'Europe/London')).toBe(Date.UTC(2026, 9, 24, 23, 30));
    expect(localToEpoch('2026-10-25', 2 * 60, 'Europe/London')).toBe(Date.UTC(2026, 9, 25, 2));
  });
});

describe('localToEpoch: other zones', () => {
  it('America/New_York 2026-03-08: 02:30 does not exist → 03:30 EDT; 2026-11-01 01:30 → first (EDT)', () => {
    expect(localToEpoch('2026-03-08', 150, 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
    expect(localToEpoch('2026-11-01', 90, 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 5, 30));
    expect(localToEpoch('2026-11-01', 3 * 60, 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 8));
  });

  it('Australia/Lord_Howe shifts by 30 minutes: 2026-10-04 02:15 → 02:45 (+11); 2026-04-05 01:45 → first (+11)', () => {
    expect(localToEpoch('2026-10-04', 135, 'Australia/Lord_Howe')).toBe(Date.UTC(2026, 9, 3, 15, 45));
    expect(localToEpoch('2026-04-05', 105, 'Australia/Lord_Howe')).toBe(Date.UTC(2026, 3, 4, 14, 45));
    expect(localToEpoch('2026-04-05', 3 * 60, 'Australia/Lord_Howe')).toBe(Date.UTC(2026, 3, 4, 16, 30)); // +10:30 after
  });
});

describe('back from epoch', () => {
  it('zoneOffsetMs, epochToLocal and localClock agree with the calendar', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 6, 4), 'Europe/London')).toBe(H);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 4), 'Europe/London')).toBe(0);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 4), 'Asia/Kathmandu')).toBe(5.75 * H);
    expect(epochToLocal(Date.UTC(2026, 6, 4, 23, 30), 'Europe/London')).toEqual({ date: '2026-07-05', msOfDay: 30 * 60_000 });
    expect(localClock(Date.UTC(2026, 6, 4, 19, 5, 7), 'Europe/London')).toBe('20:05');
    expect(localClock(Date.UTC(2026, 6, 4, 19, 5, 7), 'Europe/London', true)).toBe('20:05:07');
  });

  it('isoInZone writes the venue offset, milliseconds only when present', () => {
    expect(isoInZone(Date.UTC(2026, 6, 4, 17), 'Europe/London')).toBe('2026-07-04T18:00:00+01:00');
    expect(isoInZone(Date.UTC(2026, 0, 4, 17, 0, 0, 250), 'Europe/London')).toBe('2026-01-04T17:00:00.250+00:00');
    expect(isoInZone(Date.UTC(2026, 6, 5, 0), 'America/New_York')).toBe('2026-07-04T20:00:00-04:00');
    expect(new Date(isoInZone(1_783_000_123_456, 'Asia/Kolkata')).getTime()).toBe(1_783_000_123_456);
  });

  it('every minute of both London change days round-trips through local time (where it exists)', () => {
    for (const date of ['2026-03-29', '2026-10-25']) {
      for (let m = 0; m < 24 * 60; m++) {
        const t = localToEpoch(date, m, 'Europe/London');
        const back = epochToLocal(t, 'Europe/London');
        const inGap = date === '2026-03-29' && m >= 60 && m < 120;
        if (inGap) expect(back.msOfDay).toBe((m + 60) * 60_000);
        else expect(back).toEqual({ date, msOfDay: m * 60_000 });
      }
    }
  });
});

describe('clock text and dates', () => {
  it('parseClock accepts H:MM/HH:MM up to the given hour and refuses impossible times', () => {
    expect(parseClock('19:30')).toBe(1170);
    expect(parseClock('9:05')).toBe(545);
    expect(parseClock('00:00')).toBe(0);
    expect(parseClock('23:59')).toBe(1439);
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('25:99')).toBeNull();
    expect(parseClock('12:60')).toBeNull();
    expect(parseClock('12:5')).toBeNull();
    expect(parseClock('1230')).toBeNull();
    expect(parseClock(' 12:30')).toBeNull();
    expect(parseClock('25:30', 47)).toBe(1530);
    expect(parseClock('48:00', 47)).toBeNull();
    expect(formatClock(1530)).toBe('25:30');
    expect(formatClock(5)).toBe('00:05');
  });

  it('addDays and daysBetween cross months, years and leap days', () => {
    expect(addDays('2026-07-04', 1)).toBe('2026-07-05');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-07-04', '2026-08-04')).toBe(31);
  });

  it('isValidTimeZone knows IANA names and refuses others', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
