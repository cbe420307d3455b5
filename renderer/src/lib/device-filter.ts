import type { Device, LiveReading } from '../../../preload/contract/index.ts';
import { staleAfterSFor } from '../../../preload/contract/devices.ts';
import { deviceState, type DeviceState } from './device-state.ts';
import { displayName, roomOf, unassignedRoom } from './group.ts';
import { formatValue } from './format.ts';

/** What the Devices page filters on. Empty strings / false = no filter. */
export interface DeviceFilters {
  search: string;
  room: string;
  kind: string;
  source: string;
  state: '' | DeviceState;
  needsName: boolean;
  showHidden: boolean;
}

export const noFilters: DeviceFilters = { search: '', room: '', kind: '', source: '', state: '', needsName: false, showHidden: false };

export interface DeviceView {
  device: Device;
  /** Newest of the device's own last-seen and its readings' times. */
  lastSeen: number;
  state: DeviceState;
  staleAfterS: number;
  /** "21.4 °C · 48%" — its newest values, most-watched metrics first. */
  values: string;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const metricOrder = ['temperature', 'humidity', 'co2', 'soc', 'battery_voltage', 'battery_power', 'ac_in_power', 'ac_out_power', 'pv_power'];
// Not worth the space in a table cell: the GX summary's codes have their own panel.
const hiddenMetrics = new Set(['inverter_mode', 'system_state', 'alarm', 'charge_current_limit', 'ac_input_current_limit']);

function rank(metric: string): number {
  const i = metricOrder.indexOf(metric);
  return i === -1 ? metricOrder.length : i;
}

/** A device's newest values as one short line (at most `max` of them). */
export function valuesText(readings: readonly LiveReading[], max = 3): string {
  return [...readings]
    .filter((r) => !hiddenMetrics.has(r.metric))
    .sort((a, b) => rank(a.metric) - rank(b.metric) || collator.compare(a.metric, b.metric))
    .slice(0, max)
    .map((r) => formatValue(r.metric, r.value, r.unit))
    .join(' · ');
}

/** Every device with what the table shows and filters on, in the page's order (room, then name). */
export function deviceViews(devices: Iterable<Device>, readings: Iterable<LiveReading>, siteStaleAfterS: number, serverNow: number): DeviceView[] {
  const byDevice = new Map<string, LiveReading[]>();
  for (const r of readings) {
    const list = byDevice.get(r.deviceId);
    if (list) list.push(r);
    else byDevice.set(r.deviceId, [r]);
  }
  const out: DeviceView[] = [];
  for (const device of devices) {
    const own = byDevice.get(device.id) ?? [];
    const lastSeen = own.reduce((m, r) => Math.max(m, r.ts), device.lastSeen);
    const staleAfterS = staleAfterSFor(device.expectedIntervalS, siteStaleAfterS);
    out.push({ device, lastSeen, state: deviceState(lastSeen, staleAfterS, serverNow), staleAfterS, values: valuesText(own) });
  }
  return out.sort((a, b) => collator.compare(roomOf(a.device), roomOf(b.device)) || collator.compare(displayName(a.device, a.device.id), displayName(b.device, b.device.id)));
}

/** Does a device match the search words (name, room, id, model, gateways)? Every word must match somewhere. */
export function matchesSearch(device: Device, search: string): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [device.name, device.room, device.id, device.model, device.notes, device.source, device.kind, ...(device.heardVia ?? []).map((v) => v.gatewayId), ...(device.aliases ?? [])]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function applyFilters(views: readonly DeviceView[], f: DeviceFilters): DeviceView[] {
  return views.filter(({ device: d, state }) => {
    if (d.hidden && !f.showHidden) return false;
    if (f.room && roomOf(d) !== f.room) return false;
    if (f.kind && d.kind !== f.kind) return false;
    if (f.source && d.source !== f.source) return false;
    if (f.state && state !== f.state) return false;
    if (f.needsName && !d.needsName) return false;
    return matchesSearch(d, f.search);
  });
}

/** The values each filter menu offers: only what the devices have (rooms sorted, "Unassigned" last). */
export function filterOptions(devices: Iterable<Device>): { rooms: string[]; kinds: string[]; sources: string[] } {
  const rooms = new Set<string>();
  const kinds = new Set<string>();
  const sources = new Set<string>();
  for (const d of devices) {
    rooms.add(roomOf(d));
    kinds.add(d.kind);
    sources.add(d.source);
  }
  const sorted = (s: Set<string>) => [...s].sort((a, b) => collator.compare(a, b));
  const r = sorted(rooms).filter((x) => x !== unassignedRoom);
  if (rooms.has(unassignedRoom)) r.push(unassignedRoom);
  return { rooms: r, kinds: sorted(kinds), sources: sorted(sources) };
}

/** "via OMG_lobby −70 dBm, TheengsGateway −81 dBm" (the gateways heard in the last day, most recent first). */
export function heardViaText(device: Device, serverNow: number, maxAgeMs = 86_400_000): string {
  const via = (device.heardVia ?? []).filter((v) => serverNow - v.lastSeen <= maxAgeMs);
  if (via.length === 0) return '';
  return `via ${via.map((v) => (v.rssi === null ? v.gatewayId : `${v.gatewayId} ${formatValue('rssi', v.rssi, 'dBm')}`)).join(', ')}`;
}

/** Rows of `id,name,room` text for the bulk-rename CSV box, from the selected devices. */
export function namesCsv(devices: readonly Device[]): string {
  const cell = (v: string | null) => (v === null || v === '' ? '' : /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);
  return devices.map((d) => [d.id, d.name, d.room].map(cell).join(',')).join('\n');
}
