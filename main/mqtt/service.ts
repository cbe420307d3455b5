import type { Device, GxControlName, GxPortal, LiveReading, MqttConnection as MqttConnectionSettings, MqttConnectionStatus, Settings } from '../../preload/contract/index.ts';
import { embeddedConnectionId } from '../../preload/contract/mqtt.ts';
import type { IngestSink } from '../../native/ingest.ts';
import type { DeviceRegistry } from '../devices/registry.ts';
import { CoreError } from '../runtime/errors.ts';
import type { EventHub } from '../runtime/hub.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';
import type { Timeline } from '../runtime/timeline.ts';
import type { Db } from '../store/db.ts';
import { MqttBrokerRepo } from '../store/mqtt-broker-repo.ts';
import { topicProblem } from '../telemetry/mappers/topic-match.ts';
import { EmbeddedBroker, PortInUseError } from './broker.ts';
import { MqttConnection, type ConnectionSpec } from './connection.ts';
import { ClientLink, EmbeddedLink, type MqttLink } from './links.ts';
import { StatePublisher } from './publisher.ts';

/**
 * MQTT as one Service: the embedded broker (on by default, port 1883, loopback unless LAN access is on),
 * any number of external broker connections, the mappers each one feeds, and the state publisher. Its
 * `publish()` is the one door for anything else in the core that sends MQTT (the running order's
 * "MQTT publish" cue).
 */

export interface MqttConfig {
  mqtt: Settings['mqtt'];
  /** Where the embedded broker listens; null = broker on for in-process use, listener off (serve --mqtt-port 0 keeps it fully off). */
  listen: { host: string; port: number } | null;
  brokerOn: boolean;
}

export interface MqttServiceDeps {
  db: Db;
  sink: IngestSink;
  registry: DeviceRegistry;
  latest(): LiveReading[];
  hub: EventHub;
  timeline: Timeline;
  now(): number;
  mode: 'desktop' | 'serve';
  /** serve --mqtt-port (0 = broker off for this run) and serve --host (LAN access in serve mode). */
  overrides?: { port?: number; host?: string };
  /** Told of devices that stopped existing (forget, merge) — wired to DeviceTools.onRemoved. */
  onDevicesRemoved?(listener: (ids: readonly string[]) => void): () => void;
  /** Reconnect backoff for external connections (tests make it short). */
  backoffMs?: { min: number; max: number };
}

export interface MqttPublishOptions {
  retain?: boolean;
  qos?: 0 | 1;
  /** `embedded` (default) or an external connection's id. */
  connection?: string;
}

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

export function brokerListen(settings: Settings, mode: 'desktop' | 'serve', overrides: MqttServiceDeps['overrides'] = {}): { on: boolean; listen: { host: string; port: number } | null } {
  const port = overrides.port ?? settings.mqtt.broker.port;
  if (!settings.mqtt.broker.enabled || port === 0) return { on: false, listen: null };
  // LAN access: serve with a non-loopback --host, or the desktop's Settings → Remote access.
  const httpHost = mode === 'serve' ? (overrides.host ?? settings.remote.host) : settings.remote.host;
  const lan = mode === 'serve' ? !isLoopback(httpHost) : settings.remote.enabled && !isLoopback(httpHost);
  return { on: true, listen: { host: lan ? httpHost : '127.0.0.1', port } };
}

function clientIdFor(c: MqttConnectionSettings): string {
  return c.clientId || `showsite-${c.id}`;
}

/** What decides whether a running connection must be rebuilt. */
function connectionKey(c: MqttConnectionSettings): string {
  return JSON.stringify([c.host, c.port, c.tls, c.tlsInsecure, c.username, c.password, clientIdFor(c), c.label, c.mappers, c.victronPortalIds]);
}

/** What decides whether mappers must be rebuilt (their settings, not the broker or the publisher). */
function mapperKey(m: Settings['mqtt']): string {
  return JSON.stringify([m.mappings, m.gateways, m.govee2mqtt, m.frigate, m.broker.mappers]);
}

export class MqttService implements Service<MqttConfig> {
  readonly name = 'mqtt';
  readonly label = 'MQTT';
  readonly stopTimeoutMs = 8000;
  private readonly d: MqttServiceDeps;
  private broker: EmbeddedBroker | undefined;
  private readonly connections = new Map<string, MqttConnection>();
  private readonly keys = new Map<string, string>();
  private readonly publisher: StatePublisher;
  private ctx: ServiceContext | undefined;
  private current: MqttConfig | undefined;
  private unlisten: (() => void)[] = [];
  private brokerError: string | undefined;
  private gxTimer: NodeJS.Timeout | undefined;
  private reportTimer: NodeJS.Timeout | undefined;

