// One core session per window (keyed by webContents id), so subscriptions die with the page that made them.
import type { EventSink, Session } from '../api/session.ts';
import { createIpcSink, type EventTarget } from './event-sink.ts';

export class WindowSessions {
  private readonly sessions = new Map<number, Session>();
  private readonly open: (sink: EventSink) => Session;

  constructor(open: (sink: EventSink) => Session) {
    this.open = open;
  }

  /** Opens a fresh session for this window, closing any previous one (a reload starts with no subscriptions). */
  attach(id: number, target: EventTarget): Session {
    this.detach(id);
    const session = this.open(createIpcSink(target));
    this.sessions.set(id, session);
    return session;
  }

  get(id: number): Session | undefined {
    return this.sessions.get(id);
  }

  detach(id: number): void {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    session.close();
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.detach(id);
  }

  get size(): number {
    return this.sessions.size;
  }
}
