// window.showsite, independent of Electron: the real ipcRenderer is injected by bridge.ts, a fake by tests.
import type { CallOutcome, ShowsiteBridge } from './contract/api.ts';
import { ipcChannels } from './contract/ipc.ts';

/** The slice of ipcRenderer the bridge uses. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface BridgeLog {
  error(...args: unknown[]): void;
}

type Listener = (data: unknown) => void;
/** One registration. Identity is per on() call: contextBridge may hand us a new proxy for the same page function. */
interface Entry {
  fn: Listener;
}

function isOutcome(value: unknown): value is CallOutcome {
  return typeof value === 'object' && value !== null && ('result' in value || 'error' in value);
}

function failure(message: string): CallOutcome {
  return { error: { code: 'unavailable', message } };
}

export function createBridge(ipc: BridgeIpc, log: BridgeLog = console): ShowsiteBridge {
  const listeners = new Map<string, Set<Entry>>();

  const call = async (method: string, params?: unknown): Promise<CallOutcome> => {
    try {
      const outcome = await ipc.invoke(ipcChannels.call, method, params);
      return isOutcome(outcome) ? outcome : failure('the main process gave no answer');
    } catch (err) {
      // Rejections lose their fields crossing contextBridge; the page always gets an outcome.
      return failure(`the main process is not answering: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const reportIfError = (what: string, topic: string) => (outcome: CallOutcome) => {
    if ('error' in outcome) log.error(`showsite: ${what} ${topic} failed: ${outcome.error.message}`);
  };

  ipc.on(ipcChannels.event, (_event, batch) => {
    if (!Array.isArray(batch)) return;
    for (const message of batch as unknown[]) {
      if (typeof message !== 'object' || message === null) continue;
      const { topic, data } = message as { topic?: unknown; data?: unknown };
      if (typeof topic !== 'string') continue;
      const entries = listeners.get(topic);
      if (!entries) continue;
      // Copy: a listener may unsubscribe itself (or another) while we iterate.
      for (const entry of [...entries]) {
        try {
          entry.fn(data);
        } catch (err) {
          // One broken listener must not starve the others of live data.
          log.error(`showsite: listener for ${topic} threw`, err);
        }
      }
    }
  });

  const on = (topic: string, fn: Listener): (() => void) => {
    if (typeof topic !== 'string' || topic.length === 0) throw new TypeError('topic must be a non-empty string');
    if (typeof fn !== 'function') throw new TypeError('listener must be a function');
    let entries = listeners.get(topic);
    if (!entries) {
      entries = new Set();
      listeners.set(topic, entries);
      void call('subscribe', { topics: [topic] }).then(reportIfError('subscribe', topic));
    }
    const entry: Entry = { fn };
    entries.add(entry);

    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = listeners.get(topic);
      if (!current?.delete(entry) || current.size > 0) return;
      listeners.delete(topic);
      void call('unsubscribe', { topics: [topic] }).then(reportIfError('unsubscribe', topic));
    };
  };

  return { call, on };
}
