import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../renderer/src/lib/backoff.ts';

describe('backoffDelay', () => {
  it('doubles from the base and caps at the max', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, top))).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it('jitter stays between half and all of each step', () => {
    expect(backoffDelay(3, () => 0)).toBe(1000);
    expect(backoffDelay(3, () => 0.5)).toBe(1500);
    expect(backoffDelay(10, () => 0)).toBe(2500);
  });

  it('a misbehaving random source cannot push the delay out of range', () => {
    expect(backoffDelay(0, () => 7)).toBe(250);
    expect(backoffDelay(0, () => -3)).toBe(125);
  });
});
