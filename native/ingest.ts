import type { Device } from '../preload/contract/index.ts';

/**
 * What every adapter hands the core. These types live below main/ so an adapter (native/<world>/) can
 * produce them without reaching into the core; the telemetry pipeline takes them as they are.
 */

/** What an adapter knows when it hears from a device: its stable hardware identity, never its name. */
export interface DeviceSighting {
  /** Stable id from hardware: `ble:A4:C1:38:5A:10:01`, `snmp:10.0.0.5:geist:28F5…`, `artnet:…`. */
  id: string;
  kind: Device['kind'];
  model: string;
  source: Device['source'];
  parentId?: string | null;
  rssi?: number | null;
  battery?: number | null;
  /** How often this source expects the device to report (s): its stale/lost states follow it. Absent = the site-wide staleAfterS. */
  expectedIntervalS?: number;
}

/** One measured value of one metric. */
export interface Sample {
  /** Lower-case metric name, e.g. `temperature`, `humidity`, `probe1`, `port.3.in_bps`. */
  metric: string;
  /** Display unit, e.g. `°C`, `%`, `ppm`, `bit/s` ('' for a plain count or state). */
  unit: string;
  value: number;
  /** Epoch ms when the value was measured. */
  ts: number;
}

/** A name an adapter proposes for a device (from the agent's label, the advertised name…) until a person renames it. */
export interface NameRecord {
  name?: string;
  room?: string;
  notes?: string;
}

/** The door adapters push into. `samples` may be empty: a presence-only sighting (an Art-Net node, a USB widget). */
export interface IngestSink {
  /**
   * `live: false`: history backfill (stored, not shown live, no alerts). `store: false`: shown live and
   * checked against thresholds, not stored (a rate-limited sensor between two stored readings).
   */
  ingest(sighting: DeviceSighting, samples: readonly Sample[], options?: { live?: boolean; store?: boolean }): number;
  /** Offer a default name; ignored once anyone has named the device. */
  suggestName(id: string, name: NameRecord): void;
}
