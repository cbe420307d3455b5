import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { MqttConnectionStatus } from '../../preload/contract/index.ts';
import type { Logger } from '../runtime/logger.ts';
import { minimalFilters } from './acl.ts';
import { PortInUseError, type EmbeddedBroker } from './broker.ts';

/**
 * A link is where a connection's messages come from and its publishes go: the embedded broker
 * (in-process, no socket) or an external broker through an MQTT 3.1.1 client with a persistent session
 * (clean=false, fixed client id, QoS 1 subscriptions), so the broker queues what arrives while we are
 * away and no reading is lost across a restart of either side.
 */

export type LinkState = MqttConnectionStatus['state'];

export interface LinkEvents {
  message(topic: string, payload: Buffer): void;
  state(state: LinkState, message: string): void;
  /** Connected (again): subscriptions are in place. `sessionPresent` = the broker kept our session. */
  connected?(sessionPresent: boolean): void;
}

export interface PublishOptions {
  qos: 0 | 1;
  retain: boolean;
}

export interface MqttLink {
  readonly kind: 'embedded' | 'external';
  readonly address: string;
  isUp(): boolean;
  start(events: LinkEvents): Promise<void>;
  stop(): Promise<void>;
  /** Make these the subscriptions (filters another one covers are dropped). */
  setSubscriptions(filters: readonly string[]): Promise<void>;
  publish(topic: string, payload: Buffer, options: PublishOptions): Promise<void>;
  /** Retained topics under a filter, as the broker holds them now. */
  retainedTopics(filter: string): Promise<string[]>;
}

// ---------------------------------------------------------------------------------------------------

export interface EmbeddedLinkOptions {
  broker: EmbeddedBroker;
  /** Where to listen; null = the listener is off this run (serve --mqtt-port 0), in-process use still works. */
  listen: { host: string; port: number } | null;
  logger: Logger;
}

/** The embedded broker as a link: subscriptions in-process (handled before the publisher's PUBACK). */
export class EmbeddedLink implements MqttLink {
  readonly kind = 'embedded' as const;
  private readonly o: EmbeddedLinkOptions;
  private events: LinkEvents | undefined;
  private readonly subs = new Map<string, () => Promise<void>>();
  private up = false;
  /** The same packet delivered to two overlapping in-process subscriptions is handled once. */
  private lastPayload: Buffer | undefined;
  private lastTopic: string | undefined;

  constructor(options: EmbeddedLinkOptions) {
    this.o = options;
  }

  get address(): string {
    const a = this.o.broker.address ?? this.o.listen;
    return a ? `${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}` : 'in-process only';
  }

  isUp(): boolean {
    return this.up;
  }

  async start(events: LinkEvents): Promise<void> {
    this.events = events;
    this.up = true;
    if (this.o.listen === null) {
      events.state('connected', 'listener off for this run (--mqtt-port 0): only the console itself uses the broker');
      return;
    }
    try {
      const a = await this.o.broker.listen(this.o.listen.host, this.o.listen.port);
      events.state('connected', this.listeningMessage(a));
    } catch (error) {
      const message = error instanceof PortInUseError || error instanceof Error ? error.message : String(error);
      events.state('error', message);
      throw error;
    }
  }

  listeningMessage(a: { host: string; port: number }): string {
    const n = this.o.broker.clientCount;
    return `listening on ${a.host}:${a.port}${a.host === '127.0.0.1' || a.host === '::1' ? ' (this computer only: turn on LAN access for gateways)' : ''} — ${n} client${n === 1 ? '' : 's'}`;
  }

  async stop(): Promise<void> {
    this.up = false;
    for (const unsub of this.subs.values()) await unsub();
    this.subs.clear();
    await this.o.broker.closeListener();
  }

