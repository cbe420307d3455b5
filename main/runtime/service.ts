import type { ServiceState, Settings } from '../../preload/contract/index.ts';
import type { Logger } from './logger.ts';

/**
 * A Service is anything that runs for the life of the core: the LAN server, the demo site, the DMX
 * worker, a serial port, the BLE scanner, a broker connection. It owns one slice of the settings, and the
 * controller (main/core/services.ts) starts it, stops it (with a timeout), and re-applies its slice when
 * it changes — one change at a time, latest wins. It always says how it is doing through `ctx.report`.
 */
export interface Service<C = unknown> {
  /** Stable id, e.g. `lan`, `demo`, `dmx`; also the key of its `services.status` events. */
  readonly name: string;
  /** What an operator calls it: "LAN access", "Demo site". */
  readonly label: string;
  /** The slice of settings this service depends on. A change to it (by value) triggers `reconfigure`. */
  config(settings: Settings): C;
  /** False = the operator turned it off: it is stopped and shows `off`. Default: always on. */
  enabled?(config: C): boolean;
  /** The sentence shown while it is off (default "turned off in Settings"). */
  offMessage?(config: C): string;
  /** Start with this config. Report `ok`/`degraded`/… via ctx once it knows. Throwing = state `error`. */
  start(config: C, ctx: ServiceContext): Promise<void> | void;
  /** Release everything (sockets, ports, timers). Must be safe to call after a failed start. */
  stop(): Promise<void> | void;
  /** Apply a new config in place. Without it the controller restarts the service (stop, then start). */
  reconfigure?(next: C, previous: C, ctx: ServiceContext): Promise<void> | void;
  /** Longest a stop may take before the controller gives up on it (default 5 s). */
  readonly stopTimeoutMs?: number;
}

export interface ServiceContext {
  /** Say how the service is doing now; repeated identical reports are ignored. */
  report(state: Exclude<ServiceState, 'off'> | 'off', message: string): void;
  readonly logger: Logger;
}
