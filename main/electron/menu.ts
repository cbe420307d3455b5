// The application menu as data. main.ts turns it into a Menu; tests read the template directly.
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  exportSettings(): void;
  importSettings(): void;
  openDataFolder(): void;
  openLogFolder(): void;
  about(): void;
}

export interface MenuEnv {
  appName: string;
  /** Developer tools only in development: an operator must not be one keystroke from a console. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
}

export function buildMenuTemplate(actions: MenuActions, env: MenuEnv): MenuItemConstructorOptions[] {
  const isMac = env.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    template.push({
      label: env.appName,
      submenu: [
        { label: `About ${env.appName}`, click: () => actions.about() },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: 'File',
    submenu: [
      { id: 'export-settings', label: 'Export Settings…', click: () => actions.exportSettings() },
      { id: 'import-settings', label: 'Import Settings…', click: () => actions.importSettings() },
      { type: 'separator' },
      { id: 'open-data-folder', label: 'Open Data Folder', click: () => actions.openDataFolder() },
      { id: 'open-log-folder', label: 'Open Log Folder', click: () => actions.openLogFolder() },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  });

  // Text editing shortcuts (copy/paste in inputs) need the Edit roles, on macOS especially.
  template.push({ role: 'editMenu' });

  template.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'forceReload' },
      ...(env.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });

  template.push({ role: 'windowMenu' });

  template.push({
    role: 'help',
    submenu: [{ id: 'about', label: `About ${env.appName}`, click: () => actions.about() }],
  });

  return template;
}

export interface Versions {
  app: string;
  electron?: string;
  chrome?: string;
  node?: string;
}

export function aboutDetail(v: Versions): string {
  const parts = [`Version ${v.app}`];
  if (v.electron) parts.push(`Electron ${v.electron}`);
  if (v.chrome) parts.push(`Chromium ${v.chrome}`);
  if (v.node) parts.push(`Node ${v.node}`);
  return parts.join('\n');
}
