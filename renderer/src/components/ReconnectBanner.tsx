import type { ConnectionState } from '../../../preload/contract/index.ts';

/** While the link is down the last values stay on screen; this says loudly that they may be old. */
export function ReconnectBanner({ state }: { state: ConnectionState }) {
  if (state !== 'reconnecting') return null;
  return (
    <div className="banner banner--warn" role="alert">
      Connection to the console lost — reconnecting. Values on screen stop updating and will turn stale.
    </div>
  );
}
