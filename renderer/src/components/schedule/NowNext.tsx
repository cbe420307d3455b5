import type { EntryView, ScheduleView } from '../../../../preload/contract/index.ts';
import { useNow } from '../../hooks/useNow.ts';
import { countdown, inTime, slipClass, slipText, venueTime } from '../../lib/schedule-format.ts';

/** What is on stage (time left, red once it overruns) and what is next (its expected start). */
export function NowNext({ view, receivedAt }: { view: ScheduleView; receivedAt: number }) {
  const now = useNow(250);
  const elapsed = Math.min(10_000, Math.max(0, now - receivedAt));
  const running = view.entries.find((e) => e.id === view.runningId) ?? null;
  const next = view.entries.find((e) => e.id === view.nextId) ?? null;
  return (
    <div className="now-next">
      <section className={`now-next__box now${running?.overrun || (running && (running.timeLeftMs ?? 0) - elapsed < 0) ? ' now--over' : ''}`} data-testid="now-playing" aria-label="On stage now">
        <h2 className="now-next__label">On stage</h2>
        {running ? <Running e={running} view={view} elapsed={elapsed} /> : <p className="now-next__title muted">Nothing playing{next ? ' — changeover' : ''}</p>}
      </section>
      <section className="now-next__box next" data-testid="up-next" aria-label="Next">
        <h2 className="now-next__label">Next</h2>
        {next ? (
          <>
            <p className="now-next__title">{next.title}</p>
            <p className="now-next__meta">
              expected <strong data-testid="up-next-expected">{venueTime(next.expectedStart, view.zone, view.date)}</strong>
              {next.expectedStart !== null && ` · ${inTime(next.expectedStart - (view.now + elapsed))}`}
              {' · '}
              <span className={`slip slip--${slipClass(next.slipSeconds)}`}>{slipText(next.slipSeconds)}</span>
            </p>
          </>
        ) : (
          <p className="now-next__title muted">Nothing left to start</p>
        )}
      </section>
    </div>
  );
}

function Running({ e, view, elapsed }: { e: EntryView; view: ScheduleView; elapsed: number }) {
  const left = (e.timeLeftMs ?? 0) - elapsed;
  const over = left < 0;
  return (
    <>
      <p className="now-next__title">{e.title}</p>
      <p className={`now-next__countdown${over ? ' now-next__countdown--over' : ''}`} data-testid="time-left" data-over={over ? 'true' : 'false'}>
        {over ? `over by ${countdown(-left)}` : `${countdown(left)} left`}
      </p>
      <p className="now-next__meta">
        started {venueTime(e.actualStart, view.zone, view.date)} · <span className={`slip slip--${slipClass(e.slipSeconds)}`}>{slipText(e.slipSeconds)}</span> · ends {venueTime(e.expectedEnd, view.zone, view.date)}
      </p>
    </>
  );
}
