// Renders resources/icon.svg to resources/icon.png (1024×1024, transparent corners) with headless Chromium.
// electron-builder derives .icns/.ico and the Linux sizes from that PNG. Run after editing the SVG:
//   node scripts/render-icon.mjs [path/to/chromium]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svg = readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8');
const out = path.join(root, 'resources', 'icon.png');
const size = 1024;

const browser = await chromium.launch({
  executablePath: process.argv[2] ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // Offline, root-friendly headless Chromium (PEERS.md "Browser").
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  await page.setContent(
    `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style></head><body>${svg}</body></html>`,
  );
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(root, out)} (${size}×${size})`);
} finally {
  await browser.close();
}
