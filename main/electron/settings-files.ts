// File ▸ Export/Import settings. Dialogs, files and the core are injected so the flows are tested without Electron.
import type { CallOutcome } from '../../preload/contract/api.ts';
import type { ApiErrorBody } from '../../preload/contract/errors.ts';

export interface SettingsFileDeps {
  call(method: 'settings.export' | 'settings.import', params: unknown): Promise<CallOutcome>;
  /** Resolves to the chosen path, or undefined when the user cancels. */
  chooseSavePath(defaultName: string): Promise<string | undefined>;
  chooseOpenPath(): Promise<string | undefined>;
  readText(filePath: string): Promise<string>;
  writeText(filePath: string, text: string): Promise<void>;
  showError(title: string, message: string): void;
  showInfo(title: string, message: string): void;
}

export type FileActionResult = 'done' | 'cancelled' | 'failed';

/** Settings files are small; anything bigger is not one of ours. */
export const maxSettingsFileBytes = 1024 * 1024;

export function defaultExportName(now: Date): string {
  return `showsite-settings-${now.toISOString().slice(0, 10)}.json`;
}

/** The core's message first (it says what to fix), then each field-level issue on its own line. */
export function describeApiError(error: ApiErrorBody): string {
  const lines = [error.message];
  for (const issue of error.issues ?? []) lines.push(`• ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
  return lines.join('\n');
}

const reason = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function exportSettings(deps: SettingsFileDeps, now = new Date()): Promise<FileActionResult> {
  const outcome = await deps.call('settings.export', {});
  if ('error' in outcome) {
    deps.showError('Could not export settings', describeApiError(outcome.error));
    return 'failed';
  }
  const target = await deps.chooseSavePath(defaultExportName(now));
  if (!target) return 'cancelled';
  try {
    await deps.writeText(target, `${JSON.stringify(outcome.result, null, 2)}\n`);
  } catch (err) {
    deps.showError('Could not export settings', `Writing ${target} failed: ${reason(err)}`);
    return 'failed';
  }
  return 'done';
}

export async function importSettings(deps: SettingsFileDeps): Promise<FileActionResult> {
  const source = await deps.chooseOpenPath();
  if (!source) return 'cancelled';
  let parsed: unknown;
  try {
    const text = await deps.readText(source);
    if (Buffer.byteLength(text) > maxSettingsFileBytes) throw new Error('the file is larger than 1 MB; is it a settings file?');
    parsed = JSON.parse(text);
  } catch (err) {
    deps.showError('Could not import settings', `${source} is not a readable settings file: ${reason(err)}`);
    return 'failed';
  }
  const outcome = await deps.call('settings.import', { settings: parsed });
  if ('error' in outcome) {
    deps.showError('Could not import settings', describeApiError(outcome.error));
    return 'failed';
  }
  deps.showInfo('Settings imported', `Settings from ${source} are now in use.`);
  return 'done';
}
