import { useCallback, useState } from 'react';

export interface ActionState {
  busy: boolean;
  error: unknown;
  /** Set after a success, for a short "Saved" note; cleared on the next run. */
  done: boolean;
}

/** Runs one async operator action at a time and remembers how it ended, for the button and message beside it. */
export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>) {
  const [state, setState] = useState<ActionState>({ busy: false, error: null, done: false });
  const run = useCallback(
    async (...args: A): Promise<boolean> => {
      setState({ busy: true, error: null, done: false });
      try {
        await fn(...args);
        setState({ busy: false, error: null, done: true });
        return true;
      } catch (error) {
        setState({ busy: false, error, done: false });
        return false;
      }
    },
    [fn],
  );
  const fail = useCallback((error: unknown) => setState({ busy: false, error, done: false }), []);
  return { ...state, run, fail };
}
