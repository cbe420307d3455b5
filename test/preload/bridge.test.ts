import { describe, expect, it, vi } from 'vitest';
import { createBridge, type BridgeIpc } from '../../preload/create-bridge.ts';

type EventListener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for ipcRenderer: records invokes, lets the test push events. */
function fakeIpc(answer: (method: unknown, params: unknown) => unknown = () => ({ result: { topics: [] } })) {
  const listeners = new Map<string, EventListener[]>();
  const invoke = vi.fn(async (_channel: string, ...args: unknown[]) => answer(args[0], args[1]));
  const ipc: BridgeIpc = {
    invoke,
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
  };
  const emit = (channel: string, ...args: unknown[]) => listeners.get(channel)?.forEach((l) => l({}, ...args));
  const calls = () => invoke.mock.calls.map(([channel, method, params]) => ({ channel, method, params }));
  return { ipc, invoke, emit, calls };
}

const flush = () => new Promise((r) => setTimeout(r, 0));
const silentLog = () => ({ error: vi.fn() });

describe('call', () => {
  it('invokes showsite:call with method and params and returns the outcome', async () => {
    const f = fakeIpc(() => ({ result: { version: '0.1.0' } }));
    const bridge = createBridge(f.ipc, silentLog());
    await expect(bridge.call('system.health', {})).resolves.toEqual({ result: { version: '0.1.0' } });
    expect(f.calls()).toEqual([{ channel: 'showsite:call', method: 'system.health', params: {} }]);
  });

  it('passes typed errors through unchanged', async () => {
    const error = { code: 'invalid_params', message: 'room must be 1–64 characters', issues: [{ path: 'room', message: 'too long' }] };
    const bridge = createBridge(fakeIpc(() => ({ error })).ipc, silentLog());
    await expect(bridge.call('devices.rename', { id: 'x', room: 'r'.repeat(99) })).resolves.toEqual({ error });
  });

  it('turns an IPC rejection or a junk reply into an outcome, never a rejection', async () => {
    const rejecting = createBridge(
      { invoke: async () => Promise.reject(new Error('No handler registered')), on: () => undefined },
      silentLog(),
    );
    await expect(rejecting.call('settings.get')).resolves.toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/No handler/) } });
    const junk = createBridge(fakeIpc(() => 'nonsense').ipc, silentLog());
    await expect(junk.call('settings.get')).resolves.toMatchObject({ error: { code: 'unavailable' } });
  });
});

describe('on', () => {
  it('subscribes when the first listener for a topic arrives, once', async () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, silentLog());
    bridge.on('alerts', () => undefined);
    bridge.on('alerts', () => undefined);
    bridge.on('devices.changed', () => undefined);
    await flush();
    expect(f.calls()).toEqual([
      { channel: 'showsite:call', method: 'subscribe', params: { topics: ['alerts'] } },
      { channel: 'showsite:call', method: 'subscribe', params: { topics: ['devices.changed'] } },
    ]);
  });

  it('unsubscribes only when the last listener leaves, and re-subscribes on the next', async () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, silentLog());
    const offA = bridge.on('alerts', () => undefined);
    const offB = bridge.on('alerts', () => undefined);
    offA();
    offA(); // idempotent: must not remove B's registration
    await flush();
    expect(f.calls().map((c) => c.method)).toEqual(['subscribe']);
    offB();
    await flush();
    expect(f.calls().at(-1)).toEqual({ channel: 'showsite:call', method: 'unsubscribe', params: { topics: ['alerts'] } });
    bridge.on('alerts', () => undefined);
    await flush();
    expect(f.calls().map((c) => c.method)).toEqual(['subscribe', 'unsubscribe', 'subscribe']);
  });

  it('keeps two registrations of the same function apart (contextBridge may proxy it twice)', async () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, silentLog());
    const fn = vi.fn();
    const off1 = bridge.on('alerts', fn);
    bridge.on('alerts', fn);
    off1();
    f.emit('showsite:event', [{ topic: 'alerts', data: 1 }]);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('dispatches each event of a batch to that topic’s listeners, in order', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, silentLog());
    const alerts = vi.fn();
    const devices = vi.fn();
    bridge.on('alerts', alerts);
    bridge.on('devices.changed', devices);
    f.emit('showsite:event', [
      { topic: 'alerts', data: { id: 1 } },
      { topic: 'devices.changed', data: { id: 'd1' } },
      { topic: 'alerts', data: { id: 2 } },
      { topic: 'readings.live', data: { nobody: 'listens' } },
    ]);
    expect(alerts.mock.calls).toEqual([[{ id: 1 }], [{ id: 2 }]]);
    expect(devices.mock.calls).toEqual([[{ id: 'd1' }]]);
  });

  it('stops delivering after unsubscribe', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, silentLog());
    const fn = vi.fn();
    const off = bridge.on('alerts', fn);
    off();
    f.emit('showsite:event', [{ topic: 'alerts', data: 1 }]);
    expect(fn).not.toHaveBeenCalled();
  });

  it('ignores malformed batches and survives a throwing listener', () => {
    const f = fakeIpc();
    const log = silentLog();
    const bridge = createBridge(f.ipc, log);
    const good = vi.fn();
    bridge.on('alerts', () => {
      throw new Error('render bug');
    });
    bridge.on('alerts', good);
    f.emit('showsite:event', 'not an array');
    f.emit('showsite:event', [null, 7, { topic: 42 }, { data: 1 }]);
    expect(good).not.toHaveBeenCalled();
    f.emit('showsite:event', [{ topic: 'alerts', data: 'x' }]);
    expect(good).toHaveBeenCalledWith('x');
    expect(log.error).toHaveBeenCalled();
  });

  it('a listener may unsubscribe itself during dispatch without skipping others', () => {
    const f = fakeIpc();
    const bridge = createBridge(f.ipc, silentLog());
    const second = vi.fn();
    const off = bridge.on('alerts', () => off());
    bridge.on('alerts', second);
    f.emit('showsite:event', [{ topic: 'alerts', data: 1 }]);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('logs a failed subscribe instead of throwing', async () => {
    const log = silentLog();
    const bridge = createBridge(fakeIpc(() => ({ error: { code: 'invalid_params', message: 'unknown topic' } })).ipc, log);
    bridge.on('nope', () => undefined);
    await flush();
    expect(String(log.error.mock.calls[0]?.[0])).toMatch(/subscribe nope failed: unknown topic/);
  });

  it('rejects bad arguments from the page', () => {
    const bridge = createBridge(fakeIpc().ipc, silentLog());
    expect(() => bridge.on('', () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('alerts', 'not a function' as unknown as () => void)).toThrow(TypeError);
  });
});
