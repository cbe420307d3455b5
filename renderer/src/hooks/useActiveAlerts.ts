import { useMemo } from 'react';
import { activeAlerts, countAlerts, type ActiveAlert, type AlertCounts } from '../lib/active-alerts.ts';
import { useServerNow } from './server-clock.tsx';
import { useDevices } from './useDevices.ts';
import { useLiveReadings } from './useLiveReadings.ts';
import { useSettings } from './useSettings.ts';

/** Every device + metric in warning or alarm now (stale ones excluded), and how many of each. */
export function useActiveAlerts(): { alerts: ActiveAlert[]; counts: AlertCounts } {
  const { readings } = useLiveReadings();
  const { devices } = useDevices();
  const { settings } = useSettings();
  // Ticks so a reading that turns stale leaves the count without waiting for new data.
  const serverNow = useServerNow(1000);
  const thresholds = settings?.thresholds;
  const alerts = useMemo(() => activeAlerts(readings.values(), devices, thresholds ?? [], serverNow), [readings, devices, thresholds, serverNow]);
  return { alerts, counts: countAlerts(alerts) };
}
