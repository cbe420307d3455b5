/** How a device is doing on the Devices page, from when it was last heard. */
export type DeviceState = 'ok' | 'stale' | 'lost';

/**
 * Silent for this many stale-after periods = lost. Stale means "its values are out of date" (a sensor that
 * skipped a few reports); lost means "probably gone" (flat battery, out of range, unplugged).
 */
export const lostAfterStalePeriods = 5;

/** `lastHeardMs` is the newest of the device's own last-seen and its readings; `serverNow` the console's clock. */
export function deviceState(lastHeardMs: number, staleAfterS: number, serverNow: number): DeviceState {
  const silentMs = serverNow - lastHeardMs;
  if (silentMs > staleAfterS * 1000 * lostAfterStalePeriods) return 'lost';
  if (silentMs > staleAfterS * 1000) return 'stale';
  return 'ok';
}

export const deviceStateLabel: Record<DeviceState, string> = { ok: 'OK', stale: 'STALE', lost: 'LOST' };

/** What each state means, in the words the page shows under the table. */
export function deviceStateHelp(staleAfterS: number): Record<DeviceState, string> {
  return {
    ok: `heard within the last ${formatSeconds(staleAfterS)}`,
    stale: `silent for more than ${formatSeconds(staleAfterS)}: its values are out of date`,
    lost: `silent for more than ${formatSeconds(staleAfterS * lostAfterStalePeriods)}: probably gone (battery, range, power)`,
  };
}

/** 120 → "2 min", 90 → "90 s", 7200 → "2 h". */
export function formatSeconds(s: number): string {
  if (s >= 3600 && s % 3600 === 0) return `${s / 3600}\u00a0h`;
  if (s >= 60 && s % 60 === 0) return `${s / 60}\u00a0min`;
  return `${s}\u00a0s`;
}

/** Battery 20 % and below is worth a look before the show. */
export const lowBatteryPercent = 20;
