import type { EventOf, TopicName } from '../../preload/contract/index.ts';

export type HubListener = (topic: TopicName, key: string | number, data: unknown) => void;

/** In-process fan-out of live events to every open session. Publishing never blocks on a subscriber. */
export class EventHub {
  private readonly listeners = new Set<HubListener>();

  publish<T extends TopicName>(topic: T, key: string | number, data: EventOf<T>): void {
    for (const l of this.listeners) l(topic, key, data);
  }

  listen(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
