import { useId, useState } from 'react';
import type { NamesImportReport } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { downloadText } from '../../lib/browser.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

interface Props {
  canControl: boolean;
  /** Text to start the paste box with (the selected devices as id,name,room). */
  seed?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Names for the next site: export every name, room and note as CSV or JSON; paste or load a list
 * (`id,name,room`) — first checked (what would change, which ids wait for their device), then applied.
 */
export function NamesTransfer({ canControl, seed }: Props) {
  const api = useApi();
  const id = useId();
  const [format, setFormat] = useState<'csv' | 'json'>('csv');
  const [text, setText] = useState(seed ?? '');
  const [report, setReport] = useState<{ report: NamesImportReport; applied: boolean } | null>(null);

  const exportAction = useAction(async (f: 'csv' | 'json') => {
    const r = await api.call('devices.exportNames', { format: f });
    downloadText(`showsite-device-names-${today()}.${f}`, r.text, f === 'csv' ? 'text/csv' : 'application/json');
  });
  const run = useAction(async (dryRun: boolean) => {
    setReport({ report: await api.call('devices.importNames', { format, text, dryRun }), applied: !dryRun });
  });

  const summary = (r: NamesImportReport, applied: boolean) =>
    applied
      ? `${r.applied} renamed, ${r.unchanged} already so, ${r.pending} kept for devices not seen yet.`
      : `Would rename ${r.applied}, ${r.unchanged} already so, ${r.pending} not seen yet (kept until they report). Nothing changed yet.`;

  return (
    <details className="names-transfer" data-testid="names-transfer">
      <summary className="section-title">Names for the next site (CSV / JSON)</summary>
      <div className="form-row">
        <button type="button" className="btn" onClick={() => void exportAction.run('csv')} disabled={exportAction.busy} data-testid="names-export-csv">
          Export CSV
        </button>
        <button type="button" className="btn" onClick={() => void exportAction.run('json')} disabled={exportAction.busy} data-testid="names-export-json">
          Export JSON
        </button>
      </div>
      <ErrorMessage error={exportAction.error} />
      {canControl && (
        <div className="names-transfer__import">
          <div className="field">
            <label htmlFor={`${id}-text`}>Paste names: one device per line, id,name,room (an empty cell leaves it, “-” clears it)</label>
            <textarea
              id={`${id}-text`}
              className="names-transfer__text"
              rows={6}
              value={text}
              onChange={(e) => {
                setText(e.target.value);
                // Pasted text says what it is (a JSON file loaded before must not make a CSV paste "not valid JSON").
                if (e.target.value.trim() !== '') setFormat(/^\s*[[{]/.test(e.target.value) ? 'json' : 'csv');
                setReport(null);
              }}
              placeholder={'ble:A4:C1:38:DD:DB:F8,Stage left,Stage\ngovee:52:8B:D4:AD:FC:45:5D:FE,Bar fridge,Bar'}
              spellCheck={false}
              data-testid="names-text"
            />
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`${id}-format`}>Format</label>
              <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as 'csv' | 'json')} data-testid="names-format">
                <option value="csv">CSV</option>
                <option value="json">JSON</option>
              </select>
            </div>
            <input
              id={`${id}-file`}
              type="file"
              className="file-input"
              accept=".csv,.json,.txt,text/csv,application/json"
              data-testid="names-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (!f) return;
                const name = f.name.toLowerCase();
                void f.text().then((t) => {
                  // By its name, else by what it holds (a .csv after a .json must not stay "JSON").
                  setFormat(name.endsWith('.json') ? 'json' : name.endsWith('.csv') ? 'csv' : /^\s*[[{]/.test(t) ? 'json' : 'csv');
                  setText(t);
                  setReport(null);
                });
                e.target.value = '';
              }}
            />
            <label className="btn file-btn" htmlFor={`${id}-file`}>
              Load a file…
            </label>
            <button type="button" className="btn" disabled={run.busy || text.trim() === ''} onClick={() => void run.run(true)} data-testid="names-check">
              Check
            </button>
            <button type="button" className="btn btn--primary" disabled={run.busy || text.trim() === ''} onClick={() => void run.run(false)} data-testid="names-apply">
              Apply
            </button>
          </div>
          {report && (
            <p className="muted" role="status" data-testid="names-report">
              {summary(report.report, report.applied)}
            </p>
          )}
          <ErrorMessage error={run.error} testId="names-error" />
        </div>
      )}
    </details>
  );
}
