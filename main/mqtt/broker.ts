import { Aedes } from 'aedes';
import { createServer, type Server, type Socket } from 'node:net';
import type { MqttBrokerUser } from '../../preload/contract/index.ts';
import type { Logger } from '../runtime/logger.ts';
import type { MqttBrokerRepo } from '../store/mqtt-broker-repo.ts';
import { brokerAccess, type BrokerAccess } from './acl.ts';
import { SqlitePersistence, type BrokerPacket } from './broker-persistence.ts';
import { mqtt5Refusal } from './connack-v5.ts';

/**
 * The broker inside the console (aedes, MQTT 3.1.1): gateways, ESP32 nodes and a GX publish to the
 * laptop. Its state (retained messages, persistent sessions and their queued QoS 1 messages) lives in
 * SQLite, so a restart loses nothing a client was promised. The console itself reads and publishes
 * in-process (no socket, no client id); the TCP listener can move or fail (port taken) without losing
 * that state.
 */

export type MessageHandler = (topic: string, payload: Buffer) => void;

export class PortInUseError extends Error {
  readonly port: number;
  constructor(port: number, host: string) {
    super(`port ${port} in use — another broker? use it as an external connection or pick a port (mqtt.broker.port)`);
    this.name = 'PortInUseError';
    this.port = port;
    void host;
  }
}

interface AedesClientLike {
  id: string;
  conn: Socket & { remoteAddress?: string };
}

/** Log a line at most once per window per key: a misconfigured gateway retries every few seconds. */
function limiter(windowMs: number): (key: string) => boolean {
  const last = new Map<string, number>();
  return (key) => {
    const now = Date.now();
    const t = last.get(key);
    if (t !== undefined && now - t < windowMs) return false;
    if (last.size > 1000) last.clear();
    last.set(key, now);
    return true;
  };
}

export class EmbeddedBroker {
  readonly aedes: Aedes;
  readonly persistence: SqlitePersistence;
  private readonly logger: Logger;
  private access: BrokerAccess;
  private readonly users = new WeakMap<object, MqttBrokerUser>();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private bound: { host: string; port: number } | undefined;
  private readonly logOnce = limiter(60_000);
  private onClientsChange: (() => void) | undefined;

  private constructor(aedes: Aedes, persistence: SqlitePersistence, logger: Logger) {
    this.aedes = aedes;
    this.persistence = persistence;
    this.logger = logger;
    this.access = brokerAccess([]);
  }

  static async create(repo: MqttBrokerRepo, logger: Logger): Promise<EmbeddedBroker> {
    const persistence = new SqlitePersistence(repo);
    // aedes takes its hooks as options; they reach the instance (made after aedes) through `ref`.
    const ref: { broker?: EmbeddedBroker } = {};
    const aedes = await Aedes.createBroker({
      persistence,
      // Far above what a gateway sends in one burst; a flood past it drops that client, not the broker.
      queueLimit: 1000,
      concurrency: 1000,
      preConnect: (client: AedesClientLike, packet: { protocolVersion?: number; clientId?: string }, cb: (err: Error | null, ok: boolean) => void) => {
        if (packet.protocolVersion === 5) {
          ref.broker?.refuseV5(client, packet.clientId ?? '', cb);
          return;
        }
        cb(null, true);
      },
      authenticate: (client: AedesClientLike, username: string | undefined, password: Buffer | undefined, cb: (err: (Error & { returnCode?: number }) | null, ok: boolean) => void) => {
        const b = ref.broker;
        if (!b) return cb(null, true);
        const user = b.access.authenticate(username, password);
        if (user === null) {
          if (b.logOnce(`auth:${username ?? ''}:${client.conn.remoteAddress ?? ''}`))
            b.logger.warn('MQTT: refused a client with a wrong user name or password', { clientId: client.id, username: username ?? null, from: client.conn.remoteAddress ?? null });
          const err: Error & { returnCode?: number } = new Error('bad user name or password');
          err.returnCode = 4;
          return cb(err, false);
        }
        if (user) b.users.set(client, user);
        cb(null, true);
      },
      authorizePublish: (client: AedesClientLike | null, packet: BrokerPacket, cb: (err: Error | null) => void) => {
        const b = ref.broker;
        if (!b || client === null) return cb(packet.topic.startsWith('$SYS') ? new Error('$SYS topics are reserved') : null);
        if (b.access.mayPublish(b.users.get(client), packet.topic)) return cb(null);
        // MQTT 3.1.1 cannot refuse one message: the broker closes the connection (§3.3.5). Say why in the log.
        if (b.logOnce(`pub:${client.id}:${packet.topic}`)) b.logger.warn('MQTT: a client published outside its write permissions; disconnected', { clientId: client.id, topic: packet.topic.slice(0, 200) });
        cb(new Error(`not allowed to publish to ${packet.topic}`));
      },
      authorizeSubscribe: (client: AedesClientLike, sub: { topic: string; qos: number }, cb: (err: Error | null, sub: { topic: string; qos: number } | null) => void) => {
        const b = ref.broker;
        if (!b || b.access.maySubscribe(b.users.get(client), sub.topic)) return cb(null, sub);
        if (b.logOnce(`sub:${client.id}:${sub.topic}`)) b.logger.warn('MQTT: refused a subscription outside the user’s read permissions', { clientId: client.id, filter: sub.topic.slice(0, 200) });
        cb(null, null);
      },
    } as unknown as ConstructorParameters<typeof Aedes>[0]);
    const b = new EmbeddedBroker(aedes, persistence, logger);
    ref.broker = b;
    (aedes as unknown as NodeJS.EventEmitter).on('error', (error: unknown) => b.logger.error('MQTT broker error', { error }));
    aedes.on('client', () => b.onClientsChange?.());
    aedes.on('clientDisconnect', () => b.onClientsChange?.());
    aedes.on('clientError', (client: { id: string }, error: Error) => {
      if (b.logOnce(`err:${client.id}:${error.message}`)) b.logger.debug('MQTT client error', { clientId: client.id, error: error.message });
    });
    return b;
  }

