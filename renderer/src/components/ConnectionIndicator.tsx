import type { ConnectionState } from '../../../preload/contract/index.ts';

const text: Record<ConnectionState, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Sign in required',
};

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  return (
    <div className={`conn conn--${state}`} data-testid="connection-indicator" data-state={state} role="status" aria-live="polite">
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__text">{text[state]}</span>
    </div>
  );
}
