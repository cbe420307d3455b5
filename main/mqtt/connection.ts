import type { GxControlName, GxControlState, GxPortal, MqttConnectionStatus, MqttMapperId, MqttReject, Settings, TimelineEvent } from '../../preload/contract/index.ts';
import type { DeviceSighting, IngestSink } from '../../native/ingest.ts';
import { CoreError } from '../runtime/errors.ts';
import type { Logger } from '../runtime/logger.ts';
import { decodeGatewayBle, gatewayKindOfModel } from '../telemetry/mappers/ble-decoder.ts';
import { createFrigateMapper } from '../telemetry/mappers/frigate.ts';
import { createGovee2MqttMapper } from '../telemetry/mappers/govee2mqtt.ts';
import { safeMap, type MappedEvent, type Mapper } from '../telemetry/mappers/mapper.ts';
import { createOmgTheengsMapper } from '../telemetry/mappers/omg-theengs.ts';
import { compileFilter, type CompiledFilter } from '../telemetry/mappers/topic-match.ts';
import { createUserMapper } from '../telemetry/mappers/user-mapping.ts';
import { createGxControl, describeGxControl, formatGxValue, gxControlKey, type GxControl, type GxControlMachine } from '../telemetry/mappers/victron-control.ts';
import { createVictronMapper, parseVictronTopic, victronDeviceId, victronSummaryUnits, type VictronMapper, type VictronSummaryMetric } from '../telemetry/mappers/victron.ts';
import type { LinkState, MqttLink } from './links.ts';

/**
 * One broker connection and what reads it: every message goes through the mappers it enables (via
 * safeMap, so nothing a publisher sends can throw), readings go to the telemetry pipeline with the
 * gateway they were heard through, events to the timeline, rejects are counted and logged (at most a
 * line a minute per mapper). A Victron mapper keeps its GX portals alive every 30 s while connected, and
 * the GX controls go through the optimistic control state machine: pending until the GX republishes.
 */

/** How often each source expects a device to report (s), when its messages do not say: stale = 3 × this. */
export const expectedIntervalByMapper: Partial<Record<MqttMapperId, number>> = {
  // OpenMQTTGateway scans BLE about once a minute by default (BLEinterval 55 s); Theengs Gateway likewise.
  'omg-theengs': 120,
  // govee2mqtt polls the Govee platform API every few minutes for sensors without LAN push.
  govee2mqtt: 300,
  // The GX summary is re-affirmed from the GX heartbeat at least every 30 s while kept alive.
  victron: 30,
};

export interface ConnectionSpec {
  id: string;
  label: string;
  kind: 'embedded' | 'external';
  tls: boolean;
  mappers: readonly MqttMapperId[];
  victronPortalIds: readonly string[];
  /** The embedded broker: clients connected now. */
  clientCount?: () => number;
}

export interface ConnectionDeps {
  sink: IngestSink;
  /** Record that a device was heard through a gateway; true when the gateway is new for it. */
  heardVia(deviceId: string, gatewayId: string, connectionId: string, rssi: number | undefined, ts: number): boolean;
  /** A device's identity changed (a new gateway): announce it. */
  deviceChanged(deviceId: string): void;
  record(entry: Omit<TimelineEvent, 'id' | 'ts'>): void;
  now(): number;
  logger: Logger;
  /** This connection's status changed (state, counters): publish it. */
  statusChanged(status: MqttConnectionStatus): void;
  /** The GX portals or control states changed. */
  gxChanged(): void;
  /** The link came (back) up with its subscriptions in place. */
  connected?(): void;
}

interface DispatchEntry {
  mapper: Mapper;
  id: MqttMapperId;
  filters: CompiledFilter[];
  expectedIntervalS: number | undefined;
}

interface ControlOutcome {
  outcome: 'confirmed' | 'reverted';
  wanted: number;
  value: number | null;
  message: string;
  at: number;
}

/** Frigate and GX lines on the timeline: at most this many a minute per connection; the rest are counted. */
const maxTimelinePerMinute = 60;

