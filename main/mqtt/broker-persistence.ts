import { Readable } from 'node:stream';
import type { MqttBrokerRepo, StoredPacket } from '../store/mqtt-broker-repo.ts';
import { compileFilter, type CompiledFilter } from '../telemetry/mappers/topic-match.ts';

/**
 * An aedes persistence (the async interface aedes ≥ 1 requires) kept in memory, with every change
 * written through to SQLite (store/mqtt-broker-repo.ts) and read back at start: retained messages,
 * persistent sessions' subscriptions, the QoS 1/2 messages queued for them, QoS 2 packets awaiting
 * PUBREL and last wills survive a restart of the console. The hot path — a QoS 1 publish nobody with
 * a persistent session subscribed to — touches neither the disk nor more than a map lookup.
 */

/** The packet shape aedes hands a persistence (aedes-packet plus what handlers add). */
export interface BrokerPacket {
  cmd?: string;
  brokerId?: string;
  brokerCounter?: number;
  topic: string;
  payload: Buffer | Uint8Array | string;
  qos?: number;
  retain?: boolean;
  dup?: boolean;
  messageId?: number;
  clientId?: string;
  [key: string]: unknown;
}

export interface BrokerClientRef {
  id: string;
}

export interface BrokerSubscription {
  topic: string;
  qos: number;
  rh?: number;
  rap?: boolean;
  nl?: boolean;
  [key: string]: unknown;
}

interface OfflineSub {
  clientId: string;
  topic: string;
  qos: number;
  rh?: number;
  rap?: boolean;
  nl?: boolean;
  filter: CompiledFilter;
}

function toBuffer(p: BrokerPacket['payload']): Buffer {
  if (Buffer.isBuffer(p)) return p;
  if (typeof p === 'string') return Buffer.from(p);
  return Buffer.from(p.buffer, p.byteOffset, p.byteLength);
}

function copyPacket(p: BrokerPacket): BrokerPacket {
  return { ...p, payload: toBuffer(p.payload) };
}

function store(p: BrokerPacket): StoredPacket {
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (k !== 'payload' && v !== undefined && typeof v !== 'function') meta[k] = v;
  return { meta, payload: toBuffer(p.payload) };
}

function load(s: StoredPacket): BrokerPacket {
  const topic = typeof s.meta.topic === 'string' ? s.meta.topic : '';
  return { ...s.meta, topic, payload: Buffer.from(s.payload) } as BrokerPacket;
}

export class SqlitePersistence {
  private readonly repo: MqttBrokerRepo;
  private broker: unknown;
  private readonly retained = new Map<string, BrokerPacket>();
  /** clientId → topic → subscription options. */
  private readonly subs = new Map<string, Map<string, Omit<BrokerSubscription, 'topic'>>>();
  /** QoS > 0 subscriptions, the ones subscriptionsByTopic answers with. */
  private readonly offline = new Map<string, OfflineSub>();
  private readonly outgoing = new Map<string, BrokerPacket[]>();
  private readonly incoming = new Map<string, Map<number, BrokerPacket>>();
  private readonly wills = new Map<string, BrokerPacket>();
  private destroyed = false;

  constructor(repo: MqttBrokerRepo) {
    this.repo = repo;
  }

  async setup(broker: unknown): Promise<void> {
    this.broker = broker;
    for (const r of this.repo.retained()) this.retained.set(r.topic, load(r.packet));
    for (const s of this.repo.subscriptions()) this.remember(s.clientId, { topic: s.topic, qos: s.qos, ...s.options });
    for (const o of this.repo.outgoing()) this.queueOf(o.clientId).push(load(o.packet));
    for (const i of this.repo.incoming()) this.incomingOf(i.clientId).set(i.messageId, load(i.packet));
    for (const w of this.repo.wills()) this.wills.set(w.clientId, load(w.packet));
  }

  /** For status and the publisher's reconcile: retained topics matching a filter. */
  retainedTopics(filter: string): string[] {
    const f = compileFilter(filter);
    return [...this.retained.keys()].filter((t) => f.matches(t)).sort();
  }

  /** How many messages wait for clients with a persistent session. */
  queuedCount(): number {
    let n = 0;
    for (const q of this.outgoing.values()) n += q.length;
    return n;
  }

