import { describe, expect, it } from 'vitest';
import type { Device, LiveReading, TimelineEvent } from '../../preload/contract/index.ts';
import { applyDeviceList, mergeEvents, mergeReadings, upsertDevice } from '../../renderer/src/lib/merge.ts';

const r = (seriesId: number, ts: number, value = ts): LiveReading => ({ seriesId, deviceId: 'd', metric: 'temperature', unit: '°C', value, ts, state: 'ok', staleAfterS: 60 });
const dev = (id: string, lastSeen: number, name: string | null = null): Device => ({
  id,
  kind: 'other',
  model: 'm',
  source: 'sim',
  parentId: null,
  firstSeen: 0,
  lastSeen,
  rssi: null,
  battery: null,
  name,
  room: null,
  notes: null,
});
const ev = (id: number, ts: number): TimelineEvent => ({ id, ts, kind: 'system', severity: 'info', deviceId: null, message: `e${id}` });

describe('mergeReadings', () => {
  it('keeps the newest reading per series, whatever arrives last', () => {
    let m = mergeReadings(new Map(), [r(1, 100), r(2, 100)]);
    m = mergeReadings(m, [r(1, 200)]);
    m = mergeReadings(m, [r(1, 150)]); // an older snapshot arriving after a live event
    expect(m.get(1)?.ts).toBe(200);
    expect(m.get(2)?.ts).toBe(100);
  });

  it('returns the same map when nothing is newer (no re-render)', () => {
    const m = mergeReadings(new Map(), [r(1, 100)]);
    expect(mergeReadings(m, [r(1, 50)])).toBe(m);
    expect(mergeReadings(m, [])).toBe(m);
  });

  it('never mutates the previous map', () => {
    const m = mergeReadings(new Map(), [r(1, 100)]);
    mergeReadings(m, [r(1, 200), r(3, 1)]);
    expect([...m.keys()]).toEqual([1]);
    expect(m.get(1)?.ts).toBe(100);
  });
});

describe('devices', () => {
  it('upsert takes renames (same lastSeen) but not older records', () => {
    let m = upsertDevice(new Map(), dev('a', 100, 'old'));
    m = upsertDevice(m, dev('a', 100, 'new'));
    expect(m.get('a')?.name).toBe('new');
    m = upsertDevice(m, dev('a', 50, 'stale'));
    expect(m.get('a')?.name).toBe('new');
  });

  it('a list snapshot replaces the map but keeps entries an event already made newer', () => {
    const prev = new Map([
      ['a', dev('a', 300, 'from event')],
      ['gone', dev('gone', 1)],
    ]);
    const next = applyDeviceList(prev, [dev('a', 200, 'from list'), dev('b', 200)]);
    expect([...next.keys()]).toEqual(['a', 'b']);
    expect(next.get('a')?.name).toBe('from event');
  });
});

describe('mergeEvents', () => {
  it('newest first, de-duplicated by id, capped', () => {
    const merged = mergeEvents([ev(1, 10), ev(2, 20)], [ev(3, 30), ev(2, 20), ev(4, 5)], 3);
    expect(merged.map((e) => e.id)).toEqual([3, 2, 1]);
  });

  it('same timestamp: higher id first', () => {
    expect(mergeEvents([], [ev(1, 10), ev(2, 10)], 10).map((e) => e.id)).toEqual([2, 1]);
  });
});
