// npm run dev: the core (restarts on change) + Vite's dev server with hot reload, proxied to the core.
import { spawn } from 'node:child_process';

const token = process.env.SHOWSITE_TOKEN ?? 'dev-token';
const procs = [
  spawn(process.execPath, ['--watch-path=main', '--watch-path=native', '--watch-path=preload', 'main/cli/index.ts', 'serve', '--demo', '--port', '8787', '--token', token, '--data-dir', '.data/dev'], { stdio: 'inherit' }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit' }),
];
console.log(`\nDev UI: http://localhost:5173/?token=${token}  (core on :8787, demo site on, data in .data/dev)\n`);
const stop = () => {
  for (const p of procs) p.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const p of procs) p.on('exit', stop);
