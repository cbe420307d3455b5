#!/usr/bin/env node
// Installed as `showsite` (npx showsite serve …). Runs the bundled core built by `npm run build`.
import { existsSync, readFileSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
const { engines } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const [needMajor, needMinor] = engines.node.replace(/^>=/, '').split('.').map(Number);
if (major < needMajor || (major === needMajor && minor < needMinor)) {
  console.error(`showsite: Node.js ${needMajor}.${needMinor} or newer is needed (this is ${process.versions.node}). Install it from https://nodejs.org/ and try again.`);
  process.exit(1);
}
const entry = new URL('../dist/core/cli.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('showsite: the core is not built yet. Run "npm run build" in the Showsite Console folder.');
  process.exit(1);
}
await import(entry.href);
