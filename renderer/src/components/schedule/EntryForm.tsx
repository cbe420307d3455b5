import { useId, useState, type InputHTMLAttributes, type ReactNode } from 'react';
import { scheduleLimits } from '../../../../preload/contract/index.ts';
import { entryFromDraft, type EntryDraft, type EntryKind } from '../../lib/schedule-draft.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const kinds: { value: EntryKind; label: string }[] = [
  { value: 'set', label: 'Set' },
  { value: 'milestone', label: 'Milestone (doors…)' },
  { value: 'curfew', label: 'Curfew' },
  { value: 'delay', label: 'Delay block' },
];

/**
 * One entry's fields. Times are the day's clock: 24:00 and later are after midnight (01:30 → 25:30), so
 * the order of the day never depends on guessing. Saving hands the checked entry to `onSave`.
 */
export function EntryForm({
  initial,
  typeFixed,
  submitLabel,
  onSave,
  onCancel,
  busy,
  error,
}: {
  initial: EntryDraft;
  typeFixed: boolean;
  submitLabel: string;
  onSave: (draft: EntryDraft) => void;
  onCancel?: () => void;
  busy: boolean;
  error: unknown;
}) {
  const [d, setD] = useState<EntryDraft>(initial);
  const [shown, setShown] = useState<Partial<Record<keyof EntryDraft, string>>>({});
  const id = useId();
  const set = <K extends keyof EntryDraft>(k: K, v: EntryDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const field = (k: keyof EntryDraft, label: string, input: ReactNode, grow = false) => (
    <div className={`field${grow ? ' field--grow' : ''}`}>
      <label htmlFor={`${id}-${k}`}>{label}</label>
      {input}
      {shown[k] && (
        <p className="field-error" id={`${id}-${k}-err`}>
          {shown[k]}
        </p>
      )}
    </div>
  );
  const text = (k: keyof EntryDraft, extra: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      id={`${id}-${k}`}
      value={String(d[k])}
      onChange={(e) => set(k, e.target.value as never)}
      aria-invalid={shown[k] ? true : undefined}
      aria-describedby={shown[k] ? `${id}-${k}-err` : undefined}
      data-testid={`entry-${k}`}
      {...extra}
    />
  );
  return (
    <form
      className="entry-form"
      data-testid="entry-form"
      onSubmit={(e) => {
        e.preventDefault();
        const r = entryFromDraft(d);
        if (!r.ok) return setShown(r.errors);
        setShown({});
        onSave(d);
      }}
    >
      <div className="form-row">
        {!typeFixed &&
          field(
            'type',
            'Type',
            <select id={`${id}-type`} value={d.type} onChange={(e) => setD((x) => ({ ...x, type: e.target.value as EntryKind, title: e.target.value === 'curfew' && x.title === '' ? 'Curfew' : x.title }))} data-testid="entry-type">
              {kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>,
          )}
        {field('title', d.type === 'delay' ? 'Reason (optional)' : 'Title', text('title', { maxLength: scheduleLimits.titleMax }), true)}
        {d.type !== 'delay' && field('start', 'Planned start', text('start', { className: 'input--narrow', placeholder: 'HH:MM', inputMode: 'numeric' }))}
        {d.type === 'set' && (
          <div className="field">
            <label htmlFor={`${id}-lengthBy`}>Length by</label>
            <select id={`${id}-lengthBy`} value={d.lengthBy} onChange={(e) => set('lengthBy', e.target.value as EntryDraft['lengthBy'])} data-testid="entry-lengthBy">
              <option value="duration">Duration</option>
              <option value="end">End time</option>
            </select>
          </div>
        )}
        {d.type === 'set' && d.lengthBy === 'duration' && field('duration', 'Minutes', text('duration', { className: 'input--narrow', inputMode: 'numeric' }))}
        {d.type === 'set' && d.lengthBy === 'end' && field('end', 'Planned end', text('end', { className: 'input--narrow', placeholder: 'HH:MM' }))}
        {d.type === 'set' && field('changeover', 'Changeover after (min)', text('changeover', { className: 'input--narrow', inputMode: 'numeric' }))}
        {d.type === 'delay' && field('minutes', 'Minutes (− pulls in)', text('minutes', { className: 'input--narrow' }))}
        {d.type !== 'delay' && field('colour', 'Colour', text('colour', { className: 'input--narrow', placeholder: '#rrggbb' }))}
        {field('notes', 'Notes', text('notes', { maxLength: scheduleLimits.notesMax }), true)}
      </div>
      <p className="muted field-note">Times are the day’s clock in venue time: 24:00 and later are after midnight (01:30 → 25:30).</p>
      <div className="form-row entry-form__actions">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="entry-save">
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <ErrorMessage error={error} />
    </form>
  );
}