  constructor(deps: MqttServiceDeps) {
    this.d = deps;
    // The publisher logs through whatever context the service runs in now.
    const forward: Logger = {
      debug: (m, f) => this.ctx?.logger.debug(m, f),
      info: (m, f) => this.ctx?.logger.info(m, f),
      warn: (m, f) => this.ctx?.logger.warn(m, f),
      error: (m, f) => this.ctx?.logger.error(m, f),
      child: () => forward,
    };
    this.publisher = new StatePublisher({
      devices: () => deps.registry.list(),
      device: (id) => deps.registry.get(id),
      latest: () => deps.latest(),
      now: deps.now,
      logger: forward,
    });
  }

  config(settings: Settings): MqttConfig {
    const b = brokerListen(settings, this.d.mode, this.d.overrides);
    return { mqtt: settings.mqtt, listen: b.listen, brokerOn: b.on };
  }

  enabled(config: MqttConfig): boolean {
    return config.brokerOn || config.mqtt.connections.some((c) => c.enabled);
  }

  offMessage(): string {
    return this.d.overrides?.port === 0 ? 'broker off for this run (--mqtt-port 0) and no external connections' : 'broker off and no external connections (Settings → MQTT)';
  }

  async start(config: MqttConfig, ctx: ServiceContext): Promise<void> {
    this.ctx = ctx;
    this.current = config;
    this.unlisten.push(
      this.d.hub.listen((topic, _key, data) => {
        if (topic === 'readings.live') this.publisher.onReading(data as LiveReading);
        else if (topic === 'devices.changed') this.publisher.onDevice(data as Device);
      }),
    );
    if (this.d.onDevicesRemoved) this.unlisten.push(this.d.onDevicesRemoved((ids) => this.publisher.onRemoved(ids)));
    if (config.brokerOn) await this.startEmbedded(config);
    for (const c of config.mqtt.connections) if (c.enabled) await this.startExternal(c, config.mqtt);
    await this.configurePublisher(config);
    this.gxChanged();
    this.report();
  }

  async stop(): Promise<void> {
    for (const u of this.unlisten.splice(0)) u();
    clearTimeout(this.gxTimer);
    clearTimeout(this.reportTimer);
    this.gxTimer = undefined;
    this.reportTimer = undefined;
    this.publisher.stop();
    for (const c of this.connections.values()) await c.stop().catch(() => undefined);
    this.connections.clear();
    this.keys.clear();
    const broker = this.broker;
    this.broker = undefined;
    await broker?.close();
  }

  async reconfigure(next: MqttConfig, previous: MqttConfig, ctx: ServiceContext): Promise<void> {
    this.ctx = ctx;
    this.current = next;
    // The embedded broker: users apply at once; a new address, port or on/off restarts the listener (state is kept).
    if (!next.brokerOn && this.connections.has(embeddedConnectionId)) {
      await this.connections.get(embeddedConnectionId)!.stop();
      this.connections.delete(embeddedConnectionId);
      await this.broker?.close();
      this.broker = undefined;
    } else if (next.brokerOn) {
      const moved =
        JSON.stringify(next.listen) !== JSON.stringify(previous.listen) ||
        JSON.stringify(next.mqtt.broker.mappers) !== JSON.stringify(previous.mqtt.broker.mappers) ||
        !previous.brokerOn ||
        !this.connections.has(embeddedConnectionId) ||
        this.brokerError !== undefined;
      const mappersChanged = mapperKey(next.mqtt) !== mapperKey(previous.mqtt);
      if (moved) {
        await this.connections.get(embeddedConnectionId)?.stop();
        this.connections.delete(embeddedConnectionId);
        await this.startEmbedded(next);
      } else {
        this.broker?.setUsers(next.mqtt.broker.users);
        if (mappersChanged) await this.connections.get(embeddedConnectionId)?.configure(next.mqtt);
      }
    }
    // External connections by id: gone → stop; new or changed → (re)start; mapper settings → reconfigure.
    const wanted = new Map(next.mqtt.connections.filter((c) => c.enabled).map((c) => [c.id, c]));
    for (const [id, conn] of this.connections) {
      if (id === embeddedConnectionId) continue;
      const want = wanted.get(id);
      if (!want || connectionKey(want) !== this.keys.get(id)) {
        await conn.stop();
        this.connections.delete(id);
        this.keys.delete(id);
        this.d.hub.publish('mqtt.connections', id, { ...conn.status(), state: 'off', message: want ? 'restarting with new settings' : 'removed or turned off' });
      } else if (mapperKey(next.mqtt) !== mapperKey(previous.mqtt)) {
        await conn.configure(next.mqtt);
      }
    }
    for (const c of wanted.values()) if (!this.connections.has(c.id)) await this.startExternal(c, next.mqtt);
    await this.configurePublisher(next);
    // Viewers see each connection's (possibly new) mappers and settings at once.
    for (const c of this.connections.values()) c.refreshStatus();
    this.gxChanged();
    this.report();
  }

