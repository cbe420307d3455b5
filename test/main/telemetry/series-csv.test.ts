import { describe, expect, it } from 'vitest';
import { csvFilename, pointsCsv, rawCsv } from '../../../main/telemetry/series-csv.ts';

const a = { id: 1, deviceId: 'ble:A4:C1:38:5A:10:01', name: 'Stage left', room: 'Stage', metric: 'temperature', unit: '°C' };
const b = { id: 2, deviceId: 'snmp:10.0.0.5', name: '=HYPERLINK("x"), "rack"', room: null, metric: 'humidity', unit: '%' };

describe('series CSV', () => {
  it('merges series by time, one row per bucket, RFC 4180 line ends', () => {
    const csv = pointsCsv([
      { series: a, rows: [{ t: Date.UTC(2026, 0, 1, 0, 2), min: 1, max: 3, avg: 2, count: 3 }] },
      { series: b, rows: [{ t: Date.UTC(2026, 0, 1, 0, 1), min: 40, max: 41.5, avg: 40.75, count: 2 }] },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'time,series_id,device,name,room,metric,unit,min,max,avg,count',
      `2026-01-01T00:01:00.000Z,2,snmp:10.0.0.5,"'=HYPERLINK(""x""), ""rack""",,humidity,%,40,41.5,40.75,2`,
      '2026-01-01T00:02:00.000Z,1,ble:A4:C1:38:5A:10:01,Stage left,Stage,temperature,°C,1,3,2,3',
      '',
    ]);
  });

  it('raw readings: one row each', () => {
    expect(rawCsv([{ series: a, rows: [{ t: 0, value: -1.5 }] }])).toBe('time,series_id,device,name,room,metric,unit,value\r\n1970-01-01T00:00:00.000Z,1,ble:A4:C1:38:5A:10:01,Stage left,Stage,temperature,°C,-1.5\r\n');
  });

  it('names the file after the metric and the range', () => {
    expect(csvFilename([a], Date.UTC(2026, 4, 1, 18), Date.UTC(2026, 4, 2, 18), false)).toBe('showsite-temperature-20260501T1800Z-20260502T1800Z.csv');
    expect(csvFilename([a, b], 0, 60_000, true)).toBe('showsite-2-series-19700101T0000Z-19700101T0001Z-raw.csv');
  });
});
