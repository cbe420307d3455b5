// npm start: build if needed, then run the desktop app under Electron — or explain plainly why it can't.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, findElectronBinary, missingElectronHelp } from './electron-binary.mjs';

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const packageDir = electronPackageDir(projectDir);
let found = findElectronBinary({ packageDir });
// Electron 45 fetches its runtime on first use rather than at install: give its own downloader one
// go (it fails within a second where the network is closed) before explaining what is missing.
if (!found.ok && packageDir && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
  console.log('Fetching the Electron runtime (first start only)…');
  // Its own output is a raw stack trace when the network is closed: keep it, and show it only if asked.
  const fetched = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { cwd: packageDir, encoding: 'utf8', timeout: 10 * 60_000 });
  found = findElectronBinary({ packageDir });
  if (!found.ok) {
    const reason = /(?:Error|error):? ([^\n]+)/.exec(`${fetched.stderr ?? ''}${fetched.stdout ?? ''}`)?.[1]?.trim();
    console.log(`Could not fetch it${reason ? ` (${reason})` : ''}.${process.env.SHOWSITE_DEBUG ? `\n${fetched.stderr}` : ''}`);
  }
}
if (!found.ok) {
  console.error(missingElectronHelp(found));
  process.exit(1);
}

// Rebuild when any source is newer than dist/, so the app never starts from a stale build.
const build = spawnSync(process.execPath, [path.join(projectDir, 'scripts', 'build.mjs'), '--if-stale'], { cwd: projectDir, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// ELECTRON_RUN_AS_NODE would make the binary a plain Node and ignore the app: never pass it on.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(found.path, [projectDir, ...process.argv.slice(2)], { cwd: projectDir, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (err) => {
  console.error(`Could not run ${found.path}: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
