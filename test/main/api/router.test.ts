import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../main/api/errors.ts';
import { createRouter, type Handlers } from '../../../main/api/router.ts';
import { quietLogger } from '../../helpers/core.ts';

const calls: unknown[] = [];
const handlers = new Proxy({} as Handlers, {
  get: (_t, name) => (params: unknown) => {
    calls.push([name, params]);
    if (name === 'devices.list') throw new Error('database exploded');
    if (name === 'telemetry.latest') throw new ApiError('unavailable', 'store is closing');
    return { ok: true, version: 'x', uptimeS: 1 };
  },
});
const dispatch = createRouter(handlers, quietLogger);
const control = { access: 'control', via: 'ws' } as const;

describe('router', () => {
  it('answers a valid call through its handler', async () => {
    expect(await dispatch('system.health', {}, control)).toEqual({ result: { ok: true, version: 'x', uptimeS: 1 } });
  });

  it('an unknown method is a typed error and reaches no handler', async () => {
    calls.length = 0;
    expect(await dispatch('devices.explode', {}, control)).toEqual({ error: { code: 'unknown_method', message: 'unknown method "devices.explode"' } });
    expect(await dispatch('__proto__', {}, control)).toMatchObject({ error: { code: 'unknown_method' } });
    expect(await dispatch('toString', {}, control)).toMatchObject({ error: { code: 'unknown_method' } });
    expect(calls).toEqual([]);
  });

  it('a wrong-typed parameter names the field and reaches no handler', async () => {
    calls.length = 0;
    const out = await dispatch('devices.rename', { id: 'ble:x', name: 42 }, control);
    expect(out).toMatchObject({ error: { code: 'invalid_params', issues: [{ path: 'name' }] } });
    expect('error' in out && out.error.message).toContain('name');
    expect(await dispatch('devices.rename', { id: 'ble:x' }, control)).toMatchObject({ error: { code: 'invalid_params', message: expect.stringContaining('at least one of name, room, notes') } });
    expect(await dispatch('devices.rename', { id: 'ble:x', name: 'n'.repeat(65) }, control)).toMatchObject({ error: { code: 'invalid_params' } });
    expect(await dispatch('system.info', { extra: 1 }, control)).toMatchObject({ error: { code: 'invalid_params' } });
    expect(calls).toEqual([]);
  });

  it('a viewer may read but not change', async () => {
    const viewer = { access: 'view', via: 'ws' } as const;
    expect(await dispatch('system.health', {}, viewer)).toHaveProperty('result');
    expect(await dispatch('settings.update', { site: { name: 'x' } }, viewer)).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('trims text params before handing them over', async () => {
    calls.length = 0;
    await dispatch('devices.rename', { id: 'ble:x', name: '  Stage left  ' }, control);
    expect(calls).toEqual([['devices.rename', { id: 'ble:x', name: 'Stage left' }]]);
  });

  it('a handler crash becomes "internal" without leaking details; an ApiError passes through', async () => {
    expect(await dispatch('devices.list', {}, control)).toEqual({ error: { code: 'internal', message: 'internal error; see the log for details' } });
    expect(await dispatch('telemetry.latest', {}, control)).toEqual({ error: { code: 'unavailable', message: 'store is closing' } });
  });

  it('subscribe needs a live connection', async () => {
    expect(await dispatch('subscribe', { topics: ['alerts'] }, control)).toMatchObject({ error: { code: 'invalid_request' } });
  });
});
