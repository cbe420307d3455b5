import type { SystemInfo } from '../../../preload/contract/index.ts';
import { useServerClock } from './server-clock.tsx';

/**
 * True only once system.info has said this session may control. The core enforces access on every call; the UI
 * hides controls that would be refused — and, until the session's access is known, shows none, so a viewer's
 * tablet never flashes buttons it may not press.
 */
export function canControl(info: Pick<SystemInfo, 'access'> | null): boolean {
  return info?.access === 'control';
}

export function useCanControl(): boolean {
  return canControl(useServerClock().info);
}
