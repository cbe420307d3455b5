import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/** Debian's Chromium (CI installs it); CHROMIUM_PATH overrides. */
export const chromiumPath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));

export async function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found: install it (apt-get install chromium) or set CHROMIUM_PATH');
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** e2e tests drive the built app: without it, say how to get it instead of failing on a missing file later. */
export function requireBuiltApp(): void {
  if (!existsSync('dist/renderer/index.html') || !existsSync('dist/core/cli.js')) {
    throw new Error('e2e tests drive the built app: run "npm run build" first (npm test does)');
  }
}

/** The FOH laptop's window. */
export const desktop: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
/** An iPad-Air-sized tablet in portrait, driven by touch only. */
export const tablet: BrowserContextOptions = { viewport: { width: 820, height: 1180 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 };

/**
 * A new page in `context` opened on the app at `url` with `token` (and `hash`, e.g. '#/network'), returned once
 * its live connection is up.
 */
export async function signIn(context: BrowserContext, url: string, token: string, options: { hash?: string; timeoutMs?: number } = {}): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/?token=${token}${options.hash ?? ''}`);
  await page.locator('[data-testid="connection-indicator"][data-state="connected"]').waitFor({ timeout: options.timeoutMs ?? 15_000 });
  return page;
}
