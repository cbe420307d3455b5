import { useEffect, useState } from 'react';
import type { Settings } from '../../../preload/contract/index.ts';
import type { ApiError } from '../api/errors.ts';
import { useApi } from './api-context.tsx';
import { useShellData } from './shell-data.tsx';
import { useSnapshot } from './useSnapshot.ts';

export interface SettingsState {
  settings: Settings | null;
  error: ApiError | null;
  /** Apply settings the core just returned (settings.update/import) without waiting for the event. */
  apply: (settings: Settings) => void;
}

/** settings.get on every (re)connect, kept current by `settings.changed`. The shell runs this once (ShellDataProvider). */
export function useSettingsSource(): SettingsState {
  const api = useApi();
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => api.on('settings.changed', setSettings), [api]);
  const { error } = useSnapshot('settings.get', undefined, setSettings);
  return { settings, error, apply: setSettings };
}

/** The shell's settings (one snapshot and subscription for every page). */
export function useSettings(): SettingsState {
  return useShellData().settings;
}
