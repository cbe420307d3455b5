import { createContext, useContext, type ReactNode } from 'react';
import { useDevicesSource, type DevicesState } from './useDevices.ts';
import { useLiveReadingsSource, type LiveReadingsState } from './useLiveReadings.ts';
import { useSettingsSource, type SettingsState } from './useSettings.ts';

/**
 * Live readings, devices and settings, loaded once for the whole shell: the header's alarm count and the
 * Alerts badge need them on every page, and each page would otherwise fetch and subscribe its own copy.
 */
interface ShellData {
  readings: LiveReadingsState;
  devices: DevicesState;
  settings: SettingsState;
}

const ShellDataContext = createContext<ShellData | null>(null);

export function ShellDataProvider({ children }: { children: ReactNode }) {
  const readings = useLiveReadingsSource();
  const devices = useDevicesSource();
  const settings = useSettingsSource();
  return <ShellDataContext value={{ readings, devices, settings }}>{children}</ShellDataContext>;
}

export function useShellData(): ShellData {
  const data = useContext(ShellDataContext);
  if (!data) throw new Error('useShellData needs <ShellDataProvider> (App renders it around the shell)');
  return data;
}
