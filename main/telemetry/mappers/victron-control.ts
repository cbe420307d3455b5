import { buildVictronWrite, inverterModeNames, parseVictronPayload, type VictronWriteRequest } from './victron.ts';

/**
 * Optimistic GX control (pure; the caller passes `now`): a request is "pending" until the GX
 * republishes the wanted value on the matching N/ topic, and is reverted — with a message saying so —
 * when no such republish arrives in time. A second request for the same control replaces the first.
 *
 * Each request also returns a read (R/…, empty payload) to publish right after the write: the GX answers
 * on the N/ topic, so a write that changes nothing (the value was already there, so D-Bus sends no change)
 * is still confirmed instead of timing out. A differing value seen meanwhile (the old value in flight, or
 * the device coercing an out-of-step current) does not revert early; it is what `actual` reports.
 */

export type GxControl =
  | { target: 'inverter_mode'; portalId: string; instance: number }
  | { target: 'charge_current_limit'; portalId: string }
  | { target: 'ac_input_current_limit'; portalId: string; instance: number; input: number };

export interface GxPending {
  /** The N/ topic whose republish confirms it (also the control's identity). */
  key: string;
  control: GxControl;
  wanted: number;
  requestedAt: number;
  deadline: number;
}

export interface GxConfirmed {
  control: GxControl;
  value: number;
  afterMs: number;
}

export interface GxReverted {
  control: GxControl;
  wanted: number;
  /** The last value the GX reported for it (null: invalid or never reported). */
  actual: number | null;
  message: string;
}

export type GxRequestResult =
  | {
      ok: true;
      pending: GxPending;
      /** Publish this (never retained)… */
      write: { topic: string; payload: string };
      /** …then this, to make the GX republish the value. */
      read: { topic: string; payload: string };
      /** The earlier request for the same control it replaced, if any. */
      replaced?: GxPending;
    }
  | { ok: false; error: string };

export interface GxControlOptions {
  /** How long to wait for the republish. Default 10 000 ms. */
  timeoutMs?: number;
  /**
   * The value currently known for an N/ topic (e.g. from the Victron mapper's state), used as `actual`
   * when nothing was republished after the request.
   */
  currentValue?: (notifyTopic: string) => number | string | null | undefined;
}

export interface GxControlMachine {
  request(control: GxControl, value: number, now: number): GxRequestResult;
  /** Feed every N/ value seen on a control topic (`value` as parsed from {"value": …}; null = invalid). */
  observe(topic: string, value: unknown, now: number): GxConfirmed | null;
  /** Same, from the raw payload. */
  observeMessage(topic: string, payload: Uint8Array, now: number): GxConfirmed | null;
  /** Expire requests past their deadline. */
  tick(now: number): { reverted: GxReverted[] };
  /** What the UI shows as "pending". */
  pending(): GxPending[];
  /** Forget a pending request (the operator cancelled, the connection went away). */
  cancel(control: GxControl): GxPending | undefined;
}

function toWrite(control: GxControl, value: number): VictronWriteRequest {
  switch (control.target) {
    case 'inverter_mode':
      return { control: 'inverter_mode', portalId: control.portalId, instance: control.instance, value };
    case 'charge_current_limit':
      return { control: 'charge_current_limit', portalId: control.portalId, value };
    case 'ac_input_current_limit':
      return { control: 'ac_input_current_limit', portalId: control.portalId, instance: control.instance, input: control.input, value };
  }
}

/** The N/ topic a control's value comes back on: what identifies it (undefined when the control is not a valid one). */
export function gxControlKey(control: GxControl): string | undefined {
  const built = buildVictronWrite(toWrite(control, control.target === 'inverter_mode' ? 3 : 0));
  return built.ok ? built.notifyTopic : undefined;
}

