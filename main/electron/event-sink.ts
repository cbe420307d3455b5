// Adapts one window's webContents to the core's EventSink: batches go out on `showsite:event`.
import type { EventMessage } from '../../preload/contract/events.ts';
import { ipcChannels } from '../../preload/contract/ipc.ts';
import type { EventSink } from '../api/session.ts';

/** The parts of WebContents the sink needs. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export function createIpcSink(target: EventTarget): EventSink {
  return {
    deliver(batch: EventMessage[]) {
      // A window can close between the core's ready() check and delivery; sending then would throw.
      if (batch.length === 0 || target.isDestroyed()) return;
      target.send(ipcChannels.event, batch);
    },
    ready: () => !target.isDestroyed(),
  };
}

/** For sessions the main process uses itself (menu actions): events have nowhere to go. */
export const nullSink: EventSink = { deliver: () => undefined, ready: () => true };
