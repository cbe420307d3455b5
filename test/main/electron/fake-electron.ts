// A stand-in for the `electron` module, just wide enough for main/electron/main.ts, so the real
// composition (real core, real IPC handler, real menu actions) runs under plain Node in vitest.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  destroyed = false;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  send(channel: string, ...args: unknown[]) {
    this.sent.push({ channel, args });
  }
  isDestroyed() {
    return this.destroyed;
  }
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export function createFakeElectron(options: { appPath: string; appData: string }) {
  const calls: string[] = [];
  const paths = new Map<string, string>([['appData', options.appData], ['documents', options.appData]]);
  let resolveReady!: () => void;
  const ready = new Promise<void>((r) => (resolveReady = r));
  const switches = new Map<string, string>();

  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    commandLine: { getSwitchValue: (name: string) => switches.get(name) ?? '' },
    setPath: vi.fn((name: string, value: string) => void paths.set(name, value)),
    getPath: (name: string) => {
      const p = paths.get(name);
      if (!p) throw new Error(`no path ${name}`);
      return p;
    },
    getAppPath: () => options.appPath,
    getVersion: () => '9.9.9-test',
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: () => ready,
    setAppUserModelId: vi.fn(),
    exit: vi.fn((code: number) => void calls.push(`exit ${code}`)),
    quit: vi.fn(() => {
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
    }),
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly options: Record<string, unknown>;
    loadedUrl: string | undefined;
    destroyed = false;
    maximized = false;
    constructor(opts: Record<string, unknown>) {
      super();
      this.options = opts;
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    static getFocusedWindow = () => undefined;
    async loadURL(url: string) {
      this.loadedUrl = url;
    }
    isDestroyed = () => this.destroyed;
    isMinimized = () => false;
    isMaximized = () => this.maximized;
    maximize = () => void (this.maximized = true);
    getNormalBounds = () => ({ x: 40, y: 30, width: Number(this.options.width), height: Number(this.options.height) });
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    /** What the user closing the window does. */
    close() {
      this.emit('close', { preventDefault: () => undefined });
      this.destroyed = true;
      this.webContents.destroy();
      this.emit('closed');
    }
  }

  const ipcHandlers = new Map<string, Handler>();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const permissionHandlers: Record<string, Handler> = {};
  const menus: { template: unknown[] }[] = [];
  // Plain arrays, not vi.fn: vitest may clear mock state between tests, and these happen in beforeAll.
  const privilegedSchemes: unknown[] = [];

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push('registerSchemesAsPrivileged');
        privilegedSchemes.push(...schemes);
      },
      handle: vi.fn((scheme: string, h: (request: Request) => Promise<Response>) => void protocolHandlers.set(scheme, h)),
    },
    ipcMain: { handle: vi.fn((channel: string, h: Handler) => void ipcHandlers.set(channel, h)) },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (m: { template: unknown[] }) => void menus.push(m),
    },
    screen: {
      getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
      getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Handler) => void (permissionHandlers.request = h),
        setPermissionCheckHandler: (h: Handler) => void (permissionHandlers.check = h),
        setDevicePermissionHandler: (h: Handler) => void (permissionHandlers.device = h),
      },
    },
    dialog: {
      showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 0, checkboxChecked: false })),
      showErrorBox: vi.fn(),
      showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: '' })),
      showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
    },
    shell: { openExternal: vi.fn(async () => undefined), openPath: vi.fn(async () => '') },
  };

  return { module, app, calls, privilegedSchemes, windows, ipcHandlers, protocolHandlers, permissionHandlers, menus, switches, ready: () => resolveReady() };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
