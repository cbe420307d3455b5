import { z } from 'zod';
import { Device, LiveReading, TimelineEvent } from './model.ts';
import { Settings } from './settings.ts';

/**
 * Live topics. The server coalesces per key (latest wins) so a slow client never backs up the core:
 * a viewer may miss intermediate values, never the newest one.
 */
export const topics = {
  'readings.live': LiveReading, // key: seriesId
  'devices.changed': Device, // key: device id
  alerts: TimelineEvent, // key: event id (distinct, so none are dropped by coalescing)
  'settings.changed': Settings, // key: constant
} as const;

export type Topics = typeof topics;
export type TopicName = keyof Topics;
export type EventOf<T extends TopicName> = z.output<Topics[T]>;

export const topicPattern = /^(readings\.live|devices\.changed|alerts|settings\.changed)$/;
export const isTopicName = (name: string): name is TopicName => Object.hasOwn(topics, name);

/** What the server pushes to a subscriber. */
export interface EventMessage<T extends TopicName = TopicName> {
  topic: T;
  data: EventOf<T>;
}
