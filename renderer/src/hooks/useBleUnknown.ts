import { useCallback, useEffect, useState } from 'react';
import type { BleRecording, BleStats, BleUnknownAdvertiser } from '../../../preload/contract/index.ts';
import { ApiError } from '../api/errors.ts';
import { useApi } from './api-context.tsx';
import { useConnectionEpoch } from './useConnection.ts';

export interface BleUnknownState {
  advertisers: BleUnknownAdvertiser[];
  recordings: BleRecording[];
  stats: BleStats | null;
  loaded: boolean;
  error: ApiError | null;
  /** Fetch again now (after Record or Assign). */
  refresh: () => void;
}

/**
 * The unknown-advertiser list, recordings and scanner counters, fetched on every (re)connect and every
 * `everyMs` while mounted: a diagnostic list that changes with every phone walking past is polled, not pushed.
 */
export function useBleUnknown(everyMs = 5000): BleUnknownState {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [state, setState] = useState<Omit<BleUnknownState, 'refresh'>>({ advertisers: [], recordings: [], stats: null, loaded: false, error: null });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    Promise.all([api.call('ble.unknown', {}), api.call('ble.recordings', {}), api.call('ble.stats', {})]).then(
      ([advertisers, recordings, stats]) => live && setState({ advertisers, recordings, stats, loaded: true, error: null }),
      (err: unknown) => live && setState((s) => ({ ...s, error: ApiError.wrap(err) })),
    );
    return () => {
      live = false;
    };
  }, [api, epoch, tick]);

  useEffect(() => {
    const timer = setInterval(refresh, everyMs);
    return () => clearInterval(timer);
  }, [refresh, everyMs]);

  return { ...state, refresh };
}
