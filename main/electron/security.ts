// Pure security policy for the Electron shell: no `electron` import, so every rule is unit-tested under Node.
import type { CustomScheme, WebPreferences } from 'electron';
import { baseSecurityHeaders } from '../api/security-headers.ts';

/** The UI is served from app://showsite/…: a real origin, so 'self' in the CSP means "the app" and nothing else. */
export const appScheme = 'app';
export const appHost = 'showsite';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/**
 * standard: relative URLs and web storage work; secure: a secure context like https;
 * supportFetchAPI: same-origin module scripts and fetch load. Deliberately NOT corsEnabled
 * (it would let other origins read our files without any CORS check) and NOT bypassCSP.
 */
export const appSchemePrivileges: CustomScheme = {
  scheme: appScheme,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

// One CSP for the HTTP server and app:// alike (main/api/security-headers.ts).
export { contentSecurityPolicy, cspDirectives } from '../api/security-headers.ts';

/** Headers sent with every app:// response. */
export const securityHeaders: Readonly<Record<string, string>> = {
  ...baseSecurityHeaders,
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True only for app://showsite/… . Compared by parts: Node's URL gives custom schemes an
 * opaque origin ("null"), so `.origin` cannot be used here.
 */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const u = parseUrl(url);
  return (
    u !== undefined &&
    u.protocol === `${appScheme}:` &&
    u.hostname === appHost &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Links the renderer may hand to the system browser: http(s) only (never file:, javascript:, smb:, custom handlers). */
export function isExternalWebUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  const u = parseUrl(url);
  return u !== undefined && (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
}

/** will-navigate / will-redirect / will-frame-navigate: the window only ever shows the app. */
export function shouldBlockNavigation(url: string): boolean {
  return !isAppUrl(url);
}

/** window.open and target=_blank: never a new Electron window; web links go to the system browser. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: boolean } {
  return { action: 'deny', openExternally: isExternalWebUrl(url) };
}
