import type { EventOf, TopicName } from '../../preload/contract/index.ts';

export type HubListener = (topic: TopicName, key: string | number, data: unknown) => void;

/**
 * In-process fan-out of live events to every open session (and anything else that listens). Publishing
 * never blocks on a listener, and one listener that throws never stops the others.
 */
export class EventHub {
  private readonly listeners = new Set<HubListener>();
  private readonly onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void = () => {}) {
    this.onListenerError = onListenerError;
  }

  publish<T extends TopicName>(topic: T, key: string | number, data: EventOf<T>): void {
    for (const l of this.listeners) {
      try {
        l(topic, key, data);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  listen(listener: HubListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
