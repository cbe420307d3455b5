// Advertisement → readings → telemetry, the one path every BLE advertisement takes, whether the laptop's
// adapter heard it, a capture file replays it, or the demo site simulates it: the real decoders (or the
// model an operator assigned), the per-series store rate limit, the unknown-advertiser list and the
// recorder.
import type { Settings } from '../../preload/contract/index.ts';
import type { IngestSink, DeviceSighting, Sample } from '../../native/ingest.ts';
import { decodeAs } from '../../native/ble/assign.ts';
import { decodeAdvertisement } from '../../native/ble/govee.ts';
import { kindOfModel } from '../../native/ble/govee-models.ts';
import type { DecodeOk } from '../../native/ble/result.ts';
import type { ScanReport } from '../../native/ble/scanner.ts';
import { bleDeviceId, samplesFor } from '../../native/ble/sighting.ts';
import type { CaptureRecorder } from './recorder.ts';
import { StoreThrottle } from './store-throttle.ts';
import { UnknownAdvertisers } from './unknown-list.ts';

export type BleConfig = Settings['ble'];

/** `ble`: the laptop's adapter or a replayed capture; `sim`: the demo site. */
export type BleSource = 'ble' | 'sim';

export type BleOutcome =
  /** Readings ingested. */
  | 'decoded'
  /** A known device with nothing to read in this packet (an advertisement without its scan response, an error-flagged value): last-seen, signal and battery only. */
  | 'presence'
  | 'unknown'
  | 'malformed'
  /** Weaker than the signal floor. */
  | 'filtered'
  /** Decoded, but with no address to key it by. */
  | 'anonymous';

export interface BleCounters {
  advertisements: number;
  decoded: number;
  presence: number;
  unknown: number;
  malformed: number;
  belowRssiFloor: number;
  anonymous: number;
  readingsStored: number;
  readingsLiveOnly: number;
}

export interface BleIngestDeps {
  sink: IngestSink;
  settings(): BleConfig;
  now(): number;
  recorder: CaptureRecorder;
}

/** A sighting says "the device is here now": an old packet (replayed history) cannot say that. */
const PRESENCE_WINDOW_MS = 10_000;
/** "N sensors heard" counts the sensors decoded this recently. */
const HEARD_WINDOW_MS = 5 * 60_000;

export class BleIngest {
  readonly unknown: UnknownAdvertisers;
  readonly recorder: CaptureRecorder;
  readonly counters: BleCounters = { advertisements: 0, decoded: 0, presence: 0, unknown: 0, malformed: 0, belowRssiFloor: 0, anonymous: 0, readingsStored: 0, readingsLiveOnly: 0 };
  private readonly deps: BleIngestDeps;
  private readonly throttle = new StoreThrottle();
  /** Per series, the newest reading that was only shown live (stored by flushPending). */
  private readonly pending = new Map<string, { sighting: DeviceSighting; sample: Sample }>();
  /** Devices the scanner (not the demo) decoded → when last. */
  private readonly heard = new Map<string, number>();
  private readonly named = new Set<string>();
  private assignmentsFrom: BleConfig['assignments'] | undefined;
  private assignments = new Map<string, string>();

  constructor(deps: BleIngestDeps) {
    this.deps = deps;
    this.recorder = deps.recorder;
    this.unknown = new UnknownAdvertisers({
      limits: () => {
        const c = deps.settings();
        return { max: c.unknownMax, ignoreCompanies: c.unknownIgnoreCompanies };
      },
    });
  }

  /** The model assigned to this MAC by an operator, if any. */
  assignedModel(mac: string): string | undefined {
    const list = this.deps.settings().assignments;
    if (list !== this.assignmentsFrom) {
      this.assignmentsFrom = list;
      this.assignments = new Map(list.map((a) => [a.mac, a.model]));
    }
    return this.assignments.get(mac);
  }

  /** A packet the scanner could not parse at all. */
  malformed(): void {
    this.counters.advertisements++;
    this.counters.malformed++;
  }

