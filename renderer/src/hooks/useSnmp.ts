import { useCallback, useEffect, useState } from 'react';
import type { ResultOf, SnmpSwitch, SnmpTargetStatus } from '../../../preload/contract/index.ts';
import type { ApiError } from '../api/errors.ts';
import { useApi } from './api-context.tsx';
import { useSnapshot } from './useSnapshot.ts';

export interface SnmpTargetsState {
  /** In the core's order: the demo's built-in targets first, then settings order. */
  targets: SnmpTargetStatus[];
  loaded: boolean;
  error: ApiError | null;
}

/**
 * snmp.status on every (re)connect and after every settings change (targets come and go with settings),
 * kept current by `snmp.target`.
 */
export function useSnmpTargets(): SnmpTargetsState {
  const api = useApi();
  const [targets, setTargets] = useState<SnmpTargetStatus[]>([]);
  const replace = useCallback((list: SnmpTargetStatus[]) => setTargets(list), []);
  useEffect(
    () =>
      api.on('snmp.target', (s) =>
        setTargets((prev) => {
          const i = prev.findIndex((p) => p.id === s.id);
          if (i === -1) return [...prev, s];
          const next = [...prev];
          next[i] = s;
          return next;
        }),
      ),
    [api],
  );
  useRefetchAfterSettings('snmp.status', replace);
  const { loaded, error } = useSnapshot('snmp.status', undefined, replace);
  return { targets, loaded, error };
}

/**
 * Targets come and go with settings, and a removed one sends no event: fetch the list again shortly after
 * each settings change (once the core has applied it to the SNMP service).
 */
function useRefetchAfterSettings<M extends 'snmp.status' | 'snmp.switches'>(method: M, apply: (result: ResultOf<M>) => void): void {
  const api = useApi();
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('settings.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        api.call(method).then(
          (result) => live && apply(result),
          () => {},
        );
      }, 300);
    });
    return () => {
      live = false;
      off();
      clearTimeout(timer);
    };
  }, [api, method, apply]);
}

export interface SnmpSwitchesState {
  switches: SnmpSwitch[];
  loaded: boolean;
  error: ApiError | null;
}

/** snmp.switches on every (re)connect, each switch replaced as `snmp.switch` brings its newest poll. */
export function useSnmpSwitches(): SnmpSwitchesState {
  const api = useApi();
  const [switches, setSwitches] = useState<SnmpSwitch[]>([]);
  const replace = useCallback((list: SnmpSwitch[]) => setSwitches(list), []);
  useRefetchAfterSettings('snmp.switches', replace);
  useEffect(
    () =>
      api.on('snmp.switch', (s) =>
        setSwitches((prev) => {
          const i = prev.findIndex((p) => p.deviceId === s.deviceId);
          if (i === -1) return [...prev, s];
          if (prev[i]!.ts > s.ts) return prev;
          const next = [...prev];
          next[i] = s;
          return next;
        }),
      ),
    [api],
  );
  const { loaded, error } = useSnapshot('snmp.switches', undefined, replace);
  return { switches, loaded, error };
}
