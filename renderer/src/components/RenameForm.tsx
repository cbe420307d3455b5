import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { Device } from '../../../preload/contract/index.ts';
import { useApi } from '../hooks/api-context.tsx';
import { renameLimits } from '../lib/contract-limits.ts';
import { ErrorMessage, fieldError } from './ErrorMessage.tsx';

interface Props {
  device: Device;
  onDone: (updated: Device | null) => void;
}

const fields = ['name', 'room', 'notes'] as const;
type Field = (typeof fields)[number];

/**
 * Name, room and notes for one device. The core validates (it is the one source of rules); on error its
 * message is shown beside the field and the stored values stay as they were, while the typed text stays
 * here to be fixed. maxLength comes from the contract, so the extra characters cannot be typed at all.
 * Escape cancels (the page puts focus back on the Rename button).
 */
export function RenameForm({ device, onDone }: Props) {
  const api = useApi();
  const id = useId();
  const [values, setValues] = useState<Record<Field, string>>({ name: device.name ?? '', room: device.room ?? '', notes: device.notes ?? '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.call('devices.rename', { id: device.id, ...values }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    onDone(null);
  };

  const input = (field: Field, label: string, placeholder: string, autoFocus = false) => {
    const message = fieldError(error, field);
    const inputId = `${id}-${field}`;
    return (
      <div className={`field rename__${field}`}>
        <label htmlFor={inputId}>{label}</label>
        <input
          id={inputId}
          data-testid={`rename-${field}`}
          value={values[field]}
          onChange={(e) => setValues({ ...values, [field]: e.target.value })}
          placeholder={placeholder}
          maxLength={renameLimits[field]}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${inputId}-error` : undefined}
          autoFocus={autoFocus}
        />
        {message && (
          <p className="field-error" id={`${inputId}-error`} data-testid={`rename-${field}-error`}>
            {message}
          </p>
        )}
      </div>
    );
  };

  return (
    <form className="rename" onSubmit={submit} onKeyDown={onKeyDown} aria-label={`Rename ${device.name ?? device.id}`} data-testid="rename-form">
      {input('name', 'Name', device.id, true)}
      {input('room', 'Room', 'e.g. Stage left')}
      {input('notes', 'Notes', 'e.g. behind the sub stack, zip-tied')}
      <div className="rename__actions">
        <button type="submit" className="btn btn--primary" data-testid="rename-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <p className="rename__hint muted">Empty clears the field. Renaming never splits a device’s history.<span className="kbd-hint"> <kbd>Esc</kbd> cancels.</span></p>
      <ErrorMessage error={error} testId="rename-error" inline={(path) => (fields as readonly string[]).includes(path)} />
    </form>
  );
}
