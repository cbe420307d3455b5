import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Access, ServiceStatus, Settings } from '../../preload/contract/index.ts';
import { createHandlers } from '../api/handlers.ts';
import { LanService } from '../api/lan-service.ts';
import { createRouter, type CallContext } from '../api/router.ts';
import { openSession, type EventSink, type Session } from '../api/session.ts';
import { DemoService } from '../demo/service.ts';
import { BleService } from '../ble/service.ts';
import { createBleHandlers } from '../api/handlers/ble.ts';
import { createSnmpHandlers } from '../api/handlers/snmp.ts';
import { SnmpService } from '../snmp/service.ts';
import { DmxLibrary } from '../dmx/library.ts';
import { DmxService } from '../dmx/service.ts';
import { ShowFiles } from '../show/show-file.ts';
import { createShowHandlers } from '../api/handlers/show.ts';
import { createDmxHandlers } from '../api/handlers/dmx.ts';
import { createDmxSerialHandlers } from '../api/handlers/dmx-serial.ts';
import { createScheduleHandlers } from '../api/handlers/schedule.ts';
import { dmxCueTargets } from '../schedule/dmx-targets.ts';
import { ScheduleService } from '../schedule/service.ts';
import { ScheduleRepo } from '../store/schedule-repo.ts';
import { DeviceRegistry } from '../devices/registry.ts';
import { DeviceTools } from '../devices/tools.ts';
import { createDeviceToolHandlers } from '../api/handlers/devices.ts';
import { MqttService } from '../mqtt/service.ts';
import { createMqttHandlers } from '../api/handlers/mqtt.ts';
import { createMonitoringHandlers } from '../api/handlers/monitoring.ts';
import { createMonitoring } from '../telemetry/monitoring-setup.ts';
import { EventHub } from '../runtime/hub.ts';
import { createLogger, type LogLevel, type Logger } from '../runtime/logger.ts';
import type { IngestSink } from '../../native/ingest.ts';
import type { Service } from '../runtime/service.ts';
import { Timeline } from '../runtime/timeline.ts';
import { SettingsService } from '../settings/service.ts';
import { openDatabase } from '../store/db.ts';
import { EventsRepo } from '../store/events-repo.ts';
import { ReadingWriter, SeriesRepo } from '../store/readings-repo.ts';
import { RetentionJob } from '../store/retention.ts';
import { SettingsRepo } from '../store/settings-repo.ts';
import { Telemetry } from '../telemetry/pipeline.ts';
import { lockDataDir } from './lock.ts';
import { ServiceController } from './services.ts';

export interface CoreOptions {
  dataDir: string;
  version: string;
  /** desktop: the HTTP/LAN server follows settings.remote (off by default); serve: always serves HTTP. */
  mode: 'desktop' | 'serve';
  /** Folder holding the built renderer (dist/renderer), served to browsers. */
  resourcesDir: string;
  /** serve-only overrides for this run (not saved). */
  http?: { host?: string; port?: number };
  /** serve --mqtt-port: the embedded broker's port for this run (0 = off; not saved). */
  mqtt?: { port?: number };
  logToConsole?: boolean;
  logLevel?: LogLevel;
  now?: () => number;
  /** Check every API result against the contract (tests, development). Default: SHOWSITE_CHECK_CONTRACT=1. */
  checkContract?: boolean;
  /** More services, started after the built-in sources and before the LAN door (tests, extensions). */
  extraServices?: Service[];
}

export interface Core {
  start(): Promise<void>;
  stop(): Promise<void>;
  openSession(sink: EventSink, access: Exclude<Access, 'public'>): Session;
  /** Apply a settings file/patch before start (serve --config, --demo, --token). Throws CoreError if invalid. */
  configure(patch: unknown, token?: string): void;
  /** Resolves once every queued settings change has been applied to the services. */
  settled(): Promise<void>;
  /** Record a system note on the site timeline (crash handlers, the shell). */
  note(severity: 'info' | 'warn' | 'alarm', message: string): void;
  readonly logger: Logger;
  readonly dataDir: string;
  readonly logDir: string;
  /** Where the HTTP server listens, once started (undefined when it is off). */
  readonly address: { host: string; port: number } | undefined;
  readonly settings: () => Settings;
  /** The control and viewer tokens (serve prints sign-in links with them). */
  readonly tokens: () => { control: string; viewer: string };
  readonly services: () => ServiceStatus[];
  /** The URLs a browser elsewhere can open (empty while LAN access is off). */
  readonly urls: () => string[];
  /** The door every adapter pushes readings through (for adapters and benchmarks embedding the core). */
  readonly ingest: IngestSink;
}

