// Types for scripts/electron-binary.mjs (imported by the TypeScript tests).
export type ElectronBinary =
  | { ok: true; path: string; source: 'override' | 'package' }
  | { ok: false; missing: string; reason: string };

export interface FindElectronOptions {
  packageDir?: string | undefined;
  env?: Record<string, string | undefined>;
  platform?: string;
  exists?: (p: string) => boolean;
  readText?: (p: string) => string;
}

export function platformExecutable(platform: string): string;
export function electronPackageDir(fromDir?: string): string | undefined;
export function findElectronBinary(options?: FindElectronOptions): ElectronBinary;
export function missingElectronHelp(found: { missing: string; reason: string }): string;
