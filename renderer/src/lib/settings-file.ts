export type ParsedFile = { ok: true; value: Record<string, unknown> } | { ok: false; message: string };

/** Reads a settings file's text. Only the shape "a JSON object" is checked here; the console validates the rest. */
export function parseSettingsFile(text: string, fileName: string): ParsedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: `“${fileName}” is not a JSON file. Nothing was changed.` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `“${fileName}” is JSON but not a settings object. Nothing was changed.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

/** "showsite-settings-2025-06-14.json" */
export function exportFileName(siteName: string, ts: number): string {
  const d = new Date(ts);
  const slug = siteName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'showsite';
  const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return `${slug}-settings-${date}.json`;
}
