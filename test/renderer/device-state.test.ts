import { describe, expect, it } from 'vitest';
import { deviceState, deviceStateHelp, formatSeconds, lostAfterStalePeriods } from '../../renderer/src/lib/device-state.ts';

const now = 1_750_000_000_000;

describe('deviceState', () => {
  it('ok while heard within stale-after, stale after it, lost after five times it', () => {
    expect(lostAfterStalePeriods).toBe(5);
    expect(deviceState(now - 1_000, 120, now)).toBe('ok');
    expect(deviceState(now - 120_000, 120, now)).toBe('ok'); // exactly on the limit is not older than it
    expect(deviceState(now - 120_001, 120, now)).toBe('stale');
    expect(deviceState(now - 360_000, 120, now)).toBe('stale'); // the demo's green room: silent 6 min
    expect(deviceState(now - 600_000, 120, now)).toBe('stale');
    expect(deviceState(now - 600_001, 120, now)).toBe('lost');
    expect(deviceState(0, 120, now)).toBe('lost');
  });

  it('a clock a little ahead of the console (negative age) reads ok', () => {
    expect(deviceState(now + 5_000, 120, now)).toBe('ok');
  });

  it('explains each state with the real periods', () => {
    const help = deviceStateHelp(120);
    expect(help.ok).toBe('heard within the last 2\u00a0min');
    expect(help.stale).toContain('more than 2\u00a0min');
    expect(help.lost).toContain('more than 10\u00a0min');
  });

  it.each([
    [90, '90\u00a0s'],
    [120, '2\u00a0min'],
    [600, '10\u00a0min'],
    [7200, '2\u00a0h'],
    [5400, '90\u00a0min'],
  ])('%i s reads "%s"', (s, text) => {
    expect(formatSeconds(s)).toBe(text);
  });
});
