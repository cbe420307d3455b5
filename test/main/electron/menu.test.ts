import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { aboutDetail, buildMenuTemplate, type MenuActions } from '../../../main/electron/menu.ts';

const actions = (): MenuActions => ({
  exportSettings: vi.fn(),
  importSettings: vi.fn(),
  openDataFolder: vi.fn(),
  openLogFolder: vi.fn(),
  about: vi.fn(),
});

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
}
const byLabel = (t: MenuItemConstructorOptions[], label: string) => items(t).find((i) => i.label === label);
const click = (item: MenuItemConstructorOptions | undefined) =>
  (item?.click as (() => void) | undefined)?.();

describe('buildMenuTemplate', () => {
  const env = { appName: 'Showsite Console', isPackaged: true, platform: 'linux' as const };

  it('has File, Edit, View, Window and Help', () => {
    const t = buildMenuTemplate(actions(), env);
    expect(t.map((i) => i.label ?? i.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
  });

  it('wires each File item to its action', () => {
    const a = actions();
    const t = buildMenuTemplate(a, env);
    click(byLabel(t, 'Export Settings…'));
    click(byLabel(t, 'Import Settings…'));
    click(byLabel(t, 'Open Data Folder'));
    click(byLabel(t, 'Open Log Folder'));
    click(byLabel(t, 'About Showsite Console'));
    for (const fn of Object.values(a)) expect(fn).toHaveBeenCalledTimes(1);
    expect(items(t).some((i) => i.role === 'quit')).toBe(true);
  });

  it('offers developer tools only when not packaged', () => {
    const roles = (isPackaged: boolean) => items(buildMenuTemplate(actions(), { ...env, isPackaged })).map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
  });

  it('on macOS puts About and Quit in the app menu', () => {
    const t = buildMenuTemplate(actions(), { ...env, platform: 'darwin' });
    expect(t[0]?.label).toBe('Showsite Console');
    const appItems = t[0]?.submenu as MenuItemConstructorOptions[];
    expect(appItems.map((i) => i.role ?? i.label)).toEqual(expect.arrayContaining(['About Showsite Console', 'quit']));
    const file = t.find((i) => i.label === 'File')?.submenu as MenuItemConstructorOptions[];
    expect(file.some((i) => i.role === 'quit')).toBe(false);
  });
});

describe('aboutDetail', () => {
  it('shows the app version and the runtime versions it knows', () => {
    expect(aboutDetail({ app: '0.1.0', electron: '45.4.1', chrome: '142.0', node: '22.20.0' })).toBe('Version 0.1.0\nElectron 45.4.1\nChromium 142.0\nNode 22.20.0');
    expect(aboutDetail({ app: '0.1.0' })).toBe('Version 0.1.0');
  });
});