export function buildMappers(ids: readonly MqttMapperId[], settings: Settings['mqtt'], victronPortalIds: readonly string[]): { entries: DispatchEntry[]; victron?: VictronMapper; problems: string[] } {
  const entries: DispatchEntry[] = [];
  const problems: string[] = [];
  let victron: VictronMapper | undefined;
  for (const id of ids) {
    let mapper: Mapper;
    switch (id) {
      case 'omg-theengs':
        mapper = createOmgTheengsMapper({ decodeBle: decodeGatewayBle, kindOfModel: gatewayKindOfModel, allBrands: settings.gateways.allBrands });
        break;
      case 'govee2mqtt':
        mapper = createGovee2MqttMapper({ temperatureScale: settings.govee2mqtt.temperatureScale });
        break;
      case 'victron':
        victron = createVictronMapper({ portalIds: [...victronPortalIds] });
        mapper = victron;
        break;
      case 'frigate':
        mapper = createFrigateMapper({ topicPrefix: settings.frigate.topicPrefix, ...(settings.frigate.url ? { baseUrl: settings.frigate.url } : {}) });
        break;
      case 'user': {
        const user = createUserMapper(settings.mappings);
        for (const p of user.problems) problems.push(`user mapping ${p.index + 1}: ${p.reason}`);
        if (user.topics.length === 0) continue;
        mapper = user;
        break;
      }
    }
    entries.push({ mapper, id, filters: mapper.topics.map((t) => compileFilter(t)), expectedIntervalS: expectedIntervalByMapper[id] });
  }
  return victron ? { entries, victron, problems } : { entries, problems };
}

export class MqttConnection {
  readonly spec: ConnectionSpec;
  readonly link: MqttLink;
  private readonly d: ConnectionDeps;
  private entries: DispatchEntry[] = [];
  private victron: VictronMapper | undefined;
  private control: GxControlMachine | undefined;
  private readonly outcomes = new Map<string, ControlOutcome>();
  private state: LinkState = 'connecting';
  private message = 'starting';
  private since: number;
  private readonly counts = { messages: 0, readings: 0, events: 0, ignored: 0, rejected: 0 };
  private lastMessageAt: number | null = null;
  private readonly rejects: MqttReject[] = [];
  private readonly rejectLog = new Map<string, { at: number; suppressed: number }>();
  private timelineWindow = { start: 0, count: 0, dropped: 0 };
  private readonly reaffirmedAt = new Map<string, number>();
  /** Last reading time per device: messages stamped in the same millisecond get distinct times, so none is dropped as a duplicate. */
  private readonly lastStamp = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private statusDirty = false;
  private lastStatusAt = 0;

  constructor(spec: ConnectionSpec, link: MqttLink, deps: ConnectionDeps) {
    this.spec = spec;
    this.link = link;
    this.d = deps;
    this.since = deps.now();
  }

  /** (Re)build the mappers from settings; subscriptions follow. */
  async configure(settings: Settings['mqtt']): Promise<void> {
    const built = buildMappers(this.spec.mappers, settings, this.spec.victronPortalIds);
    for (const p of built.problems) this.d.logger.warn(`MQTT ${this.spec.id}: ${p} — skipped`);
    this.entries = built.entries;
    if (built.victron !== this.victron) {
      this.victron = built.victron;
      const v = built.victron;
      this.control = v ? createGxControl({ currentValue: (topic) => v.valueAt(topic) }) : undefined;
      this.outcomes.clear();
      this.d.gxChanged();
    }
    await this.link.setSubscriptions(this.filters());
  }

  filters(): string[] {
    return this.entries.flatMap((e) => e.mapper.topics);
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref?.();
    await this.link.start({
      message: (topic, payload) => this.onMessage(topic, payload),
      state: (state, message) => this.setState(state, message),
      connected: () => {
        // After a reconnect the GX may have let its keep-alive lapse: ask for everything again.
        this.victron?.requestFullRepublish();
        this.d.connected?.();
      },
    });
    await this.link.setSubscriptions(this.filters());
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.link.stop();
    this.setState('off', 'stopped');
  }

  setState(state: LinkState, message: string): void {
    if (state !== this.state) this.since = this.d.now();
    const changed = state !== this.state || message !== this.message;
    this.state = state;
    this.message = message;
    if (changed) this.publishStatus();
  }

  status(): MqttConnectionStatus {
    return {
      id: this.spec.id,
      label: this.spec.label,
      kind: this.spec.kind,
      address: this.link.address,
      state: this.state,
      message: this.message,
      since: this.since,
      tls: this.spec.tls,
      mappers: this.entries.map((e) => e.id),
      clients: this.spec.clientCount ? this.spec.clientCount() : null,
      ...this.counts,
      lastMessageAt: this.lastMessageAt,
      rejects: [...this.rejects],
    };
  }

