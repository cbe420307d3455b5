import { useCallback, useEffect, useState } from 'react';
import type { LiveReading } from '../../../preload/contract/index.ts';
import type { ApiError } from '../api/errors.ts';
import { mergeReadings } from '../lib/merge.ts';
import { createFrameBatcher } from '../lib/frame-batcher.ts';
import { useApi } from './api-context.tsx';
import { useShellData } from './shell-data.tsx';
import { useSnapshot } from './useSnapshot.ts';

export interface LiveReadingsState {
  /** Newest reading per seriesId. */
  readings: ReadonlyMap<number, LiveReading>;
  loaded: boolean;
  error: ApiError | null;
}

/** telemetry.latest on every (re)connect, kept current by `readings.live`. The shell runs this once (ShellDataProvider). */
export function useLiveReadingsSource(): LiveReadingsState {
  const api = useApi();
  const [readings, setReadings] = useState<ReadonlyMap<number, LiveReading>>(() => new Map());
  const merge = useCallback((list: Iterable<LiveReading>) => setReadings((prev) => mergeReadings(prev, list)), []);

  useEffect(() => {
    // One render per frame however many readings arrive in it; the server already coalesced per series.
    const batcher = createFrameBatcher<number, LiveReading>(merge);
    const off = api.on('readings.live', (r) => batcher.add(r.seriesId, r));
    return () => {
      off();
      batcher.cancel();
    };
  }, [api, merge]);

  const { loaded, error } = useSnapshot('telemetry.latest', undefined, merge);
  return { readings, loaded, error };
}

/** The shell's live readings (one subscription for every page and the header). */
export function useLiveReadings(): LiveReadingsState {
  return useShellData().readings;
}
