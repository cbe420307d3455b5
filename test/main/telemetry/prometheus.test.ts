import { describe, expect, it } from 'vitest';
import { familyName, prometheusText } from '../../../main/telemetry/prometheus.ts';

describe('Prometheus exposition', () => {
  it('one gauge family per metric with device, name, room, metric and unit labels, and each reading’s time', () => {
    const text = prometheusText(
      [
        { deviceId: 'ble:A4:C1:38:5A:10:02', name: 'Stage right', room: 'Stage', metric: 'temperature', unit: '°C', value: 22.25, ts: 1767225600000 },
        { deviceId: 'ble:A4:C1:38:5A:10:01', name: 'Stage left', room: 'Stage', metric: 'temperature', unit: '°C', value: 21.5, ts: 1767225601500 },
        { deviceId: 'ble:A4:C1:38:5A:10:01', name: 'Stage left', room: 'Stage', metric: 'humidity', unit: '%', value: 40, ts: 1767225601500 },
      ],
      [{ name: 'showsite_forwarding_waiting_readings', help: 'Readings waiting.', value: 12 }],
    );
    expect(text).toBe(
      [
        '# HELP showsite_humidity Latest humidity reading of each device (Showsite Console).',
        '# TYPE showsite_humidity gauge',
        'showsite_humidity{device="ble:A4:C1:38:5A:10:01",name="Stage left",room="Stage",metric="humidity",unit="%"} 40',
        '# HELP showsite_temperature Latest temperature reading of each device (Showsite Console).',
        '# TYPE showsite_temperature gauge',
        'showsite_temperature{device="ble:A4:C1:38:5A:10:01",name="Stage left",room="Stage",metric="temperature",unit="°C"} 21.5',
        'showsite_temperature{device="ble:A4:C1:38:5A:10:02",name="Stage right",room="Stage",metric="temperature",unit="°C"} 22.25',
        '# HELP showsite_reading_timestamp_seconds When the latest reading of each series was measured (Unix seconds).',
        '# TYPE showsite_reading_timestamp_seconds gauge',
        'showsite_reading_timestamp_seconds{device="ble:A4:C1:38:5A:10:01",name="Stage left",room="Stage",metric="humidity",unit="%"} 1767225601.5',
        'showsite_reading_timestamp_seconds{device="ble:A4:C1:38:5A:10:01",name="Stage left",room="Stage",metric="temperature",unit="°C"} 1767225601.5',
        'showsite_reading_timestamp_seconds{device="ble:A4:C1:38:5A:10:02",name="Stage right",room="Stage",metric="temperature",unit="°C"} 1767225600',
        '# HELP showsite_forwarding_waiting_readings Readings waiting.',
        '# TYPE showsite_forwarding_waiting_readings gauge',
        'showsite_forwarding_waiting_readings 12',
        '',
      ].join('\n'),
    );
  });

  it('escapes label values as the exposition format says (backslash, double quote, line feed) and names as metric names allow', () => {
    const text = prometheusText([{ deviceId: 'd', name: 'Rack "A"\\B\nC', room: null, metric: 'port.3.in_bps', unit: 'bit/s', value: 1e21, ts: 0 }]);
    expect(text).toContain('showsite_port_3_in_bps{device="d",name="Rack \\"A\\"\\\\B\\nC",room="",metric="port.3.in_bps",unit="bit/s"} 1e+21');
    expect(familyName('a-b.c')).toBe('showsite_a_b_c');
  });

  it('says nothing when nothing is stored', () => {
    expect(prometheusText([])).toBe('');
  });
});