  private async startEmbedded(config: MqttConfig): Promise<void> {
    this.broker ??= await EmbeddedBroker.create(new MqttBrokerRepo(this.d.db), this.ctx!.logger.child('broker'));
    const broker = this.broker;
    broker.setUsers(config.mqtt.broker.users);
    const link = new EmbeddedLink({ broker, listen: config.listen, logger: this.ctx!.logger });
    const spec: ConnectionSpec = { id: embeddedConnectionId, label: 'Embedded broker', kind: 'embedded', tls: false, mappers: config.mqtt.broker.mappers, victronPortalIds: [], clientCount: () => broker.clientCount };
    const conn = this.newConnection(spec, link);
    this.connections.set(embeddedConnectionId, conn);
    broker.onClients(() => {
      const a = broker.address;
      if (a && link.isUp()) conn.setState('connected', link.listeningMessage(a));
    });
    await conn.configure(config.mqtt);
    this.brokerError = undefined;
    try {
      await conn.start();
    } catch (error) {
      this.brokerError = error instanceof Error ? error.message : String(error);
      // In-process use (our own publishing, cues) still works; say plainly why gateways cannot reach it.
      if (!(error instanceof PortInUseError)) this.ctx!.logger.warn('MQTT broker could not listen', { error: this.brokerError });
      else this.ctx!.logger.warn(this.brokerError);
      await link.setSubscriptions(conn.filters());
    }
  }

  private async startExternal(c: MqttConnectionSettings, mqtt: Settings['mqtt']): Promise<void> {
    const link = new ClientLink({
      host: c.host,
      port: c.port,
      tls: c.tls,
      tlsInsecure: c.tlsInsecure,
      username: c.username,
      password: c.password,
      clientId: clientIdFor(c),
      logger: this.ctx!.logger,
      ...(this.d.backoffMs ? { minBackoffMs: this.d.backoffMs.min, maxBackoffMs: this.d.backoffMs.max } : {}),
    });
    const spec: ConnectionSpec = { id: c.id, label: c.label || c.id, kind: 'external', tls: c.tls, mappers: c.mappers, victronPortalIds: c.victronPortalIds };
    const conn = this.newConnection(spec, link);
    this.connections.set(c.id, conn);
    this.keys.set(c.id, connectionKey(c));
    await conn.configure(mqtt);
    await conn.start();
  }

  private newConnection(spec: ConnectionSpec, link: MqttLink): MqttConnection {
    return new MqttConnection(spec, link, {
      sink: this.d.sink,
      heardVia: (id, gw, conn, rssi, ts) => this.d.registry.heardVia(id, gw, conn, rssi, ts),
      deviceChanged: (id) => {
        const d = this.d.registry.get(this.d.registry.canonical(id));
        if (d) this.d.hub.publish('devices.changed', d.id, d);
      },
      record: (entry) => this.d.timeline.record(entry),
      now: this.d.now,
      logger: this.ctx!.logger,
      statusChanged: (status) => {
        this.d.hub.publish('mqtt.connections', status.id, status);
        this.scheduleReport();
      },
      gxChanged: () => this.gxChanged(),
      connected: () => {
        if (this.current?.mqtt.publish.connection === spec.id) void this.publisher.resync();
      },
    });
  }

  private async configurePublisher(config: MqttConfig): Promise<void> {
    const p = config.mqtt.publish;
    const conn = this.connections.get(p.connection);
    await this.publisher.configure({ enabled: p.enabled, site: p.site, minIntervalMs: p.minIntervalMs }, conn?.link);
  }

  private scheduleReport(): void {
    if (this.reportTimer) return;
    this.reportTimer = setTimeout(() => {
      this.reportTimer = undefined;
      this.report();
    }, 200);
    this.reportTimer.unref?.();
  }

