import type { DmxSettings } from '../../preload/contract/dmx-api.ts';
import { splitSource, type DmxMonitor, type SerialPortList } from '../../preload/contract/dmx-serial.ts';
import type { DeviceSighting, IngestSink } from '../../native/ingest.ts';
import { enttecScore } from '../../native/enttec/detect.ts';
import { listSerialPorts, type SerialPortListing } from '../../native/serial/list.ts';
import { monitorValue } from './monitors.ts';
import type { SerialDmxReport } from './worker/serial-dmx.ts';

/** A monitor's value is stored at most this often while it moves (a fade is not 40 rows a second)… */
export const MONITOR_STORE_MIN_MS = 1000;
/** …and at least this often while it holds still, so history and staleness see it alive. */
export const MONITOR_HEARTBEAT_MS = 30_000;
/** The widget's presence sighting (last seen, lost/found on the timeline). */
const WIDGET_SIGHTING_MS = 10_000;

export interface SerialDmxIngestDeps {
  sink: IngestSink;
  /** Epoch ms. */
  now?: () => number;
  list?: () => Promise<SerialPortListing>;
}

interface MonitorState {
  value: number;
  storedAt: number;
  stored: boolean;
}

export const monitorDeviceId = (id: string) => `dmx-monitor:${id}`;

/** "output universe 1, channel 101 + fine 102", "Art-Net input 16, channel 1". */
export function describeMonitorSource(m: Pick<DmxMonitor, 'source' | 'channel' | 'fineChannel'>): string {
  const [kind, rest] = splitSource(m.source);
  const where = kind === 'output' ? `output universe ${rest}` : kind === 'artnet' ? `Art-Net input ${rest}` : kind === 'sacn' ? `sACN input ${rest}` : kind === 'enttec' ? 'Enttec input' : `serial input ${rest}`;
  return `${where}, channel ${m.channel}${m.fineChannel === undefined ? '' : ` + fine ${m.fineChannel}`}`;
}

/**
 * The main thread's side of the serial DMX slice: turns the worker's raw monitor readings into telemetry
 * (each monitor a device, its value a series: tiles, history and thresholds come with that), keeps the
 * Enttec widget in the device registry, and lists the serial ports for the UI.
 */
export class SerialDmxIngest {
  readonly #deps: SerialDmxIngestDeps;
  readonly #now: () => number;
  readonly #monitors = new Map<string, MonitorState>();
  readonly #named = new Set<string>();
  #widgetSeenAt = new Map<string, number>();
  #widgetPath: string | null = null;

  constructor(deps: SerialDmxIngestDeps) {
    this.#deps = deps;
    this.#now = deps.now ?? Date.now;
  }

  /** One report from the worker, read against the settings it was made with. */
  take(report: SerialDmxReport, settings: DmxSettings): void {
    const now = Math.round(this.#now());
    const byId = new Map(settings.monitors.map((m) => [m.id, m]));
    for (const { id, raw } of report.monitors) {
      const m = byId.get(id);
      if (!m || raw === null) continue; // no live source: the series goes stale by itself
      this.#monitor(m, monitorValue(m, raw), now);
    }
    this.#widget(report.widget, now);
  }

  #monitor(m: DmxMonitor, value: number, now: number): void {
    const deviceId = monitorDeviceId(m.id);
    const last = this.#monitors.get(m.id);
    const changed = last === undefined || last.value !== value;
    const storeDue = last === undefined || now - last.storedAt >= (changed || !last.stored ? MONITOR_STORE_MIN_MS : MONITOR_HEARTBEAT_MS);
    if (!changed && !storeDue) return;
    const sighting: DeviceSighting = { id: deviceId, kind: 'other', model: `DMX monitor · ${describeMonitorSource(m)}`, source: m.source === 'enttec' || m.source.startsWith('serial:') ? 'serial' : 'artnet' };
    // Between stored readings the value still goes live (tiles, thresholds), only not into history.
    this.#deps.sink.ingest(sighting, [{ metric: m.metric, unit: m.unit, value, ts: now }], storeDue ? {} : { store: false });
    if (!this.#named.has(m.id)) {
      // After the first sighting: the registry names devices it knows.
      this.#named.add(m.id);
      this.#deps.sink.suggestName(deviceId, { name: m.name, ...(m.room ? { room: m.room } : {}), notes: `Scaled ${describeMonitorSource(m)} to ${m.low}–${m.high} ${m.unit}`.trim() });
    }
    this.#monitors.set(m.id, { value, storedAt: storeDue ? now : last!.storedAt, stored: storeDue });
  }

  #widget(widget: SerialDmxReport['widget'], now: number): void {
    this.#widgetPath = widget?.connected ? widget.path : null;
    if (!widget?.connected || !widget.serial) return;
    const id = `enttec:${widget.serial}`;
    const last = this.#widgetSeenAt.get(id);
    if (last !== undefined && now - last < WIDGET_SIGHTING_MS) return;
    this.#widgetSeenAt.set(id, now);
    this.#deps.sink.ingest({ id, kind: 'dmx-node', model: `Enttec ${widget.name ?? 'DMX USB Pro'}`, source: 'serial' }, []);
    if (last === undefined) this.#deps.sink.suggestName(id, { name: `Enttec DMX USB Pro ${widget.serial}`, notes: `firmware ${widget.firmware ?? 'unknown'}, found on ${widget.path ?? 'a serial port'}` });
  }

  /** The port the Enttec is on now (auto-detect may have picked it), or null. */
  widgetPath(): string | null {
    return this.#widgetPath;
  }

  /** The serial ports found, and which of them this console uses. */
  async ports(settings: DmxSettings): Promise<SerialPortList> {
    const listing = await (this.#deps.list ?? (() => listSerialPorts()))();
    return describeSerialPorts(listing, settings, this.#widgetPath);
  }

  /** A new worker: forget what the old one said (values are re-stored on first sight). */
  reset(): void {
    this.#monitors.clear();
    this.#widgetPath = null;
  }
}

/** The listing as the API gives it: each port with whether it looks like an Enttec and what uses it. */
export function describeSerialPorts(listing: SerialPortListing, settings: DmxSettings, widgetPath: string | null): SerialPortList {
  const enttec = settings.enttec.enabled ? [settings.enttec.port, widgetPath].filter((p): p is string => p !== null && p !== 'auto') : [];
  const inputs = settings.serialInputs.map((s) => s.port);
  const is = (paths: readonly string[], p: { path: string; stablePath: string | null }) => paths.includes(p.path) || (p.stablePath !== null && paths.includes(p.stablePath));
  return {
    method: listing.method,
    note: listing.note,
    ports: listing.ports.map((p) => ({ ...p, likelyEnttec: enttecScore(p) >= 2, usedBy: is(enttec, p) ? 'enttec' : is(inputs, p) ? 'serial-input' : null })),
  };
}
