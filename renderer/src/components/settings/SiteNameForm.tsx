import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { siteNameMaxLength } from '../../lib/contract-limits.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

export function SiteNameForm({ settings, apply }: { settings: Settings; apply: (s: Settings) => void }) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState(settings.site.name);
  const save = useAction(async (value: string) => apply(await api.call('settings.update', { site: { name: value } })));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run(name);
  };
  return (
    <form className="form-row" onSubmit={submit}>
      <div className="field field--grow">
        <label htmlFor={id}>Site name</label>
        <input id={id} data-testid="site-name-input" value={name} onChange={(e) => setName(e.target.value)} maxLength={siteNameMaxLength} />
      </div>
      <button type="submit" className="btn btn--primary" disabled={save.busy || name === settings.site.name}>
        {save.busy ? 'Saving…' : 'Save'}
      </button>
      {save.done && <span className="ok-note" role="status">Saved</span>}
      <ErrorMessage error={save.error} testId="site-name-error" />
    </form>
  );
}
