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
  const showExporter = useAction(async () => {
    const body = await api.call('show.export');
    downloadText(exportFileName(settings.site.name, Date.now()).replace('-settings-', '-show-'), `${JSON.stringify(body, null, 2)}\n`);
  });

  const importer = useAction(async (file: File) => {
    const parsed = parseSettingsFile(await file.text(), file.name);
    // A file that isn't JSON never reaches the core: nothing changes, the message says why.
    if (!parsed.ok) throw new Error(parsed.message);
    if (parsed.value.format === 'showsite-show') {
      // A whole show file: settings, the DMX library and every other part, checked as a whole by the core.
      await api.call('show.import', { show: parsed.value as ParamsIn<'show.import'>['show'] });
      apply(await api.call('settings.get'));
    } else apply(await api.call('settings.import', { settings: parsed.value as ImportBody }));
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
        <button type="button" className="btn" data-testid="show-export" onClick={() => void showExporter.run()} disabled={showExporter.busy}>
          Export show…
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
          Import settings or show…
        </label>
        {importer.done && imported && (
          <span className="ok-note" role="status">
            Imported “{imported}”
          </span>
        )}
      </div>
      <p className="muted field-note">
        A settings file holds every setting; a show file also holds the DMX patch, scenes and cue lists (everything but the readings). Importing checks the whole file first and
        changes nothing if any part is wrong.
      </p>
      <ErrorMessage error={exporter.error} />
      <ErrorMessage error={showExporter.error} />
      <ErrorMessage error={importer.error} testId="import-error" />
    </div>
  );
}
