// The main window and the per-webContents hardening. Thin Electron glue; the rules live in security.ts.
import { BrowserWindow, screen, shell, type Session as ElectronSession, type WebContents } from 'electron';
import { appEntryUrl, secureWebPreferences, shouldBlockNavigation, windowOpenDecision } from './security.ts';
import { debounce, fitToDisplays, loadWindowState, minWindowSize, saveWindowState, type Rect } from './window-state.ts';

export interface Log {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
}

export interface MainWindowOptions {
  preloadPath: string;
  stateFile: string;
  iconPath?: string;
  log: Log;
}

/** Primary display first, as fitToDisplays expects. */
function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary.workArea, ...screen.getAllDisplays().filter((d) => d.id !== primary.id).map((d) => d.workArea)];
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const state = fitToDisplays(loadWindowState(options.stateFile), workAreas());
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    title: 'Showsite Console',
    backgroundColor: '#101317',
    show: false,
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  if (state.maximized) win.maximize();
  // Shown once painted, so the operator never sees a white flash in a dark venue.
  win.once('ready-to-show', () => win.show());

  const persist = () => {
    if (win.isDestroyed()) return;
    try {
      saveWindowState(options.stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      options.log.warn('could not save window state', { error: String(err) });
    }
  };
  const persistSoon = debounce(persist, 500);
  win.on('resize', persistSoon);
  win.on('move', persistSoon);
  win.on('maximize', persistSoon);
  win.on('unmaximize', persistSoon);
  win.on('close', () => {
    persistSoon.cancel();
    persist();
  });

  void win.loadURL(appEntryUrl).catch((err: unknown) => options.log.warn('UI failed to load', { error: String(err) }));
  return win;
}

export function focusWindow(win: BrowserWindow): void {
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Applied to every webContents the app ever creates (app 'web-contents-created'), not just ours. */
export function hardenWebContents(contents: WebContents, log: Log): void {
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (!shouldBlockNavigation(event.url)) return;
    event.preventDefault();
    log.warn(`blocked ${kind} away from the app`, { url: event.url });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url).catch(() => undefined);
    return { action: decision.action };
  });
}

/** No camera, microphone, notifications, USB, serial… for web content: the core owns all hardware. */
export function denyAllPermissions(ses: ElectronSession): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}
