import type { CallOutcome, EventMessage, TopicName } from '../../preload/contract/index.ts';
import { methods, redactSecrets } from '../../preload/contract/index.ts';
import { invalidParams } from './errors.ts';
import type { EventHub } from '../runtime/hub.ts';
import type { CallContext, Dispatch } from './router.ts';

export interface EventSink {
  deliver(batch: EventMessage[]): void;
  /** False while the transport is backed up: events keep coalescing until it drains. */
  ready(): boolean;
}

export interface Session {
  call(method: string, params: unknown): Promise<CallOutcome>;
  close(): void;
}

export interface SessionOptions {
  /** Coalescing window: events for the same key inside it collapse to the newest. */
  flushDelayMs?: number;
  /** How soon to look again when the sink is not ready. */
  retryMs?: number;
  /** A delivery threw (logged by the caller); the session carries on. */
  onDeliveryError?: (error: unknown) => void;
}

/**
 * One connected viewer (a window, a tablet, a script). Holds its subscriptions and a per-key pending
 * map: latest wins, so a slow viewer costs bounded memory and never backs up the core.
 */
export function openSession(hub: EventHub, dispatch: Dispatch, sink: EventSink, ctx: CallContext, options: SessionOptions = {}): Session {
  const flushDelayMs = options.flushDelayMs ?? 20;
  const retryMs = options.retryMs ?? 100;
  const topics = new Set<TopicName>();
  const pending = new Map<string, EventMessage>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    if (!sink.ready()) {
      timer = setTimeout(flush, retryMs);
      return;
    }
    const batch = [...pending.values()];
    pending.clear();
    try {
      sink.deliver(batch);
    } catch (error) {
      // A transport that cannot send (socket gone mid-write, unserialisable data) loses this batch, not the core.
      options.onDeliveryError?.(error);
    }
  };

  const stopListening = hub.listen((topic, key, data) => {
    if (closed || !topics.has(topic)) return;
    const k = `${topic}\u0000${key}`;
    pending.delete(k); // re-insert so delivery order follows the newest update
    pending.set(k, { topic, data: ctx.access === 'view' ? redactSecrets(data) : data } as EventMessage);
    timer ??= setTimeout(flush, flushDelayMs);
  });

  return {
    async call(method, params) {
      if (method === 'subscribe' || method === 'unsubscribe') {
        const parsed = methods[method].params.safeParse(params ?? {});
        if (!parsed.success) return { error: invalidParams(parsed.error).toBody() };
        for (const t of parsed.data.topics as TopicName[]) {
          if (method === 'subscribe') topics.add(t);
          else topics.delete(t);
        }
        return { result: { topics: [...topics] } };
      }
      return dispatch(method, params, ctx);
    },
    close() {
      closed = true;
      stopListening();
      if (timer) clearTimeout(timer);
      pending.clear();
    },
  };
}
