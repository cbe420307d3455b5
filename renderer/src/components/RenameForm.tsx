import { useId, useState, type FormEvent } from 'react';
import type { Device } from '../../../preload/contract/index.ts';
import { useApi } from '../hooks/api-context.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';

interface Props {
  device: Device;
  onDone: (updated: Device | null) => void;
}

/**
 * Name + room for one device. The core validates (it is the one source of rules); on error its message is
 * shown and the stored values stay as they were, while the typed text stays here to be fixed.
 */
export function RenameForm({ device, onDone }: Props) {
  const api = useApi();
  const id = useId();
  const [name, setName] = useState(device.name ?? '');
  const [room, setRoom] = useState(device.room ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(await api.call('devices.rename', { id: device.id, name, room }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <form className="rename" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && onDone(null)} aria-label={`Rename ${device.name ?? device.id}`}>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} data-testid="rename-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={device.id} autoFocus />
      </div>
      <div className="field">
        <label htmlFor={`${id}-room`}>Room</label>
        <input id={`${id}-room`} data-testid="rename-room" value={room} onChange={(e) => setRoom(e.target.value)} placeholder="e.g. Stage left" />
      </div>
      <div className="rename__actions">
        <button type="submit" className="btn btn--primary" data-testid="rename-save" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <p className="rename__hint muted">Empty clears the field. Renaming never splits a device’s history.</p>
      <ErrorMessage error={error} testId="rename-error" />
    </form>
  );
}
