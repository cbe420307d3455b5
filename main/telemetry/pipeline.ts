import type { LiveReading, Settings } from '../../preload/contract/index.ts';
import type { EventHub } from '../runtime/hub.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Timeline } from '../runtime/timeline.ts';
import type { DeviceSighting, IngestSink, Sample } from '../../native/ingest.ts';
import type { DeviceRegistry } from '../devices/registry.ts';
import type { ReadingWriter, SeriesRepo } from '../store/readings-repo.ts';
import { evaluate } from './thresholds.ts';
import { staleAfterSFor } from '../../preload/contract/devices.ts';

export type { Sample };
export type IngestOptions = NonNullable<Parameters<IngestSink['ingest']>[2]>;

export interface TelemetryDeps {
  registry: DeviceRegistry;
  series: SeriesRepo;
  writer: ReadingWriter;
  timeline: Timeline;
  hub: EventHub;
  settings: () => Settings;
  now: () => number;
  logger: Logger;
}

const metricName = /^[a-z][a-z0-9_.]{0,63}$/;
/** Readings from before 2000 or more than a day ahead come from a device with no clock: refuse them. */
const earliest = Date.UTC(2000, 0, 1);
const maxFutureMs = 24 * 3600_000;

/**
 * Every reading from every source passes through here: device registry → series → batched store →
 * live cache → thresholds → timeline. Bad samples are logged and dropped; they never throw.
 */
export class Telemetry {
  private readonly live = new Map<number, LiveReading>();
  private readonly lost = new Set<string>();
  /** Devices heard since this core started: only they (and devices with stored values) can be declared lost. */
  private readonly heard = new Set<string>();
  private sweepTimer: NodeJS.Timeout | undefined;
  rejected = 0;

  private readonly deps: TelemetryDeps;
  constructor(deps: TelemetryDeps) {
    this.deps = deps;
    // Show last-known values (with their true age) straight after a restart.
    const now = deps.now();
    for (const s of deps.series.all()) this.seedLive(s);
    for (const d of deps.registry.list()) if (now - d.lastSeen > this.staleAfterS(d.id) * 1000) this.lost.add(d.id);
  }

  /** The newest stored value of a series into the live view (not for hidden devices). */
  private seedLive(s: { id: number; deviceId: string; metric: string; unit: string }): void {
    if (this.deps.registry.isHidden(s.deviceId)) return;
    const p = this.deps.series.newestPoint(s.id);
    if (!p) return;
    const state = evaluate(this.deps.settings().thresholds, s.deviceId, s.metric, p.value).state;
    this.live.set(s.id, { seriesId: s.id, deviceId: s.deviceId, metric: s.metric, unit: s.unit, value: p.value, ts: p.ts, state, staleAfterS: this.staleAfterS(s.deviceId) });
  }

  /** Seconds of silence before this device's values are stale: from its expected interval, else the site-wide setting. */
  staleAfterS(deviceId: string): number {
    return staleAfterSFor(this.deps.registry.expectedIntervalS(deviceId), this.deps.settings().telemetry.staleAfterS);
  }

  /**
   * After the registry merged, forgot, hid or showed devices: rebuild their live values from what is
   * stored now, and let them be lost/found afresh.
   */
  refreshDevices(ids: readonly string[]): void {
    const set = new Set(ids);
    for (const [seriesId, r] of this.live) if (set.has(r.deviceId)) this.live.delete(seriesId);
    for (const s of this.deps.series.all()) if (set.has(s.deviceId)) this.seedLive(s);
    for (const id of set) {
      this.lost.delete(id);
      this.heard.delete(id);
    }
  }

