import { useEffect, useState } from 'react';
import type { MethodName, ParamsIn, ResultOf } from '../../../preload/contract/index.ts';
import { ApiError } from '../api/errors.ts';
import { useApi } from './api-context.tsx';
import { useConnectionEpoch } from './useConnection.ts';

/**
 * Fetch a snapshot on every (re)connect and hand it to `apply` (which merges it with live events).
 * `apply` must be stable (useCallback); params are compared by value.
 */
export function useSnapshot<M extends MethodName>(method: M, params: ParamsIn<M> | undefined, apply: (result: ResultOf<M>) => void): { loaded: boolean; error: ApiError | null } {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const paramsKey = JSON.stringify(params ?? {});

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    api.call(method, JSON.parse(paramsKey) as ParamsIn<M>).then(
      (result) => {
        if (!live) return;
        apply(result);
        setLoaded(true);
        setError(null);
      },
      (err: unknown) => {
        if (live) setError(ApiError.wrap(err));
      },
    );
    return () => {
      live = false;
    };
  }, [api, epoch, method, paramsKey, apply]);

  return { loaded, error };
}