  /** The service line: the broker's state first (port taken is the thing to fix), then the external connections. */
  private report(): void {
    const ctx = this.ctx;
    const config = this.current;
    if (!ctx || !config) return;
    const parts: string[] = [];
    let state: 'ok' | 'degraded' = 'ok';
    const embedded = this.connections.get(embeddedConnectionId);
    if (config.brokerOn) {
      if (this.brokerError) {
        state = 'degraded';
        parts.push(`broker: ${this.brokerError}`);
      } else if (embedded) {
        const s = embedded.status();
        parts.push(config.listen ? `broker on ${s.address} (${s.clients ?? 0} client${s.clients === 1 ? '' : 's'})` : 'broker in-process only (--mqtt-port 0)');
      }
    } else parts.push(this.d.overrides?.port === 0 ? 'broker off for this run' : 'broker off');
    const ext = [...this.connections.values()].filter((c) => c.spec.kind === 'external').map((c) => c.status());
    if (ext.length > 0) {
      const up = ext.filter((s) => s.state === 'connected');
      parts.push(`${up.length} of ${ext.length} connection${ext.length === 1 ? '' : 's'} up`);
      for (const s of ext) if (s.state !== 'connected') parts.push(`${s.label}: ${s.message}`);
      if (up.length < ext.length) state = 'degraded';
    }
    ctx.report(state, parts.join('; '));
  }

  private gxChanged(): void {
    if (this.gxTimer) return;
    this.gxTimer = setTimeout(() => {
      this.gxTimer = undefined;
      this.d.hub.publish('mqtt.gx', 'gx', this.gx());
    }, 250);
    this.gxTimer.unref?.();
  }

  // ---------------------------------------------------------------------------------------------------
  // What handlers and other capabilities use

  connectionStatuses(): MqttConnectionStatus[] {
    return [...this.connections.values()].map((c) => c.status());
  }

  gx(): GxPortal[] {
    return [...this.connections.values()].flatMap((c) => c.gxPortals());
  }

  async gxSet(connection: string, portalId: string, control: GxControlName, value: number, instance?: number, input?: number): Promise<GxPortal> {
    const conn = this.connections.get(connection);
    if (!conn) throw new CoreError('not_found', `no MQTT connection "${connection}" (running: ${[...this.connections.keys()].join(', ') || 'none'})`);
    await conn.gxSet(portalId, control, value, instance, input);
    const portal = conn.gxPortals().find((p) => p.portalId === portalId);
    if (!portal) throw new CoreError('not_found', `no GX portal ${portalId} on ${connection}`);
    this.gxChanged();
    return portal;
  }

  /**
   * Publish one message. The running order's "MQTT publish" cue calls this; so does `mqtt.publish`.
   * Refuses (CoreError) an invalid topic, an unknown connection, or one that is down — a cue then reports
   * that it did not go out instead of pretending.
   */
  async publish(topic: string, payload: string | Uint8Array, options: MqttPublishOptions = {}): Promise<{ connection: string; topic: string; bytes: number }> {
    const problem = topicProblem(topic);
    if (problem) throw new CoreError('invalid', problem);
    const id = options.connection ?? embeddedConnectionId;
    const conn = this.connections.get(id);
    if (!conn) {
      const known = [...this.connections.keys()];
      throw new CoreError(id === embeddedConnectionId ? 'unavailable' : 'not_found', id === embeddedConnectionId ? 'the embedded MQTT broker is off (Settings → MQTT)' : `no running MQTT connection "${id}"${known.length ? ` (running: ${known.join(', ')})` : ''}`);
    }
    if (!conn.link.isUp()) throw new CoreError('unavailable', `MQTT connection ${id} is not connected (${conn.status().message})`);
    const bytes = typeof payload === 'string' ? Buffer.from(payload) : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    try {
      await conn.link.publish(topic, bytes, { qos: options.qos ?? 0, retain: options.retain ?? false });
    } catch (error) {
      throw new CoreError('unavailable', `could not publish on ${id}: ${(error as Error).message}`);
    }
    return { connection: id, topic, bytes: bytes.length };
  }

  /**
   * The running order's `MqttPublisher` (main/schedule/cue-actions.ts): a cue publishes at QoS 1 on the
   * console's outgoing connection (`mqtt.publish.connection`, the embedded broker by default).
   */
  cuePublisher(): { publish(topic: string, payload: string, options: { retain: boolean }): Promise<void> } {
    return {
      publish: async (topic, payload, options) => {
        await this.publish(topic, payload, { retain: options.retain, qos: 1, connection: this.current?.mqtt.publish.connection ?? embeddedConnectionId });
      },
    };
  }

  /** Retained topics the embedded broker holds under a filter (tests, diagnostics). */
  retainedTopics(filter: string): string[] {
    return this.broker?.retainedTopics(filter) ?? [];
  }
}
