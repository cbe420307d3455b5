import { useCallback, useEffect, useState } from 'react';
import type { TimelineEvent } from '../../../preload/contract/index.ts';
import type { ApiError } from '../api/errors.ts';
import { mergeEvents } from '../lib/merge.ts';
import { useApi } from './api-context.tsx';
import { useSnapshot } from './useSnapshot.ts';

export interface TimelineState {
  events: TimelineEvent[];
  loaded: boolean;
  error: ApiError | null;
}

/** events.list (newest first) on every (re)connect, plus live `alerts`. */
export function useTimeline(limit = 200): TimelineState {
  const api = useApi();
  const [events, setEvents] = useState<TimelineEvent[]>([]);
  const merge = useCallback((list: TimelineEvent[]) => setEvents((prev) => mergeEvents(prev, list, limit)), [limit]);
  useEffect(() => api.on('alerts', (e) => merge([e])), [api, merge]);
  const { loaded, error } = useSnapshot('events.list', { limit }, merge);
  return { events, loaded, error };
}
