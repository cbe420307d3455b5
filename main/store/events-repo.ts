import type { TimelineEvent } from '../../preload/contract/index.ts';
import type { Db } from './db.ts';

type Row = { id: number; ts: number; kind: TimelineEvent['kind']; severity: TimelineEvent['severity']; device_id: string | null; message: string };
const toEvent = (r: Row): TimelineEvent => ({ id: r.id, ts: r.ts, kind: r.kind, severity: r.severity, deviceId: r.device_id, message: r.message });

/** The site timeline: alerts, operator actions, devices lost/found. Append-only. */
export class EventsRepo {
  private readonly insert;
  private readonly page;
  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string, string | null, string]>('INSERT INTO events (ts, kind, severity, device_id, message) VALUES (?, ?, ?, ?, ?)');
    this.page = db.prepare<[number, number], Row>('SELECT * FROM events WHERE id < ? ORDER BY id DESC LIMIT ?');
  }

  add(event: Omit<TimelineEvent, 'id'>): TimelineEvent {
    const info = this.insert.run(event.ts, event.kind, event.severity, event.deviceId, event.message);
    return { ...event, id: Number(info.lastInsertRowid) };
  }

  list(limit: number, beforeId = Number.MAX_SAFE_INTEGER): TimelineEvent[] {
    return this.page.all(beforeId, limit).map(toEvent);
  }
}
