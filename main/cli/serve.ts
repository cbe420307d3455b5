// `showsite serve`: the headless core plus the built UI, for a browser or tablet on the LAN, and for tests.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../core/app.ts';
import { defaultDataDir } from '../core/paths.ts';
import { CoreError } from '../runtime/errors.ts';
import { installCrashPolicy } from '../core/crash-policy.ts';

const usage = `Usage: showsite serve [options]

Runs the Showsite core headless and serves the console to browsers.

Options:
  --port N          HTTP port (default 8787; 0 picks a free one)
  --host ADDR       address to bind (default 127.0.0.1; 0.0.0.0 = every interface, for tablets on the LAN)
  --mqtt-port N     the embedded MQTT broker's port for this run (default 1883 or settings; 0 = broker off)
  --token T         set the control token (saved); without it one is made on first run
  --data-dir DIR    where the show database and logs live (default: ${defaultDataDir()})
  --config FILE     apply a settings JSON file at start (see docs/CONFIG.md); invalid files change nothing
  --demo            turn the simulated demo venue on (saved; --no-demo turns it off)
  --quiet           print only the "listening on" line (no sign-in links)
  --log-level L     debug | info | warn | error (default info)
  -h, --help        this text
`;

export interface CliContext {
  root: string;
  version: string;
}

export async function serveCommand(argv: string[], cli: CliContext): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowNegative: true,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'mqtt-port': { type: 'string' },
        token: { type: 'string' },
        'data-dir': { type: 'string' },
        config: { type: 'string' },
        demo: { type: 'boolean' },
        quiet: { type: 'boolean' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`showsite: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values } = parsed;
  if (values.help) {
    console.log(usage);
    return 0;
  }

  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) return fail(`--port must be 0–65535, got "${values.port}"`);
  const mqttPort = values['mqtt-port'] === undefined ? undefined : Number(values['mqtt-port']);
  if (mqttPort !== undefined && !(Number.isInteger(mqttPort) && mqttPort >= 0 && mqttPort <= 65535)) return fail(`--mqtt-port must be 0–65535 (0 = broker off), got "${values['mqtt-port']}"`);
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

  let core: Core;
  try {
    core = await createCore({
      mode: 'serve',
      dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
      version: cli.version,
      resourcesDir: join(cli.root, 'dist', 'renderer'),
      http: { host: values.host, port },
      mqtt: { port: mqttPort },
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
    return fail(error instanceof CoreError ? `settings rejected, nothing changed: ${error.message}` : (error as Error).message);
  }

  const crashPolicy = installCrashPolicy({ core, exit: (code) => process.exit(code) });
  try {
    await core.start();
  } catch (error) {
    crashPolicy.uninstall();
    return fail(`could not start: ${(error as Error).message}`);
  }
  printWelcome(core, cli, values.quiet ?? false);

  const code = await new Promise<number>((resolveStop) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals++;
      if (signals > 1) {
        console.error(`showsite: ${signal} again — exiting without a clean stop`);
        resolveStop(1);
        return;
      }
      core.logger.info('shutting down', { signal });
      core.stop().then(
        () => resolveStop(0),
        () => resolveStop(1),
      );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
  });
  crashPolicy.uninstall();
  return code;
}

/** The address to open, with the real tokens, so a newcomer never has to hunt for them. */
function printWelcome(core: Core, cli: CliContext, quiet: boolean): void {
  const a = core.address!;
  const hostPart = a.host.includes(':') ? `[${a.host}]` : a.host;
  // Tests and scripts read this line to find the port.
  console.log(`Showsite Console ${cli.version} listening on http://${hostPart}:${a.port}/`);
  if (!quiet) {
    const { control, viewer } = core.tokens();
    const bases = a.host === '0.0.0.0' || a.host === '::' ? [`http://127.0.0.1:${a.port}/`, ...core.urls()] : [`http://${hostPart}:${a.port}/`];
    console.log('');
    console.log('Open the console (operator, may change things):');
    for (const b of bases) console.log(`  ${b}?token=${encodeURIComponent(control)}`);
    console.log('Viewer link (read-only, for a stage manager or client tablet):');
    for (const b of bases) console.log(`  ${b}?token=${encodeURIComponent(viewer)}`);
    console.log('');
    console.log('Stop with Ctrl-C. Both links are also in Settings → Remote access.');
  }
  if (!existsSync(join(cli.root, 'dist', 'renderer', 'index.html'))) console.warn('The UI is not built yet: run "npm run build" (the API works without it).');
}

function fail(message: string): number {
  console.error(`showsite: ${message}`);
  return 2;
}
