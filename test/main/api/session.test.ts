import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../main/runtime/hub.ts';
import { openSession, type EventSink } from '../../../main/api/session.ts';
import type { EventMessage, LiveReading } from '../../../preload/contract/index.ts';

const reading = (seriesId: number, value: number): LiveReading => ({ seriesId, deviceId: 'd', metric: 'temperature', unit: '°C', value, ts: 1, state: 'ok', staleAfterS: 120 });

function rig() {
  const hub = new EventHub();
  const batches: EventMessage[][] = [];
  const sink: EventSink & { isReady: boolean } = { isReady: true, deliver: (b) => batches.push(b), ready: () => sink.isReady };
  const dispatch = vi.fn(async () => ({ result: 'dispatched' }));
  const session = openSession(hub, dispatch, sink, { access: 'control', via: 'ws' }, { flushDelayMs: 10, retryMs: 50 });
  return { hub, batches, sink, session, dispatch };
}

describe('session', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers only subscribed topics', async () => {
    const { hub, batches, session } = rig();
    await session.call('subscribe', { topics: ['readings.live'] });
    hub.publish('readings.live', 1, reading(1, 20));
    hub.publish('devices.changed', 'd', { id: 'd' } as never);
    vi.advanceTimersByTime(20);
    expect(batches).toEqual([[{ topic: 'readings.live', data: reading(1, 20) }]]);
  });

  it('coalesces per key inside the window: latest wins, other keys kept', async () => {
    const { hub, batches, session } = rig();
    await session.call('subscribe', { topics: ['readings.live'] });
    for (let v = 0; v < 100; v++) hub.publish('readings.live', 1, reading(1, v));
    hub.publish('readings.live', 2, reading(2, 5));
    vi.advanceTimersByTime(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((m) => (m.data as LiveReading).value)).toEqual([99, 5]);
  });

  it('holds events while the transport is backed up, then sends only the newest', async () => {
    const { hub, batches, sink, session } = rig();
    await session.call('subscribe', { topics: ['readings.live'] });
    sink.isReady = false;
    hub.publish('readings.live', 1, reading(1, 1));
    vi.advanceTimersByTime(200);
    hub.publish('readings.live', 1, reading(1, 2));
    vi.advanceTimersByTime(200);
    expect(batches).toEqual([]);
    sink.isReady = true;
    vi.advanceTimersByTime(60);
    expect(batches).toEqual([[{ topic: 'readings.live', data: reading(1, 2) }]]);
  });

  it('unsubscribe and close stop delivery', async () => {
    const { hub, batches, session } = rig();
    await session.call('subscribe', { topics: ['readings.live', 'alerts'] });
    expect(await session.call('unsubscribe', { topics: ['readings.live'] })).toEqual({ result: { topics: ['alerts'] } });
    hub.publish('readings.live', 1, reading(1, 1));
    vi.advanceTimersByTime(20);
    expect(batches).toEqual([]);
    session.close();
    expect(hub.size).toBe(0);
  });

  it('rejects unknown topics with invalid_params', async () => {
    const { session } = rig();
    expect(await session.call('subscribe', { topics: ['readings.live', 'secrets'] })).toMatchObject({ error: { code: 'invalid_params' } });
    expect(await session.call('subscribe', {})).toMatchObject({ error: { code: 'invalid_params' } });
  });

  it('passes other calls to the router', async () => {
    const { session, dispatch } = rig();
    expect(await session.call('devices.list', {})).toEqual({ result: 'dispatched' });
    expect(dispatch).toHaveBeenCalledWith('devices.list', {}, { access: 'control', via: 'ws' });
  });
});
