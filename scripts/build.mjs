// Build everything that ships: the core (CLI), the Electron shell, the preload bridge, and the renderer.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, packages: 'external', logLevel: 'warning' };

if (only.length === 0) rmSync('dist', { recursive: true, force: true });
const jobs = [];
if (want('core')) jobs.push(build({ ...common, entryPoints: ['main/cli.ts'], outfile: 'dist/core/cli.js', format: 'esm' }));
if (want('electron')) {
  jobs.push(build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.js', format: 'esm', external: ['electron'] }));
  // A sandboxed preload may require only 'electron': bundle everything else into one CommonJS file.
  jobs.push(build({ ...common, packages: undefined, entryPoints: ['preload/bridge.ts'], outfile: 'dist/preload/bridge.cjs', format: 'cjs', external: ['electron'] }));
}
await Promise.all(jobs);
if (want('renderer')) await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
