import { useId, useState, type ChangeEvent } from 'react';
import type { ParamsIn, Settings } from '../../../../preload/contract/index.ts';
import { useApi } from '../../hooks/api-context.tsx';
import { useAction } from '../../hooks/useAction.ts';
import { downloadText } from '../../lib/browser.ts';
import { exportFileName, parseSettingsFile } from '../../lib/settings-file.ts';
import { ErrorMessage } from '../ErrorMessage.tsx';

type ImportBody = ParamsIn<'settings.import'>['settings'];

export function ExportImport({ settings, apply }: { settings: Settings; apply: (s: Settings) => void }) {
  const api = useApi();
  const inputId = useId();
  const [imported, setImported] = useState<string | null>(null);

  const exporter = useAction(async () => {
    const body = await api.call('settings.export');
    downloadText(exportFileName(settings.site.name, Date.now()), `${JSON.stringify(body, null, 2)}\n`);
  });

  const importer = useAction(async (file: File) => {
    const parsed = parseSettingsFile(await file.text(), file.name);
    // A file that isn't JSON never reaches the core: nothing changes, the message says why.
    if (!parsed.ok) throw new Error(parsed.message);
    apply(await api.call('settings.import', { settings: parsed.value as ImportBody }));
    setImported(file.name);
  });

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    // Cleared so picking the same (fixed) file again fires change again.
    e.target.value = '';
    if (!file) return;
    setImported(null);
    await importer.run(file);
  };

  return (
    <div className="export-import">
      <div className="form-row">
        <button type="button" className="btn" data-testid="settings-export" onClick={() => void exporter.run()} disabled={exporter.busy}>
          Export settings…
        </button>
        <input
          id={inputId}
          className="file-input"
          type="file"
          accept="application/json,.json"
          data-testid="settings-import"
          onChange={(e) => void onFile(e)}
          disabled={importer.busy}
        />
        {/* The real input stays focusable (visually hidden); this label is its visible face. */}
        <label className="btn file-btn" htmlFor={inputId}>
          Import settings…
        </label>
        {importer.done && imported && (
          <span className="ok-note" role="status">
            Imported “{imported}”
          </span>
        )}
      </div>
      <p className="muted field-note">The file holds every setting; importing checks the whole file first and changes nothing if any part is wrong.</p>
      <ErrorMessage error={exporter.error} />
      <ErrorMessage error={importer.error} testId="import-error" />
    </div>
  );
}
