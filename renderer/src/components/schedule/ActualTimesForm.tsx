import { useId, useState } from 'react';
import type { EntryView, ScheduleState } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { venueClock } from '../../lib/schedule-format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const clockPattern = /^(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?$/;

/**
 * Correct a set's actual start and end afterwards, in venue time (HH:MM or HH:MM:SS). The console reads a
 * time on the occurrence nearest the planned one, so 00:40 for a set planned at 00:30 is after midnight.
 * An empty end clears it (the set is running again).
 */
export function ActualTimesForm({ entry, state, apply, onDone }: { entry: EntryView; state: ScheduleState; apply: (s: ScheduleState) => void; onDone: () => void }) {
  const api = useApi();
  const zone = state.view.zone;
  const startId = useId();
  const endId = useId();
  const [start, setStart] = useState(entry.actualStart === null ? '' : venueClock(entry.actualStart, zone, true));
  const [end, setEnd] = useState(entry.actualEnd === null ? '' : venueClock(entry.actualEnd, zone, true));
  const badStart = start.trim() !== '' && !clockPattern.test(start.trim());
  const badEnd = end.trim() !== '' && !clockPattern.test(end.trim());
  const save = useAction(async () => {
    const s = start.trim();
    const e = end.trim();
    apply(await api.call('schedule.editActual', { id: entry.id, date: state.date, actualStart: s === '' ? null : s, actualEnd: e === '' ? null : e }));
    onDone();
  });
  return (
    <form
      className="actual-form"
      data-testid="actual-form"
      onSubmit={(ev) => {
        ev.preventDefault();
        if (!badStart && !badEnd) void save.run();
      }}
    >
      <div className="form-row">
        <div className="field">
          <label htmlFor={startId}>Actual start</label>
          <input id={startId} className="input--narrow" value={start} onChange={(ev) => setStart(ev.target.value)} placeholder="HH:MM:SS" aria-invalid={badStart} data-testid="actual-start" />
        </div>
        <div className="field">
          <label htmlFor={endId}>Actual end</label>
          <input id={endId} className="input--narrow" value={end} onChange={(ev) => setEnd(ev.target.value)} placeholder="empty = still running" aria-invalid={badEnd} data-testid="actual-end" />
        </div>
        <button type="submit" className="btn btn--primary" disabled={save.busy || badStart || badEnd} data-testid="actual-save">
          Save times
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
        <p className="muted field-note">Venue time ({zone}), HH:MM or HH:MM:SS. Undo takes a correction back.</p>
      </div>
      <ErrorMessage error={save.error} />
    </form>
  );
}
