import { describe, expect, it } from 'vitest';
import type { Threshold } from '../../preload/contract/index.ts';
import { limitsLine, limitsSentence } from '../../renderer/src/lib/thresholds.ts';

const defaults: Threshold[] = [
  { metric: 'temperature', warnAbove: 30, alarmAbove: 35, warnBelow: 5, alarmBelow: 0 },
  { metric: 'humidity', warnAbove: 70, alarmAbove: 85 },
];
describe('limits on a tile', () => {
  it('says a rule in a few characters, the unit once at the end, glued to its number', () => {
    expect(limitsLine(defaults[0], '°C')).toBe('warn <5 or >30 · alarm <0 or >35\u00a0°C');
    expect(limitsLine(defaults[1], '%')).toBe('warn >70 · alarm >85%');
    expect(limitsLine({ alarmAbove: 1500 }, 'ppm')).toBe('alarm >1500\u00a0ppm');
    expect(limitsLine({ warnBelow: 20, alarmBelow: 10 }, '')).toBe('warn <20 · alarm <10');
    expect(limitsLine({ warnAbove: -2.5 }, '°C')).toBe('warn >-2.5\u00a0°C');
  });

  it('says nothing when there is no rule or the rule sets no limit', () => {
    expect(limitsLine(undefined, '°C')).toBeNull();
    expect(limitsLine({}, '°C')).toBeNull();
    expect(limitsSentence({}, '°C')).toBeNull();
  });

  it('spells the rule out as a sentence for the tooltip', () => {
    expect(limitsSentence(defaults[0], '°C')).toBe('Warning above 30\u00a0°C, alarm above 35\u00a0°C, warning below 5\u00a0°C, alarm below 0\u00a0°C');
    expect(limitsSentence(defaults[1], '%')).toBe('Warning above 70%, alarm above 85%');
  });
});
