import type { ServiceStatus, Settings } from '../../preload/contract/index.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';

export interface ServiceControllerOptions {
  logger: Logger;
  now: () => number;
  /** Called on every status change (the core publishes it and writes settled changes on the timeline). */
  onStatus?: (status: ServiceStatus, previous: ServiceStatus) => void;
}

interface Entry {
  service: Service;
  /** Config the service runs with (or would, while off). */
  applied: unknown;
  /** Newest config not yet applied: a later change overwrites it (latest wins). */
  pending: unknown;
  hasPending: boolean;
  running: boolean;
  /** Loop applying pending configs one after another; undefined when idle. */
  busy: Promise<void> | undefined;
  /** Bumped at every start/stop: reports from an older run are ignored. */
  generation: number;
  status: ServiceStatus;
}

const sameConfig = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs the core's services: starts them in the order they were added, stops them in reverse (each
 * guarded and timed out, so one that throws or hangs never keeps the others running), and applies
 * settings changes to each service serially — a change arriving while the previous one is still being
 * applied waits, and only the newest waiting change is applied.
 */
export class ServiceController {
  private readonly entries: Entry[] = [];
  private readonly options: ServiceControllerOptions;
  private stopping = false;

  constructor(options: ServiceControllerOptions) {
    this.options = options;
  }

  add<C>(service: Service<C>): this {
    if (this.entries.some((e) => e.service.name === service.name)) throw new Error(`service "${service.name}" added twice`);
    this.entries.push({
      service: service as Service,
      applied: undefined,
      pending: undefined,
      hasPending: false,
      running: false,
      busy: undefined,
      generation: 0,
      status: { name: service.name, label: service.label, state: 'off', message: 'not started', since: this.options.now() },
    });
    return this;
  }

  /** Start every service with its slice of these settings. Resolves with the ones that failed (they show `error`). */
  async startAll(settings: Settings): Promise<{ name: string; error: string }[]> {
    const failed: { name: string; error: string }[] = [];
    for (const e of this.entries) {
      const config = e.service.config(settings);
      await this.apply(e, config);
      if (e.status.state === 'error') failed.push({ name: e.service.name, error: e.status.message });
    }
    return failed;
  }

  /** Settings changed: queue the new slice for every service whose slice differs. */
  applySettings(settings: Settings): void {
    if (this.stopping) return;
    for (const e of this.entries) {
      const config = e.service.config(settings);
      const latest = e.hasPending ? e.pending : e.applied;
      if (sameConfig(config, latest)) continue;
      e.pending = config;
      e.hasPending = true;
      this.kick(e);
    }
  }

  /** Resolves when no settings change is waiting or being applied (tests, and before stopping). */
  async settle(): Promise<void> {
    while (this.entries.some((e) => e.busy)) await Promise.all(this.entries.map((e) => e.busy));
  }

  /** Stop everything, last-started first. Never throws; each service gets its own guard and timeout. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const e of this.entries) e.hasPending = false;
    await this.settle();
    for (const e of [...this.entries].reverse()) {
      if (e.running) await this.stopOne(e, 'stopped');
    }
  }

  statuses(): ServiceStatus[] {
    return this.entries.map((e) => e.status);
  }

  status(name: string): ServiceStatus | undefined {
    return this.entries.find((e) => e.service.name === name)?.status;
  }

  private kick(e: Entry): void {
    if (e.busy) return;
    e.busy = (async () => {
      while (e.hasPending && !this.stopping) {
        const next = e.pending;
        e.hasPending = false;
        e.pending = undefined;
        await this.apply(e, next);
      }
    })().finally(() => {
      e.busy = undefined;
    });
  }

  private async apply(e: Entry, config: unknown): Promise<void> {
    const { service } = e;
    const wanted = service.enabled?.(config) ?? true;
    const previous = e.applied;
    e.applied = config;
    if (!wanted) {
      if (e.running) await this.stopOne(e, service.offMessage?.(config) ?? 'turned off in Settings');
      else this.setStatus(e, 'off', service.offMessage?.(config) ?? 'turned off in Settings');
      return;
    }
    if (e.running && service.reconfigure) {
      try {
        await service.reconfigure(config, previous, this.context(e));
      } catch (error) {
        this.options.logger.error('service could not apply new settings', { service: service.name, error });
        this.setStatus(e, 'error', `could not apply new settings: ${describe(error)}`);
      }
      return;
    }
    if (e.running) await this.stopOne(e, 'restarting with new settings');
    await this.startOne(e, config);
  }

  private async startOne(e: Entry, config: unknown): Promise<void> {
    e.generation++;
    this.setStatus(e, 'starting', 'starting…');
    e.running = true;
    try {
      await e.service.start(config, this.context(e));
      if (e.status.state === 'starting') this.setStatus(e, 'ok', 'running');
    } catch (error) {
      this.options.logger.error('service failed to start', { service: e.service.name, error });
      await this.stopOne(e, undefined);
      this.setStatus(e, 'error', describe(error));
    }
  }

  /** Stop with a timeout; the status becomes `off` with `message` (or stays as it is when undefined). */
  private async stopOne(e: Entry, message: string | undefined): Promise<void> {
    e.generation++;
    e.running = false;
    const timeoutMs = e.service.stopTimeoutMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.resolve().then(() => e.service.stop()),
        new Promise((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`did not stop within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } catch (error) {
      this.options.logger.error('service did not stop cleanly', { service: e.service.name, error });
    } finally {
      clearTimeout(timer);
    }
    if (message !== undefined) this.setStatus(e, 'off', message);
  }

  private context(e: Entry): ServiceContext {
    const generation = e.generation;
    return {
      logger: this.options.logger.child(e.service.name),
      report: (state, message) => {
        if (generation !== e.generation) return; // a report from a run that has since been stopped
        this.setStatus(e, state, message);
      },
    };
  }

  private setStatus(e: Entry, state: ServiceStatus['state'], message: string): void {
    if (e.status.state === state && e.status.message === message) return;
    const previous = e.status;
    e.status = { name: e.service.name, label: e.service.label, state, message, since: state === previous.state ? previous.since : this.options.now() };
    try {
      this.options.onStatus?.(e.status, previous);
    } catch (error) {
      this.options.logger.error('status listener failed', { service: e.service.name, error });
    }
  }
}
