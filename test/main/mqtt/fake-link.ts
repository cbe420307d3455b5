import type { LinkEvents, MqttLink, PublishOptions } from '../../../main/mqtt/links.ts';
import { compileFilter } from '../../../main/telemetry/mappers/topic-match.ts';

/** A link that is a little broker in memory: records publishes, keeps retained messages, delivers to `deliver()`. */
export class FakeLink implements MqttLink {
  readonly kind: 'embedded' | 'external';
  readonly address = 'fake:1883';
  up = true;
  events: LinkEvents | undefined;
  filters: string[] = [];
  readonly sent: { topic: string; payload: string; qos: number; retain: boolean }[] = [];
  readonly retained = new Map<string, string>();
  failPublish = false;

  constructor(kind: 'embedded' | 'external' = 'embedded') {
    this.kind = kind;
  }

  isUp(): boolean {
    return this.up;
  }

  async start(events: LinkEvents): Promise<void> {
    this.events = events;
    events.state('connected', 'fake');
  }

  async stop(): Promise<void> {
    this.up = false;
  }

  async setSubscriptions(filters: readonly string[]): Promise<void> {
    this.filters = [...filters];
  }

  async publish(topic: string, payload: Buffer, options: PublishOptions): Promise<void> {
    if (this.failPublish || !this.up) throw new Error('down');
    const text = payload.toString();
    this.sent.push({ topic, payload: text, qos: options.qos, retain: options.retain });
    if (options.retain) {
      if (text === '') this.retained.delete(topic);
      else this.retained.set(topic, text);
    }
  }

  async retainedTopics(filter: string): Promise<string[]> {
    const f = compileFilter(filter);
    return [...this.retained.keys()].filter((t) => f.matches(t)).sort();
  }

  /** A message from the broker to the console. */
  deliver(topic: string, payload: string | Buffer): void {
    this.events?.message(topic, typeof payload === 'string' ? Buffer.from(payload) : payload);
  }
}
