import type { ScheduleState } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

/**
 * The operator's buttons: Start now (the next set, when nothing is playing), End now (the set on stage),
 * Next (end it and start the next at the same moment), and Undo of the last change to the day.
 */
export function OperatorControls({ state, apply }: { state: ScheduleState; apply: (s: ScheduleState) => void }) {
  const api = useApi();
  const { view } = state;
  const running = view.entries.find((e) => e.id === view.runningId) ?? null;
  const next = view.entries.find((e) => e.id === view.nextId) ?? null;
  const date = state.date;
  const action = useAction(async (kind: 'start' | 'end' | 'next' | 'undo') => {
    if (kind === 'start' && next) apply(await api.call('schedule.start', { id: next.id, date }));
    else if (kind === 'end' && running) apply(await api.call('schedule.end', { id: running.id, date }));
    else if (kind === 'next') apply(await api.call('schedule.next', { date }));
    else if (kind === 'undo') apply(await api.call('schedule.undo', { date }));
  });
  return (
    <div className="op-controls">
      <div className="op-controls__row">
        <button type="button" className="btn btn--primary op-btn" data-testid="op-start" disabled={action.busy || running !== null || next === null} onClick={() => void action.run('start')}>
          Start now{next && running === null ? <span className="op-btn__what">{next.title}</span> : null}
        </button>
        <button type="button" className="btn op-btn op-btn--end" data-testid="op-end" disabled={action.busy || running === null} onClick={() => void action.run('end')}>
          End now{running ? <span className="op-btn__what">{running.title}</span> : null}
        </button>
        <button type="button" className="btn op-btn" data-testid="op-next" disabled={action.busy || (running === null && next === null)} onClick={() => void action.run('next')}>
          Next{next ? <span className="op-btn__what">→ {next.title}</span> : null}
        </button>
        <button
          type="button"
          className="btn op-btn op-btn--undo"
          data-testid="op-undo"
          disabled={action.busy || state.undo.steps === 0}
          onClick={() => void action.run('undo')}
          title={state.undo.last ? `Undo: ${state.undo.last}` : 'Nothing to undo'}
        >
          Undo{state.undo.last ? <span className="op-btn__what">{state.undo.last}</span> : null}
        </button>
      </div>
      <ErrorMessage error={action.error} testId="op-error" />
    </div>
  );
}