  /** One advertisement (already merged with its device's remembered name) into telemetry. Never throws on data. */
  accept(report: ScanReport, source: BleSource): BleOutcome {
    const cfg = this.deps.settings();
    const adv = report.advertisement;
    const mac = adv.mac;
    this.counters.advertisements++;
    // Recorded before any filter: the capture is what the radio heard.
    this.deps.recorder.write(adv, report.ts);
    if (adv.rssi !== undefined && adv.rssi < cfg.rssiFloor) {
      this.counters.belowRssiFloor++;
      return 'filtered';
    }
    if (report.adError !== undefined) {
      this.counters.malformed++;
      if (mac !== undefined) this.unknown.note(mac, adv, { message: `corrupt advertising data: ${report.adError}` }, report.ts);
      return 'malformed';
    }
    const assigned = mac === undefined ? undefined : this.assignedModel(mac);
    const result = assigned !== undefined ? decodeAs(adv, assigned) : decodeAdvertisement(adv);
    if (!result.ok) {
      this.counters[result.reason]++;
      if (mac !== undefined) this.unknown.note(mac, adv, result, report.ts);
      return result.reason;
    }
    const id = mac !== undefined ? bleDeviceId(mac) : report.peripheralId !== undefined ? `ble:${report.peripheralId}` : undefined;
    if (id === undefined) {
      this.counters.anonymous++;
      return 'anonymous';
    }
    if (mac !== undefined && this.unknown.size > 0) this.unknown.forget(mac);
    const sighting = sightingOf(id, result, source);
    const samples = samplesFor(result, report.ts);
    const now = this.deps.now();
    if (!report.history && source === 'ble') this.noteHeard(id, report.ts);

    if (samples.length === 0) {
      this.counters.presence++;
      if (!report.history && report.ts >= now - PRESENCE_WINDOW_MS) this.deps.sink.ingest(sighting, []);
      this.offerName(id, adv.name, source);
      return 'presence';
    }
    this.counters.decoded++;
    if (report.history) {
      this.counters.readingsStored += this.deps.sink.ingest(sighting, samples, { live: false });
      return 'decoded';
    }
    // The store rate limit is for the radio, which repeats itself several times a second. The demo's
    // sensors report at their own configured interval (demo.intervalMs) and are stored as they report.
    const intervalMs = source === 'ble' ? cfg.minIntervalS * 1000 : 0;
    let due: Sample[] | undefined;
    let liveOnly: Sample[] | undefined;
    for (const s of samples) {
      const key = `${id}\u0000${s.metric}`;
      if (this.throttle.due(key, s.ts, intervalMs)) {
        (due ??= []).push(s);
        this.pending.delete(key);
      } else {
        (liveOnly ??= []).push(s);
        if (this.pending.size < 20_000 || this.pending.has(key)) this.pending.set(key, { sighting, sample: s });
      }
    }
    if (due) this.counters.readingsStored += this.deps.sink.ingest(sighting, due);
    if (liveOnly) this.counters.readingsLiveOnly += this.deps.sink.ingest(sighting, liveOnly, { store: false });
    this.offerName(id, adv.name, source);
    return 'decoded';
  }

  /**
   * Store the newest live-only reading of every rate-limited series (when the scanner stops): after a
   * restart a tile starts from the value it last showed, not one up to `minIntervalS` older.
   */
  flushPending(): number {
    let n = 0;
    for (const { sighting, sample } of this.pending.values()) n += this.deps.sink.ingest(sighting, [sample], { live: false });
    this.pending.clear();
    this.counters.readingsStored += n;
    return n;
  }

  /** Distinct sensors the scanner decoded in the last five minutes. */
  sensorsHeard(): number {
    const since = this.deps.now() - HEARD_WINDOW_MS;
    for (const [id, ts] of this.heard) if (ts < since) this.heard.delete(id);
    return this.heard.size;
  }

  private noteHeard(id: string, ts: number): void {
    if (!this.heard.has(id) && this.heard.size >= 10_000) this.sensorsHeard();
    if (this.heard.size < 10_000) this.heard.set(id, ts);
  }

  /** A sensor found by the scanner is named by what it advertises until a person names it. */
  private offerName(id: string, name: string | undefined, source: BleSource): void {
    if (source !== 'ble' || name === undefined || this.named.has(id)) return;
    this.named.add(id);
    this.deps.sink.suggestName(id, { name });
  }
}

function sightingOf(id: string, result: DecodeOk, source: BleSource): DeviceSighting {
  const s: DeviceSighting = { id, kind: kindOfModel(result.model), model: result.model, source };
  if (result.rssi !== undefined) s.rssi = result.rssi;
  if (result.battery !== undefined) s.battery = result.battery;
  return s;
}
