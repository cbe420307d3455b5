import { describe, expect, it } from 'vitest';
import {
  appEntryUrl,
  appSchemePrivileges,
  contentSecurityPolicy,
  isAppUrl,
  isExternalWebUrl,
  secureWebPreferences,
  securityHeaders,
  shouldBlockNavigation,
  windowOpenDecision,
} from '../../../main/electron/security.ts';

describe('secureWebPreferences', () => {
  const prefs = secureWebPreferences('/app/dist/preload/bridge.cjs');

  it('isolates and sandboxes the renderer with no Node access', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('uses the given preload and nothing that loosens security', () => {
    expect(prefs.preload).toBe('/app/dist/preload/bridge.cjs');
    expect(prefs).not.toHaveProperty('experimentalFeatures', true);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('content security policy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self'"],
    ['img-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ])('has %s %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('never allows inline or eval script', () => {
    expect(contentSecurityPolicy).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('is sent as a header with nosniff', () => {
    expect(securityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(securityHeaders['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('app scheme', () => {
  it('is standard and secure but neither CORS-open nor CSP-exempt', () => {
    expect(appSchemePrivileges.scheme).toBe('app');
    expect(appSchemePrivileges.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(appSchemePrivileges.privileges?.corsEnabled).not.toBe(true);
    expect(appSchemePrivileges.privileges?.bypassCSP).not.toBe(true);
  });

  it('loads the entry page from its own origin', () => {
    expect(isAppUrl(appEntryUrl)).toBe(true);
  });
});

describe('isAppUrl', () => {
  it.each(['app://showsite/index.html', 'app://showsite/', 'app://showsite', 'app://showsite/assets/x.js?v=1#top'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'https://showsite/index.html',
    'file:///index.html',
    'app://evil/index.html',
    'app://showsite.evil.com/',
    'app://showsite:8080/',
    'app://user:pw@showsite/',
    'app://showsite@evil/',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
    'not a url',
    '',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(42)).toBe(false);
  });
});

describe('navigation and window.open', () => {
  it('blocks navigation away from the app, allows navigation within it', () => {
    expect(shouldBlockNavigation('https://example.com/')).toBe(true);
    expect(shouldBlockNavigation('file:///etc/passwd')).toBe(true);
    expect(shouldBlockNavigation('app://showsite/index.html#/devices')).toBe(false);
  });

  it('always denies new windows; only http(s) goes to the system browser', () => {
    expect(windowOpenDecision('https://example.com/manual')).toEqual({ action: 'deny', openExternally: true });
    expect(windowOpenDecision('http://192.168.1.20/')).toEqual({ action: 'deny', openExternally: true });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://showsite/x', 'ms-settings:', 'https://u:p@example.com/']) {
      expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: false });
    }
  });

  it('isExternalWebUrl rejects garbage', () => {
    expect(isExternalWebUrl('::::')).toBe(false);
    expect(isExternalWebUrl(null)).toBe(false);
  });
});
