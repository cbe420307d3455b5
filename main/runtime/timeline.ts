import type { TimelineEvent } from '../../preload/contract/index.ts';
import type { EventHub } from './hub.ts';
import type { EventsRepo } from '../store/events-repo.ts';

/** The site timeline: every entry (alert, device lost/found, operator action, system note) is stored, then announced on `alerts`. */
export class Timeline {
  private readonly repo: EventsRepo;
  private readonly hub: EventHub;
  private readonly now: () => number;

  constructor(repo: EventsRepo, hub: EventHub, now: () => number) {
    this.repo = repo;
    this.hub = hub;
    this.now = now;
  }

  record(entry: Omit<TimelineEvent, 'id' | 'ts'>): TimelineEvent {
    const event = this.repo.add({ ...entry, ts: this.now() });
    this.hub.publish('alerts', event.id, event);
    return event;
  }

  list(limit: number, beforeId?: number): TimelineEvent[] {
    return this.repo.list(limit, beforeId);
  }
}
