import { useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import type { DmxLibrary, ScheduleConflict, ScheduleEntry, ScheduleState } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { useDmxLibrarySource } from '../../hooks/useDmx.ts';
import { useSchedule, useScheduleDays } from '../../hooks/useSchedule.ts';
import { dateLabel, dayClockLabel } from '../../lib/schedule-format.ts';
import { draftOf, dropTarget, emptyDraft, entryFromDraft, moveTarget, patchFromDraft, type EntryDraft } from '../../lib/schedule-draft.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { CueEditor } from './CueEditor.tsx';
import { EntryForm } from './EntryForm.tsx';

/**
 * The running-order editor: pick a day, add, edit, delete and reorder entries (drag a row by its handle —
 * mouse, pen or finger — or focus the handle and use ↑/↓), each entry's cues, duplicate or clear a day. Overlapping or
 * out-of-order plans are flagged on their rows; nothing is ever re-sorted by time.
 */
export function EditorView({ currentDate }: { currentDate: string }) {
  const [date, setDate] = useState(currentDate);
  const { state, error, apply } = useSchedule(date);
  // A copy to another date answers with THAT day: its revision refreshes the list of days, but this editor stays put.
  const [copiedRevision, setCopiedRevision] = useState(0);
  const { days } = useScheduleDays(state ? Math.max(state.revision, copiedRevision) : undefined);
  const { library } = useDmxLibrarySource();
  const dateId = useId();
  const dates = [...new Set([currentDate, date, ...days.map((d) => d.date)])].sort();
  const [other, setOther] = useState('');

  return (
    <div className="editor" data-testid="schedule-editor">
      <div className="form-row editor__days">
        <div className="field">
          <label htmlFor={dateId}>Day</label>
          <select id={dateId} value={date} onChange={(e) => setDate(e.target.value)} data-testid="editor-day">
            {dates.map((d) => {
              const summary = days.find((x) => x.date === d);
              return (
                <option key={d} value={d}>
                  {dateLabel(d)}
                  {d === currentDate ? ' (today)' : ''}
                  {summary ? ` — ${summary.entries} entries` : ' — empty'}
                </option>
              );
            })}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${dateId}-other`}>Another date</label>
          <input id={`${dateId}-other`} type="date" value={other} onChange={(e) => setOther(e.target.value)} data-testid="editor-other-date" />
        </div>
        <button type="button" className="btn" disabled={!/^\d{4}-\d{2}-\d{2}$/.test(other)} onClick={() => setDate(other)}>
          Open
        </button>
      </div>
      <ErrorMessage error={error} />
      {state && <DayEditor key={state.date} state={state} apply={apply} library={library} days={days.map((d) => d.date)} onCopied={setCopiedRevision} onOpen={setDate} />}
    </div>
  );
}

type RowMode = { id: string; mode: 'edit' | 'cues' } | null;

function DayEditor({
  state,
  apply,
  library,
  days,
  onCopied,
  onOpen,
}: {
  state: ScheduleState;
  apply: (s: ScheduleState) => void;
  library: DmxLibrary | null;
  days: string[];
  onCopied: (revision: number) => void;
  onOpen: (date: string) => void;
}) {
  const api = useApi();
  const entries = state.day.entries;
  const [open, setOpen] = useState<RowMode>(null);
  const [drag, setDrag] = useState<{ id: string; over: number | null; lower: boolean } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [copyDate, setCopyDate] = useState('');
  const [addKey, setAddKey] = useState(0);
  const [copiedTo, setCopiedTo] = useState<{ date: string; entries: number } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // The drag in progress, readable at once by pointer events (the state that draws the drop mark renders later).
  const dragging = useRef<{ id: string; startY: number; moved: boolean } | null>(null);
  const copyId = useId();
  const date = state.date;

  const run = useAction(async (work: () => Promise<ScheduleState>) => {
    apply(await work());
  });
  const adder = useAction(async (draft: EntryDraft) => {
    const r = entryFromDraft(draft);
    if (!r.ok) return;
    apply(await api.call('schedule.add', { date, entry: r.value }));
    setAddKey((k) => k + 1);
  });
  // Not `run`: its answer is the other day, which must not replace the one on screen.
  const duplicate = useAction(async (to: string) => {
    const copy = await api.call('schedule.duplicateDay', { from: date, to });
    setCopiedTo({ date: copy.date, entries: copy.day.entries.length });
    setCopyDate('');
    onCopied(copy.revision);
  });
  const saver = useAction(async (entry: ScheduleEntry, draft: EntryDraft) => {
    const r = patchFromDraft(draft);
    if (!r.ok) return;
    // An unchanged colour is left out: the core reads `colour: null` as "remove the field", which an entry cannot lose.
    const { colour, ...rest } = r.value;
    const patch = colour === undefined || colour === (entry.type === 'delay' ? null : entry.colour) ? rest : { ...rest, colour };
    apply(await api.call('schedule.update', { id: entry.id, date, patch }));
    setOpen(null);
  });

  // A row moved by keyboard keeps the focus on its handle (the list re-renders under it).
  useEffect(() => {
    if (!focusId) return;
    listRef.current?.querySelector<HTMLButtonElement>(`[data-handle-for="${CSS.escape(focusId)}"]`)?.focus();
  }, [focusId, state]);

  const move = (id: string, to: number) => void run.run(() => api.call('schedule.move', { id, date, toIndex: to }));

  const onHandleKey = (e: KeyboardEvent, index: number, id: string) => {
    const delta = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : e.key === 'Home' ? -index : e.key === 'End' ? entries.length : 0;
    if (delta === 0) return;
    e.preventDefault();
    const to = moveTarget(index, delta, entries.length);
    if (to === null) return;
    setFocusId(id);
    move(id, to);
  };

  /** The row under the pointer and whether it is in its lower half, or null off the list. */
  const rowAt = (x: number, y: number): { index: number; lower: boolean } | null => {
    const el = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-testid="editor-row"]');
    if (!el || !listRef.current?.contains(el)) return null;
    const index = entries.findIndex((x) => x.id === el.dataset.entryId);
    const r = el.getBoundingClientRect();
    return index < 0 ? null : { index, lower: y > r.top + r.height / 2 };
  };
  // Pointer events rather than HTML drag-and-drop: the same code works with a mouse and on a touch screen.
  const onHandleDown = (e: PointerEvent<HTMLButtonElement>, id: string) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    dragging.current = { id, startY: e.clientY, moved: false };
  };
  const onHandleMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = dragging.current;
    if (!d) return;
    if (!d.moved && Math.abs(e.clientY - d.startY) < 6) return;
    d.moved = true;
    const at = rowAt(e.clientX, e.clientY);
    if (!at) return setDrag({ id: d.id, over: null, lower: false });
    if (drag?.id !== d.id || drag.over !== at.index || drag.lower !== at.lower) setDrag({ id: d.id, over: at.index, lower: at.lower });
  };
  const onHandleUp = (e: PointerEvent<HTMLButtonElement>) => {
    const d = dragging.current;
    dragging.current = null;
    setDrag(null);
    if (!d?.moved) return;
    const at = rowAt(e.clientX, e.clientY);
    const from = entries.findIndex((x) => x.id === d.id);
    const to = at && from >= 0 ? dropTarget(from, at.index, at.lower) : null;
    if (to !== null) move(d.id, to);
  };
  const onHandleCancel = () => {
    dragging.current = null;
    setDrag(null);
  };

  const flagsFor = (id: string) => state.view.conflicts.filter((c) => c.entryIds.includes(id));
  const titleOf = (id: string) => entries.find((e) => e.id === id)?.title ?? id;
  const copySources = days.filter((d) => d !== date);

  return (
    <>
      <div className="form-row editor__tools">
        <button type="button" className="btn" data-testid="editor-undo" disabled={run.busy || state.undo.steps === 0} onClick={() => void run.run(() => api.call('schedule.undo', { date }))}>
          Undo{state.undo.last ? `: ${state.undo.last}` : ''}
        </button>
        {entries.length > 0 ? (
          <>
            <div className="field">
              <label htmlFor={copyId}>Duplicate this day to</label>
              <input id={copyId} type="date" value={copyDate} onChange={(e) => setCopyDate(e.target.value)} data-testid="duplicate-date" />
            </div>
            <button type="button" className="btn" data-testid="duplicate-day" disabled={duplicate.busy || !/^\d{4}-\d{2}-\d{2}$/.test(copyDate)} onClick={() => void duplicate.run(copyDate)}>
              Duplicate
            </button>
            {confirmClear ? (
              <>
                <button type="button" className="btn btn--danger" data-testid="clear-day-confirm" onClick={() => void run.run(() => api.call('schedule.clearDay', { date })).then(() => setConfirmClear(false))}>
                  Remove all {entries.length} entries
                </button>
                <button type="button" className="btn" onClick={() => setConfirmClear(false)}>
                  Keep them
                </button>
              </>
            ) : (
              <button type="button" className="btn" data-testid="clear-day" onClick={() => setConfirmClear(true)}>
                Clear day…
              </button>
            )}
          </>
        ) : (
          copySources.length > 0 && (
            <>
              <div className="field">
                <label htmlFor={copyId}>Copy a day here</label>
                <select id={copyId} value={copyDate} onChange={(e) => setCopyDate(e.target.value)} data-testid="copy-from">
                  <option value="">Choose a day…</option>
                  {copySources.map((d) => (
                    <option key={d} value={d}>
                      {dateLabel(d)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="button" className="btn" disabled={run.busy || copyDate === ''} onClick={() => void run.run(() => api.call('schedule.duplicateDay', { from: copyDate, to: date }))}>
                Copy here
              </button>
            </>
          )
        )}
      </div>
      {copiedTo && (
        <p className="ok-note editor__copied" role="status" data-testid="duplicate-done">
          Copied {copiedTo.entries} {copiedTo.entries === 1 ? 'entry' : 'entries'} to {dateLabel(copiedTo.date)}.{' '}
          <button type="button" className="btn btn--small" onClick={() => onOpen(copiedTo.date)} data-testid="duplicate-open">
            Open it
          </button>
        </p>
      )}
      <ErrorMessage error={run.error} testId="editor-error" />
      <ErrorMessage error={duplicate.error} testId="duplicate-error" />
      {state.view.conflicts.length > 0 && (
        <p className="notice notice--warn" data-testid="editor-conflicts">
          {state.view.conflicts.length === 1 ? 'One clash' : `${state.view.conflicts.length} clashes`} in the plan (marked below). Entries stay in the order you gave them: move or retime them to fix it.
        </p>
      )}
      {entries.length === 0 ? (
        <p className="empty">No entries on {dateLabel(date)} yet: add one below, import a CSV, or copy another day here.</p>
      ) : (
        <>
          <p className="muted editor__hint kbd-hint">Drag a row by its handle, or focus the handle and press ↑ / ↓ (Home / End) to move it.</p>
          <ol className="ed-list" ref={listRef} aria-label={`Running order of ${dateLabel(date)}`}>
            {entries.map((e, index) => (
              <EditorRow
                key={e.id}
                entry={e}
                index={index}
                count={entries.length}
                flags={flagsFor(e.id)}
                titleOf={titleOf}
                open={open?.id === e.id ? open.mode : null}
                dragging={drag?.id === e.id}
                dropMark={drag && drag.over === index && drag.id !== e.id ? (drag.lower ? 'below' : 'above') : null}
                busy={run.busy}
                onToggle={(mode) => setOpen(open?.id === e.id && open.mode === mode ? null : { id: e.id, mode })}
                onMove={(to) => {
                  setFocusId(e.id);
                  move(e.id, to);
                }}
                onDelete={() => void run.run(() => api.call('schedule.remove', { id: e.id, date }))}
                onHandleKey={(ev) => onHandleKey(ev, index, e.id)}
                onHandleDown={(ev) => onHandleDown(ev, e.id)}
                onHandleMove={onHandleMove}
                onHandleUp={onHandleUp}
                onHandleCancel={onHandleCancel}
              >
                {open?.id === e.id && open.mode === 'edit' && (
                  <EntryForm initial={draftOf(e)} typeFixed submitLabel="Save" busy={saver.busy} error={saver.error} onSave={(d) => void saver.run(e, d)} onCancel={() => setOpen(null)} />
                )}
                {open?.id === e.id && open.mode === 'cues' && e.type !== 'delay' && <CueEditor entry={e} state={state} library={library} apply={apply} />}
              </EditorRow>
            ))}
          </ol>
        </>
      )}
      <section className="card editor__add" aria-label="Add an entry">
        <h2 className="card__title">Add an entry</h2>
        <EntryForm key={addKey} initial={emptyDraft('set', suggestStart(entries))} typeFixed={false} submitLabel="Add entry" busy={adder.busy} error={adder.error} onSave={(d) => void adder.run(d)} />
      </section>
    </>
  );
}

/** The start a new set most likely has: right after the last set's end and changeover. */
function suggestStart(entries: readonly ScheduleEntry[]): string {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.type !== 'set') continue;
    const [h, m] = e.plannedStart.split(':').map(Number) as [number, number];
    const start = h * 60 + m;
    const length = e.plannedDurationMin ?? (() => {
      const [eh, em] = (e.plannedEnd ?? e.plannedStart).split(':').map(Number) as [number, number];
      let end = (eh * 60 + em) % 1440;
      while (end < start) end += 1440;
      return end - start;
    })();
    const next = Math.min(47 * 60 + 59, start + length + e.changeoverAfterMin);
    return `${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`;
  }
  return '';
}

interface RowProps {
  entry: ScheduleEntry;
  index: number;
  count: number;
  flags: ScheduleConflict[];
  titleOf: (id: string) => string;
  open: 'edit' | 'cues' | null;
  dragging: boolean;
  dropMark: 'above' | 'below' | null;
  busy: boolean;
  onToggle: (mode: 'edit' | 'cues') => void;
  onMove: (to: number) => void;
  onDelete: () => void;
  onHandleKey: (e: KeyboardEvent) => void;
  onHandleDown: (e: PointerEvent<HTMLButtonElement>) => void;
  onHandleMove: (e: PointerEvent<HTMLButtonElement>) => void;
  onHandleUp: (e: PointerEvent<HTMLButtonElement>) => void;
  onHandleCancel: () => void;
  children?: ReactNode;
}

function lengthText(e: ScheduleEntry): string {
  if (e.type === 'delay') return `${e.minutes > 0 ? '+' : ''}${e.minutes} min delay`;
  if (e.type !== 'set') return e.type;
  const length = e.plannedDurationMin !== undefined ? `${e.plannedDurationMin} min` : `until ${dayClockLabel(e.plannedEnd!)}`;
  return `${length}${e.changeoverAfterMin ? ` · changeover ${e.changeoverAfterMin} min` : ''}`;
}

function EditorRow(p: RowProps) {
  const e = p.entry;
  const name = e.title || (e.type === 'delay' ? 'Delay' : e.type);
  return (
    <li
      className={`ed-row ed-row--${e.type}${p.dragging ? ' ed-row--dragging' : ''}${p.dropMark ? ` ed-row--drop-${p.dropMark}` : ''}${p.flags.length ? ' ed-row--flagged' : ''}`}
      data-testid="editor-row"
      data-entry-id={e.id}
      data-title={e.title}
    >
      <button
        type="button"
        className="ed-row__handle"
        data-handle-for={e.id}
        aria-label={`Move “${name}” (position ${p.index + 1} of ${p.count}): ↑ or ↓`}
        onKeyDown={p.onHandleKey}
        onPointerDown={p.onHandleDown}
        onPointerMove={p.onHandleMove}
        onPointerUp={p.onHandleUp}
        onPointerCancel={p.onHandleCancel}
        data-testid="editor-handle"
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <span className="ed-row__time">{e.type === 'delay' ? '' : dayClockLabel(e.plannedStart)}</span>
      <span className="ed-row__main">
        <span className="ed-row__name">{name}</span>
        <span className="ed-row__meta">
          {lengthText(e)}
          {e.type !== 'delay' && e.cues.length > 0 ? ` · ${e.cues.length} cue${e.cues.length === 1 ? '' : 's'}` : ''}
          {e.type === 'set' && e.actualStart !== null ? ' · played' : ''}
        </span>
        {p.flags.map((c, i) => {
          const otherId = c.entryIds[0] === e.id ? c.entryIds[1] : c.entryIds[0];
          const min = Math.round(c.seconds / 60);
          return (
            <span key={i} className="ed-row__flag" data-testid="editor-flag" data-kind={c.kind}>
              {c.kind === 'overlap' ? `Overlaps “${p.titleOf(otherId)}” by ${min} min` : `Planned ${min} min before “${p.titleOf(otherId)}” above it`}
            </span>
          );
        })}
      </span>
      <span className="ed-row__actions">
        <button type="button" className="btn btn--small" aria-expanded={p.open === 'edit'} onClick={() => p.onToggle('edit')} data-testid="editor-edit">
          Edit
        </button>
        {e.type !== 'delay' && (
          <button type="button" className="btn btn--small" aria-expanded={p.open === 'cues'} onClick={() => p.onToggle('cues')} data-testid="editor-cues">
            Cues{e.cues.length ? ` (${e.cues.length})` : ''}
          </button>
        )}
        <button type="button" className="btn btn--small" aria-label={`Move “${name}” up`} disabled={p.busy || p.index === 0} onClick={() => p.onMove(p.index - 1)}>
          ↑
        </button>
        <button type="button" className="btn btn--small" aria-label={`Move “${name}” down`} disabled={p.busy || p.index === p.count - 1} onClick={() => p.onMove(p.index + 1)}>
          ↓
        </button>
        <button type="button" className="btn btn--small" disabled={p.busy} onClick={p.onDelete} data-testid="editor-delete" aria-label={`Delete “${name}”`}>
          Delete
        </button>
      </span>
      {p.open && <div className="ed-row__panel">{p.children}</div>}
    </li>
  );
}