  /**
   * Take a device's samples. Returns how many were accepted. With no samples at all this is a
   * presence-only sighting (an Art-Net node answering a poll, a USB widget): it refreshes last-seen and
   * takes part in the lost/found sweep like any sensor. `store: false` (a rate-limited BLE sensor between
   * its stored readings) updates everything — registry, live view, thresholds — except the store.
   */
  ingest(sighting: DeviceSighting, samples: readonly Sample[], options: IngestOptions = {}): number {
    const now = this.deps.now();
    // A merged identity files under the device it was merged into; a hidden device is stored, not shown.
    sighting = this.deps.registry.resolve(sighting);
    if (options.live !== false && this.deps.registry.isHidden(sighting.id)) options = { ...options, live: false };
    if (samples.length === 0) {
      this.sighted(sighting, now);
      return 0;
    }
    // One pass, no arrays made when every sample is good (the usual case: this runs for every reading).
    let newest = -Infinity;
    let bad = 0;
    for (const s of samples) {
      if (!this.acceptable(s, now)) bad++;
      else if (s.ts > newest) newest = s.ts;
    }
    const good = bad === 0 ? samples : samples.filter((s) => this.acceptable(s, now));
    this.rejected += bad;
    if (bad > 0) this.deps.logger.warn('rejected malformed samples', { deviceId: sighting.id, rejected: bad });
    if (good.length === 0) return 0;

    if (options.live === false) {
      // History backfill: store only, the live view and alerts are about now.
      const { device, changed } = this.deps.registry.seen(sighting, newest);
      if (changed) this.deps.hub.publish('devices.changed', device.id, device);
      if (options.store !== false) for (const s of good) this.deps.writer.add(this.deps.series.resolve(sighting.id, s.metric, s.unit).id, s.ts, s.value);
      return good.length;
    }
    this.sighted(sighting, newest);

    const settings = this.deps.settings();
    for (const s of good) {
      const series = this.deps.series.resolve(sighting.id, s.metric, s.unit);
      if (options.store !== false) this.deps.writer.add(series.id, s.ts, s.value);
      const previous = this.live.get(series.id);
      if (previous && previous.ts > s.ts) continue; // an older sample arriving late does not replace the newest
      const verdict = evaluate(settings.thresholds, sighting.id, s.metric, s.value);
      const reading: LiveReading = { seriesId: series.id, deviceId: sighting.id, metric: s.metric, unit: s.unit, value: s.value, ts: s.ts, state: verdict.state, staleAfterS: this.staleAfterS(sighting.id) };
      this.live.set(series.id, reading);
      this.deps.hub.publish('readings.live', series.id, reading);
      if (previous && previous.state !== verdict.state) this.alertTransition(reading, previous.state, verdict.limit);
      else if (!previous && verdict.state !== 'ok') this.alertTransition(reading, 'ok', verdict.limit);
    }
    return good.length;
  }

  /** The device was heard at `ts`: registry, devices.changed, and "reporting again" if it had been lost. */
  private sighted(sighting: DeviceSighting, ts: number): void {
    const { device, changed } = this.deps.registry.seen(sighting, ts);
    if (changed) this.deps.hub.publish('devices.changed', device.id, device);
    this.heard.add(sighting.id);
    if (this.lost.delete(sighting.id)) this.deps.timeline.record({ kind: 'device.found', severity: 'info', deviceId: sighting.id, message: `${this.deps.registry.displayName(sighting.id)} is reporting again` });
  }

  latest(): LiveReading[] {
    return [...this.live.values()];
  }

  /** Periodically mark devices that fell silent, once each, on the timeline. */
  start(sweepEveryMs = 5000): void {
    this.sweepTimer ??= setInterval(() => this.sweep(), sweepEveryMs);
    this.sweepTimer.unref();
  }

  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  sweep(): void {
    const now = this.deps.now();
    // A device known only from an old import, never heard and with no values, cannot go stale.
    const reporting = new Set(this.latest().map((r) => r.deviceId));
    for (const d of this.deps.registry.list()) {
      if (d.hidden || this.lost.has(d.id) || now - d.lastSeen <= this.staleAfterS(d.id) * 1000 || !(reporting.has(d.id) || this.heard.has(d.id))) continue;
      this.lost.add(d.id);
      this.deps.timeline.record({ kind: 'device.lost', severity: 'warn', deviceId: d.id, message: `${this.deps.registry.displayName(d.id)} has not reported for ${Math.round((now - d.lastSeen) / 1000)} s` });
    }
  }

  private acceptable(s: Sample, now: number): boolean {
    return (
      typeof s.value === 'number' && Number.isFinite(s.value) && Number.isInteger(s.ts) && s.ts >= earliest && s.ts <= now + maxFutureMs && metricName.test(s.metric) && typeof s.unit === 'string' && s.unit.length <= 16
    );
  }

  private alertTransition(r: LiveReading, from: LiveReading['state'], limit: { kind: 'above' | 'below'; value: number } | undefined): void {
    const who = `${this.deps.registry.displayName(r.deviceId)} ${r.metric}`;
    const value = `${r.value} ${r.unit}`.trim();
    if (r.state === 'ok') {
      this.deps.timeline.record({ kind: 'alert.cleared', severity: 'info', deviceId: r.deviceId, message: `${who} back to normal (${value})` });
      return;
    }
    const where = limit ? ` ${limit.kind} ${r.state} limit ${limit.value} ${r.unit}`.trimEnd() : '';
    this.deps.timeline.record({ kind: 'alert.raised', severity: r.state, deviceId: r.deviceId, message: `${who} ${value}${where}${from !== 'ok' ? ` (was ${from})` : ''}` });
  }
}
