import { useId, useState, type FormEvent } from 'react';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';

/** Shown when the console closed the socket with 4401: a fresh page load with ?token= signs in. */
export function SignIn() {
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
        <p className="muted">This console needs its access token. Find it on the FOH laptop under Settings → Remote access, or in the terminal where the console runs.</p>
        <label htmlFor={id}>Access token</label>
        <input id={id} type="password" autoComplete="off" spellCheck={false} value={token} onChange={(e) => setToken(e.target.value)} autoFocus required />
        <button type="submit" className="btn btn--primary" disabled={token.trim() === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
