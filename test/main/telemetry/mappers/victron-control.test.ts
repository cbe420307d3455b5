import { describe, expect, it } from 'vitest';
import { createGxControl, type GxControl } from '../../../../main/telemetry/mappers/victron-control.ts';
import { createVictronMapper } from '../../../../main/telemetry/mappers/victron.ts';
import { enc } from './helpers.ts';

const P = 'e0ff50a097c0';
const mode: GxControl = { target: 'inverter_mode', portalId: P, instance: 276 };
const modeTopic = `N/${P}/vebus/276/Mode`;

describe('GX control: optimistic writes confirmed by the republish', () => {
  it('a request is pending until the GX republishes the wanted value', () => {
    const c = createGxControl();
    const r = c.request(mode, 4, 1000);
    expect(r).toEqual({
      ok: true,
      pending: { key: modeTopic, control: mode, wanted: 4, requestedAt: 1000, deadline: 11_000 },
      write: { topic: `W/${P}/vebus/276/Mode`, payload: '{"value":4}' },
      read: { topic: `R/${P}/vebus/276/Mode`, payload: '' },
    });
    expect(c.pending()).toHaveLength(1);
    expect(c.tick(5000)).toEqual({ reverted: [] });
    expect(c.observe(`N/${P}/vebus/257/Mode`, 4, 5500)).toBeNull(); // another Multi
    expect(c.observe(modeTopic, 3, 5600)).toBeNull(); // the old value still in flight
    expect(c.observe(modeTopic, 4, 6000)).toEqual({ control: mode, value: 4, afterMs: 5000 });
    expect(c.pending()).toEqual([]);
    expect(c.tick(20_000)).toEqual({ reverted: [] });
  });

  it('without the republish it is reverted after the timeout, saying what the GX kept', () => {
    const c = createGxControl({ timeoutMs: 10_000 });
    c.request(mode, 4, 0);
    c.observe(modeTopic, 3, 2000);
    expect(c.tick(9_999).reverted).toEqual([]);
    const { reverted } = c.tick(10_000);
    expect(reverted).toEqual([
      {
        control: mode,
        wanted: 4,
        actual: 3,
        message: `Inverter mode (VE.Bus 276) on GX ${P}: the GX kept On (3) instead of Off (4) (no confirmation within 10 s)`,
      },
    ]);
    expect(c.pending()).toEqual([]);
  });

  it('with nothing heard, the current value comes from the mapper state when wired', () => {
    const m = createVictronMapper();
    m.map(modeTopic, enc('{"value":1}'), { now: 0, connectionId: 'gx' });
    const wired = createGxControl({ currentValue: (t) => m.valueAt(t) });
    wired.request(mode, 3, 0);
    expect(wired.tick(10_000).reverted[0]).toMatchObject({ wanted: 3, actual: 1, message: expect.stringContaining('kept Charger only (1) instead of On (3)') });
    const bare = createGxControl();
    bare.request(mode, 3, 0);
    expect(bare.tick(10_000).reverted[0]).toMatchObject({ actual: null, message: `Inverter mode (VE.Bus 276) on GX ${P}: On (3) was not confirmed within 10 s; showing the last value the GX reported` });
  });

  it('a second request for the same control replaces the first', () => {
    const c = createGxControl();
    const first = c.request(mode, 1, 0);
    const second = c.request(mode, 2, 1000);
    expect(second.ok && second.replaced).toEqual(first.ok && first.pending);
    expect(c.pending()).toHaveLength(1);
    expect(c.observe(modeTopic, 1, 1500)).toBeNull(); // the replaced wish is no confirmation
    expect(c.observe(modeTopic, 2, 2000)).toMatchObject({ value: 2, afterMs: 1000 });
    // Controls are separate: a charge-limit request does not replace a mode request.
    c.request(mode, 3, 3000);
    c.request({ target: 'charge_current_limit', portalId: P }, 50, 3000);
    expect(c.pending()).toHaveLength(2);
  });

  it('invalid requests are refused with the write builder’s message and change nothing', () => {
    const c = createGxControl();
    expect(c.request(mode, 7, 0)).toEqual({ ok: false, error: 'inverter mode must be 1 (charger only), 2 (inverter only), 3 (on) or 4 (off); got 7' });
    expect(c.request({ target: 'charge_current_limit', portalId: P }, 20000, 0).ok).toBe(false);
    expect(c.pending()).toEqual([]);
  });

  it('confirms from raw N/ payloads, settings with max/min included; an empty payload is no confirmation', () => {
    const c = createGxControl();
    const limit: GxControl = { target: 'charge_current_limit', portalId: P };
    const topic = `N/${P}/settings/0/Settings/SystemSetup/MaxChargeCurrent`;
    c.request(limit, -1, 0);
    expect(c.observeMessage(topic, new Uint8Array(0), 100)).toBeNull();
    expect(c.observeMessage(topic, enc('{"max":10000,"min":-1,"value":-1}'), 200)).toEqual({ control: limit, value: -1, afterMs: 200 });
    const ac: GxControl = { target: 'ac_input_current_limit', portalId: P, instance: 276, input: 1 };
    c.request(ac, 16, 0);
    c.observeMessage(`N/${P}/vebus/276/Ac/In/1/CurrentLimit`, enc('{"value":15.9}'), 100); // coerced by the device
    const [rev] = c.tick(10_000).reverted;
    expect(rev!.message).toBe(`AC input 1 current limit (VE.Bus 276) on GX ${P}: the GX kept 15.9 A instead of 16 A (no confirmation within 10 s)`);
  });

  it('cancel forgets a pending request', () => {
    const c = createGxControl();
    c.request(mode, 4, 0);
    expect(c.cancel(mode)?.wanted).toBe(4);
    expect(c.tick(60_000).reverted).toEqual([]);
  });
});
