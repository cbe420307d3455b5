import { describe, expect, it } from 'vitest';
import { compareFigures, numericLeaves, previousRunOf } from '../../bench/compare.ts';

describe('bench figures beside the previous run', () => {
  it('pairs every numeric figure both runs have, with the ratio now/before', () => {
    const now = { frameClock: { p50Ms: 23, p99Ms: 40, gaps: 0 }, note: 'text', perSize: [{ n: 10, ms: 2 }], onlyNow: 5 };
    const before = { frameClock: { p50Ms: 20, p99Ms: 52, gaps: 0 }, perSize: [{ n: 10, ms: 4 }], onlyBefore: 1 };
    expect(compareFigures(now, before)).toEqual({
      'frameClock.p50Ms': { now: 23, before: 20, ratio: 1.15 },
      'frameClock.p99Ms': { now: 40, before: 52, ratio: 0.769 },
      'frameClock.gaps': { now: 0, before: 0, ratio: null },
      'perSize.0.n': { now: 10, before: 10, ratio: 1 },
      'perSize.0.ms': { now: 2, before: 4, ratio: 0.5 },
    });
  });

  it('ignores non-finite and non-numeric leaves', () => {
    expect([...numericLeaves({ a: Number.NaN, b: Infinity, c: '3', d: null, e: true, f: 1 }).keys()]).toEqual(['f']);
  });

  it('finds the newest earlier run that measured the module, skipping runs where it failed or was filtered out', () => {
    const runs = [
      { file: 'bench-1.json', figures: { machine: { at: 't1' }, dmx: { p50: 1 } } },
      { file: 'bench-2.json', figures: { machine: { at: 't2' }, dmx: { p50: 2 }, ble: { rate: 5 } } },
      { file: 'bench-3.json', figures: { machine: { at: 't3' }, dmx: { error: 'boom' } } },
      { file: 'bench-4.json', figures: { machine: { at: 't4' }, snmp: { x: 1 } } },
    ];
    expect(previousRunOf('dmx', runs)).toEqual({ file: 'bench-2.json', at: 't2', figures: { p50: 2 } });
    expect(previousRunOf('ble', runs)?.file).toBe('bench-2.json');
    expect(previousRunOf('mqtt', runs)).toBeUndefined();
  });
});
