import { mkdirSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { Access, Settings } from '../../preload/contract/index.ts';
import { createDemoSite, type DemoSite } from '../../native/sim/demo-site.ts';
import { createHandlers } from '../api/handlers.ts';
import { EventHub } from '../api/hub.ts';
import { createApiServer, type ApiServer } from '../api/http-server.ts';
import { createRouter, type CallContext } from '../api/router.ts';
import { openSession, type EventSink, type Session } from '../api/session.ts';
import { DeviceRegistry } from '../devices/registry.ts';
import { changedSections, SettingsService } from '../settings/service.ts';
import { openDatabase } from '../store/db.ts';
import { EventsRepo } from '../store/events-repo.ts';
import { ReadingWriter, SeriesRepo } from '../store/readings-repo.ts';
import { RetentionJob } from '../store/retention.ts';
import { SettingsRepo } from '../store/settings-repo.ts';
import { Telemetry } from '../telemetry/pipeline.ts';
import { lockDataDir } from './lock.ts';
import { Timeline } from './timeline.ts';
import { createLogger, type LogLevel, type Logger } from './logger.ts';

export interface CoreOptions {
  dataDir: string;
  version: string;
  /** desktop: the HTTP/LAN server follows settings.remote (off by default); serve: always serves HTTP. */
  mode: 'desktop' | 'serve';
  /** Folder holding the built renderer (dist/renderer), served to browsers. */
  resourcesDir: string;
  /** serve-only overrides for this run (not saved). */
  http?: { host?: string; port?: number };
  logToConsole?: boolean;
  logLevel?: LogLevel;
  now?: () => number;
}

export interface Core {
  start(): Promise<void>;
  stop(): Promise<void>;
  openSession(sink: EventSink, access: Exclude<Access, 'public'>): Session;
  /** Apply a settings file/patch before start (serve --config, --demo, --token). Throws ApiError if invalid. */
  configure(patch: unknown, token?: string): void;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly logDir: string;
  /** Where the HTTP server listens, once started (undefined when it is off). */
  readonly address: { host: string; port: number } | undefined;
  readonly settings: () => Settings;
}

/** The composition root: builds every service from settings, starts them in order, stops them in reverse. */
export async function createCore(options: CoreOptions): Promise<Core> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  mkdirSync(options.dataDir, { recursive: true });
  const logDir = join(options.dataDir, 'logs');
  // The file always keeps info and up for post-mortems; --log-level only quietens the console.
  const logger = createLogger({ dir: logDir, console: options.logToConsole ?? false, level: options.logLevel === 'debug' ? 'debug' : 'info', consoleLevel: options.logLevel ?? 'info' });
  const unlock = lockDataDir(join(options.dataDir, 'showsite.lock'));

  let db: ReturnType<typeof openDatabase>;
  try {
    db = openDatabase(join(options.dataDir, 'showsite.db'));
  } catch (error) {
    unlock();
    throw error;
  }
  const settings = new SettingsService(new SettingsRepo(db), logger.child('settings'));
  const registry = new DeviceRegistry(db);
  const series = new SeriesRepo(db);
  const hub = new EventHub();
  const timeline = new Timeline(new EventsRepo(db), hub, now);
  const writer = new ReadingWriter(db, {
    beforeCommit: () => registry.flushSightings(),
    hasOtherWork: () => registry.hasUnflushedSightings(),
    onError: (error, pending) => logger.error('could not write readings; will retry', { error, pending }),
  });
  const retention = new RetentionJob(db, () => settings.get().telemetry.rawRetentionDays * 86_400_000, now);
  const telemetry = new Telemetry({ registry, series, writer, timeline, hub, settings: () => settings.get(), now, logger: logger.child('telemetry') });

  let demo: DemoSite | undefined;
  let server: ApiServer | undefined;
  let address: { host: string; port: number } | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;

  const remoteUrls = (): string[] => {
    if (!address) return [];
    if (address.host !== '0.0.0.0' && address.host !== '::') return [`http://${hostForUrl(address.host)}:${address.port}/`];
    return lanAddresses().map((ip) => `http://${hostForUrl(ip)}:${address!.port}/`);
  };

  const dispatch = createRouter(
    createHandlers({ version: options.version, mode: options.mode, startedAt, dataDir: options.dataDir, now, registry, telemetry, timeline, settings, hub, demoRunning: () => demo?.running ?? false, remoteUrls }),
    logger.child('api'),
  );
  const open = (sink: EventSink, ctx: CallContext) => openSession(hub, dispatch, sink, ctx);

  const syncDemo = (s: Settings) => {
    if (s.demo.enabled && !demo) {
      demo = createDemoSite(
        {
          ingest: (device, samples, o) => telemetry.ingest(device, samples, o),
          suggestName: (id, name) => registry.suggestName(id, name, 'demo', now()),
          lastSeen: (id) => registry.get(id)?.lastSeen,
        },
        { intervalMs: s.demo.intervalMs, now },
      );
      demo.start();
      logger.info('demo site started');
    } else if (!s.demo.enabled && demo) {
      demo.stop();
      demo = undefined;
      logger.info('demo site stopped');
    }
  };

  const wantServer = () => options.mode === 'serve' || settings.get().remote.enabled;
  const syncServer = async () => {
    if (server) {
      await server.close();
      server = undefined;
      address = undefined;
    }
    if (!wantServer()) return;
    const r = settings.get().remote;
    const host = options.http?.host ?? r.host;
    const port = options.http?.port ?? r.port;
    const s = createApiServer({ dispatch, openSession: open, tokens: () => ({ control: settings.token(), viewer: settings.viewerToken() }), uiRoot: options.resourcesDir, logger: logger.child('http') });
    address = await s.listen(host, port);
    server = s;
    logger.info('listening', { host: address.host, port: address.port });
  };

  settings.onChange((next, previous) => {
    if (!started) return;
    const changed = changedSections(next, previous);
    if (changed.includes('demo')) {
      if (demo && next.demo.intervalMs !== previous.demo.intervalMs) {
        demo.stop();
        demo = undefined;
      }
      syncDemo(next);
    }
    if (options.mode === 'desktop' && changed.includes('remote')) {
      syncServer().catch((error: unknown) => {
        // The settings call already answered: say it where the operator looks, not only in the log.
        logger.error('could not apply remote access settings', { error });
        timeline.record({ kind: 'system', severity: 'warn', deviceId: null, message: `LAN access could not start on ${next.remote.host}:${next.remote.port}: ${(error as Error).message}` });
      });
    }
  });

  const core: Core = {
    logger,
    dataDir: options.dataDir,
    logDir,
    settings: () => settings.get(),
    get address() {
      return address;
    },
    configure(patch, token) {
      // Check both before saving either, so a bad file or token changes nothing.
      if (token !== undefined) settings.checkToken(token);
      settings.update(patch);
      if (token !== undefined) settings.setToken(token);
    },
    openSession: (sink, access) => open(sink, { access, via: 'ipc' }),
    async start() {
      if (started) return;
      writer.start();
      telemetry.start();
      retention.start(3600_000, (removed) => removed > 0 && logger.info('pruned old readings', { removed }));
      started = true;
      syncDemo(settings.get());
      try {
        await syncServer();
      } catch (error) {
        await core.stop();
        throw error;
      }
      logger.info('core started', { version: options.version, dataDir: options.dataDir, mode: options.mode, ms: now() - startedAt });
    },
    stop() {
      stopping ??= (async () => {
        started = false;
        await server?.close();
        demo?.stop();
        retention.stop();
        telemetry.stop();
        writer.stop();
        db.close();
        unlock();
        logger.info('core stopped', { readingsWritten: writer.written });
      })();
      return stopping;
    },
  };
  return core;
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((i): i is NonNullable<typeof i> => !!i && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);
