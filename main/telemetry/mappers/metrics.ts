import type { DeviceSighting, Sample } from '../../../native/ingest.ts';

/** Our metric names for sensor readings and their display units (shared by the BLE-ish mappers). */
export const sensorUnits: Readonly<Record<string, string>> = {
  temperature: '°C',
  humidity: '%',
  battery: '%',
  pm25: 'µg/m³',
  co2: 'ppm',
  probe1: '°C',
  probe2: '°C',
  probe3: '°C',
  probe4: '°C',
  probe5: '°C',
  probe6: '°C',
  // Names native/ble's Govee decoders also produce (its BLE_UNITS; a test keeps the two in step).
  probe1_humidity: '%',
  remote_temperature: '°C',
  remote_humidity: '%',
  remote_battery: '%',
  ...Object.fromEntries([1, 2, 3, 4, 5, 6].flatMap((n) => [
    [`setpoint${n}`, '°C'],
    [`setpoint${n}_low`, '°C'],
  ])),
};

const metricName = /^[a-z][a-z0-9_.]{0,63}$/;

/** Unit for a metric a decoder reported; undefined when the name is not one the pipeline would accept. */
export function unitFor(metric: string): string | undefined {
  if (!metricName.test(metric)) return undefined;
  if (Object.hasOwn(sensorUnits, metric)) return sensorUnits[metric];
  if (/^(?:probe|setpoint)\d+(?:_low)?$/.test(metric) || metric.includes('temperature')) return '°C';
  if (metric.includes('humidity') || metric.includes('battery')) return '%';
  return '';
}

/** What kind of device a set of metrics describes (probes win: a BBQ thermometer also reports battery). */
export function kindFor(samples: readonly Sample[]): DeviceSighting['kind'] {
  let th = false;
  let air = false;
  for (const s of samples) {
    if (s.metric.startsWith('probe')) return 'meat-probe';
    if (s.metric === 'pm25' || s.metric === 'co2') air = true;
    if (s.metric === 'temperature' || s.metric === 'humidity') th = true;
  }
  if (air) return 'climate-monitor';
  if (th) return 'thermo-hygrometer';
  return 'other';
}
