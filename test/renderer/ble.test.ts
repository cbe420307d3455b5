import { describe, expect, it } from 'vitest';
import { companyText } from '../../renderer/src/lib/ble.ts';

describe('Bluetooth list formatting', () => {
  it('company ids as the SIG writes them, named when well known', () => {
    expect(companyText(0xec88)).toBe('0xEC88 Govee');
    expect(companyText(76)).toBe('0x004C Apple');
    expect(companyText(0x1c4b)).toBe('0x1C4B');
    expect(companyText(null)).toBe('—');
  });
});
