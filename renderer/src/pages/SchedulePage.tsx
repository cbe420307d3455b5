import { BigClock } from '../components/schedule/BigClock.tsx';
import { CurfewBar } from '../components/schedule/CurfewBar.tsx';
import { EditorView } from '../components/schedule/EditorView.tsx';
import { ImportExport } from '../components/schedule/ImportExport.tsx';
import { NowNext } from '../components/schedule/NowNext.tsx';
import { OperatorControls } from '../components/schedule/OperatorControls.tsx';
import { ReportView } from '../components/schedule/ReportView.tsx';
import { RunningOrder } from '../components/schedule/RunningOrder.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { useCanControl } from '../hooks/useCanControl.ts';
import { useRouteAnchor } from '../hooks/useRoute.ts';
import { useSchedule } from '../hooks/useSchedule.ts';
import { dateLabel } from '../lib/schedule-format.ts';
import { hrefFor } from '../lib/routes.ts';
import '../styles/schedule.css';

type Tab = 'run' | 'edit' | 'import' | 'report';

const tabs: { id: Tab; label: (control: boolean) => string; control: boolean }[] = [
  { id: 'run', label: (c) => (c ? 'Operator' : 'Running order'), control: false },
  { id: 'edit', label: () => 'Editor', control: true },
  { id: 'import', label: (c) => (c ? 'Import / export' : 'Export'), control: false },
  { id: 'report', label: () => 'Planned vs actual', control: false },
];

/**
 * The running order: the operator's view (Start now, End now, Next, Undo, times corrected afterwards), the
 * same live data read-only for a viewer's tablet, the editor, CSV import/export and the printable
 * planned-vs-actual report. The clock and the curfew projection stay on top whatever the tab.
 */
export function SchedulePage() {
  const control = useCanControl();
  const anchor = useRouteAnchor();
  const wanted = (tabs.find((t) => t.id === anchor)?.id ?? 'run') as Tab;
  const tab = !control && tabs.find((t) => t.id === wanted)?.control ? 'run' : wanted;
  const { state, receivedAt, error, apply } = useSchedule(null);

  return (
    <div className="page schedule-page" data-testid="schedule-page" data-mode={control ? 'control' : 'view'}>
      <div className="page__bar">
        <h1 className="page__title">Schedule</h1>
        {state && (
          <p className="muted schedule-page__day" data-testid="schedule-day" data-date={state.date}>
            {dateLabel(state.date)} · {state.view.zone}
          </p>
        )}
      </div>
      <nav className="sched-tabs" aria-label="Schedule views">
        {tabs
          .filter((t) => control || !t.control)
          .map((t) => (
            <a
              key={t.id}
              className="sched-tabs__tab"
              href={t.id === 'run' ? hrefFor('schedule') : `${hrefFor('schedule')}/${t.id}`}
              aria-current={tab === t.id ? 'page' : undefined}
              data-testid={`schedule-tab-${t.id}`}
            >
              {t.label(control)}
            </a>
          ))}
      </nav>
      <ErrorMessage error={error} />
      {!state && !error && <p className="muted">Loading…</p>}
      {state && (
        <div className="sched-top">
          <BigClock clock={state.clock} zone={state.view.zone} receivedAt={receivedAt} />
          <CurfewBar view={state.view} />
        </div>
      )}
      {state && tab === 'run' && (
        <>
          {!control && <p className="notice schedule-page__viewer">View only: the running order as the stage manager runs it, live.</p>}
          <NowNext view={state.view} receivedAt={receivedAt} />
          {control && <OperatorControls state={state} apply={apply} />}
          {state.day.entries.length === 0 ? (
            <p className="empty" data-testid="schedule-empty">
              No running order for {dateLabel(state.date)}.{control ? ' Import a CSV or add entries in the Editor.' : ''}
            </p>
          ) : (
            <RunningOrder state={state} apply={apply} control={control} />
          )}
        </>
      )}
      {state && tab === 'edit' && control && <EditorView currentDate={state.date} />}
      {state && tab === 'import' && <ImportExport control={control} date={state.date} />}
      {state && tab === 'report' && <ReportView currentDate={state.date} revision={state.revision} />}
    </div>
  );
}