  private publishStatus(): void {
    this.statusDirty = false;
    this.lastStatusAt = this.d.now();
    this.d.statusChanged(this.status());
  }

  /** Every message from the link. Synchronous: for the embedded broker it runs before the PUBACK. */
  onMessage(topic: string, payload: Buffer): void {
    const now = this.d.now();
    this.counts.messages++;
    this.lastMessageAt = now;
    this.statusDirty = true;
    let handled = false;
    for (const e of this.entries) {
      if (!e.filters.some((f) => f.matches(topic))) continue;
      handled = true;
      this.dispatch(e, topic, payload, now);
    }
    if (!handled) this.counts.ignored++;
    // GX: every N/ value may confirm a pending control; the heartbeat keeps the summary's values current.
    if (this.victron && topic.charCodeAt(0) === 78 /* N */) this.victronExtras(topic, payload, now);
  }

  private dispatch(e: DispatchEntry, topic: string, payload: Buffer, now: number): void {
    const r = safeMap(e.mapper, topic, payload, { now, connectionId: this.spec.id });
    switch (r.kind) {
      case 'readings':
        for (const item of r.items) {
          const sighting: DeviceSighting = { ...item.sighting };
          if (item.samples.length > 0) this.stamp(sighting.id, item.samples);
          const interval = item.expectedIntervalS ?? e.expectedIntervalS;
          if (interval !== undefined) sighting.expectedIntervalS = interval;
          this.counts.readings += this.d.sink.ingest(sighting, item.samples);
          if (item.name) this.d.sink.suggestName(sighting.id, item.name);
          if (item.via && this.d.heardVia(sighting.id, item.via.gatewayId, this.spec.id, item.via.rssi, now)) this.d.deviceChanged(sighting.id);
        }
        if (r.events) for (const ev of r.events) this.timeline(ev, now);
        if (e.id === 'victron') this.d.gxChanged();
        break;
      case 'event':
        for (const ev of r.events) this.timeline(ev, now);
        if (e.id === 'victron') this.d.gxChanged();
        break;
      case 'ignored':
        this.counts.ignored++;
        break;
      case 'rejected':
        this.reject(e.id, topic, r.reason, now);
        break;
    }
  }

  /**
   * Readings are stamped with the time they arrived. Two messages for one device in the same millisecond
   * (a burst a broker flushes after a reconnect) would share a timestamp and the store keeps only the first:
   * each later one moves on by a millisecond instead.
   */
  private stamp(deviceId: string, samples: { ts: number }[]): void {
    const last = this.lastStamp.get(deviceId);
    let ts = samples[0]!.ts;
    if (last !== undefined && ts <= last) ts = last + 1;
    for (const smp of samples) smp.ts = ts;
    if (this.lastStamp.size > 100_000) this.lastStamp.clear();
    this.lastStamp.set(deviceId, ts);
  }

  private reject(mapper: string, topic: string, reason: string, now: number): void {
    this.counts.rejected++;
    this.rejects.unshift({ at: now, mapper, topic: topic.slice(0, 200), reason: reason.slice(0, 300) });
    if (this.rejects.length > 5) this.rejects.length = 5;
    // One log line per mapper per minute, saying how many it stands for.
    const k = mapper;
    const last = this.rejectLog.get(k);
    if (last && now - last.at < 60_000) {
      last.suppressed++;
      return;
    }
    this.d.logger.warn(`MQTT ${this.spec.id}: ${mapper} rejected a message`, { topic: topic.slice(0, 200), reason: reason.slice(0, 300), ...(last?.suppressed ? { alsoRejectedLastMinute: last.suppressed } : {}) });
    this.rejectLog.set(k, { at: now, suppressed: 0 });
  }

