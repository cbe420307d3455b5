import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

export function StaleAfterForm({ settings, apply }: { settings: Settings; apply: (s: Settings) => void }) {
  const api = useApi();
  const id = useId();
  const [value, setValue] = useState(String(settings.telemetry.staleAfterS));
  // min/max mirror the contract so the browser explains the range at once; the core still validates.
  const save = useAction(async (v: string) => apply(await api.call('settings.update', { telemetry: { staleAfterS: Number(v) } })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(value);
  };
  return (
    <form className="form-row" onSubmit={submit}>
      <div className="field">
        <label htmlFor={id}>Stale after (seconds)</label>
        <input id={id} className="input--narrow" type="number" inputMode="numeric" min={5} max={86400} step={1} value={value} onChange={(e) => setValue(e.target.value)} />
      </div>
      <button type="submit" className="btn btn--primary" disabled={save.busy || value === String(settings.telemetry.staleAfterS)}>
        Save
      </button>
      {save.done && <span className="ok-note" role="status">Saved</span>}
      <p className="muted field-note">A value older than this is greyed and marked STALE, never shown as current.</p>
      <ErrorMessage error={save.error} />
    </form>
  );
}
