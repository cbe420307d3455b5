import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SystemInfo } from '../../../preload/contract/index.ts';
import { clockOffset } from '../lib/clock.ts';
import { useApi } from './api-context.tsx';
import { useConnectionEpoch } from './useConnection.ts';
import { useNow } from './useNow.ts';

interface ServerClock {
  /** Add to Date.now() to get the console's clock. */
  offsetMs: number;
  info: SystemInfo | null;
}

const ServerClockContext = createContext<ServerClock>({ offsetMs: 0, info: null });

// Re-measured now and then: laptop clocks drift and NTP may step either side mid-show.
const resyncMs = 5 * 60_000;

/** Measures the console's clock once per (re)connect via system.info; every age on screen uses it. */
export function ServerClockProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const epoch = useConnectionEpoch();
  const [clock, setClock] = useState<ServerClock>({ offsetMs: 0, info: null });

  useEffect(() => {
    if (epoch === 0) return;
    let live = true;
    const measure = () => {
      const t0 = Date.now();
      api.call('system.info').then(
        (info) => {
          if (live) setClock({ offsetMs: clockOffset(t0, Date.now(), info.now), info });
        },
        () => {
          /* keep the last offset; the connection indicator already says what is wrong */
        },
      );
    };
    measure();
    const t = setInterval(measure, resyncMs);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [api, epoch]);

  return <ServerClockContext value={clock}>{children}</ServerClockContext>;
}

export function useServerClock(): ServerClock {
  return useContext(ServerClockContext);
}

/** The console's "now", ticking every `intervalMs`. */
export function useServerNow(intervalMs = 1000): number {
  return useNow(intervalMs) + useServerClock().offsetMs;
}
