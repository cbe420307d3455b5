import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScheduleDaySummary, ScheduleState } from '../../../preload/contract/index.ts';
import { ApiError } from '../api/errors.ts';
import { useApi } from './api-context.tsx';
import { useConnectionEpoch } from './useConnection.ts';
import { useSnapshot } from './useSnapshot.ts';

export interface ScheduleSource {
  state: ScheduleState | null;
  /** Local Date.now() when `state` arrived: clocks and countdowns run on from it between pushes. */
  receivedAt: number;
  loaded: boolean;
  error: ApiError | null;
  /** Show a state a method just answered with, without waiting for the push. */
  apply: (s: ScheduleState) => void;
}

/**
 * One day of the running order, live: schedule.state on every (re)connect, then `schedule.changed`
 * (the current day every second, another day when it is edited). `date` null = follow the current show day.
 */
export function useSchedule(date: string | null): ScheduleSource {
  const api = useApi();
  const [held, setHeld] = useState<{ state: ScheduleState; at: number } | null>(null);
  const apply = useCallback(
    (s: ScheduleState) => {
      if (date === null ? s.current : s.date === date) setHeld({ state: s, at: Date.now() });
    },
    [date],
  );
  useEffect(() => api.on('schedule.changed', apply), [api, apply]);
  const params = useMemo(() => (date === null ? {} : { date }), [date]);
  // A snapshot answers for the day asked, even when it is not (yet) the current one.
  const take = useCallback((s: ScheduleState) => setHeld({ state: s, at: Date.now() }), []);
  const { loaded, error } = useSnapshot('schedule.state', params, take);
  const state = held && (date === null || held.state.date === date) ? held.state : null;
  return { state, receivedAt: held?.at ?? 0, loaded, error, apply: take };
}

/** The days that have a running order; refetched when `revision` (from the live state) moves. */
export function useScheduleDays(revision: number | undefined): { days: ScheduleDaySummary[]; error: ApiError | null } {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [days, setDays] = useState<ScheduleDaySummary[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    api.call('schedule.days').then(
      (d) => {
        if (!live) return;
        setDays(d);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(ApiError.wrap(e));
      },
    );
    return () => {
      live = false;
    };
  }, [api, epoch, revision]);
  return { days, error };
}
