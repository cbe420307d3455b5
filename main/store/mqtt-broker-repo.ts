import type { Db } from './db.ts';

/**
 * The embedded MQTT broker's durable state: retained messages, the subscriptions of clients with a
 * persistent session (clean=false), the QoS 1/2 messages queued for them, QoS 2 packets awaiting
 * PUBREL, and last wills. Packets are stored as JSON (everything but the payload) plus the payload
 * bytes. Writes are synchronous and small; the broker's in-memory copy is the one it reads.
 */

export interface StoredPacket {
  /** Packet fields except the payload, as JSON-able values. */
  meta: Record<string, unknown>;
  payload: Uint8Array;
}

export interface StoredSubscription {
  clientId: string;
  topic: string;
  qos: number;
  /** Other subscription options (rh, rap, nl) as JSON. */
  options: Record<string, unknown>;
}

export class MqttBrokerRepo {
  private readonly db: Db;
  private readonly putRetained;
  private readonly delRetained;
  private readonly putSub;
  private readonly delSub;
  private readonly delSubsOf;
  private readonly putOut;
  private readonly updOut;
  private readonly delOut;
  private readonly delOutOf;
  private readonly putIn;
  private readonly delIn;
  private readonly delInOf;
  private readonly putWillStmt;
  private readonly delWillStmt;

  constructor(db: Db) {
    this.db = db;
    this.putRetained = db.prepare<[string, string, Uint8Array]>('INSERT INTO mqtt_retained (topic, meta, payload) VALUES (?, ?, ?) ON CONFLICT(topic) DO UPDATE SET meta = excluded.meta, payload = excluded.payload');
    this.delRetained = db.prepare<[string]>('DELETE FROM mqtt_retained WHERE topic = ?');
    this.putSub = db.prepare<[string, string, number, string]>(
      'INSERT INTO mqtt_subscriptions (client_id, topic, qos, options) VALUES (?, ?, ?, ?) ON CONFLICT(client_id, topic) DO UPDATE SET qos = excluded.qos, options = excluded.options',
    );
    this.delSub = db.prepare<[string, string]>('DELETE FROM mqtt_subscriptions WHERE client_id = ? AND topic = ?');
    this.delSubsOf = db.prepare<[string]>('DELETE FROM mqtt_subscriptions WHERE client_id = ?');
    this.putOut = db.prepare<[string, string, number, string, Uint8Array]>(
      'INSERT INTO mqtt_outgoing (client_id, broker_id, broker_counter, meta, payload) VALUES (?, ?, ?, ?, ?) ON CONFLICT(client_id, broker_id, broker_counter) DO UPDATE SET meta = excluded.meta, payload = excluded.payload',
    );
    this.updOut = db.prepare<[string, string, string, number]>('UPDATE mqtt_outgoing SET meta = ? WHERE client_id = ? AND broker_id = ? AND broker_counter = ?');
    this.delOut = db.prepare<[string, string, number]>('DELETE FROM mqtt_outgoing WHERE client_id = ? AND broker_id = ? AND broker_counter = ?');
    this.delOutOf = db.prepare<[string]>('DELETE FROM mqtt_outgoing WHERE client_id = ?');
    this.putIn = db.prepare<[string, number, string, Uint8Array]>(
      'INSERT INTO mqtt_incoming (client_id, message_id, meta, payload) VALUES (?, ?, ?, ?) ON CONFLICT(client_id, message_id) DO UPDATE SET meta = excluded.meta, payload = excluded.payload',
    );
    this.delIn = db.prepare<[string, number]>('DELETE FROM mqtt_incoming WHERE client_id = ? AND message_id = ?');
    this.delInOf = db.prepare<[string]>('DELETE FROM mqtt_incoming WHERE client_id = ?');
    this.putWillStmt = db.prepare<[string, string, Uint8Array]>('INSERT INTO mqtt_wills (client_id, meta, payload) VALUES (?, ?, ?) ON CONFLICT(client_id) DO UPDATE SET meta = excluded.meta, payload = excluded.payload');
    this.delWillStmt = db.prepare<[string]>('DELETE FROM mqtt_wills WHERE client_id = ?');
  }

