import { useServerClock } from './server-clock.tsx';

/**
 * False for a session signed in with the viewer token. The core enforces this on every call; the UI
 * only hides controls that would be refused. Until system.info has answered, controls stay visible.
 */
export function useCanControl(): boolean {
  return useServerClock().info?.access !== 'view';
}
