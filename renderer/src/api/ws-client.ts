import type { ConnectionState, EventOf, MethodName, ParamsIn, ResultOf, TopicName } from '../../../preload/contract/index.ts';
import { backoffDelay, defaultBackoff, type BackoffOptions } from '../lib/backoff.ts';
import { ApiError } from './errors.ts';
import type { ClientApi, ConnectionSnapshot } from './types.ts';

/** React-style bivariant handler type, so the DOM WebSocket (whose handlers take Event subtypes) fits. */
type Handler<E> = { bivarianceHack(event: E): void }['bivarianceHack'];

/** The part of the DOM WebSocket this client uses; tests pass a fake. */
export interface WebSocketLike {
  onopen: Handler<unknown> | null;
  onmessage: Handler<{ data: unknown }> | null;
  onclose: Handler<{ code: number; reason: string }> | null;
  onerror: Handler<unknown> | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WsClientOptions {
  WebSocket: WebSocketCtor;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  random?: () => number;
  backoff?: BackoffOptions;
  /** A call without an answer after this long fails with `unavailable` and, if it was sent, drops the socket. 0 = never. */
  callTimeoutMs?: number;
  /** Interval of the `system.health` probe that notices a dead link (tablet Wi-Fi) faster than TCP does. 0 = off. */
  heartbeatMs?: number;
}

/** Close code the server uses when the browser is not signed in. */
export const unauthorizedCloseCode = 4401;

interface Pending {
  payload: string;
  sent: boolean;
  timer: unknown;
  resolve: (value: unknown) => void;
  reject: (err: ApiError) => void;
}

type Listener = (data: unknown) => void;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * ShowsiteApi over one WebSocket: request/response matched by id, live topics re-subscribed after every
 * reconnect, exponential backoff with jitter, and no reconnect loop while the server says "not signed in".
 */
export class WsClient implements ClientApi {
  readonly #url: string;
  readonly #WebSocket: WebSocketCtor;
  readonly #setTimer: (fn: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;
  readonly #random: () => number;
  readonly #backoff: BackoffOptions;
  readonly #callTimeoutMs: number;
  readonly #heartbeatMs: number;

  #ws: WebSocketLike | null = null;
  #open = false;
  #closed = false;
  #attempt = 0;
  #reconnectTimer: unknown = undefined;
  #heartbeatTimer: unknown = undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  readonly #topics = new Map<string, Set<Listener>>();
  #snapshot: ConnectionSnapshot = { state: 'connecting', epoch: 0 };
  readonly #stateListeners = new Set<(s: ConnectionSnapshot) => void>();

  constructor(url: string, options: WsClientOptions) {
    this.#url = url;
    this.#WebSocket = options.WebSocket;
    this.#setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.#clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as Parameters<typeof clearTimeout>[0]));
    this.#random = options.random ?? Math.random;
    this.#backoff = options.backoff ?? defaultBackoff;
    this.#callTimeoutMs = options.callTimeoutMs ?? 15_000;
    this.#heartbeatMs = options.heartbeatMs ?? 20_000;
  }

  connection(): ConnectionSnapshot {
    return this.#snapshot;
  }

