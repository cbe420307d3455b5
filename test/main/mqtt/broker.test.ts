import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createServer } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { EmbeddedBroker, PortInUseError } from '../../../main/mqtt/broker.ts';
import { openDatabase, type Db } from '../../../main/store/db.ts';
import { MqttBrokerRepo } from '../../../main/store/mqtt-broker-repo.ts';
import { quietLogger } from '../../helpers/core.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

const open: { broker: EmbeddedBroker; db: Db }[] = [];
const clients: MqttClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.end(true);
  for (const o of open.splice(0)) {
    await o.broker.close();
    o.db.close();
  }
});

async function start(file: string): Promise<{ broker: EmbeddedBroker; db: Db; url: string }> {
  const db = openDatabase(file);
  const broker = await EmbeddedBroker.create(new MqttBrokerRepo(db), quietLogger);
  const a = await broker.listen('127.0.0.1', 0);
  open.push({ broker, db });
  return { broker, db, url: `mqtt://127.0.0.1:${a.port}` };
}

async function stop(b: { broker: EmbeddedBroker; db: Db }): Promise<void> {
  const i = open.findIndex((o) => o.broker === b.broker);
  open.splice(i, 1);
  await b.broker.close();
  b.db.close();
}

function client(url: string, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const c = mqtt.connect(url, { protocolVersion: 4, reconnectPeriod: 0, ...options });
  clients.push(c);
  return new Promise((resolve, reject) => {
    c.once('connect', () => resolve(c));
    c.once('error', reject);
  });
}

describe('embedded broker', () => {
  const tempDir = useTempDirs();

  it('keeps retained messages and a persistent session’s queued QoS 1 messages across a restart', async () => {
    const file = join(tempDir(), 'show.db');
    const first = await start(file);
    const sub = await client(first.url, { clientId: 'display-1', clean: false });
    await sub.subscribeAsync('stage/#', { qos: 1 });
    sub.end(true);
    const pub = await client(first.url);
    await pub.publishAsync('stage/cue', 'walk-in', { qos: 1 });
    await pub.publishAsync('stage/cue', 'house to half', { qos: 1 });
    await pub.publishAsync('site/name', 'Main stage', { qos: 1, retain: true });
    await pub.publishAsync('site/gone', 'x', { qos: 1, retain: true });
    await pub.publishAsync('site/gone', '', { qos: 1, retain: true }); // an empty retained message clears
    await stop(first);

    const second = await start(file);
    expect(second.broker.retainedTopics('#')).toEqual(['site/name']);
    const got: string[] = [];
    const again = mqtt.connect(second.url, { protocolVersion: 4, reconnectPeriod: 0, clientId: 'display-1', clean: false });
    clients.push(again);
    again.on('message', (t, p) => got.push(`${t}=${p}`));
    const connack = await new Promise<{ sessionPresent: boolean }>((r) => again.once('connect', r));
    expect(connack.sessionPresent).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(got).toEqual(['stage/cue=walk-in', 'stage/cue=house to half']);

    const late = await client(second.url);
    const retained: string[] = [];
    late.on('message', (t, p, packet) => packet.retain && retained.push(`${t}=${p}`));
    await late.subscribeAsync('site/#');
    await new Promise((r) => setTimeout(r, 200));
    expect(retained).toEqual(['site/name=Main stage']);
  });

  it('a delivered message leaves the queue: it is not sent again after a restart', async () => {
    const file = join(tempDir(), 'show.db');
    const first = await start(file);
    const sub = await client(first.url, { clientId: 'd2', clean: false });
    await sub.subscribeAsync('a/#', { qos: 1 });
    const seen: string[] = [];
    sub.on('message', (_t, p) => seen.push(String(p)));
    const pub = await client(first.url);
    await pub.publishAsync('a/1', 'once', { qos: 1 });
    await new Promise((r) => setTimeout(r, 200));
    expect(seen).toEqual(['once']);
    sub.end(true);
    await stop(first);
    const second = await start(file);
    const again = mqtt.connect(second.url, { protocolVersion: 4, reconnectPeriod: 0, clientId: 'd2', clean: false });
    clients.push(again);
    const after: string[] = [];
    again.on('message', (_t, p) => after.push(String(p)));
    await new Promise((r) => again.once('connect', r));
    await new Promise((r) => setTimeout(r, 300));
    expect(after).toEqual([]);
  });

  it('with users: a wrong password is refused at CONNECT; subscriptions and publishes outside a user’s filters are refused', async () => {
    const b = await start(join(tempDir(), 'show.db'));
    b.broker.setUsers([{ username: 'gw', password: 'pw1', read: ['home/+/commands/#'], write: ['home/#'] }]);
    const bad = mqtt.connect(b.url, { protocolVersion: 4, reconnectPeriod: 0, username: 'gw', password: 'nope' });
    clients.push(bad);
    const error = await new Promise<Error>((r) => bad.once('error', r));
    expect(error.message).toBe('Connection refused: Bad username or password');
    const anon = mqtt.connect(b.url, { protocolVersion: 4, reconnectPeriod: 0 });
    clients.push(anon);
    expect((await new Promise<Error>((r) => anon.once('error', r))).message).toMatch(/Bad username or password/);

    const gw = await client(b.url, { username: 'gw', password: 'pw1' });
    expect((await gw.subscribeAsync('home/OMG/commands/#')).map((g) => g.qos)).toEqual([0]);
    // Outside the read filters: SUBACK 0x80 (failure), which mqtt.js reports as a subscribe error.
    await expect(gw.subscribeAsync('showsite/#')).rejects.toThrow(/Subscribe error/);
    const got: string[] = [];
    await b.broker.subscribe('home/#', (t) => got.push(t));
    await gw.publishAsync('home/OMG/BTtoMQTT/A4C138DDDBF8', '{}', { qos: 1 });
    expect(got).toEqual(['home/OMG/BTtoMQTT/A4C138DDDBF8']);
    // MQTT 3.1.1 cannot refuse one message: a publish outside the write filters ends the connection.
    const closed = new Promise<void>((r) => gw.once('close', () => r()));
    gw.publish('showsite/main/devices/x/state', 'forged', { qos: 0 });
    await closed;
  });

  it('says plainly when the port is taken', async () => {
    const held = createServer();
    await new Promise<void>((r) => held.listen(0, '127.0.0.1', () => r()));
    const port = (held.address() as { port: number }).port;
    const db = openDatabase(':memory:');
    const broker = await EmbeddedBroker.create(new MqttBrokerRepo(db), quietLogger);
    open.push({ broker, db });
    try {
      await expect(broker.listen('127.0.0.1', port)).rejects.toThrow(PortInUseError);
      await expect(broker.listen('127.0.0.1', port)).rejects.toThrow(`port ${port} in use — another broker? use it as an external connection or pick a port`);
    } finally {
      held.close();
    }
  });
});
