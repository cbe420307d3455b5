import { useCallback, useSyncExternalStore } from 'react';
import type { ConnectionState } from '../../../preload/contract/index.ts';
import type { ConnectionSnapshot } from '../api/types.ts';
import { useApi } from './api-context.tsx';

export function useConnectionSnapshot(): ConnectionSnapshot {
  const api = useApi();
  const subscribe = useCallback((onChange: () => void) => api.onConnection(onChange), [api]);
  return useSyncExternalStore(subscribe, () => api.connection());
}

export function useConnection(): ConnectionState {
  return useConnectionSnapshot().state;
}

/** Changes on every successful (re)connect; 0 until the first. Snapshot hooks load when it changes. */
export function useConnectionEpoch(): number {
  return useConnectionSnapshot().epoch;
}
