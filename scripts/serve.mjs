// npm run serve: rebuild if a source changed, then run the core IN THIS PROCESS — so a signal sent to this
// PID (Ctrl-C, a process manager's SIGTERM, npm passing one on) reaches the core directly and it stops
// cleanly (store flushed, lock released) instead of being orphaned behind a shell.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const build = spawnSync(process.execPath, ['scripts/build.mjs', '--if-stale'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
process.argv = [process.argv[0], fileURLToPath(new URL('../bin/showsite.js', import.meta.url)), 'serve', ...process.argv.slice(2)];
await import('../bin/showsite.js');
