#!/usr/bin/env node
// Installed as `showsite` (npx showsite serve …). Runs the bundled core built by `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/core/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('showsite: the core is not built yet. Run "npm run build" in the Showsite Console folder.');
  process.exit(1);
}
await import(entry.href);
