import { useId, useState, type FormEvent } from 'react';
import type { Device } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { renameLimits } from '../../lib/contract-limits.ts';
import { displayName } from '../../lib/group.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

interface Props {
  selected: Device[];
  /** Devices the core returned changed (apply them without waiting for the events). */
  onChanged: (devices: Device[]) => void;
  /** Devices that are gone (forgotten, merged away). */
  onRemoved: (ids: string[]) => void;
  clear: () => void;
}

type Mode = 'none' | 'rename' | 'merge' | 'forget';

/**
 * What an operator does to several devices at once: put them in a room, name them (one line each),
 * merge two identities of one sensor, hide or forget. Every change goes through the core, which checks
 * it and puts it on the timeline.
 */
export function BulkActions({ selected, onChanged, onRemoved, clear }: Props) {
  const api = useApi();
  const id = useId();
  const [room, setRoom] = useState('');
  const [mode, setMode] = useState<Mode>('none');
  const ids = selected.map((d) => d.id);
  const allHidden = selected.every((d) => d.hidden);

  const setRoomAction = useAction(async () => onChanged(await api.call('devices.setRoom', { ids, room })));
  const hideAction = useAction(async () => onChanged(await api.call('devices.hide', { ids, hidden: !allHidden })));
  const error = setRoomAction.error ?? hideAction.error;

  const submitRoom = (e: FormEvent) => {
    e.preventDefault();
    void setRoomAction.run();
  };

  return (
    <section className="bulk" aria-label="Selected devices" data-testid="bulk-actions">
      <form className="bulk__bar" onSubmit={submitRoom}>
        <p className="bulk__count" data-testid="bulk-count">
          {selected.length} selected
        </p>
        <div className="field bulk__room">
          <label htmlFor={`${id}-room`}>Room for all</label>
          <input id={`${id}-room`} type="text" value={room} onChange={(e) => setRoom(e.target.value)} maxLength={renameLimits.room} placeholder="e.g. Stage (empty clears)" data-testid="bulk-room" />
        </div>
        <button type="submit" className="btn btn--primary" disabled={setRoomAction.busy} data-testid="bulk-room-save">
          Set room
        </button>
        <button type="button" className="btn" onClick={() => setMode(mode === 'rename' ? 'none' : 'rename')} aria-expanded={mode === 'rename'} data-testid="bulk-rename-open">
          Rename…
        </button>
        <button type="button" className="btn" disabled={selected.length !== 2} onClick={() => setMode(mode === 'merge' ? 'none' : 'merge')} aria-expanded={mode === 'merge'} title="Select exactly two identities of one sensor" data-testid="bulk-merge-open">
          Merge…
        </button>
        <button type="button" className="btn" disabled={hideAction.busy} onClick={() => void hideAction.run()} data-testid="bulk-hide">
          {allHidden ? 'Show' : 'Hide'}
        </button>
        <button type="button" className="btn" disabled={selected.length !== 1} onClick={() => setMode(mode === 'forget' ? 'none' : 'forget')} title="Select one device" data-testid="bulk-forget-open">
          Forget…
        </button>
        <button type="button" className="btn" onClick={clear} data-testid="bulk-clear">
          Clear selection
        </button>
      </form>
      <ErrorMessage error={error} testId="bulk-error" />
      {mode === 'rename' && <BulkRenameForm devices={selected} onDone={(d) => (d && onChanged(d), setMode('none'))} />}
      {mode === 'merge' && selected.length === 2 && (
        <MergeForm a={selected[0]!} b={selected[1]!} onDone={(kept, gone) => (kept && (onChanged([kept]), onRemoved([gone]), clear()), setMode('none'))} />
      )}
      {mode === 'forget' && selected.length === 1 && <ForgetForm device={selected[0]!} onDone={(gone) => (gone && (onRemoved([gone]), clear()), setMode('none'))} />}
    </section>
  );
}