  onConnection(listener: (snapshot: ConnectionSnapshot) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  connect(): void {
    if (this.#closed || this.#ws !== null) return;
    this.#clearReconnect();
    let ws: WebSocketLike;
    try {
      ws = new this.#WebSocket(this.#url);
    } catch {
      this.#handleClose(1006);
      return;
    }
    this.#ws = ws;
    // Handlers check identity: a socket we already gave up on must not touch the current one.
    ws.onopen = () => {
      if (this.#ws === ws) this.#handleOpen();
    };
    ws.onmessage = (ev) => {
      if (this.#ws === ws) this.#handleMessage(ev.data);
    };
    ws.onclose = (ev) => {
      if (this.#ws === ws) this.#handleClose(ev.code);
    };
    ws.onerror = () => {
      /* a close event always follows; that is where we act */
    };
  }

  close(): void {
    this.#closed = true;
    this.#clearReconnect();
    this.#stopHeartbeat();
    const ws = this.#ws;
    this.#ws = null;
    this.#open = false;
    if (ws) {
      detach(ws);
      ws.close(1000, 'client closed');
    }
    this.#rejectAll(new ApiError('unavailable', 'The connection was closed.'));
  }

  call<M extends MethodName>(method: M, params?: ParamsIn<M>): Promise<ResultOf<M>> {
    return this.#request(method, params ?? {}) as Promise<ResultOf<M>>;
  }

  on<T extends TopicName>(topic: T, listener: (data: EventOf<T>) => void): () => void {
    // A fresh wrapper per call: the same function may subscribe twice and unsubscribe each independently.
    const entry: Listener = (data) => listener(data as EventOf<T>);
    let set = this.#topics.get(topic);
    if (!set) {
      set = new Set();
      this.#topics.set(topic, set);
    }
    set.add(entry);
    if (set.size === 1 && this.#open) this.#fireAndForget('subscribe', [topic]);
    return () => {
      const current = this.#topics.get(topic);
      if (!current?.delete(entry)) return;
      if (current.size === 0) {
        this.#topics.delete(topic);
        if (this.#open) this.#fireAndForget('unsubscribe', [topic]);
      }
    };
  }

  #request(method: string, params: unknown): Promise<unknown> {
    if (this.#closed) return Promise.reject(new ApiError('unavailable', 'The connection was closed.'));
    if (this.#snapshot.state === 'unauthorized') return Promise.reject(new ApiError('unauthorized', 'Sign in required.'));
    const id = this.#nextId++;
    return new Promise<unknown>((resolve, reject) => {
      const p: Pending = { payload: JSON.stringify({ id, method, params }), sent: false, timer: undefined, resolve, reject };
      if (this.#callTimeoutMs > 0) p.timer = this.#setTimer(() => this.#timeout(id), this.#callTimeoutMs);
      this.#pending.set(id, p);
      // Calls made while (re)connecting wait for the socket; a drop rejects them like sent ones.
      if (this.#open) this.#sendPending(p);
    });
  }

  #sendPending(p: Pending): void {
    try {
      this.#ws?.send(p.payload);
      p.sent = true;
    } catch {
      // send() only throws on a socket that is already closing; the close handler rejects p.
    }
  }

  #timeout(id: number): void {
    const p = this.#pending.get(id);
    if (!p) return;
    this.#pending.delete(id);
    p.reject(new ApiError('unavailable', `No answer from the console within ${Math.round(this.#callTimeoutMs / 1000)} s.`));
    // A sent call with no answer means the link is dead even if TCP hasn't noticed yet.
    if (p.sent) this.#dropSocket();
  }

  #fireAndForget(method: 'subscribe' | 'unsubscribe', topics: string[]): void {
    this.#request(method, { topics }).catch((err: unknown) => {
      if (err instanceof ApiError && (err.code === 'unavailable' || err.code === 'unauthorized')) return;
      console.warn(`[showsite] ${method} failed`, err);
    });
  }

  #handleOpen(): void {
    this.#open = true;
    this.#attempt = 0;
    // Subscribe before anything else is sent, so snapshots fetched after this connect miss no event.
    const topics = [...this.#topics.keys()];
    if (topics.length > 0) this.#fireAndForget('subscribe', topics);
    for (const p of this.#pending.values()) if (!p.sent) this.#sendPending(p);
    this.#startHeartbeat();
    this.#setState('connected', this.#snapshot.epoch + 1);
  }

  #handleMessage(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      return;
    }
    if (!isRecord(msg)) return;
    if (typeof msg.topic === 'string') {
      const set = this.#topics.get(msg.topic);
      if (!set) return;
      for (const listener of [...set]) {
        try {
          listener(msg.data);
        } catch (err) {
          console.error(`[showsite] listener for ${msg.topic} threw`, err);
        }
      }
      return;
    }
    if (typeof msg.id !== 'number') return;
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#pending.delete(msg.id);
    this.#clearTimer(p.timer);
    if ('error' in msg) p.reject(ApiError.fromBody(msg.error));
    else p.resolve(msg.result);
  }

  #handleClose(code: number): void {
    this.#ws = null;
    this.#open = false;
    this.#stopHeartbeat();
    if (code === unauthorizedCloseCode) {
      this.#rejectAll(new ApiError('unauthorized', 'Sign in required.'));
      // No reconnect: only a new sign-in (page load with ?token=) can change the answer.
      this.#setState('unauthorized', this.#snapshot.epoch);
      return;
    }
    this.#rejectAll(new ApiError('unavailable', 'Connection to the console lost.'));
    if (this.#closed) return;
    this.#setState('reconnecting', this.#snapshot.epoch);
    const delay = backoffDelay(this.#attempt++, this.#random, this.#backoff);
    this.#reconnectTimer = this.#setTimer(() => {
      this.#reconnectTimer = undefined;
      this.connect();
    }, delay);
  }

  /** Gives up on the current socket now (no waiting for a close handshake a dead link never completes). */
  #dropSocket(): void {
    const ws = this.#ws;
    if (!ws) return;
    detach(ws);
    try {
      ws.close(4000, 'no answer');
    } catch {
      /* already closing */
    }
    this.#handleClose(1006);
  }

  #startHeartbeat(): void {
    if (this.#heartbeatMs <= 0) return;
    this.#heartbeatTimer = this.#setTimer(() => {
      this.#heartbeatTimer = undefined;
      if (!this.#open) return;
      // The call timeout drops the socket if this goes unanswered.
      this.#request('system.health', {}).catch(() => {});
      this.#startHeartbeat();
    }, this.#heartbeatMs);
  }

  #stopHeartbeat(): void {
    if (this.#heartbeatTimer !== undefined) this.#clearTimer(this.#heartbeatTimer);
    this.#heartbeatTimer = undefined;
  }

  #clearReconnect(): void {
    if (this.#reconnectTimer !== undefined) this.#clearTimer(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
  }

  #rejectAll(err: ApiError): void {
    const all = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of all) {
      this.#clearTimer(p.timer);
      p.reject(err);
    }
  }

  #setState(state: ConnectionState, epoch: number): void {
    if (state === this.#snapshot.state && epoch === this.#snapshot.epoch) return;
    this.#snapshot = { state, epoch };
    for (const l of [...this.#stateListeners]) l(this.#snapshot);
  }
}

function detach(ws: WebSocketLike): void {
  ws.onopen = null;
  ws.onmessage = null;
  ws.onclose = null;
  ws.onerror = null;
}

/** `ws(s)://<host>/ws` for the page's own origin. */
export function socketUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}
