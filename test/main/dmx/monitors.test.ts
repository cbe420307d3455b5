import { describe, expect, it } from 'vitest';
import { monitorRaw, monitorValue } from '../../../main/dmx/monitors.ts';

const frame = (values: Record<number, number>) => {
  const f = new Uint8Array(512);
  for (const [ch, v] of Object.entries(values)) f[Number(ch) - 1] = v;
  return f;
};

describe('channel monitors: raw value', () => {
  it('reads one channel (1-based) as 0–255', () => {
    expect(monitorRaw(frame({ 1: 7, 512: 200 }), 512)).toBe(200);
    expect(monitorRaw(frame({ 1: 7 }), 1)).toBe(7);
  });

  it('reads a coarse/fine pair as coarse × 256 + fine (0x80, 0x00 → 32768; 0xFF, 0xFF → 65535)', () => {
    expect(monitorRaw(frame({ 101: 0x80, 102: 0x00 }), 101, 102)).toBe(32768);
    expect(monitorRaw(frame({ 101: 0xff, 102: 0xff }), 101, 102)).toBe(65535);
    // The fine channel may come first in the universe: the pair is named, not positional.
    expect(monitorRaw(frame({ 10: 0x01, 9: 0x02 }), 10, 9)).toBe(0x0102);
  });
});

describe('channel monitors: linear scaling', () => {
  const wall = { fineChannel: 102, low: 0, high: 11_000 };

  it('LED wall brightness: 0–65535 → 0–11000 nits', () => {
    expect(monitorValue(wall, 0)).toBe(0);
    expect(monitorValue(wall, 65_535)).toBe(11_000);
    // 32768 / 65535 × 11000 = 5500.0839… → 5500.08
    expect(monitorValue(wall, 32_768)).toBe(5500.08);
  });

  it('an 8-bit channel spans 0–255 by default (128 of 255 → 50.2 %)', () => {
    expect(monitorValue({ low: 0, high: 100 }, 128)).toBe(50.2);
    expect(monitorValue({ low: 0, high: 100 }, 255)).toBe(100);
  });

  it('rawLow/rawHigh pick the working range and clamp outside it', () => {
    const haze = { rawLow: 26, rawHigh: 255, low: 0, high: 100 };
    expect(monitorValue(haze, 0)).toBe(0);
    expect(monitorValue(haze, 26)).toBe(0);
    // (140 − 26) / (255 − 26) × 100 = 49.78…
    expect(monitorValue(haze, 140)).toBe(49.78);
    expect(monitorValue({ ...haze, rawHigh: 200 }, 255)).toBe(100);
  });

  it('a falling scale (low above high) runs backwards, and offsets apply', () => {
    expect(monitorValue({ low: 100, high: 0 }, 51)).toBe(80);
    expect(monitorValue({ low: -20, high: 60 }, 255)).toBe(60);
    expect(monitorValue({ low: -20, high: 60 }, 0)).toBe(-20);
  });
});
