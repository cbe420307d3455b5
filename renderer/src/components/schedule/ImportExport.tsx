import { useId, useState, type ChangeEvent } from 'react';
import type { ScheduleImportOutcome } from '../../../../preload/contract/index.ts';
import { ApiError } from '../../api/errors.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { downloadText } from '../../lib/browser.ts';
import { dateLabel } from '../../lib/schedule-format.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

const header = 'day,type,title,start,duration,changeover,notes';

/**
 * CSV in and out. An import is checked whole: every problem is listed by row and column, and nothing is
 * imported until the file is clean. A day that already has a running order is only replaced when asked.
 */
export function ImportExport({ control, date }: { control: boolean; date: string }) {
  const api = useApi();
  const inputId = useId();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [outcome, setOutcome] = useState<ScheduleImportOutcome | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);

  const importer = useAction(async (csv: string, replace: boolean) => {
    setConflict(null);
    try {
      setOutcome(await api.call('schedule.import', { csv, replace }));
    } catch (e) {
      const err = ApiError.wrap(e);
      if (err.code === 'conflict') {
        setOutcome(null);
        setConflict(err.message);
        return;
      }
      throw e;
    }
  });
  const exporter = useAction(async (all: boolean) => {
    const r = await api.call('schedule.export', all ? { all: true } : { date });
    downloadText(r.filename, r.csv, 'text/csv');
  });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    const text = await f.text();
    setFile({ name: f.name, text });
    setOutcome(null);
    await importer.run(text, false);
  };

  return (
    <div className="import-export">
      {control && (
        <section className="card" aria-labelledby={`${inputId}-h`}>
          <h2 className="card__title" id={`${inputId}-h`}>
            Import a CSV
          </h2>
          <p className="muted">
            Columns <code>{header}</code>: <code>day</code> a date (2026-07-04), <code>type</code> set, milestone or curfew, <code>start</code> local HH:MM (a time earlier than the row above is
            after midnight), <code>duration</code> and <code>changeover</code> in minutes.
          </p>
          <div className="form-row">
            <input id={inputId} className="file-input" type="file" accept=".csv,text/csv,text/plain" onChange={(e) => void onFile(e)} disabled={importer.busy} data-testid="csv-input" />
            <label className="btn btn--primary file-btn" htmlFor={inputId}>
              Choose a CSV file…
            </label>
            {file && <span className="muted">{file.name}</span>}
          </div>
          {conflict && file && (
            <div className="notice notice--warn" role="alert" data-testid="import-conflict">
              <p>{conflict}</p>
              <div className="form-row">
                <button type="button" className="btn btn--primary" data-testid="import-replace" onClick={() => void importer.run(file.text, true)} disabled={importer.busy}>
                  Replace and import
                </button>
                <button type="button" className="btn" onClick={() => setConflict(null)}>
                  Cancel
                </button>
              </div>
            </div>
          )}
          {outcome?.ok === true && (
            <p className="ok-note import-ok" role="status" data-testid="import-ok">
              Imported {outcome.days.map((d) => `${dateLabel(d.date)}: ${d.entries} entries${d.replaced ? ' (replaced)' : ''}`).join('; ')}.
            </p>
          )}
          {outcome?.ok === false && (
            <div className="import-report" role="alert" data-testid="import-report">
              <p className="error__message">
                Nothing was imported: {outcome.report.length} problem{outcome.report.length === 1 ? '' : 's'} in “{file?.name}”. Fix {outcome.report.length === 1 ? 'it' : 'them'} and import again.
              </p>
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th className="cell-num">Row</th>
                      <th>Column</th>
                      <th>Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {outcome.report.map((p, i) => (
                      <tr key={i} data-testid="import-problem" data-row={p.row}>
                        <td className="cell-num">{p.row}</td>
                        <td>{p.column ?? '—'}</td>
                        <td>{p.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          )}
          <ErrorMessage error={importer.error} />
        </section>
      )}
      <section className="card">
        <h2 className="card__title">Export</h2>
        <p className="muted">The same CSV format, to edit in a spreadsheet and import again (delay blocks, colours, cues and actual times travel in the show file instead).</p>
        <div className="form-row">
          <button type="button" className="btn" onClick={() => void exporter.run(false)} disabled={exporter.busy} data-testid="export-day">
            Export {dateLabel(date)}
          </button>
          <button type="button" className="btn" onClick={() => void exporter.run(true)} disabled={exporter.busy} data-testid="export-all">
            Export every day
          </button>
        </div>
        <ErrorMessage error={exporter.error} />
      </section>
    </div>
  );
}
