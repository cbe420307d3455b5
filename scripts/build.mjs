// Build everything that ships: the core (CLI), the Electron shell, the preload bridge, and the renderer.
//   node scripts/build.mjs                 everything
//   node scripts/build.mjs core renderer   only those parts
//   node scripts/build.mjs --if-stale      everything, but only when a source is newer than the last build
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const ifStale = args.includes('--if-stale');
const only = args.filter((a) => !a.startsWith('--'));
const want = (name) => only.length === 0 || only.includes(name);
const stamp = 'dist/.build-stamp';
const sources = ['main', 'native', 'preload', 'renderer', 'package.json', 'package-lock.json', 'vite.config.ts', 'scripts/build.mjs'];

/** Newest modification time under the given paths. */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) if (existsSync(p)) walk(p);
  return max;
}

if (ifStale && existsSync(stamp) && statSync(stamp).mtimeMs >= newest(sources)) process.exit(0);

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, packages: 'external', logLevel: 'warning' };
if (only.length === 0) rmSync('dist', { recursive: true, force: true });
const jobs = [];
// The DMX worker is its own bundle beside each entry that starts a core (main/dmx/service.ts looks for it there).
const dmxWorker = (dir) => build({ ...common, entryPoints: ['main/dmx/worker/dmx-worker.ts'], outfile: `${dir}/dmx-worker.js`, format: 'esm' });
if (want('core')) jobs.push(build({ ...common, entryPoints: ['main/cli/index.ts'], outfile: 'dist/core/cli.js', format: 'esm' }), dmxWorker('dist/core'));
if (want('electron')) {
  jobs.push(build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', external: ['electron'] }));
  jobs.push(dmxWorker('dist/electron'));
  // A sandboxed preload may require only 'electron': bundle everything else into one CommonJS file.
  jobs.push(build({ ...common, packages: undefined, entryPoints: ['preload/bridge.ts'], outfile: 'dist/preload/bridge.cjs', format: 'cjs', external: ['electron'] }));
}
await Promise.all(jobs);
if (want('renderer')) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
if (only.length === 0) writeFileSync(stamp, new Date().toISOString());
