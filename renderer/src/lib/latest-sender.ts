/**
 * Sends a stream of values (a fader being dragged) with at most one call in flight: values that arrive
 * meanwhile replace each other and only the newest goes next. The stage follows the finger without a
 * backlog of stale levels arriving after it stopped.
 */
export interface LatestSender<V> {
  push(value: V): void;
  /** True while a call is out or a value waits. */
  busy(): boolean;
}

export function createLatestSender<V>(send: (value: V) => Promise<unknown>, onError: (error: unknown) => void = () => undefined): LatestSender<V> {
  let inFlight = false;
  let waiting: { value: V } | null = null;
  const run = (value: V) => {
    inFlight = true;
    send(value)
      .catch(onError)
      .finally(() => {
        inFlight = false;
        const next = waiting;
        waiting = null;
        if (next) run(next.value);
      });
  };
  return {
    push(value) {
      if (inFlight) waiting = { value };
      else run(value);
    },
    busy: () => inFlight || waiting !== null,
  };
}
