export interface FrameScheduler {
  /** Schedule fn for the next paint; returns a cancel function. */
  next(fn: () => void): () => void;
}

/** Next animation frame while the page is visible; a slow timer while hidden (frames stop in background tabs). */
export const browserFrames: FrameScheduler = {
  next(fn) {
    if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') {
      const id = requestAnimationFrame(fn);
      return () => cancelAnimationFrame(id);
    }
    const id = setTimeout(fn, 250);
    return () => clearTimeout(id);
  },
};

/**
 * Collects values by key (latest wins, so memory stays bounded however long a frame takes) and hands
 * them over once per frame.
 */
export function createFrameBatcher<K, V>(flush: (values: Iterable<V>) => void, scheduler: FrameScheduler = browserFrames) {
  let pending = new Map<K, V>();
  let cancel: (() => void) | undefined;
  const run = () => {
    cancel = undefined;
    const batch = pending;
    pending = new Map();
    flush(batch.values());
  };
  return {
    add(key: K, value: V) {
      pending.set(key, value);
      cancel ??= scheduler.next(run);
    },
    cancel() {
      cancel?.();
      cancel = undefined;
      pending.clear();
    },
  };
}
