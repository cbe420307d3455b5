import { useEffect, useRef } from 'react';
import { dmxKeyAction, type DmxKeyAction } from '../lib/dmx-keys.ts';

/**
 * Space and B on the Scenes page (see lib/dmx-keys.ts for when they count). Space on a focused button would
 * also "click" it on key-up; that click is cancelled so one press is one GO.
 */
export function useDmxKeys(enabled: boolean, onAction: (action: DmxKeyAction) => void): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  }, [onAction]);

  useEffect(() => {
    if (!enabled) return;
    let swallowSpaceUp = false;
    const down = (e: KeyboardEvent) => {
      const action = dmxKeyAction(e, e.target instanceof HTMLElement ? e.target : null);
      if (!action) {
        // Held Space (auto-repeat) still must not scroll the page or press the focused button.
        if (e.repeat && e.code === 'Space' && swallowSpaceUp) e.preventDefault();
        return;
      }
      e.preventDefault();
      if (action === 'go') swallowSpaceUp = true;
      handler.current(action);
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space' && swallowSpaceUp) {
        swallowSpaceUp = false;
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
    };
  }, [enabled]);
}
