/** Age of a reading in words an operator reads at a glance. Negative ages (clock skew) read as "just now". */
export function formatAge(ageMs: number): string {
  const s = Math.floor(Math.max(0, ageMs) / 1000);
  if (s < 5) return 'just now';
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

// Decimals that match each sensor's real resolution; more digits would only flicker.
const decimalsByMetric: Record<string, number> = {
  temperature: 1,
  humidity: 0,
  battery: 0,
  rssi: 0,
  co2: 0,
  pressure: 1,
  voltage: 2,
  current: 2,
  power: 0,
  energy: 2,
  frequency: 1,
};

function defaultDecimals(value: number): number {
  const a = Math.abs(value);
  if (a >= 100) return 0;
  if (a >= 10) return 1;
  return 2;
}

/** Units written directly after the number ("48%"); everything else gets a space ("21.5 °C", "-67 dBm"). */
const attachedUnits = new Set(['%', '°']);

/** No-break space: a number and its unit never split across lines ("35 °C" on a narrow column). */
export const nbsp = '\u00a0';

/** "35" + "°C" → "35 °C" with a no-break space; "48" + "%" → "48%". */
export function withUnit(numberText: string, unit: string): string {
  if (unit === '') return numberText;
  return attachedUnits.has(unit) ? `${numberText}${unit}` : `${numberText}${nbsp}${unit}`;
}

export function formatNumber(metric: string, value: number, unit = ''): string {
  if (!Number.isFinite(value)) return '—';
  // Any temperature-like metric (dewpoint, probe, heat index) reads like temperature: one decimal.
  const decimals = decimalsByMetric[metric.toLowerCase()] ?? (unit.startsWith('°') ? 1 : defaultDecimals(value));
  const text = value.toFixed(decimals);
  // "-0.0" reads like a sign error on a cold-room probe.
  return /^-0(\.0+)?$/.test(text) ? text.slice(1) : text;
}

export function formatValue(metric: string, value: number, unit: string): string {
  const n = formatNumber(metric, value, unit);
  return n === '—' ? n : withUnit(n, unit);
}

// A number, a space, then a unit the console uses; the core writes alert messages with plain spaces.
const unitAfterNumber = /(\d) (°[CF]?|%|dBm|dB|V|A|W|kW|kWh|Wh|Hz|hPa|Pa|ppm|mV|mA|K|s|ms|min|h)(?![\p{L}\d])/gu;

/** Glues each "35 °C" in free text (a timeline message) with a no-break space, so a narrow column never splits it. */
export function keepUnitsTogether(text: string): string {
  return text.replace(unitAfterNumber, `$1${nbsp}$2`);
}

/** "temperature" → "Temperature", "co2" → "CO₂", "battery_level" → "Battery level". */
export function metricLabel(metric: string): string {
  const special: Record<string, string> = { co2: 'CO₂', rssi: 'Signal', pm25: 'PM2.5', dewpoint: 'Dew point' };
  const s = special[metric.toLowerCase()];
  if (s) return s;
  const words = metric.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock "HH:MM:SS" (24 h, as on every show running order). */
export function formatClock(ts: number): string {
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "2025-06-14 21:03:07" — unambiguous across locales. */
export function formatDateTime(ts: number): string {
  const d = new Date(ts);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${formatClock(ts)}`;
}
