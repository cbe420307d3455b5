// Types for scripts/electron-rebuild-ble.mjs (imported by the TypeScript tests).
export interface PackContextLike {
  electronPlatformName: string;
  arch: number | string;
  packager?: { projectDir?: string; config?: { electronVersion?: string }; info?: { projectDir?: string; framework?: { version?: string } } };
}

export interface RebuildOptionsLike {
  buildPath: string;
  electronVersion: string;
  arch: string;
  onlyModules: string[];
  force: boolean;
  buildFromSource: boolean;
  mode: 'sequential';
}

export const BLE_NATIVE_MODULE: '@abandonware/bluetooth-hci-socket';
export function archName(arch: number | string): string;
export function rebuildOptions(context: PackContextLike): RebuildOptionsLike;
export function createHooks(options?: { rebuild?: (options: RebuildOptionsLike) => Promise<unknown>; log?: (message: string) => void }): {
  beforePack(context: PackContextLike): Promise<void>;
  afterPack(context: PackContextLike): Promise<void>;
};
export function beforePack(context: PackContextLike): Promise<void>;
export function afterPack(context: PackContextLike): Promise<void>;
