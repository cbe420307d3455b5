import { describe, expect, it } from 'vitest';
import { newestReadingByDevice } from '../../renderer/src/lib/last-seen.ts';
import type { LiveReading } from '../../preload/contract/index.ts';

const r = (deviceId: string, seriesId: number, ts: number): LiveReading => ({ seriesId, deviceId, metric: 'm', unit: '', value: 1, ts, state: 'ok', staleAfterS: 60 });

describe('newest reading per device', () => {
  it('takes the newest of each device’s series', () => {
    expect(newestReadingByDevice([r('a', 1, 10), r('a', 2, 30), r('b', 3, 5)])).toEqual(new Map([['a', 30], ['b', 5]]));
  });
});
