import type { ScheduleView } from '../../../../preload/contract/index.ts';
import { curfewText } from '../../lib/schedule-format.ts';

const titles = { ok: 'Curfew OK', warning: 'Curfew warning', danger: 'Curfew danger' } as const;

/** The curfew projection, on every view of the running order: ok, warning (amber) or danger (red). */
export function CurfewBar({ view }: { view: ScheduleView }) {
  const state = view.curfew === null ? 'ok' : view.curfewState;
  return (
    <div className={`curfew curfew--${state}`} data-testid="curfew" data-state={view.curfewState} role="status">
      <strong className="curfew__state">{view.curfew === null ? 'Curfew' : titles[state]}</strong>
      <span className="curfew__text">{curfewText(view)}</span>
    </div>
  );
}
