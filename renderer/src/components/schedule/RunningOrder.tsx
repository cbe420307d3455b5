import { useState } from 'react';
import type { EntryView, ScheduleState } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { slipClass, slipText, venueTime } from '../../lib/schedule-format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';
import { ActualTimesForm } from './ActualTimesForm.tsx';

const stateLabel: Record<EntryView['state'], string> = { done: 'done', running: 'on stage', next: 'next', upcoming: '' };

/**
 * The running order as projected now: planned, expected (slipped) and actual times with the slip of each
 * entry. With control, each set has Start/End and, once played, "Times…" to correct its actual times.
 */
export function RunningOrder({ state, apply, control }: { state: ScheduleState; apply: (s: ScheduleState) => void; control: boolean }) {
  const api = useApi();
  const { view } = state;
  const [editing, setEditing] = useState<string | null>(null);
  const act = useAction(async (kind: 'start' | 'end', id: string) => {
    apply(await api.call(kind === 'start' ? 'schedule.start' : 'schedule.end', { id, date: state.date }));
  });
  if (view.entries.length === 0) return null;
  const t = (ms: number | null) => venueTime(ms, view.zone, view.date);
  return (
    <div className="ro">
      <ErrorMessage error={act.error} />
      <div className="ro__head" aria-hidden="true">
        <span>Planned</span>
        <span>Expected</span>
        <span>Slip</span>
        <span>Entry</span>
        <span>Actual</span>
      </div>
      <ol className="ro__list" aria-label="Running order">
        {view.entries.map((e) => {
          const isSet = e.type === 'set';
          return (
            <li
              key={e.id}
              className={`ro-row ro-row--${e.type} ro-row--${e.state}${e.skipped ? ' ro-row--skipped' : ''}${e.overrun ? ' ro-row--over' : ''}`}
              data-testid="ro-row"
              data-entry-id={e.id}
              data-title={e.title}
              data-state={e.state}
              style={e.colour ? { borderLeftColor: e.colour } : undefined}
            >
              <span className="ro-row__planned" data-testid="ro-planned">
                {e.type === 'delay' ? '' : t(e.plannedStart)}
              </span>
              <span className="ro-row__expected" data-testid="ro-expected">
                {e.type === 'set' && !e.skipped ? t(e.expectedStart) : ''}
              </span>
              <span className={`ro-row__slip slip slip--${slipClass(e.slipSeconds)}`} data-testid="ro-slip">
                {e.type === 'delay' ? `${e.delayMinutes! > 0 ? '+' : ''}${e.delayMinutes} min` : e.type === 'set' ? slipText(e.slipSeconds) : ''}
              </span>
              <span className="ro-row__title">
                <span className="ro-row__name">{e.type === 'delay' ? e.title || 'Delay' : e.title}</span>
                <span className="ro-row__kind">
                  {e.type === 'set' ? `${Math.round(((e.plannedEnd ?? 0) - (e.plannedStart ?? 0)) / 60_000)} min${e.changeoverAfterMin ? ` · changeover ${e.changeoverAfterMin}` : ''}` : e.type}
                  {e.skipped ? ' · skipped' : ''}
                  {stateLabel[e.state] && !e.skipped ? <span className={`ro-row__badge ro-row__badge--${e.state}`}>{stateLabel[e.state]}</span> : null}
                </span>
              </span>
              <span className="ro-row__actual" data-testid="ro-actual">
                {isSet && e.actualStart !== null ? `${t(e.actualStart)}–${e.actualEnd !== null ? t(e.actualEnd) : '…'}` : ''}
              </span>
              {control && isSet && (
                <span className="ro-row__actions">
                  {e.state === 'running' && (
                    <button type="button" className="btn btn--small" disabled={act.busy} onClick={() => void act.run('end', e.id)} data-testid="ro-end">
                      End
                    </button>
                  )}
                  {e.actualStart === null && !e.skipped && (
                    <button type="button" className="btn btn--small" disabled={act.busy} onClick={() => void act.run('start', e.id)} data-testid="ro-start">
                      Start
                    </button>
                  )}
                  {e.actualStart !== null && (
                    <button type="button" className="btn btn--small" onClick={() => setEditing(editing === e.id ? null : e.id)} aria-expanded={editing === e.id} data-testid="ro-times">
                      Times…
                    </button>
                  )}
                </span>
              )}
              {editing === e.id && <ActualTimesForm entry={e} state={state} apply={apply} onDone={() => setEditing(null)} />}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
