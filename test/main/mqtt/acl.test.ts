import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { brokerAccess, filterCovers, minimalFilters } from '../../../main/mqtt/acl.ts';
import { mqtt5Refusal } from '../../../main/mqtt/connack-v5.ts';

describe('ACL filters: a subscription must lie inside a read filter', () => {
  it.each([
    ['#', '#', true],
    ['#', 'home/+/BTtoMQTT/#', true],
    ['home/#', 'home/+/BTtoMQTT/#', true],
    ['home/#', 'home', true], // '#' also matches the parent level (MQTT 3.1.1 §4.7.1.2)
    ['home/#', '#', false],
    ['home/+/BTtoMQTT/#', 'home/#', false],
    ['home/+/BTtoMQTT/#', 'home/lobby/BTtoMQTT/A4C138DDDBF8', true],
    ['home/+/temp', 'home/+/temp', true],
    ['home/+/temp', 'home/a/temp', true],
    ['home/a/temp', 'home/+/temp', false],
    ['home/+/temp', 'home/a/temp/x', false],
    ['home/+', 'home/#', false],
    ['N/+/#', 'N/c0619ab1e2f3/system/0/Serial', true],
    ['N/c0619ab1e2f3/#', 'N/+/#', false],
  ])('%s covers %s: %s', (acl, sub, expected) => {
    expect(filterCovers(acl, sub)).toBe(expected);
  });

  it('minimal filters: one broker subscription per region, so no message arrives twice', () => {
    expect(minimalFilters(['home/+/BTtoMQTT/#', '+/BTtoMQTT/#', 'N/#', 'N/abc/#', 'gv2mqtt/#', 'gv2mqtt/#'])).toEqual(['home/+/BTtoMQTT/#', '+/BTtoMQTT/#', 'N/#', 'gv2mqtt/#']);
    expect(minimalFilters(['#', 'a/b'])).toEqual(['#']);
  });
});

describe('broker access', () => {
  const users = [
    { username: 'gateway', password: 's3cret', read: ['home/+/commands/#'], write: ['home/#'] },
    { username: 'viewer', password: 'look', read: ['showsite/#'], write: [] },
  ];
  const access = brokerAccess(users);

  it('with no users the broker is open (but $SYS stays the broker’s)', () => {
    const open = brokerAccess([]);
    expect(open.authenticate(undefined, undefined)).toBeUndefined();
    expect(open.mayPublish(undefined, 'anything/at/all')).toBe(true);
    expect(open.mayPublish(undefined, '$SYS/broker/x')).toBe(false);
    expect(open.maySubscribe(undefined, '#')).toBe(true);
  });

  it('checks user name and password; an unknown user and a wrong password are both refused', () => {
    expect(access.authenticate('gateway', Buffer.from('s3cret'))?.username).toBe('gateway');
    expect(access.authenticate('gateway', Buffer.from('s3cret '))).toBeNull();
    expect(access.authenticate('nobody', Buffer.from('s3cret'))).toBeNull();
    expect(access.authenticate(undefined, undefined)).toBeNull();
  });

  it('per-user write and read permissions', () => {
    const gw = users[0]!;
    const viewer = users[1]!;
    expect(access.mayPublish(gw, 'home/OMG/BTtoMQTT/A4C138DDDBF8')).toBe(true);
    expect(access.mayPublish(gw, 'showsite/main/devices/x/state')).toBe(false);
    expect(access.mayPublish(viewer, 'showsite/main/devices/x/state')).toBe(false);
    expect(access.maySubscribe(viewer, 'showsite/main/devices/+/state')).toBe(true);
    expect(access.maySubscribe(viewer, '#')).toBe(false);
    expect(access.maySubscribe(gw, 'home/OMG/commands/MQTTtoBT/config')).toBe(true);
    expect(access.maySubscribe(undefined, 'home/#')).toBe(false);
  });
});

describe('the MQTT 5 refusal', () => {
  it('is a CONNACK an MQTT 5 parser reads: reason 0x84 and the reason string', () => {
    // Hand-assembled from MQTT 5.0 §3.2: type 2 flags 0, remaining length, ack flags, reason code,
    // property length, Reason String (0x1F) as a UTF-8 string.
    expect([...mqtt5Refusal('x')]).toEqual([0x20, 0x07, 0x00, 0x84, 0x04, 0x1f, 0x00, 0x01, 0x78]);
    // And mqtt-packet (the parser mqtt.js uses) agrees, for a long reason (two-byte remaining length).
    const mqttPacket = createRequire(import.meta.url)('mqtt-packet') as { parser(opts: { protocolVersion: number }): { on(e: string, f: (p: unknown) => void): void; parse(b: Buffer): number } };
    const parser = mqttPacket.parser({ protocolVersion: 5 });
    const packets: unknown[] = [];
    parser.on('packet', (p) => packets.push(p));
    parser.on('error', (e) => packets.push(e));
    const reason = 'This broker speaks MQTT 3.1.1 only: set the client to protocol version 3.1.1 (MQTT v4). '.repeat(2);
    parser.parse(Buffer.from(mqtt5Refusal(reason)));
    expect(packets).toHaveLength(1);
    expect(packets[0]).toMatchObject({ cmd: 'connack', sessionPresent: false, reasonCode: 0x84, properties: { reasonString: reason } });
  });
});