  private timeline(ev: MappedEvent, now: number): void {
    this.counts.events++;
    const w = this.timelineWindow;
    if (now - w.start >= 60_000) {
      if (w.dropped > 0) this.d.record({ kind: 'system', severity: 'warn', deviceId: null, message: `MQTT ${this.spec.label || this.spec.id}: ${w.dropped} more events in the last minute were not put on the timeline (too many)` });
      this.timelineWindow = { start: now, count: 0, dropped: 0 };
    }
    if (this.timelineWindow.count >= maxTimelinePerMinute) {
      this.timelineWindow.dropped++;
      return;
    }
    this.timelineWindow.count++;
    this.d.record({
      kind: ev.severity === 'info' ? 'system' : 'alert.raised',
      severity: ev.severity,
      deviceId: ev.deviceId,
      message: ev.link ? `${ev.message} — clip: ${ev.link}` : ev.message,
    });
  }

  private victronExtras(topic: string, payload: Buffer, now: number): void {
    const v = this.victron!;
    if (this.control && this.control.pending().length > 0) {
      const confirmed = this.control.observeMessage(topic, payload, now);
      if (confirmed) {
        const key = controlKey(confirmed.control);
        const message = `${describeGxControl(confirmed.control)} on GX ${confirmed.control.portalId} is now ${formatGxValue(confirmed.control.target, confirmed.value, modeNames)} (confirmed after ${(confirmed.afterMs / 1000).toFixed(1)} s)`;
        this.outcomes.set(key, { outcome: 'confirmed', wanted: confirmed.value, value: confirmed.value, message, at: now });
        this.d.record({ kind: 'system', severity: 'info', deviceId: victronDeviceId(confirmed.control.portalId), message });
        this.d.gxChanged();
      }
    }
    const t = parseVictronTopic(topic);
    if ('special' in t && t.special === 'heartbeat') {
      // Values only arrive on change; the heartbeat says the ones we hold are still current.
      const last = this.reaffirmedAt.get(t.portalId) ?? 0;
      if (now - last < 20_000) return;
      const p = v.portal(t.portalId);
      if (!p) return;
      const samples = (Object.entries(p.summary) as [VictronSummaryMetric, number][]).map(([metric, value]) => ({ metric, unit: victronSummaryUnits[metric], value, ts: now }));
      this.reaffirmedAt.set(t.portalId, now);
      const sighting: DeviceSighting = { id: victronDeviceId(t.portalId), kind: 'power', model: 'Victron GX', source: 'victron', expectedIntervalS: expectedIntervalByMapper.victron! };
      if (samples.length > 0) this.d.sink.ingest(sighting, samples, { store: false });
      else this.d.sink.ingest(sighting, []);
    }
  }

  /** Once a second: keep-alives due, controls past their deadline, a status refresh when counters moved. */
  tick(): void {
    const now = this.d.now();
    if (this.victron && this.link.isUp()) {
      for (const k of this.victron.takeKeepAlives(now)) {
        this.link.publish(k.topic, Buffer.from(k.payload), { qos: 0, retain: false }).catch((error: unknown) => this.d.logger.debug('GX keep-alive not sent', { portal: k.portalId, error: (error as Error).message }));
      }
    }
    if (this.control) {
      const { reverted } = this.control.tick(now);
      for (const r of reverted) {
        this.outcomes.set(controlKey(r.control), { outcome: 'reverted', wanted: r.wanted, value: r.actual, message: r.message, at: now });
        this.d.record({ kind: 'system', severity: 'warn', deviceId: victronDeviceId(r.control.portalId), message: r.message });
      }
      if (reverted.length > 0) this.d.gxChanged();
    }
    if (this.statusDirty && now - this.lastStatusAt >= 2000) this.publishStatus();
  }

  /** Force a status publish (e.g. the embedded broker's client count changed). */
  refreshStatus(): void {
    this.publishStatus();
  }

  // ---------------------------------------------------------------------------------------------------
  // GX

