// Where the Electron executable is, or why there is none, WITHOUT require('electron'):
// that require tries to download the binary when path.txt is missing, which hangs or fails offline.
// Mirrors node_modules/electron/index.js, plus an existence check on the final path.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Executable inside an Electron dist folder, as electron's install.js names it. */
export function platformExecutable(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron';
    case 'win32':
      return 'electron.exe';
    default:
      return 'electron';
  }
}

/** The installed electron package's folder, or undefined when the package itself is missing. */
export function electronPackageDir(fromDir = process.cwd()) {
  try {
    return path.dirname(createRequire(path.join(fromDir, 'package.json')).resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

/**
 * @param {object} [options]
 * @param {string} [options.packageDir] folder of the electron npm package
 * @param {Record<string, string | undefined>} [options.env]
 * @param {string} [options.platform]
 * @param {(p: string) => boolean} [options.exists]
 * @param {(p: string) => string} [options.readText]
 * @returns {{ ok: true, path: string, source: 'override' | 'package' } | { ok: false, missing: string, reason: string }}
 */
export function findElectronBinary(options = {}) {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const exists = options.exists ?? existsSync;
  const readText = options.readText ?? ((p) => readFileSync(p, 'utf8'));
  const packageDir = 'packageDir' in options ? options.packageDir : electronPackageDir();

  let recorded;
  if (packageDir) {
    const pathFile = path.join(packageDir, 'path.txt');
    if (exists(pathFile)) recorded = readText(pathFile).trim() || undefined;
  }

  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = path.join(override, recorded ?? platformExecutable(platform));
    if (exists(candidate)) return { ok: true, path: candidate, source: 'override' };
    return { ok: false, missing: candidate, reason: 'ELECTRON_OVERRIDE_DIST_PATH is set, but there is no Electron executable at that path.' };
  }
  if (!packageDir) {
    return { ok: false, missing: 'the electron npm package', reason: 'node_modules/electron is not installed (npm install has not run, or it failed).' };
  }
  if (!recorded) {
    return {
      ok: false,
      missing: path.join(packageDir, 'dist', platformExecutable(platform)),
      reason: 'The Electron runtime is downloaded separately after npm install, and that download failed or is blocked on this machine (node_modules/electron/path.txt is missing).',
    };
  }
  const candidate = path.join(packageDir, 'dist', recorded);
  if (exists(candidate)) return { ok: true, path: candidate, source: 'package' };
  return { ok: false, missing: candidate, reason: 'The Electron runtime download did not finish: the executable it recorded is not on disk.' };
}

/** The message `npm start` prints when there is no runtime. */
export function missingElectronHelp(found) {
  return [
    'Showsite Console: cannot start the desktop app.',
    '',
    `Missing: the Electron runtime (${found.missing}).`,
    `Why:     ${found.reason}`,
    '',
    'To fix, on a machine with network access:',
    '  npx electron --version            # downloads the runtime if it is missing',
    "  or: node node_modules/electron/install.js   # Electron's own downloader",
    '  or: point ELECTRON_OVERRIDE_DIST_PATH at an unpacked Electron 45 folder',
    '      (the folder that contains the electron executable), then run npm start again.',
    '',
    'Meanwhile the same console runs headless in your browser:',
    '  npm run serve -- --demo',
    '  then open the URL it prints.',
  ].join('\n');
}