  retained(): { topic: string; packet: StoredPacket }[] {
    return this.db
      .prepare<[], { topic: string; meta: string; payload: Buffer }>('SELECT topic, meta, payload FROM mqtt_retained ORDER BY topic')
      .all()
      .map((r) => ({ topic: r.topic, packet: { meta: parseMeta(r.meta), payload: r.payload } }));
  }

  storeRetained(topic: string, packet: StoredPacket | null): void {
    if (packet === null) this.delRetained.run(topic);
    else this.putRetained.run(topic, JSON.stringify(packet.meta), packet.payload);
  }

  subscriptions(): StoredSubscription[] {
    return this.db
      .prepare<[], { client_id: string; topic: string; qos: number; options: string }>('SELECT client_id, topic, qos, options FROM mqtt_subscriptions ORDER BY client_id, topic')
      .all()
      .map((r) => ({ clientId: r.client_id, topic: r.topic, qos: r.qos, options: parseMeta(r.options) }));
  }

  addSubscriptions(subs: readonly StoredSubscription[]): void {
    this.db.transaction(() => {
      for (const s of subs) this.putSub.run(s.clientId, s.topic, s.qos, JSON.stringify(s.options));
    })();
  }

  removeSubscriptions(clientId: string, topics: readonly string[]): void {
    this.db.transaction(() => {
      for (const t of topics) this.delSub.run(clientId, t);
    })();
  }

  cleanSubscriptions(clientId: string): void {
    this.delSubsOf.run(clientId);
  }

  /** Queued outgoing packets per client, in the order they were queued. */
  outgoing(): { clientId: string; packet: StoredPacket }[] {
    return this.db
      .prepare<[], { client_id: string; meta: string; payload: Buffer }>('SELECT client_id, meta, payload FROM mqtt_outgoing ORDER BY rowid')
      .all()
      .map((r) => ({ clientId: r.client_id, packet: { meta: parseMeta(r.meta), payload: r.payload } }));
  }

  enqueueOutgoing(items: readonly { clientId: string; brokerId: string; brokerCounter: number; packet: StoredPacket }[]): void {
    if (items.length === 1) {
      const i = items[0]!;
      this.putOut.run(i.clientId, i.brokerId, i.brokerCounter, JSON.stringify(i.packet.meta), i.packet.payload);
      return;
    }
    this.db.transaction(() => {
      for (const i of items) this.putOut.run(i.clientId, i.brokerId, i.brokerCounter, JSON.stringify(i.packet.meta), i.packet.payload);
    })();
  }

  updateOutgoing(clientId: string, brokerId: string, brokerCounter: number, meta: Record<string, unknown>): void {
    this.updOut.run(JSON.stringify(meta), clientId, brokerId, brokerCounter);
  }

  deleteOutgoing(clientId: string, brokerId: string, brokerCounter: number): void {
    this.delOut.run(clientId, brokerId, brokerCounter);
  }

  clearOutgoing(clientId: string): void {
    this.delOutOf.run(clientId);
  }

  incoming(): { clientId: string; messageId: number; packet: StoredPacket }[] {
    return this.db
      .prepare<[], { client_id: string; message_id: number; meta: string; payload: Buffer }>('SELECT client_id, message_id, meta, payload FROM mqtt_incoming')
      .all()
      .map((r) => ({ clientId: r.client_id, messageId: r.message_id, packet: { meta: parseMeta(r.meta), payload: r.payload } }));
  }

  storeIncoming(clientId: string, messageId: number, packet: StoredPacket): void {
    this.putIn.run(clientId, messageId, JSON.stringify(packet.meta), packet.payload);
  }

  deleteIncoming(clientId: string, messageId: number): void {
    this.delIn.run(clientId, messageId);
  }

  clearIncoming(clientId: string): void {
    this.delInOf.run(clientId);
  }

  wills(): { clientId: string; packet: StoredPacket }[] {
    return this.db
      .prepare<[], { client_id: string; meta: string; payload: Buffer }>('SELECT client_id, meta, payload FROM mqtt_wills')
      .all()
      .map((r) => ({ clientId: r.client_id, packet: { meta: parseMeta(r.meta), payload: r.payload } }));
  }

  putWill(clientId: string, packet: StoredPacket): void {
    this.putWillStmt.run(clientId, JSON.stringify(packet.meta), packet.payload);
  }

  deleteWill(clientId: string): void {
    this.delWillStmt.run(clientId);
  }
}

function parseMeta(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
