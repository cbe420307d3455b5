import type { DmxMonitor, DmxSettings, LiveReading, SerialPortInfo, SettingsPatch } from '../../../preload/contract/index.ts';

/**
 * The Outputs panel's serial part, the pure bits: how a port is described, what "Use" changes in the
 * settings, and the channel monitors joined with their live readings.
 */

/** "0403:6001", or "—" when the system did not say. */
export function formatUsbId(p: Pick<SerialPortInfo, 'vendorId' | 'productId'>): string {
  return p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : '—';
}

/** "ENTTEC DMX USB PRO", "FTDI" … whatever the system knows of the maker and product, or ''. */
export function describePort(p: Pick<SerialPortInfo, 'manufacturer' | 'product'>): string {
  return [p.manufacturer, p.product].filter((s): s is string => !!s && s.trim() !== '').join(' ');
}

/** The path to store: the by-id link when there is one (the widget keeps it in any USB socket). */
export const pathToUse = (p: Pick<SerialPortInfo, 'path' | 'stablePath'>) => p.stablePath ?? p.path;

/** "Use for the Enttec": turn the Enttec on, on this port. */
export function enttecPortPatch(p: Pick<SerialPortInfo, 'path' | 'stablePath'>): SettingsPatch {
  return { dmx: { enttec: { enabled: true, port: pathToUse(p) } } };
}

/** "Auto-detect": the Enttec on, finding its port by itself. */
export const autoDetectPatch: SettingsPatch = { dmx: { enttec: { enabled: true, port: 'auto' } } };

/**
 * "Use as DMX text input": a SparkFun shield on this port, appended to the serial inputs (the list is
 * replaced whole by a settings patch, so the others are repeated), monitor only, on the lowest universe no
 * other input uses yet.
 */
export function addSerialInputPatch(dmx: Pick<DmxSettings, 'universes' | 'inputs' | 'serialInputs' | 'enttec'>, p: Pick<SerialPortInfo, 'path' | 'stablePath'>): SettingsPatch {
  const taken = new Set([...dmx.inputs.map((i) => i.universe), ...dmx.serialInputs.map((i) => i.universe), ...(dmx.enttec.enabled && dmx.enttec.input.enabled ? [dmx.enttec.input.universe] : [])]);
  let universe = 1;
  while (taken.has(universe) && universe < dmx.universes) universe++;
  return { dmx: { serialInputs: [...dmx.serialInputs, { port: pathToUse(p), baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe, merge: false, lossTimeoutMs: 3000 }] } };
}

/** Why a port's "Use" buttons are off, or null when they may be pressed. */
export function portBlocked(p: Pick<SerialPortInfo, 'usedBy'>): string | null {
  if (p.usedBy === 'enttec') return 'the Enttec uses it';
  if (p.usedBy === 'serial-input') return 'a DMX text input uses it';
  return null;
}

export interface MonitorRow {
  id: string;
  name: string;
  room: string;
  unit: string;
  metric: string;
  /** The live reading, when the monitor has reported since the console started. */
  reading: LiveReading | undefined;
}

/** Each configured monitor with its newest reading (device `dmx-monitor:<id>`, the monitor's metric). */
export function monitorRows(monitors: readonly DmxMonitor[], readings: Iterable<LiveReading>): MonitorRow[] {
  const byDevice = new Map<string, LiveReading>();
  for (const r of readings) byDevice.set(`${r.deviceId}\n${r.metric}`, r);
  return monitors.map((m) => ({ id: m.id, name: m.name, room: m.room, unit: m.unit, metric: m.metric, reading: byDevice.get(`dmx-monitor:${m.id}\n${m.metric}`) }));
}

/** The channels of a frame that are not 0, as [channel, value], at most `limit` of them (an input at a glance). */
export function activeChannels(channels: readonly number[], limit = 24): { shown: [number, number][]; more: number } {
  const shown: [number, number][] = [];
  let more = 0;
  channels.forEach((v, i) => {
    if (v === 0) return;
    if (shown.length < limit) shown.push([i + 1, v]);
    else more++;
  });
  return { shown, more };
}