/**
 * The composition root: opens the store, builds the shared parts (hub, timeline, registry, telemetry),
 * lists the services in start order, and wires settings changes to them. Nothing else lives here.
 */
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
  const hub = new EventHub((error) => logger.error('live event listener failed', { error }));
  const timeline = new Timeline(new EventsRepo(db), hub, now);
  const writer = new ReadingWriter(db, {
    beforeCommit: () => registry.flushSightings(),
    hasOtherWork: () => registry.hasUnflushedSightings(),
    onError: (error, pending) => logger.error('could not write readings; will retry', { error, pending }),
  });
  const retention = new RetentionJob(db, () => settings.get().retention, now);
  const telemetry = new Telemetry({ registry, series, writer, timeline, hub, settings: () => settings.get(), now, logger: logger.child('telemetry') });
  const monitoring = createMonitoring({ db, registry, series, writer, telemetry, settings: () => settings.get(), now, logger: logger.child('monitoring') });
  const sink = {
    ingest: telemetry.ingest.bind(telemetry),
    suggestName: (id: string, name: { name?: string; room?: string; notes?: string }) => registry.suggestName(id, name, 'adapter', now()),
  };

  let booted = false;
  const lastSettled = new Map<string, ServiceStatus['state']>();
  const services = new ServiceController({
    logger: logger.child('services'),
    now,
    onStatus: (status, previous) => {
      hub.publish('services.status', status.name, status);
      // The timeline tells the show's story: settled changes only, and not the quiet start of a healthy boot.
      if (status.state === 'starting') return;
      const settledBefore = previous.state === 'starting' ? lastSettled.get(status.name) : previous.state;
      lastSettled.set(status.name, status.state);
      if (settledBefore === status.state || (!booted && (status.state === 'ok' || status.state === 'off'))) return;
      const severity = status.state === 'error' || status.state === 'lost' ? 'warn' : 'info';
      timeline.record({ kind: 'system', severity, deviceId: null, message: `${status.label}: ${status.message}` });
    },
  });
  const checkContract = options.checkContract ?? process.env.SHOWSITE_CHECK_CONTRACT === '1';
  const ble = new BleService({ sink, settings: () => settings.get(), dataDir: options.dataDir, now });
  const demo = new DemoService({ sink, ble: ble.ingest, lastSeen: (id) => registry.get(id)?.lastSeen, now });
  const snmp = new SnmpService({ sink, hub, timeline, now });
  const dmxLibrary = new DmxLibrary(db, logger.child('dmx'), now);
  // Show files: each capability contributes its part (settings first: the rest may depend on them).
  const shows = new ShowFiles((fn) => db.transaction(fn)(), now);
  shows.register({ name: 'settings', export: () => settings.get(), check: (v) => (settings.check(v), v), apply: (v) => void settings.update(v) });
  shows.register({ name: 'dmx', export: () => dmxLibrary.get(), check: (v) => dmxLibrary.check(v), apply: (v) => void dmxLibrary.replaceAll(v) });
  const dmx = new DmxService({ library: dmxLibrary, hub, sink, dataDir: options.dataDir, settings: () => settings.get() });
  const scheduleRepo = new ScheduleRepo(db, { onInvalid: (date, id, issues) => logger.warn('skipped a stored running-order entry that no longer parses', { date, id, issues }) });
  // Cues GO scenes and cue lists through the DMX service and publish through the MQTT service (made below; asked when a cue fires).
  const schedule = new ScheduleService({ repo: scheduleRepo, hub, timeline, sink, targets: dmxCueTargets(dmx, dmxLibrary, () => mqtt.cuePublisher()), settings: () => settings.get(), now });
  shows.register(schedule.showPart());
  const deviceTools = new DeviceTools({ db, registry, series, writer, refreshLive: (ids) => telemetry.refreshDevices(ids), now });
  const mqtt = new MqttService({
    db,
    sink,
    registry,
    latest: () => telemetry.latest(),
    hub,
    timeline,
    now,
    mode: options.mode,
    overrides: { port: options.mqtt?.port, host: options.http?.host },
    onDevicesRemoved: (listener) => deviceTools.onRemoved(listener),
  });
  // Every capability's handlers spread into one object: TypeScript insists that no method of the contract is missing.
  const dispatch = createRouter(
    {
      ...createHandlers({
        version: options.version,
        mode: options.mode,
        startedAt,
        dataDir: options.dataDir,
        now,
        registry,
        telemetry,
        timeline,
        settings,
        hub,
        demoRunning: () => demo.running,
        remoteUrls: () => lan.urls(),
        services: () => services.statuses(),
      }),
      ...createSnmpHandlers({ snmp }),
      ...createBleHandlers({ ble, settings, hub, timeline }),
      ...createDmxHandlers({ dmx, library: dmxLibrary, timeline }),
      ...createDmxSerialHandlers({ dmx, settings: () => settings.get() }),
      ...createScheduleHandlers({ schedule }),
      ...createShowHandlers({ shows, settings, hub, timeline }),
      ...createMqttHandlers({ mqtt, timeline, now }),
      ...createDeviceToolHandlers({ tools: deviceTools, hub, timeline }),
      ...createMonitoringHandlers({ ...monitoring, timeline }),
    },
    logger.child('api'),
    { checkResults: checkContract },
  );
  const open = (sink: EventSink, ctx: CallContext) => openSession(hub, dispatch, sink, ctx, { onDeliveryError: (error) => logger.warn('could not deliver live events', { error }) });
  const lan = new LanService({
    mode: options.mode,
    overrides: options.http,
    server: { dispatch, openSession: open, tokens: () => ({ control: settings.token(), viewer: settings.viewerToken() }), uiRoot: options.resourcesDir },
  });

  // Start order: sources of data first, the doors last (so the first viewer sees a running core).
  services.add(demo);
  services.add(ble);
  services.add(snmp);
  services.add(dmx);
  services.add(schedule);
  services.add(mqtt);
  services.add(monitoring.forwarding);
  for (const extra of options.extraServices ?? []) services.add(extra);
  services.add(lan);

  let started = false;
  let stopping: Promise<void> | undefined;
  settings.onChange((next) => {
    if (started) services.applySettings(next);
  });

  const core: Core = {
    logger,
    dataDir: options.dataDir,
    logDir,
    settings: () => settings.get(),
    tokens: () => ({ control: settings.token(), viewer: settings.viewerToken() }),
    services: () => services.statuses(),
    urls: () => lan.urls(),
    ingest: sink,
    get address() {
      return lan.address;
    },
    configure(patch, token) {
      // Check both before saving either, so a bad file or token changes nothing.
      if (token !== undefined) settings.checkToken(token);
      settings.update(patch);
      if (token !== undefined) settings.setToken(token);
    },
    settled: () => services.settle(),
    note(severity, message) {
      try {
        timeline.record({ kind: 'system', severity, deviceId: null, message });
      } catch (error) {
        logger.error('could not write to the timeline', { error, message });
      }
    },
    openSession: (sink, access) => open(sink, { access, via: 'ipc' }),
    async start() {
      if (started) return;
      writer.start();
      telemetry.start();
      retention.start(3600_000, (removed) => removed > 0 && logger.info('pruned old readings', { removed }));
      started = true;
      const failed = await services.startAll(settings.get());
      booted = true;
      // Headless, the web server IS the product: without it there is nothing to use, so refuse to run.
      const lanFailure = failed.find((f) => f.name === 'lan');
      if (options.mode === 'serve' && lanFailure) {
        await core.stop();
        throw new Error(lanFailure.error);
      }
      logger.info('core started', { version: options.version, dataDir: options.dataDir, mode: options.mode, ms: now() - startedAt, failed });
    },
    stop() {
      stopping ??= (async () => {
        started = false;
        // Each step is guarded: one that fails must not keep the store open or the lock held.
        const step = async (what: string, fn: () => unknown) => {
          try {
            await fn();
          } catch (error) {
            logger.error(`could not stop ${what}`, { error });
          }
        };
        await step('services', () => services.stopAll());
        await step('retention', () => retention.stop());
        await step('telemetry', () => telemetry.stop());
        await step('reading writer', () => writer.stop());
        await step('store', () => db.close());
        unlock();
        logger.info('core stopped', { readingsWritten: writer.written });
      })();
      return stopping;
    },
  };
  return core;
}
