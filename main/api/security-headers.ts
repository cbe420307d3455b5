/**
 * The one Content-Security-Policy for every door the UI comes through: the HTTP server (browsers,
 * tablets) and Electron's app:// protocol. renderer/index.html repeats it as a meta tag (minus
 * frame-ancestors, which meta tags cannot carry); a test keeps the three in step.
 */
export const cspDirectives: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

export const contentSecurityPolicy = Object.entries(cspDirectives)
  .map(([name, value]) => `${name} ${value}`)
  .join('; ');

/** Headers every UI and API response carries. */
export const baseSecurityHeaders: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