/** "Inverter mode (VE.Bus 276)": the control as a person names it. */
export function describeGxControl(control: GxControl): string {
  switch (control.target) {
    case 'inverter_mode':
      return `Inverter mode (VE.Bus ${control.instance})`;
    case 'charge_current_limit':
      return 'Charge current limit';
    case 'ac_input_current_limit':
      return `AC input ${control.input} current limit (VE.Bus ${control.instance})`;
  }
}

/** A control's value for a message: "On (3)", "no limit (-1)", "16 A"; `modeNames` names the inverter modes. */
export function formatGxValue(target: GxControl['target'], v: number, modeNames: Readonly<Record<number, string>> = inverterModeNames): string {
  if (target === 'inverter_mode') return `${modeNames[v] ?? 'mode'} (${v})`;
  if (target === 'charge_current_limit' && v === -1) return 'no limit (-1)';
  return `${v} A`;
}

/** Same value as the GX republishes it: JSON round-trips can turn 16 into 16.000000001 on some firmware. */
function same(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

export function createGxControl(options: GxControlOptions = {}): GxControlMachine {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pendingByKey = new Map<string, GxPending>();
  /** Last value reported per control topic while something was pending on it. */
  const lastSeen = new Map<string, number | null>();

  const observe = (topic: string, value: unknown, now: number): GxConfirmed | null => {
    const p = pendingByKey.get(topic);
    if (!p) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      lastSeen.set(topic, null);
      return null;
    }
    lastSeen.set(topic, value);
    if (!same(value, p.wanted)) return null;
    pendingByKey.delete(topic);
    lastSeen.delete(topic);
    return { control: p.control, value, afterMs: Math.max(0, now - p.requestedAt) };
  };

  return {
    request(control, value, now) {
      if (typeof control !== 'object' || control === null) return { ok: false, error: 'no control given' };
      const built = buildVictronWrite(toWrite(control, value));
      if (!built.ok) return built;
      const key = built.notifyTopic;
      const replaced = pendingByKey.get(key);
      const pending: GxPending = { key, control, wanted: value, requestedAt: now, deadline: now + timeoutMs };
      pendingByKey.set(key, pending);
      lastSeen.delete(key);
      const result: GxRequestResult = { ok: true, pending, write: { topic: built.topic, payload: built.payload }, read: built.read };
      if (replaced) result.replaced = replaced;
      return result;
    },
    observe,
    observeMessage(topic, payload, now) {
      const pl = parseVictronPayload(payload);
      if (pl.kind === 'bad') return null;
      return observe(topic, pl.kind === 'gone' ? null : pl.value, now);
    },
    tick(now) {
      const reverted: GxReverted[] = [];
      for (const [key, p] of pendingByKey) {
        if (now < p.deadline) continue;
        pendingByKey.delete(key);
        let actual = lastSeen.get(key) ?? null;
        if (actual === null && !lastSeen.has(key) && options.currentValue) {
          let known: unknown;
          try {
            known = options.currentValue(key);
          } catch {
            known = undefined;
          }
          actual = typeof known === 'number' && Number.isFinite(known) ? known : null;
        }
        lastSeen.delete(key);
        const waited = Math.round((p.deadline - p.requestedAt) / 100) / 10;
        const message =
          actual === null
            ? `${describeGxControl(p.control)} on GX ${p.control.portalId}: ${formatGxValue(p.control.target, p.wanted)} was not confirmed within ${waited} s; showing the last value the GX reported`
            : `${describeGxControl(p.control)} on GX ${p.control.portalId}: the GX kept ${formatGxValue(p.control.target, actual)} instead of ${formatGxValue(p.control.target, p.wanted)} (no confirmation within ${waited} s)`;
        reverted.push({ control: p.control, wanted: p.wanted, actual, message });
      }
      return { reverted };
    },
    pending: () => [...pendingByKey.values()],
    cancel(control) {
      if (typeof control !== 'object' || control === null) return undefined;
      const key = gxControlKey(control);
      if (key === undefined) return undefined;
      const p = pendingByKey.get(key);
      pendingByKey.delete(key);
      lastSeen.delete(key);
      return p;
    },
  };
}
