import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const everyNetwork = '0.0.0.0';

/** Whether (desktop) and where (both) the console is served to browsers on the venue network. */
export function RemoteAccessForm({ settings, apply, mode }: { settings: Settings; apply: (s: Settings) => void; mode: 'desktop' | 'serve' | undefined }) {
  const api = useApi();
  const ids = { enabled: useId(), host: useId(), port: useId() };
  const [enabled, setEnabled] = useState(settings.remote.enabled);
  const [lan, setLan] = useState(settings.remote.host === everyNetwork);
  const [port, setPort] = useState(String(settings.remote.port));
  const save = useAction(async () =>
    apply(await api.call('settings.update', { remote: { enabled, host: lan ? everyNetwork : '127.0.0.1', port: Number(port) } })),
  );
  const unchanged = enabled === settings.remote.enabled && lan === (settings.remote.host === everyNetwork) && port === String(settings.remote.port);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  return (
    <form className="form-row remote-form" onSubmit={submit} data-testid="remote-form">
      {mode === 'serve' ? (
        <p className="muted field-note">
          This console runs headless (<code>showsite serve</code>): its web server is always on. <code>--host</code> and <code>--port</code> on the command line win over
          the address and port below, which apply at the next start.
        </p>
      ) : (
        <label className="switch" htmlFor={ids.enabled}>
          <input id={ids.enabled} type="checkbox" role="switch" data-testid="remote-enabled" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span className="switch__track" aria-hidden="true" />
          <span>Serve the console and the HTTP API {enabled ? 'on' : 'off'}</span>
        </label>
      )}
      <div className="field">
        <label htmlFor={ids.host}>Who can connect</label>
        <select id={ids.host} value={lan ? 'lan' : 'local'} onChange={(e) => setLan(e.target.value === 'lan')}>
          <option value="local">This computer only</option>
          <option value="lan">Tablets and computers on the venue network</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.port}>Port</label>
        <input id={ids.port} className="input--narrow" type="number" inputMode="numeric" min={1} max={65535} step={1} value={port} onChange={(e) => setPort(e.target.value)} />
      </div>
      <button type="submit" className="btn btn--primary" disabled={save.busy || unchanged}>
        Save
      </button>
      {save.done && <span className="ok-note" role="status">Saved</span>}
      <p className="muted field-note">Everything but the health check needs one of the tokens below, whoever connects.</p>
      <ErrorMessage error={save.error} />
    </form>
  );
}
