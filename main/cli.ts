#!/usr/bin/env node
// `showsite serve`: the headless core plus the built UI, for a browser or tablet on the LAN, and for tests.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiError } from './api/errors.ts';
import { createCore } from './core/app.ts';
import { defaultDataDir } from './core/paths.ts';

const usage = `Usage: showsite serve [options]

Runs the Showsite core headless and serves the console to browsers.

Options:
  --port N          HTTP port (default 8787; 0 picks a free one)
  --host ADDR       address to bind (default 127.0.0.1; 0.0.0.0 = every interface, for tablets on the LAN)
  --token T         set the access token (saved); without it one is made on first run
  --data-dir DIR    where the show database and logs live (default: ${defaultDataDir()})
  --config FILE     apply a settings JSON file at start (see docs/CONFIG.md); invalid files change nothing
  --demo            turn the simulated demo venue on (saved; --no-demo turns it off)
  --log-level L     debug | info | warn | error (default info)
  -h, --help        this text
  -v, --version     print the version
`;

/** Walk up from this file to the package root (works from main/ and from dist/core/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      allowNegative: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        demo: { type: 'boolean' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    console.error(`showsite: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const root = packageRoot();
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (values.version) {
    console.log(version);
    return 0;
  }
  if (values.help || positionals[0] !== 'serve') {
    (values.help ? console.log : console.error)(usage);
    return values.help ? 0 : 2;
  }

  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) return fail(`--port must be 0–65535, got "${values.port}"`);
  const logLevel = values['log-level'] ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) return fail(`--log-level must be debug, info, warn or error`);

  // Read and parse the config file before touching the store, so a bad file changes nothing.
  let patch: unknown = {};
  if (values.config) {
    try {
      patch = JSON.parse(readFileSync(resolve(values.config), 'utf8')) as unknown;
    } catch (error) {
      return fail(`cannot read settings file ${values.config}: ${(error as Error).message}`);
    }
    if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return fail(`settings file ${values.config} must hold a JSON object`);
  }
  if (values.demo !== undefined) patch = { ...(patch as object), demo: { ...((patch as { demo?: object }).demo ?? {}), enabled: values.demo } };

  let core;
  try {
    core = await createCore({
      mode: 'serve',
      dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
      version,
      resourcesDir: join(root, 'dist', 'renderer'),
      http: { host: values.host, port },
      logToConsole: true,
      logLevel: logLevel as 'info',
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  try {
    core.configure(patch, values.token);
  } catch (error) {
    await core.stop();
    return fail(error instanceof ApiError ? `settings rejected, nothing changed: ${error.message}` : (error as Error).message);
  }

  try {
    await core.start();
  } catch (error) {
    return fail(`could not start: ${(error as Error).message}`);
  }
  const a = core.address!;
  const url = `http://${a.host.includes(':') ? `[${a.host}]` : a.host}:${a.port}/`;
  // Tests and scripts read this line to find the port.
  console.log(`Showsite Console ${version} listening on ${url}`);
  console.log(`Open ${url}?token=<token> to sign in (the token is in Settings → Remote access; set it with --token).`);
  if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) console.warn('The UI is not built yet: run "npm run build" (the API works without it).');

  await new Promise<void>((resolveStop) => {
    const shutdown = (signal: string) => {
      core.logger.info('shutting down', { signal });
      core.stop().then(resolveStop, resolveStop);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  return 0;
}

function fail(message: string): number {
  console.error(`showsite: ${message}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('showsite: fatal', error);
    process.exit(1);
  },
);
