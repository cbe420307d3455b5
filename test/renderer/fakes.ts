import type { WebSocketCtor, WebSocketLike } from '../../renderer/src/api/ws-client.ts';

type Handler<E> = ((event: E) => void) | null;

/** A WebSocket the test drives: it records what the client sends and fires the events the test asks for. */
export class FakeSocket implements WebSocketLike {
  readonly url: string;
  readonly sent: Array<Record<string, unknown>> = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: Handler<unknown> = null;
  onmessage: Handler<{ data: unknown }> = null;
  onclose: Handler<{ code: number; reason: string }> = null;
  onerror: Handler<unknown> = null;

  constructor(url: string) {
    this.url = url;
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
  }

  // --- test side ---
  open(): void {
    this.onopen?.({});
  }
  receive(msg: unknown): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  receiveRaw(data: unknown): void {
    this.onmessage?.({ data });
  }
  serverClose(code: number): void {
    this.onclose?.({ code, reason: '' });
  }
  /** The last request with this method. */
  last(method: string): Record<string, unknown> | undefined {
    return this.sent.filter((m) => m.method === method).at(-1);
  }
  methods(): unknown[] {
    return this.sent.map((m) => m.method);
  }
}

export function fakeSockets(): { Ctor: WebSocketCtor; sockets: FakeSocket[] } {
  const sockets: FakeSocket[] = [];
  class Ctor extends FakeSocket {
    constructor(url: string) {
      super(url);
      sockets.push(this);
    }
  }
  return { Ctor, sockets };
}

/** Timers under the test's control: nothing fires until advance(). */
export class FakeClock {
  now = 0;
  #next = 1;
  readonly timers = new Map<number, { at: number; ms: number; fn: () => void }>();

  setTimer = (fn: () => void, ms: number): unknown => {
    const id = this.#next++;
    this.timers.set(id, { at: this.now + ms, ms, fn });
    return id;
  };

  clearTimer = (handle: unknown): void => {
    if (typeof handle === 'number') this.timers.delete(handle);
  };

  /** Delays of the timers now pending, in creation order. */
  pendingDelays(): number[] {
    return [...this.timers.values()].map((t) => t.ms);
  }

  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let dueId: number | undefined;
      let due: { at: number; fn: () => void } | undefined;
      for (const [id, t] of this.timers) if (t.at <= end && (!due || t.at < due.at)) [dueId, due] = [id, t];
      if (dueId === undefined || !due) break;
      this.timers.delete(dueId);
      this.now = due.at;
      due.fn();
    }
    this.now = end;
  }
}
