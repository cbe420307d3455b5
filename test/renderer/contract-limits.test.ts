import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { methods, SettingsPatch } from '../../preload/contract/index.ts';
import { maxLengthOf, renameLimits, siteNameMaxLength, thresholdMetricMaxLength } from '../../renderer/src/lib/contract-limits.ts';

const rename = methods['devices.rename'].params;

describe('maxLength read from the contract', () => {
  // Behaviour, not the number: the limit the input enforces is exactly the longest text the core accepts.
  it.each(['name', 'room', 'notes'] as const)('devices.rename %s: the max is accepted, one more is refused', (field) => {
    const max = renameLimits[field];
    expect(max).toBeGreaterThan(0);
    expect(rename.safeParse({ id: 'ble:1', [field]: 'x'.repeat(max!) }).success).toBe(true);
    expect(rename.safeParse({ id: 'ble:1', [field]: 'x'.repeat(max! + 1) }).success).toBe(false);
  });

  it('a name of 70 characters does not fit (the issue that started this)', () => {
    expect(renameLimits.name).toBeLessThan(70);
  });

  it('site name and threshold metric: the max is accepted, one more is refused', () => {
    expect(SettingsPatch.safeParse({ site: { name: 's'.repeat(siteNameMaxLength!) } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ site: { name: 's'.repeat(siteNameMaxLength! + 1) } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ thresholds: [{ metric: 'm'.repeat(thresholdMetricMaxLength!) }] }).success).toBe(true);
    expect(SettingsPatch.safeParse({ thresholds: [{ metric: 'm'.repeat(thresholdMetricMaxLength! + 1) }] }).success).toBe(false);
  });

  it('looks through optional and nullable; undefined when there is no maximum or no string', () => {
    expect(maxLengthOf(z.string().max(12))).toBe(12);
    expect(maxLengthOf(z.string().max(12).optional().nullable())).toBe(12);
    expect(maxLengthOf(z.string())).toBeUndefined();
    expect(maxLengthOf(z.number().max(5))).toBeUndefined();
    expect(maxLengthOf(undefined)).toBeUndefined();
  });
});
