export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 250, maxMs: 5000 };

/**
 * Delay before reconnect attempt `attempt` (0-based): base doubling up to max, with "equal jitter"
 * (half fixed, half random) so a room full of tablets doesn't reconnect in lockstep after a core restart.
 */
export function backoffDelay(attempt: number, random: () => number, opts: BackoffOptions = defaultBackoff): number {
  const ceiling = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(attempt, 30));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
