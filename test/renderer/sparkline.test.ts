import { describe, expect, it } from 'vitest';
import { sparklinePath, withLatest } from '../../renderer/src/lib/sparkline.ts';

const moves = (d: string) => (d.match(/M/g) ?? []).length;

describe('sparkline path', () => {
  it('scales time to width and value to height (high values at the top), padding top and bottom', () => {
    const d = sparklinePath(
      [
        { t: 0, v: 0 },
        { t: 50, v: 10 },
        { t: 100, v: 5 },
      ],
      100,
      24,
      { pad: 2 },
    );
    expect(d).toBe('M0 22 L50 2 L100 12');
  });

  it('breaks the line across a gap longer than gapMs', () => {
    const pts = [0, 10, 20, 100, 110].map((t) => ({ t, v: t }));
    expect(moves(sparklinePath(pts, 100, 20, { gapMs: 30 }))).toBe(2);
    expect(moves(sparklinePath(pts, 100, 20))).toBe(1);
  });

  it('a flat series sits in the middle; a lone point still shows; no points draws nothing', () => {
    expect(sparklinePath([{ t: 0, v: 3 }, { t: 10, v: 3 }], 100, 20)).toBe('M0 10 L100 10');
    expect(sparklinePath([{ t: 5, v: 1 }], 100, 20, { from: 0, to: 10 })).toBe('M50 10 L51 10');
    expect(sparklinePath([], 100, 20)).toBe('');
  });

  it('a fixed window places points by time, not by index', () => {
    expect(sparklinePath([{ t: 90, v: 1 }, { t: 100, v: 2 }], 100, 20, { from: 0, to: 100, pad: 0 })).toBe('M90 20 L100 0');
  });
});

describe('history with the live value', () => {
  it('appends the newest reading when newer than the history, and drops what fell out of the window', () => {
    const h = [0, 10, 20].map((t) => ({ t, v: t }));
    expect(withLatest(h, { t: 25, v: 99 }, 5)).toEqual([{ t: 10, v: 10 }, { t: 20, v: 20 }, { t: 25, v: 99 }]);
    expect(withLatest(h, { t: 15, v: 99 }, 0)).toEqual(h);
    expect(withLatest([], undefined, 0)).toEqual([]);
  });
});
