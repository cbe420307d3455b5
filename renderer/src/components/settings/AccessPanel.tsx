import { useState } from 'react';
import type { AccessInfo } from '../../../../preload/contract/index.ts';
import { useSnapshot } from '../../hooks/useSnapshot.ts';
import { useCopy } from '../../hooks/useCopy.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/** Token and URLs a tablet needs. The token stays masked until asked, because FOH screens are public. */
export function AccessPanel() {
  const [access, setAccess] = useState<AccessInfo | null>(null);
  const { copy, status } = useCopy();
  const { error } = useSnapshot('system.access', undefined, setAccess);

  if (error) return <ErrorMessage error={error} />;
  if (!access) return <p className="muted">Loading…</p>;
  return (
    <div className="access">
      <TokenRow label="Control token" note="changes settings, names and the show" value={access.token} testId="access-token" />
      <TokenRow label="Viewer token" note="watches only: for a stage manager's or a client's tablet" value={access.viewerToken} testId="viewer-token" />
      {access.remoteUrls.length === 0 ? (
        <p className="muted">LAN access is off: only this computer can open the console.</p>
      ) : (
        <>
          <p className="muted">Open one of these on a tablet on the venue network, then enter the token:</p>
          <ul className="url-list">
            {access.remoteUrls.map((u) => (
              <li key={u}>
                <code>{u}</code>
                <button type="button" className="btn btn--small" onClick={() => void copy(u, u)}>
                  Copy
                </button>
                <span className="ok-note" role="status">
                  {status(u)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** One token, masked until asked for: FOH screens are seen by many. */
function TokenRow({ label, note, value, testId }: { label: string; note: string; value: string; testId: string }) {
  const [shown, setShown] = useState(false);
  const { copy, status } = useCopy();
  const labelId = `${testId}-label`;
  return (
    <div className="token-row">
      <span className="access__label" id={labelId} title={note}>
        {label}
      </span>
      <code className="token" aria-labelledby={labelId} data-testid={testId}>
        {shown ? value : '•'.repeat(12)}
      </code>
      <button type="button" className="btn btn--small" onClick={() => setShown(!shown)} aria-pressed={shown}>
        {shown ? 'Hide' : 'Show'}
      </button>
      <button type="button" className="btn btn--small" onClick={() => void copy(testId, value)}>
        Copy
      </button>
      <span className="token-note">{note}</span>
      <span className="ok-note token-row__status" role="status">
        {status(testId)}
      </span>
    </div>
  );
}
