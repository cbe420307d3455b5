import { useCallback, useState, type ComponentProps, type FormEvent } from 'react';
import type { SettingsPatch } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useSettings } from '../../hooks/useSettings.ts';
import type { Checked } from '../../lib/serial-dmx-draft.ts';
import { fieldError } from '../ErrorMessage.tsx';
import { Field as BaseField, Switch } from '../FormParts.tsx';

/** The serial DMX forms' shared parts: a labelled field with its message beside it, a switch, and Save. */

export function Field(props: Omit<ComponentProps<typeof BaseField>, 'errorTestId'>) {
  return <BaseField {...props} errorTestId="serial-field-error" />;
}

export { Switch };

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