/** One line per selected device: name and room, saved together (all or nothing). */
function BulkRenameForm({ devices, onDone }: { devices: Device[]; onDone: (changed: Device[] | null) => void }) {
  const api = useApi();
  const [rows, setRows] = useState(() => devices.map((d) => ({ id: d.id, name: d.name ?? '', room: d.room ?? '' })));
  const save = useAction(async () => {
    const changed = rows.filter((r, i) => r.name !== (devices[i]!.name ?? '') || r.room !== (devices[i]!.room ?? ''));
    if (changed.length === 0) return onDone(null);
    onDone(await api.call('devices.bulkRename', { rows: changed.map((r) => ({ id: r.id, name: r.name, room: r.room })) }));
  });
  return (
    <form
      className="bulk-rename"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
      aria-label="Rename the selected devices"
      data-testid="bulk-rename-form"
    >
      <table className="table bulk-rename__table">
        <thead>
          <tr>
            <th scope="col">Device</th>
            <th scope="col">Name</th>
            <th scope="col">Room</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.id} data-device-id={r.id}>
              <th scope="row" className="bulk-rename__id">
                <code>{r.id}</code>
                <span className="device__model">{devices[i]!.model}</span>
              </th>
              <td>
                <input type="text" aria-label={`Name for ${r.id}`} value={r.name} maxLength={renameLimits.name} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} data-testid="bulk-rename-name" />
              </td>
              <td>
                <input type="text" aria-label={`Room for ${r.id}`} value={r.room} maxLength={renameLimits.room} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, room: e.target.value } : x)))} data-testid="bulk-rename-room" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="bulk__buttons">
        <button type="submit" className="btn btn--primary" disabled={save.busy} data-testid="bulk-rename-save">
          {save.busy ? 'Saving…' : 'Save names'}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={save.error} testId="bulk-rename-error" />
    </form>
  );
}

/** Two identities of one sensor (heard directly and through govee2mqtt…): pick the one to keep. */
function MergeForm({ a, b, onDone }: { a: Device; b: Device; onDone: (kept: Device | null, gone: string) => void }) {
  const api = useApi();
  const id = useId();
  const [keep, setKeep] = useState(a.id);
  const from = keep === a.id ? b : a;
  const merge = useAction(async () => onDone(await api.call('devices.merge', { from: from.id, into: keep }), from.id));
  const option = (d: Device) => (
    <label className="merge__option" key={d.id}>
      <input type="radio" name={`${id}-keep`} value={d.id} checked={keep === d.id} onChange={() => setKeep(d.id)} data-testid="merge-keep" />
      Keep <strong>{displayName(d, d.id)}</strong> <code>{d.id}</code>
    </label>
  );
  return (
    <div className="merge" data-testid="merge-form">
      <p className="merge__text">
        One device from now on: the history of <code>{from.id}</code> joins the device you keep, and readings that still arrive under{' '}
        <code>{from.id}</code> are filed under it.
      </p>
      <fieldset className="merge__choice">
        <legend className="sr-only">Which identity to keep</legend>
        {option(a)}
        {option(b)}
      </fieldset>
      <div className="bulk__buttons">
        <button type="button" className="btn btn--primary" disabled={merge.busy} onClick={() => void merge.run()} data-testid="merge-confirm">
          Merge into {displayName(keep === a.id ? a : b, keep)}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null, from.id)}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={merge.error} />
    </div>
  );
}

function ForgetForm({ device, onDone }: { device: Device; onDone: (gone: string | null) => void }) {
  const api = useApi();
  const forget = useAction(async () => {
    await api.call('devices.forget', { id: device.id });
    onDone(device.id);
  });
  return (
    <div className="merge" data-testid="forget-form">
      <p className="merge__text">
        Forget <strong>{displayName(device, device.id)}</strong> and its whole history? If it reports again it comes back as a new, unnamed device. (Hide keeps the history.)
      </p>
      <div className="bulk__buttons">
        <button type="button" className="btn btn--primary" disabled={forget.busy} onClick={() => void forget.run()} data-testid="forget-confirm">
          Forget it
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      <ErrorMessage error={forget.error} />
    </div>
  );
}
