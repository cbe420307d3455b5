import type { Device, LiveReading } from '../../preload/contract/index.ts';
import type { Logger } from '../runtime/logger.ts';
import type { MqttLink } from './links.ts';

/**
 * Publishing without ghosts. Every device's normalized state goes to
 *   showsite/<site>/devices/<deviceId>/state   retained, {"<metric>": {"value": v, "unit": u, "ts": ms}, …}
 * and its name and room to
 *   showsite/<site>/devices/<deviceId>/meta    retained, {"id", "name", "room", "kind", "model", "source"}
 * Topics hold ids only, never names: a rename rewrites `meta` and nothing else, so no retained topic can
 * replay frozen values under an old name. A device that is forgotten, merged away or hidden has both
 * topics cleared (an empty retained message); at every (re)connect the retained set under our prefix is
 * read back and anything for a device we do not publish is cleared too — what the broker holds always
 * matches the registry. State is republished when a value changes, at most once per `minIntervalMs` per
 * device (and at least every `refreshMs` while it reports, so a consumer sees it alive).
 */

export interface PublisherConfig {
  enabled: boolean;
  site: string;
  minIntervalMs: number;
}

export interface PublisherDeps {
  devices(): Device[];
  device(id: string): Device | undefined;
  latest(): LiveReading[];
  now(): number;
  logger: Logger;
  /** Republish unchanged state at least this often while readings arrive. Default 60 s. */
  refreshMs?: number;
}

interface DeviceState {
  metrics: Map<string, { value: number; unit: string; ts: number }>;
  /** Values and units as last published (without timestamps): "on change" compares these. */
  lastValues: string | undefined;
  lastSentAt: number;
  timer: NodeJS.Timeout | undefined;
}