  private logOnceFor(key: string): boolean {
    return this.logOnce(key);
  }

  private refuseV5(client: AedesClientLike, clientId: string, cb: (err: Error | null, ok: boolean) => void): void {
    const from = client.conn.remoteAddress ?? 'unknown';
    if (this.logOnceFor(`v5:${clientId}:${from}`)) {
      this.logger.warn('MQTT: refused an MQTT 5 client — this broker speaks MQTT 3.1.1; set the client to protocol version 3.1.1 (4)', { clientId, from });
    }
    const refusal = mqtt5Refusal('This broker (Showsite Console) speaks MQTT 3.1.1 only: set the client to protocol version 3.1.1 (MQTT v4).');
    try {
      client.conn.write(refusal, () => cb(new Error('MQTT 5 client refused: this broker speaks MQTT 3.1.1'), false));
    } catch {
      cb(new Error('MQTT 5 client refused'), false);
    }
  }

  /** Who may connect and what they may read/write; applies to new connections and every later packet. */
  setUsers(users: readonly MqttBrokerUser[]): void {
    this.access = brokerAccess(users);
  }

  onClients(listener: () => void): void {
    this.onClientsChange = listener;
  }

  get clientCount(): number {
    return this.aedes.connectedClients ?? 0;
  }

  get address(): { host: string; port: number } | undefined {
    return this.bound;
  }

  /** Start the TCP listener. Throws PortInUseError (with the sentence the operator needs) when the port is taken. */
  async listen(host: string, port: number): Promise<{ host: string; port: number }> {
    await this.closeListener();
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      // A gateway that vanishes mid-packet must not take the broker with it.
      socket.on('error', () => socket.destroy());
      this.aedes.handle(socket);
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (error.code === 'EADDRINUSE') reject(new PortInUseError(port, host));
        else if (error.code === 'EACCES') reject(new Error(`not allowed to listen on port ${port} (ports below 1024 need administrator rights) — pick another port (mqtt.broker.port)`));
        else if (error.code === 'EADDRNOTAVAIL') reject(new Error(`cannot listen on ${host}: that address is not on this computer`));
        else reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
    server.on('error', (error) => this.logger.error('MQTT listener error', { error }));
    const a = server.address();
    this.server = server;
    this.bound = { host, port: typeof a === 'object' && a !== null ? a.port : port };
    return this.bound;
  }

  /** Stop listening and drop the TCP clients (persistent sessions keep their queued messages). */
  async closeListener(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.bound = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const clients = (this.aedes as unknown as { clients: Record<string, { close(cb?: () => void): void }> }).clients;
    for (const clientId of Object.keys(clients)) clients[clientId]?.close();
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await closed;
  }

  /** In-process subscription: `handler` runs before the publisher gets its PUBACK. */
  subscribe(filter: string, handler: MessageHandler): Promise<() => Promise<void>> {
    const fn = (packet: BrokerPacket, cb: () => void) => {
      try {
        handler(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload as string));
      } finally {
        cb();
      }
    };
    return new Promise((resolve, reject) => {
      this.aedes.subscribe(filter, fn as never, (err?: Error) => {
        if (err) reject(err);
        else resolve(() => new Promise<void>((done) => this.aedes.unsubscribe(filter, fn as never, () => done())));
      });
    });
  }

  publish(topic: string, payload: Buffer, options: { qos: 0 | 1; retain: boolean }): Promise<void> {
    return new Promise((resolve, reject) => {
      this.aedes.publish({ cmd: 'publish', topic, payload, qos: options.qos, retain: options.retain, dup: false } as never, (err?: Error | null) => (err ? reject(err) : resolve()));
    });
  }

  retainedTopics(filter: string): string[] {
    return this.persistence.retainedTopics(filter);
  }

  async close(): Promise<void> {
    await this.closeListener();
    await new Promise<void>((resolve) => this.aedes.close(() => resolve()));
  }
}
