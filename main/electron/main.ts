// Electron entry (bundled to dist/electron/main.js). Composition only: the core runs in this process,
// each window gets its own core session over IPC, and the rules live in the small modules beside this one.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession, shell } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ipcChannels } from '../../preload/contract/ipc.ts';
import type { Session } from '../api/session.ts';
import { createCore, type Core } from '../core/app.ts';
import { installCrashPolicy } from '../core/crash-policy.ts';
import { createLogger } from '../runtime/logger.ts';
import { createAppProtocolHandler } from './app-protocol.ts';
import { nullSink } from './event-sink.ts';
import { createCallHandler } from './ipc-call.ts';
import { aboutDetail, buildMenuTemplate } from './menu.ts';
import { appScheme, appSchemePrivileges, isAppUrl } from './security.ts';
import { exportSettings, importSettings, type SettingsFileDeps } from './settings-files.ts';
import { createShutdown } from './shutdown.ts';
import { startupFailureText } from './startup-error.ts';
import { createMainWindow, denyAllPermissions, focusWindow, hardenWebContents, type Log } from './window.ts';
import { windowStateFile } from './window-state.ts';
import { WindowSessions } from './window-sessions.ts';

const productName = 'Showsite Console';

// Must happen before 'ready', and before anything reads the userData path.
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);
// The same folder `showsite serve` uses by default (main/core/paths.ts), whatever package.json's name is,
// so desktop and headless share one show. `--data-dir=DIR` (as for serve) or SHOWSITE_DATA_DIR isolates
// a run (tests, a second show); the single-instance lock follows userData.
const dataDirOverride = app.commandLine.getSwitchValue('data-dir') || process.env.SHOWSITE_DATA_DIR;
app.setPath('userData', dataDirOverride ? path.resolve(dataDirOverride) : path.join(app.getPath('appData'), productName));

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;
let shellSession: Session | undefined;
const sessions = new WindowSessions((sink) => {
  if (!core) throw new Error('core not started');
  return core.openSession(sink, 'control');
});

/** Before the core exists, its logger doesn't either. */
const log: Log & { error(msg: string, fields?: Record<string, unknown>): void } = {
  info: (msg, fields) => (core ? core.logger.info(msg, fields) : console.log(msg, fields ?? '')),
  warn: (msg, fields) => (core ? core.logger.warn(msg, fields) : console.warn(msg, fields ?? '')),
  error: (msg, fields) => (core ? core.logger.error(msg, fields) : console.error(msg, fields ?? '')),
};

const shutdown = createShutdown({
  stop: async () => {
    sessions.closeAll();
    shellSession?.close();
    await core?.stop();
  },
  exit: (code) => app.exit(code),
  onError: (err) => log.error('core did not stop cleanly', { error: String(err) }),
});

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the data folder and the ports; it focuses its window on 'second-instance'.
  app.exit(0);
} else {
  // Anything boot() did not expect still ends in the error dialog and a clean exit, never a windowless app.
  boot().catch((err: unknown) =>
    reportStartupFailure(err, core?.logDir ?? path.join(app.getPath('userData'), 'logs')).catch(() => app.exit(1)),
  );
}

function wireAppEvents(): void {
  app.on('before-quit', (event) => shutdown.onBeforeQuit(event));
  process.once('SIGINT', () => void shutdown.run());
  process.once('SIGTERM', () => void shutdown.run());

  app.on('second-instance', () => {
    if (mainWindow && !mainWindow.isDestroyed()) focusWindow(mainWindow);
    else if (core) openMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));

  const handleCall = createCallHandler((id) => sessions.get(id));
  ipcMain.handle(ipcChannels.call, (event, method: unknown, params: unknown) => handleCall(event, method, params));
}

async function boot(): Promise<void> {
  if (process.platform === 'win32') app.setAppUserModelId('uk.showsite.console');
  wireAppEvents();
  await app.whenReady();

  denyAllPermissions(electronSession.defaultSession);
  protocol.handle(appScheme, createAppProtocolHandler(path.join(app.getAppPath(), 'dist', 'renderer')));

  const dataDir = app.getPath('userData');
  try {
    core = await createCore({
      mode: 'desktop',
      dataDir,
      version: app.getVersion(),
      resourcesDir: path.join(app.getAppPath(), 'dist', 'renderer'),
      logToConsole: !app.isPackaged,
    });
    // Same policy as serve: a stray rejection is logged and noted; an uncaught exception stops cleanly and quits.
    installCrashPolicy({ core, exit: (code) => void shutdown.run(code) });
    await core.start();
  } catch (err) {
    await reportStartupFailure(err, core?.logDir ?? path.join(dataDir, 'logs'));
    return;
  }

  shellSession = core.openSession(nullSink, 'control');
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(menuActions(core), { appName: productName, isPackaged: app.isPackaged, platform: process.platform })));
  openMainWindow();
  log.info('desktop shell ready', { dataDir: core.dataDir });
}