  async storeRetained(pkt: BrokerPacket): Promise<void> {
    const packet = copyPacket(pkt);
    if (toBuffer(packet.payload).length === 0) {
      if (this.retained.delete(packet.topic)) this.repo.storeRetained(packet.topic, null);
      return;
    }
    this.retained.set(packet.topic, packet);
    this.repo.storeRetained(packet.topic, store(packet));
  }

  createRetainedStreamCombi(patterns: string[]): Readable {
    const filters = patterns.map((p) => compileFilter(p));
    const out: BrokerPacket[] = [];
    for (const [topic, packet] of this.retained) if (filters.some((f) => f.matches(topic))) out.push(packet);
    return Readable.from(out);
  }

  createRetainedStream(pattern: string): Readable {
    return this.createRetainedStreamCombi([pattern]);
  }

  async addSubscriptions(client: BrokerClientRef, subs: BrokerSubscription[]): Promise<void> {
    for (const s of subs) this.remember(client.id, s);
    this.repo.addSubscriptions(subs.map((s) => ({ clientId: client.id, topic: s.topic, qos: s.qos, options: options(s) })));
  }

  async removeSubscriptions(client: BrokerClientRef, topics: string[]): Promise<void> {
    const stored = this.subs.get(client.id);
    if (!stored) return;
    for (const t of topics) {
      stored.delete(t);
      this.offline.delete(key(client.id, t));
    }
    if (stored.size === 0) this.subs.delete(client.id);
    this.repo.removeSubscriptions(client.id, topics);
  }

  async subscriptionsByClient(client: BrokerClientRef): Promise<BrokerSubscription[]> {
    const stored = this.subs.get(client.id);
    if (!stored) return [];
    return [...stored].map(([topic, o]) => ({ topic, ...o }) as BrokerSubscription);
  }

  async countOffline(): Promise<{ subsCount: number; clientsCount: number }> {
    return { subsCount: this.offline.size, clientsCount: this.subs.size };
  }

  async subscriptionsByTopic(topic: string): Promise<Omit<OfflineSub, 'filter'>[]> {
    if (this.offline.size === 0) return [];
    const out: Omit<OfflineSub, 'filter'>[] = [];
    for (const s of this.offline.values()) {
      if (!s.filter.matches(topic)) continue;
      const { filter: _f, ...sub } = s;
      out.push(sub);
    }
    return out;
  }

  async cleanSubscriptions(client: BrokerClientRef): Promise<void> {
    const stored = this.subs.get(client.id);
    if (stored) for (const t of stored.keys()) this.offline.delete(key(client.id, t));
    this.subs.delete(client.id);
    this.repo.cleanSubscriptions(client.id);
    // A clean session starts with nothing queued.
    if (this.outgoing.delete(client.id)) this.repo.clearOutgoing(client.id);
  }

  async outgoingEnqueue(sub: { clientId: string }, packet: BrokerPacket): Promise<void> {
    await this.outgoingEnqueueCombi([sub], packet);
  }

  async outgoingEnqueueCombi(subs: { clientId: string }[], packet: BrokerPacket): Promise<void> {
    if (subs.length === 0) return;
    const rows: { clientId: string; brokerId: string; brokerCounter: number; packet: StoredPacket }[] = [];
    for (const s of subs) {
      const p = copyPacket(packet);
      // aedes-packet resets messageId for queued QoS > 0 packets; the delivery assigns one.
      p.messageId = undefined;
      this.queueOf(s.clientId).push(p);
      rows.push({ clientId: s.clientId, brokerId: String(p.brokerId ?? ''), brokerCounter: Number(p.brokerCounter ?? 0), packet: store(p) });
    }
    this.repo.enqueueOutgoing(rows);
  }

  async outgoingUpdate(client: BrokerClientRef, packet: BrokerPacket): Promise<void> {
    const queue = this.queueOf(client.id);
    for (let i = 0; i < queue.length; i++) {
      const q = queue[i]!;
      if (q.brokerId === packet.brokerId) {
        if (q.brokerCounter === packet.brokerCounter) {
          q.messageId = packet.messageId;
          this.repo.updateOutgoing(client.id, String(q.brokerId ?? ''), Number(q.brokerCounter ?? 0), store(q).meta);
          return;
        }
      } else if (q.messageId === packet.messageId) {
        queue[i] = copyPacket(packet);
        this.repo.deleteOutgoing(client.id, String(q.brokerId ?? ''), Number(q.brokerCounter ?? 0));
        this.repo.enqueueOutgoing([{ clientId: client.id, brokerId: String(packet.brokerId ?? ''), brokerCounter: Number(packet.brokerCounter ?? 0), packet: store(packet) }]);
        return;
      }
    }
    throw new Error('no such packet');
  }

