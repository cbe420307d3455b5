// electron-builder hooks (electron-builder.yml beforePack / afterPack): rebuild noble's Linux Bluetooth
// backend, @abandonware/bluetooth-hci-socket, for Electron's ABI. It is a NAN module: a build for Node
// does not load in Electron. Everything else native in the app is N-API and ships as installed
// (npmRebuild: false), so only this one module is rebuilt, with @electron/rebuild (electron-builder's own
// rebuilder). Before packing, the Node build is kept aside; after packing it is put back, so `npm run
// serve` keeps working in the same checkout.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const BLE_NATIVE_MODULE = '@abandonware/bluetooth-hci-socket';
const BINARY = 'build/Release/bluetooth_hci_socket.node';
/** builder-util's Arch enum, by value. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** electron-builder passes the arch as its enum number; @electron/rebuild wants the name. */
export function archName(arch) {
  return typeof arch === 'string' ? arch : (ARCH_NAMES[arch] ?? String(arch));
}

function projectDirOf(context) {
  return context?.packager?.projectDir ?? context?.packager?.info?.projectDir ?? process.cwd();
}

function electronVersionOf(context, projectDir) {
  const configured = context?.packager?.config?.electronVersion ?? context?.packager?.info?.framework?.version;
  if (configured) return configured;
  return JSON.parse(readFileSync(join(projectDir, 'node_modules/electron/package.json'), 'utf8')).version;
}

/** What @electron/rebuild is asked to do for one pack. */
export function rebuildOptions(context) {
  const projectDir = projectDirOf(context);
  return {
    buildPath: projectDir,
    electronVersion: electronVersionOf(context, projectDir),
    arch: archName(context.arch),
    onlyModules: [BLE_NATIVE_MODULE],
    force: true,
    // The module's prebuilt-binary host is not consulted: build from its sources against Electron's headers.
    buildFromSource: true,
    mode: 'sequential',
  };
}

/**
 * The hooks, with the rebuilder injectable (tests). `rebuild` defaults to @electron/rebuild's.
 * Only a Linux app built on Linux needs it (the module is Linux-only in practice; no cross-compiling).
 */
export function createHooks({ rebuild, log = (message) => console.log(`  • ${message}`) } = {}) {
  const backupOf = (projectDir) => join(projectDir, 'node_modules/.cache/showsite/bluetooth_hci_socket.node-for-node');
  return {
    async beforePack(context) {
      if (context.electronPlatformName !== 'linux' || process.platform !== 'linux') return;
      const projectDir = projectDirOf(context);
      const moduleDir = join(projectDir, 'node_modules', BLE_NATIVE_MODULE);
      if (!existsSync(join(moduleDir, 'package.json'))) {
        log(`${BLE_NATIVE_MODULE} is not installed: the packaged app will say "Bluetooth unavailable" (install build tools, then npm install, to include it)`);
        return;
      }
      const binary = join(moduleDir, BINARY);
      const backup = backupOf(projectDir);
      if (existsSync(binary) && !existsSync(backup)) {
        mkdirSync(dirname(backup), { recursive: true });
        copyFileSync(binary, backup);
      }
      const options = rebuildOptions(context);
      if (options.arch !== process.arch) {
        // Native modules cannot be cross-compiled: that package ships without direct Bluetooth.
        log(`cannot build ${BLE_NATIVE_MODULE} for ${options.arch} on ${process.arch}: the ${options.arch} package will say "Bluetooth unavailable" (build it on a ${options.arch} machine)`);
        return;
      }
      log(`rebuilding ${BLE_NATIVE_MODULE} for Electron ${options.electronVersion} (${options.arch})`);
      // npm's `nodedir` setting (npm_config_nodedir) would make node-gyp build against Node's headers
      // again, silently: Electron's headers must win here.
      const saved = process.env.npm_config_nodedir;
      delete process.env.npm_config_nodedir;
      try {
        const run = rebuild ?? (await import('@electron/rebuild')).rebuild;
        await run(options);
      } finally {
        if (saved !== undefined) process.env.npm_config_nodedir = saved;
      }
    },
    async afterPack(context) {
      const projectDir = projectDirOf(context);
      const backup = backupOf(projectDir);
      if (!existsSync(backup)) return;
      copyFileSync(backup, join(projectDir, 'node_modules', BLE_NATIVE_MODULE, BINARY));
      log(`restored the Node build of ${BLE_NATIVE_MODULE}`);
    },
  };
}

const hooks = createHooks();
export const beforePack = (context) => hooks.beforePack(context);
export const afterPack = (context) => hooks.afterPack(context);
