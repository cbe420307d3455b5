import type { ApiErrorBody } from './errors.ts';
import type { EventMessage, EventOf, TopicName } from './events.ts';
import type { MethodName, ParamsIn, ResultOf } from './methods.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'unauthorized';

/** The answer to one call, whatever carried it. */
export type CallOutcome = { result: unknown } | { error: ApiErrorBody };

/**
 * What the renderer sees, whichever transport carries it: over Electron IPC it wraps window.showsite;
 * in a browser the WebSocket client implements the same shape.
 */
export interface ShowsiteApi {
  call<M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<ResultOf<M>>;
  on<T extends TopicName>(topic: T, listener: (data: EventOf<T>) => void): () => void;
}

/**
 * What the sandboxed preload exposes as window.showsite. Untyped strings so the preload needs no zod;
 * call() resolves to an outcome envelope because Errors lose their fields crossing contextBridge.
 */
export interface ShowsiteBridge {
  call(method: string, params?: unknown): Promise<CallOutcome>;
  on(topic: string, listener: (data: unknown) => void): () => void;
}

/** IPC event payload: the core sends batches of coalesced events. */
export type EventBatch = EventMessage[];
