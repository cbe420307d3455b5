import type { ConnectionState } from '../../../preload/contract/index.ts';
import { useServerNow } from '../hooks/server-clock.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { formatClock } from '../lib/format.ts';
import { AlertCount } from './AlertCount.tsx';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { ServiceStrip } from './ServiceStrip.tsx';

export function Header({ siteName, state }: { siteName: string | null; state: ConnectionState }) {
  const now = useServerNow(1000);
  const canControl = useCanControl();
  return (
    <header className="header">
      <div className="header__brand">
        <span className="header__product">Showsite</span>
        <span className="header__site" data-testid="site-name">
          {siteName ?? '—'}
        </span>
      </div>
      <AlertCount />
      <ServiceStrip />
      <div className="header__right">
        {!canControl && (
          <span className="badge badge--muted" data-testid="view-only" title="Signed in with the viewer token: you can watch, not change">
            View only
          </span>
        )}
        <time className="header__clock" dateTime={new Date(now).toISOString()} title="Console time">
          {formatClock(now)}
        </time>
        <ConnectionIndicator state={state} />
      </div>
    </header>
  );
}
