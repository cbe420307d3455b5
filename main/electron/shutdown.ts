// Quit exactly once, after the core has flushed its store and closed its ports.
export interface ShutdownOptions {
  stop: () => Promise<void>;
  exit: (code: number) => void;
  onError?: (err: unknown) => void;
  /** A hung stop must not leave a zombie app: exit anyway after this long. */
  timeoutMs?: number;
}

export interface Shutdown {
  /** For app 'before-quit': holds the quit until the core has stopped. */
  onBeforeQuit(event: { preventDefault(): void }): void;
  /** Stops the core then exits with `exitCode` (1 if stopping failed); later calls return the same promise. */
  run(exitCode?: number): Promise<void>;
  readonly state: 'running' | 'stopping' | 'done';
}

export function createShutdown(options: ShutdownOptions): Shutdown {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let state: Shutdown['state'] = 'running';
  let pending: Promise<void> | undefined;

  /** 0 when the core stopped cleanly, 1 when it failed or hung. */
  const stopWithTimeout = async (): Promise<number> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`core did not stop within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([options.stop(), timeout]);
      return 0;
    } catch (err) {
      options.onError?.(err);
      return 1;
    } finally {
      clearTimeout(timer);
    }
  };

  const run = (exitCode = 0): Promise<void> => {
    pending ??= (async () => {
      state = 'stopping';
      const stopCode = await stopWithTimeout();
      state = 'done';
      options.exit(stopCode || exitCode);
    })();
    return pending;
  };

  return {
    onBeforeQuit(event) {
      if (state === 'done') return;
      // Also while stopping: a second Cmd+Q must not cut the flush short.
      event.preventDefault();
      void run();
    },
    run,
    get state() {
      return state;
    },
  };
}
