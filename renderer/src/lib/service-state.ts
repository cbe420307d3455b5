import type { ServiceState, ServiceStatus } from '../../../preload/contract/index.ts';

/** Words beside the colour, so a state reads the same to everyone. */
export const serviceStateLabel: Record<ServiceState, string> = {
  starting: 'Starting',
  ok: 'OK',
  degraded: 'Degraded',
  lost: 'Lost',
  off: 'Off',
  error: 'Error',
};

/** How much a state needs the operator: the strip sorts and colours by it. */
export const serviceUrgency: Record<ServiceState, number> = { error: 4, lost: 3, degraded: 2, starting: 1, ok: 0, off: -1 };

/** The worst state among services that are on (off ones are the operator's choice, not a problem). */
export function worstService(services: readonly ServiceStatus[]): ServiceStatus | undefined {
  return services.filter((s) => s.state !== 'off').sort((a, b) => serviceUrgency[b.state] - serviceUrgency[a.state])[0];
}
