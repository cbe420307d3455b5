import { useCallback, useId, type ReactNode } from 'react';
import type { SettingsPatch } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useSettings } from '../../hooks/useSettings.ts';

/** The serial DMX forms' shared parts: a labelled field with its message beside it, a switch, and Save. */

export function Field({ label, htmlFor, message, grow, children }: { label: string; htmlFor: string; message?: string | undefined; grow?: boolean; children: ReactNode }) {
  return (
    <div className={`field${grow ? ' field--grow' : ''}`}>
      <label htmlFor={htmlFor}>{label}</label>
      {children}
      {message && (
        <p className="field-error" data-testid="serial-field-error" data-for={htmlFor}>
          {message}
        </p>
      )}
    </div>
  );
}

export function Switch({ label, checked, onChange, testId, disabled }: { label: string; checked: boolean; onChange: (on: boolean) => void; testId: string; disabled?: boolean }) {
  const id = useId();
  return (
    <label className="switch" htmlFor={id}>
      <input id={id} type="checkbox" role="switch" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span className="switch__track" aria-hidden="true" />
      <span>{label}</span>
    </label>
  );
}

/** settings.update with a `dmx` patch; the new settings go to every page at once. */
export function useDmxSave() {
  const api = useApi();
  const { apply } = useSettings();
  return useAction(useCallback(async (patch: SettingsPatch) => apply(await api.call('settings.update', patch)), [api, apply]));
}

/** aria-invalid only when there is a message. */
export const invalid = (message: string | undefined) => (message ? true : undefined);
