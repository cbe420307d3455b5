import { useCallback, useId, useState, type FormEvent, type ReactNode } from 'react';
import type { SettingsPatch } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useSettings } from '../../hooks/useSettings.ts';
import type { Checked } from '../../lib/serial-dmx-draft.ts';
import { fieldError } from '../ErrorMessage.tsx';

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

/**
 * A serial DMX form's life: the draft as typed, checked on every render; each field's message (the draft's
 * own, else the core's answer to the last Save, both keyed `at(field)`); Save sends `patchOf(value)` and
 * closes the form when the core took it.
 */
export function useSerialForm<D, V>(options: { initial: D | (() => D); check: (draft: D) => Checked<V>; at: (field: string) => string; patchOf: (value: V) => SettingsPatch; onClose: () => void }) {
  const [draft, setDraft] = useState(options.initial);
  const save = useDmxSave();
  const result = options.check(draft);
  const message = (field: string) => result.errors[options.at(field)] ?? fieldError(save.error, options.at(field));
  const edit = (change: Partial<D>) => {
    if (save.error) save.fail(null);
    setDraft({ ...draft, ...change });
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!result.ok) return;
    if (await save.run(options.patchOf(result.value))) options.onClose();
  };
  return { draft, result, save, message, edit, submit };
}
