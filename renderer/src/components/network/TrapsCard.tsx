import { useId, useState } from 'react';
import type { Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useServices } from '../../hooks/useServices.ts';
import { ErrorMessage, fieldError } from '../ErrorMessage.tsx';

interface Props {
  settings: Settings;
  apply: (s: Settings) => void;
  canControl: boolean;
}

/**
 * SNMP traps: off, or a UDP port the switches send linkDown/linkUp to. A trap makes its target poll at once,
 * so a port going down shows in about a second. What the service says (listening, port in use) is shown beside it.
 */
export function TrapsCard(props: Props) {
  const saved = props.settings.snmp.traps;
  // A change saved elsewhere starts the form afresh from it.
  return <TrapsForm key={`${saved.enabled}:${saved.port}`} {...props} />;
}

function TrapsForm({ settings, apply, canControl }: Props) {
  const id = useId();
  const api = useApi();
  const saved = settings.snmp.traps;
  const [enabled, setEnabled] = useState(saved.enabled);
  const [port, setPort] = useState(String(saved.port));
  const save = useAction(async () => apply(await api.call('settings.update', { snmp: { traps: { enabled, port: Number(port) } } })));
  const snmp = useServices().services.find((s) => s.name === 'snmp');
  const dirty = enabled !== saved.enabled || port !== String(saved.port);
  const portError = fieldError(save.error, 'snmp.traps.port');

  return (
    <section className="card snmp-traps" aria-labelledby={`${id}-title`} data-testid="snmp-traps">
      <h2 className="card__title" id={`${id}-title`}>
        Traps
      </h2>
      <p className="muted">
        A switch that sends linkDown/linkUp traps here is polled at once: a port going down shows within a second, not at the next poll.
        {saved.enabled && snmp ? ` Now: ${snmp.message}.` : ''}
      </p>
      {canControl ? (
        <form
          className="snmp-traps__form"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <label className="snmp-form__check">
            <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} data-testid="snmp-traps-enabled" /> Listen for traps
          </label>
          <div className="field">
            <label htmlFor={`${id}-port`}>UDP port</label>
            <input id={`${id}-port`} inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} aria-invalid={!!portError} data-testid="snmp-traps-port" />
            {portError && <p className="field-error">{portError}</p>}
          </div>
          <button type="submit" className="btn btn--primary" disabled={!dirty || save.busy} data-testid="snmp-traps-save">
            Save
          </button>
          {!portError && <ErrorMessage error={save.error} />}
        </form>
      ) : (
        <p data-testid="snmp-traps-state">{saved.enabled ? `Listening on UDP ${saved.port}` : 'Off'}</p>
      )}
    </section>
  );
}
