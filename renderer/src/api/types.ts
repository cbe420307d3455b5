import type { ConnectionState, ShowsiteApi } from '../../../preload/contract/index.ts';

/** `epoch` counts successful connects, so hooks can re-fetch snapshots after every (re)connect. */
export interface ConnectionSnapshot {
  readonly state: ConnectionState;
  readonly epoch: number;
}

/** ShowsiteApi plus the connection status the shell shows. */
export interface ClientApi extends ShowsiteApi {
  /** Current status; the same object until it changes (fit for useSyncExternalStore). */
  connection(): ConnectionSnapshot;
  onConnection(listener: (snapshot: ConnectionSnapshot) => void): () => void;
  /** Starts the transport (no-op where there is nothing to start). */
  connect(): void;
  /** Stops for good: no reconnects, pending calls rejected. */
  close(): void;
}
