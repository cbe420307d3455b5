import { useId, useState, type FormEvent } from 'react';
import { signInLinkRejected } from '../lib/sign-in-link.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';

/**
 * Shown when the console closed the socket with 4401, or when a sign-in link carried a token the console
 * refused (`rejected`). A fresh page load with ?token= signs in.
 */
export function SignIn({ rejected = signInLinkRejected() }: { rejected?: boolean }) {
  const [token, setToken] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (t) window.location.assign(`/?token=${encodeURIComponent(t)}`);
  };
  return (
    <main className="signin" id="content">
      <form className="signin__card" onSubmit={submit}>
        <div className="signin__head">
          <h1>Sign in</h1>
          <ConnectionIndicator state="unauthorized" />
        </div>
        {rejected && (
          <p className="error" role="alert" data-testid="signin-rejected">
            The token in that link is not valid (it may have been changed). Type the current one below.
          </p>
        )}
        <p className="muted">
          This console needs its access token. When the console starts, its terminal prints the link to open (with the token in it); on the FOH laptop it is
          also under Settings → Remote access. Ask the operator for the viewer token if you only need to watch.
        </p>
        <label htmlFor={id}>Access token</label>
        <input id={id} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} autoFocus required />
        <button type="submit" className="btn btn--primary" disabled={token.trim() === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
