import { useCallback, useEffect, useState } from 'react';
import type { Device } from '../../../preload/contract/index.ts';
import type { ApiError } from '../api/errors.ts';
import { applyDeviceList, upsertDevice } from '../lib/merge.ts';
import { useApi } from './api-context.tsx';
import { useShellData } from './shell-data.tsx';
import { useSnapshot } from './useSnapshot.ts';

export interface DevicesState {
  devices: ReadonlyMap<string, Device>;
  loaded: boolean;
  error: ApiError | null;
  /** Apply a device the core just returned (e.g. from devices.rename) without waiting for the event. */
  upsert: (device: Device) => void;
}

/** devices.list on every (re)connect, kept current by `devices.changed`. The shell runs this once (ShellDataProvider). */
export function useDevicesSource(): DevicesState {
  const api = useApi();
  const [devices, setDevices] = useState<ReadonlyMap<string, Device>>(() => new Map());
  const upsert = useCallback((d: Device) => setDevices((prev) => upsertDevice(prev, d)), []);
  useEffect(() => api.on('devices.changed', upsert), [api, upsert]);
  const applyList = useCallback((list: Device[]) => setDevices((prev) => applyDeviceList(prev, list)), []);
  const { loaded, error } = useSnapshot('devices.list', undefined, applyList);
  return { devices, loaded, error, upsert };
}

/** The shell's devices (one snapshot and subscription for every page). */
export function useDevices(): DevicesState {
  return useShellData().devices;
}