/** A device id as one topic level: `/`, `+`, `#`, `%` and control characters percent-encoded (ids keep `:`). */
export function topicLevel(id: string): string {
  return id.replace(/[%/+#\u0000-\u001f\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

export function fromTopicLevel(level: string): string {
  return level.replace(/%([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export function deviceTopics(site: string, deviceId: string): { state: string; meta: string } {
  const base = `showsite/${site}/devices/${topicLevel(deviceId)}`;
  return { state: `${base}/state`, meta: `${base}/meta` };
}

export function metaOf(d: Device): string {
  return JSON.stringify({ id: d.id, name: d.name, room: d.room, kind: d.kind, model: d.model, source: d.source });
}

const coalesceMs = 20;

export class StatePublisher {
  private readonly d: PublisherDeps;
  private config: PublisherConfig = { enabled: false, site: 'main', minIntervalMs: 1000 };
  private link: MqttLink | undefined;
  private readonly states = new Map<string, DeviceState>();
  private readonly metas = new Map<string, string>();
  private syncing: Promise<void> | undefined;
  published = 0;
  cleared = 0;

  constructor(deps: PublisherDeps) {
    this.d = deps;
  }

  /** Apply settings and the link to publish on. Moving to another site or link clears what we left on the old one. */
  async configure(config: PublisherConfig, link: MqttLink | undefined): Promise<void> {
    const before = this.config;
    const beforeLink = this.link;
    const moved = before.enabled && beforeLink !== undefined && (before.site !== config.site || beforeLink !== link || !config.enabled);
    if (moved && beforeLink.isUp()) await this.clearAll(beforeLink, before.site);
    this.config = config;
    this.link = link;
    for (const s of this.states.values()) clearTimeout(s.timer);
    this.states.clear();
    this.metas.clear();
    if (config.enabled && link?.isUp()) await this.resync();
  }

  private active(): MqttLink | undefined {
    return this.config.enabled && this.link?.isUp() ? this.link : undefined;
  }

  /** Read back the retained set, clear strays, publish every device's meta and state (after a (re)connect). */
  resync(): Promise<void> {
    this.syncing ??= this.doResync().finally(() => (this.syncing = undefined));
    return this.syncing;
  }

  private async doResync(): Promise<void> {
    const link = this.active();
    if (!link) return;
    const site = this.config.site;
    const shown = new Map(this.d.devices().filter((d) => !d.hidden).map((d) => [d.id, d]));
    const prefix = `showsite/${site}/devices/`;
    for (const topic of await link.retainedTopics(`${prefix}+/+`)) {
      const rest = topic.slice(prefix.length);
      const slash = rest.lastIndexOf('/');
      const leaf = rest.slice(slash + 1);
      if (leaf !== 'state' && leaf !== 'meta') continue;
      const id = fromTopicLevel(rest.slice(0, slash));
      if (!shown.has(id)) await this.send(link, topic, '');
    }
    this.metas.clear();
    for (const d of shown.values()) await this.publishMeta(d);
    const byDevice = new Map<string, LiveReading[]>();
    for (const r of this.d.latest()) if (shown.has(r.deviceId)) byDevice.set(r.deviceId, [...(byDevice.get(r.deviceId) ?? []), r]);
    for (const [id, readings] of byDevice) {
      const s = this.stateOf(id);
      for (const r of readings) s.metrics.set(r.metric, { value: r.value, unit: r.unit, ts: r.ts });
      s.lastValues = undefined;
      await this.flushState(id);
    }
  }

  onReading(r: LiveReading): void {
    if (!this.active()) return;
    const s = this.stateOf(r.deviceId);
    const had = s.metrics.get(r.metric);
    if (had && had.ts > r.ts) return;
    s.metrics.set(r.metric, { value: r.value, unit: r.unit, ts: r.ts });
    if (!this.metas.has(r.deviceId)) {
      const d = this.d.device(r.deviceId);
      if (d && !d.hidden) void this.publishMeta(d);
    }
    this.schedule(r.deviceId, s);
  }

  onDevice(d: Device): void {
    if (!this.active()) return;
    if (d.hidden) {
      if (this.metas.has(d.id) || this.states.has(d.id)) void this.clearDevice(d.id);
      return;
    }
    const wasHidden = !this.metas.has(d.id) && !this.states.has(d.id);
    void this.publishMeta(d);
    if (wasHidden) {
      const readings = this.d.latest().filter((r) => r.deviceId === d.id);
      if (readings.length > 0) {
        const s = this.stateOf(d.id);
        for (const r of readings) s.metrics.set(r.metric, { value: r.value, unit: r.unit, ts: r.ts });
        this.schedule(d.id, s);
      }
    }
  }

  /** Devices that no longer exist (forgotten, merged away): clear both retained topics. */
  onRemoved(ids: readonly string[]): void {
    if (!this.active()) return;
    for (const id of ids) void this.clearDevice(id);
  }

  stop(): void {
    for (const s of this.states.values()) clearTimeout(s.timer);
    this.states.clear();
    this.metas.clear();
    this.link = undefined;
  }

  private stateOf(id: string): DeviceState {
    let s = this.states.get(id);
    if (!s) this.states.set(id, (s = { metrics: new Map(), lastValues: undefined, lastSentAt: 0, timer: undefined }));
    return s;
  }

  private schedule(id: string, s: DeviceState): void {
    if (s.timer) return;
    // A short pause even when due: the other metrics of the same message land in the same publish.
    const wait = Math.max(coalesceMs, s.lastSentAt + this.config.minIntervalMs - this.d.now());
    s.timer = setTimeout(() => {
      s.timer = undefined;
      void this.flushState(id);
    }, wait);
    s.timer.unref?.();
  }

  private async flushState(id: string): Promise<void> {
    const link = this.active();
    const s = this.states.get(id);
    if (!link || !s || s.metrics.size === 0) return;
    const metrics = [...s.metrics].sort((a, b) => a[0].localeCompare(b[0]));
    const values = JSON.stringify(metrics.map(([m, v]) => [m, v.value, v.unit]));
    const now = this.d.now();
    if (values === s.lastValues && now - s.lastSentAt < (this.d.refreshMs ?? 60_000)) return;
    s.lastValues = values;
    s.lastSentAt = now;
    const payload = JSON.stringify(Object.fromEntries(metrics));
    await this.send(link, deviceTopics(this.config.site, id).state, payload);
  }

  private async publishMeta(d: Device): Promise<void> {
    const link = this.active();
    if (!link) return;
    const meta = metaOf(d);
    if (this.metas.get(d.id) === meta) return;
    this.metas.set(d.id, meta);
    await this.send(link, deviceTopics(this.config.site, d.id).meta, meta);
  }

  private async clearDevice(id: string): Promise<void> {
    const link = this.active();
    const s = this.states.get(id);
    if (s) clearTimeout(s.timer);
    this.states.delete(id);
    this.metas.delete(id);
    if (!link) return;
    const t = deviceTopics(this.config.site, id);
    await this.send(link, t.state, '');
    await this.send(link, t.meta, '');
  }

  private async clearAll(link: MqttLink, site: string): Promise<void> {
    const prefix = `showsite/${site}/devices/`;
    const topics = new Set(await link.retainedTopics(`${prefix}+/+`));
    for (const id of new Set([...this.metas.keys(), ...this.states.keys()])) {
      const t = deviceTopics(site, id);
      topics.add(t.state);
      topics.add(t.meta);
    }
    for (const topic of topics) if (topic.endsWith('/state') || topic.endsWith('/meta')) await this.send(link, topic, '');
  }

  private async send(link: MqttLink, topic: string, payload: string): Promise<void> {
    try {
      await link.publish(topic, Buffer.from(payload), { qos: 1, retain: true });
      if (payload === '') this.cleared++;
      else this.published++;
    } catch (error) {
      this.d.logger.debug('MQTT state not published', { topic, error: (error as Error).message });
    }
  }
}
