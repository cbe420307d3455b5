import { describe, expect, it } from 'vitest';
import { ApiError } from '../../renderer/src/api/errors.ts';
import { socketUrlFor, WsClient, type WsClientOptions } from '../../renderer/src/api/ws-client.ts';
import type { ConnectionSnapshot } from '../../renderer/src/api/types.ts';
import { FakeClock, fakeSockets, type FakeSocket } from './fakes.ts';

function setup(opts: Partial<WsClientOptions> = {}) {
  const { Ctor, sockets } = fakeSockets();
  const clock = new FakeClock();
  const client = new WsClient('ws://console.test/ws', {
    WebSocket: Ctor,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    random: () => 0.5,
    heartbeatMs: 0,
    callTimeoutMs: 0,
    ...opts,
  });
  const states: ConnectionSnapshot[] = [];
  client.onConnection((s) => states.push(s));
  client.connect();
  const socket = (i = sockets.length - 1): FakeSocket => {
    const s = sockets[i];
    if (!s) throw new Error(`no socket #${i}`);
    return s;
  };
  return { client, sockets, clock, states, socket };
}

/** Lets promise callbacks run. */
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe('WsClient requests', () => {
  it('opens the given URL and starts in "connecting"', () => {
    const { client, socket } = setup();
    expect(socket().url).toBe('ws://console.test/ws');
    expect(client.connection()).toEqual({ state: 'connecting', epoch: 0 });
  });

  it('matches answers to calls by id, whatever order they arrive in', async () => {
    const { client, socket } = setup();
    socket().open();
    const a = client.call('devices.list');
    const b = client.call('settings.get');
    const [reqA, reqB] = socket().sent;
    expect(reqA).toMatchObject({ method: 'devices.list', params: {} });
    expect(reqB).toMatchObject({ method: 'settings.get' });
    expect(reqA?.id).not.toBe(reqB?.id);
    socket().receive({ id: reqB?.id, result: { site: { name: 'B' } } });
    socket().receive({ id: reqA?.id, result: [{ id: 'A' }] });
    expect(await a).toEqual([{ id: 'A' }]);
    expect(await b).toEqual({ site: { name: 'B' } });
  });

  it('sends params as given', () => {
    const { client, socket } = setup();
    socket().open();
    void client.call('devices.rename', { id: 'x', name: 'Stage L' });
    expect(socket().last('devices.rename')?.params).toEqual({ id: 'x', name: 'Stage L' });
  });

  it('turns an error answer into an ApiError with code, message and issues', async () => {
    const { client, socket } = setup();
    socket().open();
    const p = client.call('devices.rename', { id: 'x', name: 'n'.repeat(65) });
    const id = socket().last('devices.rename')?.id;
    socket().receive({ id, error: { code: 'invalid_params', message: 'name must be at most 64 characters', issues: [{ path: 'name', message: 'too long' }] } });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid_params', message: 'name must be at most 64 characters', issues: [{ path: 'name', message: 'too long' }] });
  });

  it('queues calls made while connecting and sends them on open', async () => {
    const { client, socket } = setup();
    const p = client.call('system.info');
    expect(socket().sent).toEqual([]);
    socket().open();
    expect(socket().methods()).toEqual(['system.info']);
    socket().receive({ id: socket().last('system.info')?.id, result: { now: 5 } });
    expect(await p).toEqual({ now: 5 });
  });

  it('ignores garbage, binary frames and answers to unknown ids', async () => {
    const { client, socket } = setup();
    socket().open();
    const p = client.call('settings.get');
    socket().receiveRaw('{not json');
    socket().receiveRaw(new Uint8Array([1, 2]));
    socket().receive({ id: 9999, result: 'stray' });
    socket().receive(['array']);
    socket().receive({ id: socket().last('settings.get')?.id, result: 'mine' });
    expect(await p).toBe('mine');
  });

  it('times out an unanswered call with "unavailable" and drops the dead socket', async () => {
    const { client, socket, clock, sockets } = setup({ callTimeoutMs: 1000 });
    socket().open();
    const p = client.call('devices.list');
    clock.advance(999);
    let settled = false;
    p.catch(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    clock.advance(1);
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
    expect(sockets[0]?.closedWith).not.toBeNull();
    expect(client.connection().state).toBe('reconnecting');
  });
});

describe('WsClient live topics', () => {
  it('subscribes on first listener, delivers events, unsubscribes after the last one leaves', () => {
    const { client, socket } = setup();
    socket().open();
    const got1: unknown[] = [];
    const got2: unknown[] = [];
    const off1 = client.on('readings.live', (r) => got1.push(r.value));
    const off2 = client.on('readings.live', (r) => got2.push(r.value));
    expect(socket().sent.filter((m) => m.method === 'subscribe')).toHaveLength(1);
    expect(socket().last('subscribe')?.params).toEqual({ topics: ['readings.live'] });

    socket().receive({ topic: 'readings.live', data: { value: 21.5 } });
    socket().receive({ topic: 'alerts', data: { id: 1 } });
    expect(got1).toEqual([21.5]);
    expect(got2).toEqual([21.5]);

    off1();
    expect(socket().last('unsubscribe')).toBeUndefined();
    off2();
    expect(socket().last('unsubscribe')?.params).toEqual({ topics: ['readings.live'] });
    socket().receive({ topic: 'readings.live', data: { value: 99 } });
    expect(got2).toEqual([21.5]);
  });

  it('a throwing listener does not stop the others', () => {
    const { client, socket } = setup();
    socket().open();
    const got: unknown[] = [];
    const errorSpy = console.error;
    console.error = () => {};
    try {
      client.on('alerts', () => {
        throw new Error('boom');
      });
      client.on('alerts', (e) => got.push(e.id));
      socket().receive({ topic: 'alerts', data: { id: 3 } });
    } finally {
      console.error = errorSpy;
    }
    expect(got).toEqual([3]);
  });

  it('topics registered before open are subscribed in one message on open, before queued calls', () => {
    const { client, socket } = setup();
    client.on('readings.live', () => {});
    client.on('devices.changed', () => {});
    void client.call('telemetry.latest');
    expect(socket().sent).toEqual([]);
    socket().open();
    expect(socket().methods()).toEqual(['subscribe', 'telemetry.latest']);
    expect(socket().last('subscribe')?.params).toEqual({ topics: ['readings.live', 'devices.changed'] });
  });
});

describe('WsClient connection lifecycle', () => {
  it('close code 4401 → "unauthorized", pending calls rejected, and no reconnect ever', async () => {
    const { client, socket, sockets, clock, states } = setup();
    socket().open();
    const p = client.call('devices.list');
    socket().serverClose(4401);
    await expect(p).rejects.toMatchObject({ code: 'unauthorized' });
    expect(client.connection().state).toBe('unauthorized');
    expect(states.map((s) => s.state)).toEqual(['connected', 'unauthorized']);
    clock.advance(60_000);
    expect(sockets).toHaveLength(1);
    expect(clock.timers.size).toBe(0);
    await expect(client.call('settings.get')).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('an unexpected close → "reconnecting", rejects pending calls with "unavailable", reconnects and re-subscribes', async () => {
    const { client, socket, sockets, clock, states } = setup();
    client.on('readings.live', () => {});
    client.on('alerts', () => {});
    socket().open();
    expect(client.connection()).toEqual({ state: 'connected', epoch: 1 });
    const pending = client.call('devices.list');

    socket().serverClose(1006);
    expect(client.connection().state).toBe('reconnecting');
    await expect(pending).rejects.toMatchObject({ code: 'unavailable' });
    expect(sockets).toHaveLength(1);

    clock.advance(250);
    expect(sockets).toHaveLength(2);
    socket(1).open();
    expect(client.connection()).toEqual({ state: 'connected', epoch: 2 });
    expect(socket(1).last('subscribe')?.params).toEqual({ topics: ['readings.live', 'alerts'] });
    expect(states.map((s) => `${s.state}:${s.epoch}`)).toEqual(['connected:1', 'reconnecting:1', 'connected:2']);

    // Events on the new socket reach listeners registered before the drop.
    const got: unknown[] = [];
    client.on('alerts', (e) => got.push(e.id));
    socket(1).receive({ topic: 'alerts', data: { id: 7 } });
    expect(got).toEqual([7]);
  });

  it('a topic dropped while disconnected is not re-subscribed', () => {
    const { client, socket, clock } = setup();
    const off = client.on('alerts', () => {});
    client.on('readings.live', () => {});
    socket().open();
    socket().serverClose(1001);
    off();
    clock.advance(1000);
    socket(1).open();
    expect(socket(1).last('subscribe')?.params).toEqual({ topics: ['readings.live'] });
    expect(socket(1).last('unsubscribe')).toBeUndefined();
  });

  it('events from an abandoned socket are ignored', () => {
    const { client, socket, clock, sockets } = setup({ callTimeoutMs: 100 });
    const got: unknown[] = [];
    client.on('alerts', (e) => got.push(e.id));
    socket().open();
    void client.call('devices.list').catch(() => {});
    clock.advance(100); // timeout drops socket 0
    clock.advance(1000);
    expect(sockets).toHaveLength(2);
    sockets[0]?.receive({ topic: 'alerts', data: { id: 1 } });
    expect(got).toEqual([]);
  });

  it('backoff doubles from 250 ms and caps at 5 s, and resets after a successful connect', () => {
    const { socket, clock, sockets } = setup({ random: () => 1 });
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      socket().serverClose(1006);
      const [d] = clock.pendingDelays();
      if (d === undefined) throw new Error('no reconnect scheduled');
      delays.push(d);
      clock.advance(d);
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000, 5000]);
    expect(sockets).toHaveLength(9);

    socket().open();
    socket().serverClose(1006);
    expect(clock.pendingDelays()).toEqual([250]);
  });

  it('jitter keeps each delay within its step (half fixed, half random)', () => {
    const { socket, clock } = setup({ random: () => 0 });
    socket().serverClose(1006);
    expect(clock.pendingDelays()).toEqual([125]);
  });

  it('calls queued during "reconnecting" are rejected when that attempt fails too', async () => {
    const { client, socket, clock } = setup();
    socket().open();
    socket().serverClose(1006);
    clock.advance(250);
    const p = client.call('settings.get');
    socket(1).serverClose(1006);
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('a throwing WebSocket constructor counts as a failed attempt, not a crash', () => {
    let n = 0;
    const { FakeCtor, sockets } = (() => {
      const made: unknown[] = [];
      class FakeCtor {
        onopen = null;
        onmessage = null;
        onclose = null;
        onerror = null;
        constructor() {
          n++;
          if (n === 1) throw new SyntaxError('bad url');
          made.push(this);
        }
        send() {}
        close() {}
      }
      return { FakeCtor, sockets: made };
    })();
    const clock = new FakeClock();
    const client = new WsClient('ws://x/ws', { WebSocket: FakeCtor, setTimer: clock.setTimer, clearTimer: clock.clearTimer, random: () => 1, heartbeatMs: 0 });
    client.connect();
    expect(client.connection().state).toBe('reconnecting');
    clock.advance(250);
    expect(sockets).toHaveLength(1);
  });

  it('heartbeat probes with system.health and drops a socket that stops answering', () => {
    const { socket, clock, sockets, client } = setup({ heartbeatMs: 10_000, callTimeoutMs: 3000 });
    socket().open();
    clock.advance(10_000);
    const probe = socket().last('system.health');
    expect(probe).toBeDefined();
    socket().receive({ id: probe?.id, result: { ok: true } });
    clock.advance(10_000);
    expect(socket().sent.filter((m) => m.method === 'system.health')).toHaveLength(2);
    // Second probe goes unanswered.
    clock.advance(3000);
    expect(client.connection().state).toBe('reconnecting');
    expect(sockets[0]?.closedWith).not.toBeNull();
  });

  it('close() stops for good: pending rejected, socket closed, no reconnect', async () => {
    const { client, socket, sockets, clock } = setup();
    socket().open();
    const p = client.call('devices.list');
    client.close();
    await expect(p).rejects.toMatchObject({ code: 'unavailable' });
    expect(socket().closedWith?.code).toBe(1000);
    clock.advance(60_000);
    expect(sockets).toHaveLength(1);
  });
});

describe('socketUrlFor', () => {
  it('uses ws: for http pages and wss: for https pages, on the same host and port', () => {
    expect(socketUrlFor({ protocol: 'http:', host: '192.168.1.20:8787' })).toBe('ws://192.168.1.20:8787/ws');
    expect(socketUrlFor({ protocol: 'https:', host: 'foh.local' })).toBe('wss://foh.local/ws');
  });
});
