import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../native/bytes.ts';

describe('concatBytes', () => {
  it('puts the parts one after another', () => {
    expect(concatBytes([Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)])).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('no parts: an empty array', () => {
    expect(concatBytes([])).toEqual(new Uint8Array(0));
  });

  it('always a new array, even for one part (a caller may keep and change it)', () => {
    const only = Uint8Array.of(7, 8);
    const out = concatBytes([only]);
    expect(out).toEqual(only);
    expect(out).not.toBe(only);
    out[0] = 0;
    expect(only[0]).toBe(7);
  });

  it('copies only the viewed bytes of a subarray', () => {
    const big = Uint8Array.of(9, 1, 2, 9);
    expect(concatBytes([big.subarray(1, 3), big.subarray(0, 1)])).toEqual(Uint8Array.of(1, 2, 9));
  });
});
