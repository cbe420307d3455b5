import { useEffect, useId, useState } from 'react';
import type { PlannedVsActual } from '../../../../preload/contract/index.ts';
import { ApiError } from '../../api/errors.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useScheduleDays } from '../../hooks/useSchedule.ts';
import { downloadText } from '../../lib/browser.ts';
import { dateLabel, venueTime } from '../../lib/schedule-format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const minutes = (n: number | null) => (n === null ? '' : n === 0 ? '0' : n > 0 ? `+${n}` : `−${-n}`);

/** Planned against actual for every set of a day: a printable page (print CSS) and the same as CSV. */
export function ReportView({ currentDate, revision }: { currentDate: string; revision: number }) {
  const api = useApi();
  const id = useId();
  const [date, setDate] = useState(currentDate);
  const { days } = useScheduleDays(revision);
  const [data, setData] = useState<{ report: PlannedVsActual; csv: string; filename: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    api.call('schedule.report', { date }).then(
      (r) => live && (setData(r), setError(null)),
      (e: unknown) => live && setError(ApiError.wrap(e)),
    );
    return () => {
      live = false;
    };
  }, [api, date, revision]);
  const dates = [...new Set([currentDate, date, ...days.map((d) => d.date)])].sort();
  const r = data?.report;
  const t = (ms: number | null) => (r ? venueTime(ms, r.zone, r.date) : '');
  return (
    <div className="report" data-testid="schedule-report">
      <div className="form-row report__tools">
        <div className="field">
          <label htmlFor={id}>Day</label>
          <select id={id} value={date} onChange={(e) => setDate(e.target.value)}>
            {dates.map((d) => (
              <option key={d} value={d}>
                {dateLabel(d)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn btn--primary" onClick={() => window.print()} data-testid="report-print">
          Print…
        </button>
        <button type="button" className="btn" disabled={!data} onClick={() => data && downloadText(data.filename, data.csv, 'text/csv')} data-testid="report-csv">
          Download CSV
        </button>
      </div>
      <ErrorMessage error={error} />
      {r && (
        <article className="report__sheet">
          <h2 className="report__title">
            Planned vs actual — {dateLabel(r.date)} <span className="muted">({r.zone})</span>
          </h2>
          <p className="report__summary">
            {r.setsPlayed} of {r.setsPlanned} sets played
            {r.maxStartSlipMin !== null && ` · latest start ${minutes(r.maxStartSlipMin)} min`}
            {r.finalEndSlipMin !== null && ` · last set ended ${minutes(r.finalEndSlipMin)} min against plan`}
          </p>
          {r.rows.length === 0 ? (
            <p className="empty">No sets on this day.</p>
          ) : (
            <div className="table-wrap">
              <table className="table report__table">
                <thead>
                  <tr>
                    <th>Set</th>
                    <th className="cell-num">Planned</th>
                    <th className="cell-num">Actual</th>
                    <th className="cell-num">Start slip (min)</th>
                    <th className="cell-num">End slip (min)</th>
                    <th className="cell-num">Length</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((row) => (
                    <tr key={row.entryId} data-testid="report-row">
                      <td>{row.title}</td>
                      <td className="cell-num">
                        {t(row.plannedStart)}–{t(row.plannedEnd)}
                      </td>
                      <td className="cell-num">{row.actualStart === null ? 'not played' : `${t(row.actualStart)}–${row.actualEnd === null ? '…' : t(row.actualEnd)}`}</td>
                      <td className="cell-num">{minutes(row.startSlipMin)}</td>
                      <td className="cell-num">{minutes(row.endSlipMin)}</td>
                      <td className="cell-num">
                        {row.actualMin === null ? `${row.plannedMin}` : `${row.actualMin} / ${row.plannedMin}`} min
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </article>
      )}
    </div>
  );
}
