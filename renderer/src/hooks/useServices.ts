import { useCallback, useEffect, useState } from 'react';
import type { ServiceStatus } from '../../../preload/contract/index.ts';
import type { ApiError } from '../api/errors.ts';
import { useApi } from './api-context.tsx';
import { useSnapshot } from './useSnapshot.ts';

export interface ServicesState {
  /** In the core's start order. */
  services: ServiceStatus[];
  loaded: boolean;
  error: ApiError | null;
}

/** Keeps the newer of two statuses for one service (a snapshot and an event can cross on the wire). */
export function mergeServices(prev: readonly ServiceStatus[], incoming: readonly ServiceStatus[]): ServiceStatus[] {
  const next = [...prev];
  for (const s of incoming) {
    const i = next.findIndex((p) => p.name === s.name);
    if (i === -1) next.push(s);
    else if (next[i]!.since <= s.since) next[i] = s;
  }
  return next;
}

/** services.list on every (re)connect, kept current by `services.status`. */
export function useServices(): ServicesState {
  const api = useApi();
  const [services, setServices] = useState<ServiceStatus[]>([]);
  const merge = useCallback((list: ServiceStatus[]) => setServices((prev) => mergeServices(prev, list)), []);
  useEffect(() => api.on('services.status', (s) => merge([s])), [api, merge]);
  const { loaded, error } = useSnapshot('services.list', undefined, merge);
  return { services, loaded, error };
}