  gxPortals(): GxPortal[] {
    const v = this.victron;
    if (!v) return [];
    const pending = this.control?.pending() ?? [];
    return v.portals().map((p) => {
      const vb = p.mainVebusInstance ?? null;
      const controls: GxControlState[] = [];
      const state = (control: GxControl, name: GxControlName, instance: number | null, input: number | null, value: number | null, adjustable: boolean | null): GxControlState => {
        const key = controlKey(control);
        const pend = pending.find((x) => x.key === key);
        const last = this.outcomes.get(key);
        return {
          control: name,
          instance,
          input,
          value,
          adjustable,
          pending: pend ? { wanted: pend.wanted, requestedAt: pend.requestedAt, deadline: pend.deadline } : null,
          last: last ? { ...last } : null,
        };
      };
      const num = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
      if (vb !== null) {
        const adj = num(v.value(p.portalId, 'vebus', vb, '/ModeIsAdjustable'));
        controls.push(state({ target: 'inverter_mode', portalId: p.portalId, instance: vb }, 'inverter_mode', vb, null, num(v.value(p.portalId, 'vebus', vb, '/Mode')), adj === null ? null : adj !== 0));
      }
      const ccl = num(v.value(p.portalId, 'settings', 0, '/Settings/SystemSetup/MaxChargeCurrent'));
      const cclControl: GxControl = { target: 'charge_current_limit', portalId: p.portalId };
      if (ccl !== null || pending.some((x) => x.key === controlKey(cclControl)) || this.outcomes.has(controlKey(cclControl))) controls.push(state(cclControl, 'charge_current_limit', null, null, ccl, null));
      for (const a of p.acInputLimits) {
        controls.push(state({ target: 'ac_input_current_limit', portalId: p.portalId, instance: a.instance, input: a.input }, 'ac_input_current_limit', a.instance, a.input, a.limit ?? null, a.adjustable ?? null));
      }
      const summary: Record<string, number> = {};
      for (const [k, val] of Object.entries(p.summary)) if (typeof val === 'number') summary[k] = val;
      return {
        connection: this.spec.id,
        portalId: p.portalId,
        deviceId: victronDeviceId(p.portalId),
        name: p.systemName ?? null,
        lastSeen: p.lastSeen ?? null,
        keepAliveSentAt: p.keepAliveSentAt ?? null,
        summary,
        controls,
        services: p.services.map((s) => ({ service: s.service, instance: s.instance, name: s.customName ?? s.productName ?? null, present: s.present })),
      };
    });
  }

  hasPortal(portalId: string): boolean {
    return this.victron?.portal(portalId) !== undefined;
  }

  /** Write a GX control: publish W/… then R/… (so an unchanged value is still confirmed); pending until the N/ republish. */
  async gxSet(portalId: string, name: GxControlName, value: number, instance?: number, input?: number): Promise<void> {
    const v = this.victron;
    const control = this.control;
    if (!v || !control) throw new CoreError('unavailable', `connection ${this.spec.id} does not read Victron GX messages (enable the victron mapper)`);
    const portal = v.portal(portalId);
    if (!portal) throw new CoreError('not_found', `no GX portal ${portalId} heard on ${this.spec.id}`);
    if (!this.link.isUp()) throw new CoreError('unavailable', `connection ${this.spec.id} is not connected (${this.message})`);
    let target: GxControl;
    if (name === 'charge_current_limit') target = { target: 'charge_current_limit', portalId };
    else {
      const inst = instance ?? portal.mainVebusInstance;
      if (inst === undefined) throw new CoreError('unavailable', `GX ${portalId} has not reported a VE.Bus device (inverter/charger) yet`);
      if (name === 'inverter_mode') target = { target: 'inverter_mode', portalId, instance: inst };
      else {
        const inp = input ?? portal.acInputLimits.find((a) => a.instance === inst && a.adjustable !== false)?.input ?? portal.acInputLimits[0]?.input;
        if (inp === undefined) throw new CoreError('unavailable', `GX ${portalId} has not reported an AC input current limit yet`);
        target = { target: 'ac_input_current_limit', portalId, instance: inst, input: inp };
      }
    }
    const r = control.request(target, value, this.d.now());
    if (!r.ok) throw new CoreError('invalid', r.error);
    this.outcomes.delete(r.pending.key);
    try {
      await this.link.publish(r.write.topic, Buffer.from(r.write.payload), { qos: 1, retain: false });
      await this.link.publish(r.read.topic, Buffer.from(r.read.payload), { qos: 0, retain: false });
    } catch (error) {
      control.cancel(target);
      throw new CoreError('unavailable', `could not send to GX ${portalId}: ${(error as Error).message}`);
    }
    this.d.gxChanged();
  }
}

function controlKey(control: GxControl): string {
  return gxControlKey(control) ?? `${control.target}:${control.portalId}`;
}

/** Mid-sentence ("is now on (3)"), so lower case. */
const modeNames: Record<number, string> = { 1: 'charger only', 2: 'inverter only', 3: 'on', 4: 'off' };