  async outgoingClearMessageId(client: BrokerClientRef, packet: { messageId?: number }): Promise<BrokerPacket | undefined> {
    const queue = this.outgoing.get(client.id);
    if (!queue) return undefined;
    for (let i = 0; i < queue.length; i++) {
      const q = queue[i]!;
      if (q.messageId === packet.messageId) {
        queue.splice(i, 1);
        this.repo.deleteOutgoing(client.id, String(q.brokerId ?? ''), Number(q.brokerCounter ?? 0));
        return q;
      }
    }
    return undefined;
  }

  outgoingStream(client: BrokerClientRef): Readable {
    return Readable.from([...(this.outgoing.get(client.id) ?? [])]);
  }

  async incomingStorePacket(client: BrokerClientRef, packet: BrokerPacket): Promise<void> {
    const p = copyPacket(packet);
    p.messageId = packet.messageId;
    this.incomingOf(client.id).set(Number(packet.messageId), p);
    this.repo.storeIncoming(client.id, Number(packet.messageId), store(p));
  }

  async incomingGetPacket(client: BrokerClientRef, packet: { messageId?: number }): Promise<BrokerPacket> {
    const p = this.incoming.get(client.id)?.get(Number(packet.messageId));
    if (!p) throw new Error('no such packet');
    return p;
  }

  async incomingDelPacket(client: BrokerClientRef, packet: { messageId?: number }): Promise<void> {
    const m = this.incoming.get(client.id);
    if (!m || !m.delete(Number(packet.messageId))) throw new Error('no such packet');
    this.repo.deleteIncoming(client.id, Number(packet.messageId));
  }

  async cleanIncoming(client: BrokerClientRef): Promise<void> {
    if (this.incoming.delete(client.id)) this.repo.clearIncoming(client.id);
  }

  async putWill(client: BrokerClientRef, packet: BrokerPacket): Promise<void> {
    const p = copyPacket(packet);
    p.brokerId = (this.broker as { id?: string } | undefined)?.id;
    p.clientId = client.id;
    this.wills.set(client.id, p);
    this.repo.putWill(client.id, store(p));
  }

  async getWill(client: BrokerClientRef): Promise<BrokerPacket | undefined> {
    return this.wills.get(client.id);
  }

  async delWill(client: BrokerClientRef): Promise<BrokerPacket | undefined> {
    const w = this.wills.get(client.id);
    if (this.wills.delete(client.id)) this.repo.deleteWill(client.id);
    return w;
  }

  streamWill(brokers: Record<string, unknown> = {}): Readable {
    return Readable.from([...this.wills.values()].filter((w) => !brokers[String(w.brokerId)]));
  }

  getClientList(topic: string): Readable {
    const ids: string[] = [];
    for (const [clientId, m] of this.subs) if (m.has(topic)) ids.push(clientId);
    return Readable.from(ids);
  }

  async destroy(): Promise<void> {
    if (this.destroyed) throw new Error('destroyed called twice!');
    this.destroyed = true;
  }

  private remember(clientId: string, s: BrokerSubscription): void {
    let stored = this.subs.get(clientId);
    if (!stored) this.subs.set(clientId, (stored = new Map()));
    stored.set(s.topic, { qos: s.qos, ...options(s) });
    const k = key(clientId, s.topic);
    if (s.qos > 0) this.offline.set(k, { clientId, topic: s.topic, qos: s.qos, rh: s.rh, rap: s.rap, nl: s.nl, filter: compileFilter(s.topic) });
    else this.offline.delete(k);
  }

  private queueOf(clientId: string): BrokerPacket[] {
    let q = this.outgoing.get(clientId);
    if (!q) this.outgoing.set(clientId, (q = []));
    return q;
  }

  private incomingOf(clientId: string): Map<number, BrokerPacket> {
    let m = this.incoming.get(clientId);
    if (!m) this.incoming.set(clientId, (m = new Map()));
    return m;
  }
}

function key(clientId: string, topic: string): string {
  return `${clientId}\u0000${topic}`;
}

function options(s: BrokerSubscription): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) if (k !== 'topic' && k !== 'qos' && v !== undefined) o[k] = v;
  return o;
}