  async setSubscriptions(filters: readonly string[]): Promise<void> {
    const want = new Set(minimalFilters(filters));
    for (const [f, unsub] of this.subs) {
      if (!want.has(f)) {
        this.subs.delete(f);
        await unsub();
      }
    }
    for (const f of want) {
      if (this.subs.has(f)) continue;
      const unsub = await this.o.broker.subscribe(f, (topic, payload) => {
        if (payload === this.lastPayload && topic === this.lastTopic) return;
        this.lastPayload = payload;
        this.lastTopic = topic;
        this.events?.message(topic, payload);
      });
      this.subs.set(f, unsub);
    }
  }

  publish(topic: string, payload: Buffer, options: PublishOptions): Promise<void> {
    return this.o.broker.publish(topic, payload, options);
  }

  async retainedTopics(filter: string): Promise<string[]> {
    return this.o.broker.retainedTopics(filter);
  }
}

// ---------------------------------------------------------------------------------------------------

export interface ClientLinkOptions {
  host: string;
  port: number;
  tls: boolean;
  tlsInsecure: boolean;
  username: string;
  password: string;
  clientId: string;
  logger: Logger;
  /** First retry delay; doubles up to maxBackoffMs (with ±20 % jitter so many consoles do not retry in step). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** For tests: the mqtt.js connect function. */
  connect?: (options: IClientOptions) => MqttClient;
}

/** Why a connection attempt failed, in words (mqtt.js / Node errors → a sentence). */
export function describeConnectError(error: unknown, host: string, port: number): string {
  const e = error as { code?: string | number; message?: string } | undefined;
  const where = `${host}:${port}`;
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `${where} refused the connection (no broker on that port?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot find ${host} (check the address)`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${where} does not answer (wrong address, or not on this network?)`;
    case 4:
    case 134:
      return `${where}: bad user name or password`;
    case 5:
    case 135:
      return `${where}: not authorised`;
    case 2:
    case 133:
      return `${where}: client id refused`;
    case 1:
    case 132:
      return `${where}: the broker does not accept MQTT 3.1.1`;
    default:
      break;
  }
  const msg = e?.message ?? String(error);
  if (/self[- ]signed|unable to verify|certificate/i.test(msg)) return `${where}: TLS certificate not trusted (${msg}) — tick “accept an untrusted certificate” for a GX's own certificate`;
  if (/wrong version number|packet length too long/i.test(msg)) return `${where}: TLS mismatch — is the port a TLS port (8883) or a plain one (1883)?`;
  return `${where}: ${msg}`;
}

/** An external broker through mqtt.js, reconnecting with backoff. */
export class ClientLink implements MqttLink {
  readonly kind = 'external' as const;
  private readonly o: ClientLinkOptions;
  private client: MqttClient | undefined;
  private events: LinkEvents | undefined;
  private filters: string[] = [];
  private subscribed = new Set<string>();
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private up = false;

  constructor(options: ClientLinkOptions) {
    this.o = options;
  }

  get address(): string {
    return `${this.o.host}:${this.o.port}`;
  }

  isUp(): boolean {
    return this.up;
  }

  async start(events: LinkEvents): Promise<void> {
    this.events = events;
    this.stopped = false;
    const connect = this.o.connect ?? ((opts: IClientOptions) => mqtt.connect(opts));
    events.state('connecting', `connecting to ${this.address}`);
    const client = connect({
      host: this.o.host,
      port: this.o.port,
      protocol: this.o.tls ? 'mqtts' : 'mqtt',
      protocolVersion: 4,
      clientId: this.o.clientId,
      // A persistent session: the broker keeps our subscriptions and queues QoS 1 messages while we are away.
      clean: false,
      username: this.o.username || undefined,
      password: this.o.password || undefined,
      keepalive: 30,
      connectTimeout: 10_000,
      // Reconnects are ours (with backoff); subscriptions are renewed by us on every connect.
      reconnectPeriod: 0,
      resubscribe: false,
      rejectUnauthorized: !this.o.tlsInsecure,
      // Publishes made while down are not queued: the publisher resends the whole state on reconnect.
      queueQoSZero: false,
    });
    this.client = client;
    client.on('connect', (connack) => {
      this.attempt = 0;
      this.up = true;
      this.subscribed.clear();
      void this.subscribeAll().then(
        () => {
          events.state('connected', `connected to ${this.address}${connack.sessionPresent ? ' (session resumed)' : ''}`);
          events.connected?.(connack.sessionPresent === true);
        },
        (error: unknown) => events.state('error', `${this.address}: could not subscribe: ${(error as Error).message}`),
      );
    });
    client.on('message', (topic, payload) => events.message(topic, payload));
    client.on('error', (error) => {
      if (this.stopped) return;
      this.lastError = describeConnectError(error, this.o.host, this.o.port);
    });
    client.on('close', () => {
      this.up = false;
      if (this.stopped) return;
      this.scheduleRetry();
    });
  }

