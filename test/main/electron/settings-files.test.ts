import { describe, expect, it, vi } from 'vitest';
import type { CallOutcome } from '../../../preload/contract/api.ts';
import {
  defaultExportName,
  describeApiError,
  exportSettings,
  importSettings,
  type SettingsFileDeps,
} from '../../../main/electron/settings-files.ts';

const settings = { site: { name: 'Main stage' } };

function deps(overrides: Partial<SettingsFileDeps> = {}) {
  const files = new Map<string, string>();
  const d = {
    call: vi.fn(async (method: string, _params: unknown): Promise<CallOutcome> => (method === 'settings.export' ? { result: settings } : { result: settings })),
    chooseSavePath: vi.fn(async (name: string) => `/exports/${name}`),
    chooseOpenPath: vi.fn(async () => '/imports/show.json'),
    readText: vi.fn(async (p: string) => {
      const text = files.get(p);
      if (text === undefined) throw new Error(`ENOENT: ${p}`);
      return text;
    }),
    writeText: vi.fn(async (p: string, text: string) => void files.set(p, text)),
    showError: vi.fn(),
    showInfo: vi.fn(),
    ...overrides,
  };
  return { d, files };
}

describe('exportSettings', () => {
  it('writes the core’s settings as pretty JSON to the chosen file', async () => {
    const { d, files } = deps();
    expect(await exportSettings(d, new Date('2026-07-04T12:00:00Z'))).toBe('done');
    expect(d.call).toHaveBeenCalledWith('settings.export', {});
    expect(d.chooseSavePath).toHaveBeenCalledWith('showsite-settings-2026-07-04.json');
    expect(JSON.parse(files.get('/exports/showsite-settings-2026-07-04.json') ?? '')).toEqual(settings);
  });

  it('writes nothing when the user cancels', async () => {
    const { d } = deps({ chooseSavePath: vi.fn(async () => undefined) });
    expect(await exportSettings(d)).toBe('cancelled');
    expect(d.writeText).not.toHaveBeenCalled();
  });

  it('shows the core’s error and does not ask for a file', async () => {
    const { d } = deps({ call: vi.fn(async () => ({ error: { code: 'unavailable' as const, message: 'store is closed' } })) });
    expect(await exportSettings(d)).toBe('failed');
    expect(d.showError).toHaveBeenCalledWith('Could not export settings', 'store is closed');
    expect(d.chooseSavePath).not.toHaveBeenCalled();
  });

  it('reports a write failure', async () => {
    const { d } = deps({ writeText: vi.fn(async () => Promise.reject(new Error('EACCES'))) });
    expect(await exportSettings(d)).toBe('failed');
    expect(d.showError).toHaveBeenCalledWith('Could not export settings', expect.stringMatching(/EACCES/));
  });
});

describe('importSettings', () => {
  it('sends the parsed file as settings.import {settings} and confirms', async () => {
    const { d, files } = deps();
    files.set('/imports/show.json', JSON.stringify(settings));
    expect(await importSettings(d)).toBe('done');
    expect(d.call).toHaveBeenCalledWith('settings.import', { settings });
    expect(d.showInfo).toHaveBeenCalled();
    expect(d.showError).not.toHaveBeenCalled();
  });

  it('shows the typed error message and each issue when the core rejects the file', async () => {
    const { d, files } = deps({
      call: vi.fn(async () => ({
        error: { code: 'invalid_params' as const, message: 'settings file is not valid', issues: [{ path: 'settings.remote.port', message: 'must be at most 65535' }] },
      })),
    });
    files.set('/imports/show.json', '{"remote":{"port":70000}}');
    expect(await importSettings(d)).toBe('failed');
    expect(d.showError).toHaveBeenCalledWith('Could not import settings', 'settings file is not valid\n• settings.remote.port: must be at most 65535');
    expect(d.showInfo).not.toHaveBeenCalled();
  });

  it('does not call the core for a file that is not JSON', async () => {
    const { d, files } = deps();
    files.set('/imports/show.json', 'site: main');
    expect(await importSettings(d)).toBe('failed');
    expect(d.call).not.toHaveBeenCalled();
    expect(d.showError).toHaveBeenCalledWith('Could not import settings', expect.stringMatching(/not a readable settings file/));
  });

  it('refuses an oversized file', async () => {
    const { d, files } = deps();
    files.set('/imports/show.json', `"${'x'.repeat(1024 * 1024 + 1)}"`);
    expect(await importSettings(d)).toBe('failed');
    expect(d.call).not.toHaveBeenCalled();
  });

  it('does nothing when the user cancels', async () => {
    const { d } = deps({ chooseOpenPath: vi.fn(async () => undefined) });
    expect(await importSettings(d)).toBe('cancelled');
    expect(d.readText).not.toHaveBeenCalled();
    expect(d.call).not.toHaveBeenCalled();
  });
});

describe('helpers', () => {
  it('names exports by date', () => {
    expect(defaultExportName(new Date('2026-01-31T23:00:00Z'))).toBe('showsite-settings-2026-01-31.json');
  });
  it('describes an error without issues as just its message', () => {
    expect(describeApiError({ code: 'conflict', message: 'busy' })).toBe('busy');
  });
});