async function reportStartupFailure(err: unknown, logDir: string): Promise<void> {
  const fields = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  try {
    // createCore may have failed before handing us its logger: write to the folder the dialog names anyway.
    (core?.logger ?? createLogger({ dir: logDir, console: !app.isPackaged }).child('desktop')).error('core failed to start', fields);
  } catch {
    console.error('core failed to start', fields);
  }
  const text = startupFailureText(err, logDir);
  const { response } = await dialog.showMessageBox({ type: 'error', ...text, buttons: ['Quit', 'Open Log Folder'], defaultId: 0, cancelId: 0 });
  if (response === 1) await shell.openPath(logDir);
  // Whatever started must still be stopped (ports, store), so quit through the normal path, exit code 1.
  await shutdown.run(1);
}

function openMainWindow(): void {
  const appPath = app.getAppPath();
  const devIcon = path.join(appPath, 'resources', 'icon.png');
  const win = createMainWindow({
    preloadPath: path.join(appPath, 'dist', 'preload', 'bridge.cjs'),
    stateFile: windowStateFile(app.getPath('userData')),
    ...(!app.isPackaged && existsSync(devIcon) ? { iconPath: devIcon } : {}),
    log,
  });
  const contents = win.webContents;
  const id = contents.id;
  sessions.attach(id, contents);
  // A reload or in-app navigation starts a new page with no listeners: give it a clean session.
  // Navigations to other origins are blocked by hardenWebContents, so they must not reset anything.
  contents.on('did-start-navigation', (details) => {
    if (details.isMainFrame && !details.isSameDocument && isAppUrl(details.url) && sessions.get(id)) sessions.attach(id, contents);
  });
  contents.on('destroyed', () => sessions.detach(id));
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  mainWindow = win;
}

function focusedWindow(): BrowserWindow | undefined {
  return BrowserWindow.getFocusedWindow() ?? mainWindow;
}

function settingsFileDeps(): SettingsFileDeps {
  const jsonFilter = [{ name: 'Showsite settings', extensions: ['json'] }];
  return {
    call: async (method, params) => {
      if (!shellSession) return { error: { code: 'unavailable', message: 'the core is not running' } };
      return shellSession.call(method, params);
    },
    chooseSavePath: async (defaultName) => {
      const options = { title: 'Export Settings', defaultPath: path.join(app.getPath('documents'), defaultName), filters: jsonFilter };
      const win = focusedWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled ? undefined : result.filePath;
    },
    chooseOpenPath: async () => {
      const options = { title: 'Import Settings', properties: ['openFile' as const], filters: jsonFilter };
      const win = focusedWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    readText: (filePath) => readFile(filePath, 'utf8'),
    writeText: (filePath, text) => writeFile(filePath, text, 'utf8'),
    showError: (title, message) => dialog.showErrorBox(title, message),
    showInfo: (title, message) => void dialog.showMessageBox({ type: 'info', title, message: title, detail: message }),
  };
}

function menuActions(running: Core) {
  const openFolder = async (dir: string) => {
    mkdirSync(dir, { recursive: true });
    const error = await shell.openPath(dir);
    if (error) log.warn('could not open folder', { dir, error });
  };
  const report = (action: string) => (err: unknown) => log.error(`${action} failed`, { error: String(err) });
  return {
    exportSettings: () => void exportSettings(settingsFileDeps()).catch(report('settings export')),
    importSettings: () => void importSettings(settingsFileDeps()).catch(report('settings import')),
    openDataFolder: () => void openFolder(running.dataDir).catch(report('open data folder')),
    openLogFolder: () => void openFolder(running.logDir).catch(report('open log folder')),
    about: () =>
      void dialog
        .showMessageBox({
          type: 'info',
          title: `About ${productName}`,
          message: productName,
          detail: aboutDetail({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }),
        })
        .catch(report('about')),
  };
}
