/**
 * A timer a port's reconnect loop sleeps on that stop() (or news from the device) can cut short: wake()
 * ends the current sleep at once. One sleeper at a time; a wake with nobody asleep does nothing.
 */
export class WakeableSleep {
  #wake: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  wake(): void {
    this.#wake?.();
  }
}
