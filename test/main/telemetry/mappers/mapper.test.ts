import { describe, expect, it } from 'vitest';
import { isMapResult, safeMap, type Mapper } from '../../../../main/telemetry/mappers/mapper.ts';
import { ctx, enc } from './helpers.ts';

describe('safeMap', () => {
  const base = { id: 'x', label: 'X', topics: ['#'] };

  it('passes a mapper’s result through', () => {
    const m: Mapper = { ...base, map: () => ({ kind: 'ignored', reason: 'noise' }) };
    expect(safeMap(m, 'a', enc('1'), ctx())).toEqual({ kind: 'ignored', reason: 'noise' });
  });

  it('turns a throw into a counted reject naming the mapper', () => {
    const m: Mapper = {
      ...base,
      map: () => {
        throw new Error('bug');
      },
    };
    expect(safeMap(m, 'a', enc('1'), ctx())).toEqual({ kind: 'rejected', reason: 'mapper x failed: bug' });
  });

  it('refuses a malformed result', () => {
    const m = { ...base, map: () => ({ kind: 'maybe' }) } as unknown as Mapper;
    expect(safeMap(m, 'a', enc('1'), ctx()).kind).toBe('rejected');
  });

  it('isMapResult', () => {
    expect(isMapResult({ kind: 'readings', items: [] })).toBe(true);
    expect(isMapResult({ kind: 'readings', items: [], events: [] })).toBe(true);
    expect(isMapResult({ kind: 'event', events: [] })).toBe(true);
    expect(isMapResult({ kind: 'rejected', reason: 'r' })).toBe(true);
    expect(isMapResult({ kind: 'ignored', reason: '' })).toBe(false);
    expect(isMapResult({ kind: 'readings' })).toBe(false);
    expect(isMapResult(null)).toBe(false);
  });
});
