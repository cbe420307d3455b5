import { describe, expect, it } from 'vitest';
import { escapeMeasurement, escapeTag, line, seriesKey } from '../../../main/telemetry/line-protocol.ts';

// Escaping rules from the InfluxDB 1.x line protocol reference ("Special characters"): measurements escape
// commas and spaces; tag keys and values escape commas, equals signs and spaces.
describe('line protocol', () => {
  it('escapes what the reference says, and nothing else', () => {
    expect(escapeMeasurement('my measurement,x=1')).toBe('my\\ measurement\\,x=1');
    expect(escapeTag('Stage left')).toBe('Stage\\ left');
    expect(escapeTag('a=b,c')).toBe('a\\=b\\,c');
    expect(escapeTag('°C')).toBe('°C');
    expect(escapeTag('"quoted"')).toBe('"quoted"');
  });

  it('a backslash cannot swallow the delimiter after it, and a line break cannot end the point early', () => {
    expect(escapeTag('rack\\')).toBe('rack/');
    expect(escapeTag('two\nlines')).toBe('two\\ lines');
  });

  it('builds the series key with tags sorted by key, leaving out empty ones', () => {
    expect(seriesKey({ metric: 'temperature', deviceId: 'ble:A4:C1:38:5A:10:01', name: 'Stage left', room: 'Stage', unit: '°C' })).toBe(
      'temperature,device=ble:A4:C1:38:5A:10:01,name=Stage\\ left,room=Stage,unit=°C',
    );
    expect(seriesKey({ metric: 'port.3.in_bps', deviceId: 'snmp:10.0.0.2:switch', name: null, room: '', unit: '' })).toBe('port.3.in_bps,device=snmp:10.0.0.2:switch');
  });

  it('writes the value as a float field and the time in milliseconds', () => {
    expect(line('t,device=d', 21.5, 1767225600000)).toBe('t,device=d value=21.5 1767225600000');
    expect(line('t,device=d', 21, 1)).toBe('t,device=d value=21 1');
    expect(line('t,device=d', -0.000001, 1)).toBe('t,device=d value=-0.000001 1');
  });
});
