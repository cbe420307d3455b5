import { useId } from 'react';
import type { Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

export function DemoToggle({ settings, apply }: { settings: Settings; apply: (s: Settings) => void }) {
  const api = useApi();
  const id = useId();
  const toggle = useAction(async (enabled: boolean) => apply(await api.call('settings.update', { demo: { enabled } })));
  const on = settings.demo.enabled;
  return (
    <div className="form-row">
      <label className="switch" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          data-testid="demo-toggle"
          checked={on}
          disabled={toggle.busy}
          onChange={(e) => void toggle.run(e.target.checked)}
        />
        <span className="switch__track" aria-hidden="true" />
        <span>Demo site {on ? 'on' : 'off'}</span>
      </label>
      <p className="muted">Simulated sensors in a few rooms, for trying the console without hardware.</p>
      <ErrorMessage error={toggle.error} />
    </div>
  );
}
