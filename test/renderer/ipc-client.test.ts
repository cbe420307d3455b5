import { describe, expect, it } from 'vitest';
import type { CallOutcome, ShowsiteBridge } from '../../preload/contract/index.ts';
import { ApiError } from '../../renderer/src/api/errors.ts';
import { IpcClient } from '../../renderer/src/api/ipc-client.ts';

function bridge(answer: (method: string, params: unknown) => Promise<CallOutcome>) {
  const calls: Array<{ method: string; params: unknown }> = [];
  const listeners = new Map<string, Set<(d: unknown) => void>>();
  const b: ShowsiteBridge = {
    call: (method, params) => {
      calls.push({ method, params });
      return answer(method, params);
    },
    on: (topic, fn) => {
      const set = listeners.get(topic) ?? new Set();
      set.add(fn);
      listeners.set(topic, set);
      return () => set.delete(fn);
    },
  };
  const emit = (topic: string, data: unknown) => listeners.get(topic)?.forEach((fn) => fn(data));
  return { b, calls, emit, listeners };
}

describe('IpcClient', () => {
  it('unwraps {result} into the value and passes method and params through', async () => {
    const { b, calls } = bridge(async () => ({ result: [{ id: 'dev1' }] }));
    const api = new IpcClient(b);
    await expect(api.call('devices.list')).resolves.toEqual([{ id: 'dev1' }]);
    await api.call('devices.rename', { id: 'dev1', room: 'FOH' });
    expect(calls).toEqual([
      { method: 'devices.list', params: {} },
      { method: 'devices.rename', params: { id: 'dev1', room: 'FOH' } },
    ]);
  });

  it('turns {error} into an ApiError keeping code, message and issues', async () => {
    const { b } = bridge(async () => ({
      error: { code: 'invalid_params', message: 'room must be 1–64 characters', issues: [{ path: 'room', message: 'too long' }] },
    }));
    const err = await new IpcClient(b).call('devices.rename', { id: 'x', room: 'r'.repeat(65) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'invalid_params', message: 'room must be 1–64 characters', issues: [{ path: 'room', message: 'too long' }] });
  });

  it('a result of null/false is still a result, not an error', async () => {
    const { b } = bridge(async () => ({ result: null }));
    await expect(new IpcClient(b).call('settings.get')).resolves.toBeNull();
  });

  it('a rejected bridge call or malformed envelope becomes an ApiError "internal"', async () => {
    const rejecting = bridge(() => Promise.reject(new Error('An object could not be cloned')));
    await expect(new IpcClient(rejecting.b).call('settings.get')).rejects.toMatchObject({ code: 'internal', message: 'An object could not be cloned' });
    const malformed = bridge(async () => ({}) as CallOutcome);
    await expect(new IpcClient(malformed.b).call('settings.get')).rejects.toMatchObject({ code: 'internal' });
  });

  it('forwards events and unsubscribes through the bridge', () => {
    const { b, emit, listeners } = bridge(async () => ({ result: null }));
    const api = new IpcClient(b);
    const got: number[] = [];
    const off = api.on('alerts', (e) => got.push(e.id));
    emit('alerts', { id: 4 });
    off();
    emit('alerts', { id: 5 });
    expect(got).toEqual([4]);
    expect(listeners.get('alerts')?.size).toBe(0);
  });

  it('is always connected (epoch 1), so snapshot hooks load once', () => {
    const { b } = bridge(async () => ({ result: null }));
    expect(new IpcClient(b).connection()).toEqual({ state: 'connected', epoch: 1 });
  });
});
