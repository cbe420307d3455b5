import { useCallback, useEffect, useMemo, useState } from 'react';
import type { DmxLibrary, DmxStatus, DmxUniverseFrame } from '../../../preload/contract/index.ts';
import { ApiError } from '../api/errors.ts';
import { createFrameBatcher } from '../lib/frame-batcher.ts';
import { createLatestSender } from '../lib/latest-sender.ts';
import { useApi } from './api-context.tsx';
import { useConnectionEpoch } from './useConnection.ts';
import { useSnapshot } from './useSnapshot.ts';

export interface DmxStatusState {
  status: DmxStatus | null;
  loaded: boolean;
  error: ApiError | null;
  /** Apply a status a method just answered with (GO, blackout …) without waiting for the next event. */
  apply: (status: DmxStatus) => void;
}

/** dmx.status on every (re)connect, kept current by the `dmx.status` topic (about 4 a second). */
export function useDmxStatusSource(): DmxStatusState {
  const api = useApi();
  const [status, setStatus] = useState<DmxStatus | null>(null);
  const apply = useCallback((s: DmxStatus) => setStatus(s), []);
  useEffect(() => api.on('dmx.status', apply), [api, apply]);
  const { loaded, error } = useSnapshot('dmx.status', undefined, apply);
  return useMemo(() => ({ status, loaded, error, apply }), [status, loaded, error, apply]);
}

export interface DmxLibraryState {
  library: DmxLibrary | null;
  loaded: boolean;
  error: ApiError | null;
  apply: (library: DmxLibrary) => void;
}

/** Patch, scenes and cue lists: dmx.library on every (re)connect, kept current by the `dmx.library` topic. */
export function useDmxLibrarySource(): DmxLibraryState {
  const api = useApi();
  const [library, setLibrary] = useState<DmxLibrary | null>(null);
  const apply = useCallback((l: DmxLibrary) => setLibrary(l), []);
  useEffect(() => api.on('dmx.library', apply), [api, apply]);
  const { loaded, error } = useSnapshot('dmx.library', undefined, apply);
  return useMemo(() => ({ library, loaded, error, apply }), [library, loaded, error, apply]);
}

/** What the universe view shows: universe n's output after merge, or what input i receives. */
export type FrameSource = { kind: 'output'; universe: number } | { kind: 'input'; index: number };

export const frameSourceKey = (s: FrameSource) => (s.kind === 'output' ? `output:${s.universe}` : `input:${s.index}`);

export interface FrameState {
  /** The source these channels belong to (a switch of source clears the view until its snapshot comes). */
  source: string;
  frame: DmxUniverseFrame | null;
  error: ApiError | null;
  /** Show a frame a method just answered with (dmx.set). */
  apply: (frame: DmxUniverseFrame) => void;
}

/**
 * One universe (or input) live: a snapshot on every (re)connect and source change, then the topic
 * `dmx.universe.<n>` / `dmx.input.<i>`, painted at most once per animation frame. A change of `refresh`
 * (the engine starting) fetches the snapshot again.
 */
export function useDmxFrame(source: FrameSource, refresh: unknown = null): FrameState {
  const api = useApi();
  const key = frameSourceKey(source);
  const [state, setState] = useState<{ source: string; frame: DmxUniverseFrame | null }>({ source: key, frame: null });
  const applyFor = useCallback((k: string) => (frame: DmxUniverseFrame) => setState({ source: k, frame }), []);
  const apply = useMemo(() => applyFor(key), [applyFor, key]);
  const [error, setError] = useState<{ source: string; error: ApiError } | null>(null);

  useEffect(() => {
    const batcher = createFrameBatcher<string, DmxUniverseFrame>((frames) => {
      for (const f of frames) apply(f);
      setError(null);
    });
    const topic = source.kind === 'output' ? (`dmx.universe.${source.universe}` as const) : (`dmx.input.${source.index}` as const);
    const off = api.on(topic, (f) => batcher.add(key, f));
    return () => {
      off();
      batcher.cancel();
    };
    // `source` is described completely by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, key, apply]);

  // The snapshot: on every (re)connect and source change.
  const epoch = useConnectionEpoch();
  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    const call = source.kind === 'output' ? api.call('dmx.universe', { universe: source.universe }) : api.call('dmx.input', { index: source.index });
    call.then(
      (frame) => {
        if (!live) return;
        apply(frame);
        setError(null);
      },
      (err: unknown) => {
        if (live) setError({ source: key, error: ApiError.wrap(err) });
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, epoch, key, apply, refresh]);

  return { source: key, frame: state.source === key ? state.frame : null, error: error?.source === key ? error.error : null, apply };
}

/**
 * A control that sends while it moves (a fader): at most one call in flight, the newest value next.
 * Errors land in `error` until the next successful send.
 */
export function useLatestSender<V>(send: (value: V) => Promise<unknown>): { push: (value: V) => void; error: unknown; clearError: () => void } {
  const [error, setError] = useState<unknown>(null);
  // `send` should be stable (useCallback): a new one starts a new sender.
  const sender = useMemo(
    () =>
      createLatestSender<V>(
        async (v) => {
          await send(v);
          setError(null);
        },
        (e) => setError(e),
      ),
    [send],
  );
  const clearError = useCallback(() => setError(null), []);
  return { push: sender.push, error, clearError };
}
