import { z } from 'zod';
import { DMX_ENGINE_UNIVERSES_MAX, DmxLibrary, DmxStatus, DmxUniverseFrame } from './dmx-api.ts';
import { Device, LiveReading, ServiceStatus, TimelineEvent } from './model.ts';
import { Settings } from './settings.ts';
import { snmpTopics } from './snmp.ts';
import { scheduleTopics } from './schedule-api.ts';
import { mqttTopics } from './mqtt.ts';

/**
 * Live topics. The server coalesces per key (latest wins) so a slow client never backs up the core:
 * a viewer may miss intermediate values, never the newest one.
 */
export const topics = {
  'readings.live': LiveReading, // key: seriesId
  'devices.changed': Device, // key: device id
  alerts: TimelineEvent, // key: event id (distinct, so none are dropped by coalescing)
  'settings.changed': Settings, // key: constant
  'services.status': ServiceStatus, // key: service name
  ...snmpTopics, // snmp.target (key: target id), snmp.switch (key: device id)
  'dmx.status': DmxStatus, // key: constant (about 4 a second)
  'dmx.library': DmxLibrary, // key: constant
  ...scheduleTopics, // schedule.changed (key: date)
  ...mqttTopics, // mqtt.connections (key: connection id), mqtt.gx (key: constant)
} as const;

/**
 * Topic families: one topic per value of a parameter, named `<family>.<n>` (e.g. `dmx.universe.3`).
 * Each declares what its parameter may be and what its events carry; subscribe validates both.
 */
export interface TopicFamily<D extends z.ZodType = z.ZodType> {
  /** The parameter after the family name: a whole number in [min, max]. */
  param: { min: number; max: number };
  data: D;
}
const family = <D extends z.ZodType>(f: TopicFamily<D>) => f;

export const topicFamilies = {
  /** `dmx.universe.<n>`: universe n's output after merge, grand master and blackout (on change, ≤ 10 a second). */
  'dmx.universe': family({ param: { min: 1, max: DMX_ENGINE_UNIVERSES_MAX }, data: DmxUniverseFrame }),
  /** `dmx.input.<i>`: what input i (0-based, as in settings.dmx.inputs) last received. */
  'dmx.input': family({ param: { min: 0, max: 63 }, data: DmxUniverseFrame }),
} as const satisfies Record<string, TopicFamily>;

export type Topics = typeof topics;
export type TopicFamilies = typeof topicFamilies;
export type StaticTopicName = keyof Topics;
export type FamilyName = keyof TopicFamilies;
export type TopicName = StaticTopicName | `${FamilyName & string}.${number}`;

type FamilyOf<T extends string> = { [F in FamilyName]: T extends `${F}.${number}` ? F : never }[FamilyName];
export type EventOf<T extends TopicName> = T extends StaticTopicName
  ? z.output<Topics[T]>
  : FamilyOf<T> extends never
    ? never
    : z.output<TopicFamilies[FamilyOf<T>] extends TopicFamily<infer D> ? D : never>;

/** A topic name checked against the contract: its schema and, for families, the parameter. */
export interface ParsedTopic {
  name: TopicName;
  schema: z.ZodType;
  family?: string;
  param?: number;
}

/** Look a topic name up; undefined when it is not in the contract (or its parameter is out of range). */
export function parseTopic(name: string, families: Record<string, TopicFamily> = topicFamilies): ParsedTopic | undefined {
  if (Object.hasOwn(topics, name)) return { name: name as TopicName, schema: topics[name as StaticTopicName] };
  const m = /^([a-z][a-z0-9_.]*)\.(0|[1-9]\d{0,8})$/.exec(name);
  if (!m) return undefined;
  const f = Object.hasOwn(families, m[1]!) ? families[m[1]!] : undefined;
  const param = Number(m[2]);
  if (!f || param < f.param.min || param > f.param.max) return undefined;
  return { name: name as TopicName, schema: f.data, family: m[1]!, param };
}

export const isTopicName = (name: string): name is TopicName => parseTopic(name) !== undefined;

/** What the server pushes to a subscriber. */
export interface EventMessage<T extends TopicName = TopicName> {
  topic: T;
  data: EventOf<T>;
}