  private lastError: string | undefined;

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    const min = this.o.minBackoffMs ?? 1000;
    const max = this.o.maxBackoffMs ?? 30_000;
    const base = Math.min(max, min * 2 ** Math.min(this.attempt, 16));
    const delay = Math.round(base * (0.8 + Math.random() * 0.4));
    this.attempt++;
    const why = this.lastError ?? `lost ${this.address}`;
    this.lastError = undefined;
    this.events?.state(this.attempt === 1 ? 'reconnecting' : 'reconnecting', `${why} — retrying in ${Math.max(1, Math.round(delay / 1000))} s`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped || !this.client) return;
      this.client.reconnect();
    }, delay);
    this.retryTimer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.up = false;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = undefined;
    if (client) await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
  }

  private async subscribeAll(): Promise<void> {
    const client = this.client;
    if (!client || !this.up) return;
    const want = this.filters.filter((f) => !this.subscribed.has(f));
    if (want.length === 0) return;
    await client.subscribeAsync(Object.fromEntries(want.map((f) => [f, { qos: 1 as const }])));
    for (const f of want) this.subscribed.add(f);
  }

  async setSubscriptions(filters: readonly string[]): Promise<void> {
    const next = minimalFilters(filters);
    const gone = [...this.subscribed].filter((f) => !next.includes(f));
    this.filters = next;
    if (this.client && this.up && gone.length > 0) {
      await this.client.unsubscribeAsync(gone);
      for (const f of gone) this.subscribed.delete(f);
    }
    await this.subscribeAll();
  }

  async publish(topic: string, payload: Buffer, options: PublishOptions): Promise<void> {
    const client = this.client;
    if (!client || !this.up) throw new Error(`not connected to ${this.address}`);
    await client.publishAsync(topic, payload, { qos: options.qos, retain: options.retain });
  }

  /** Subscribe briefly and collect the retained messages the broker sends (it sends them at once). */
  async retainedTopics(filter: string, waitMs = 1500): Promise<string[]> {
    const client = this.client;
    if (!client || !this.up) return [];
    const found = new Set<string>();
    const onMessage = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
      if (packet.retain && payload.length > 0) found.add(topic);
    };
    // A second, short-lived client: our own session must not keep this subscription.
    const probe = mqtt.connect({
      host: this.o.host,
      port: this.o.port,
      protocol: this.o.tls ? 'mqtts' : 'mqtt',
      protocolVersion: 4,
      clean: true,
      username: this.o.username || undefined,
      password: this.o.password || undefined,
      reconnectPeriod: 0,
      connectTimeout: 5000,
      rejectUnauthorized: !this.o.tlsInsecure,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        probe.once('connect', () => resolve());
        probe.once('error', reject);
        probe.once('close', () => reject(new Error('closed')));
      });
      probe.on('message', onMessage);
      await probe.subscribeAsync(filter, { qos: 0 });
      await new Promise((r) => setTimeout(r, waitMs));
    } catch {
      /* no answer: nothing known to reconcile */
    } finally {
      probe.end(true);
    }
    return [...found].sort();
  }
}
