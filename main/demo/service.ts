import type { Settings } from '../../preload/contract/index.ts';
import type { IngestSink } from '../../native/ingest.ts';
import { createDemoSite, demoSensors, type DemoSite } from '../../native/sim/demo-site.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';

type DemoConfig = Settings['demo'];

export interface DemoServiceDeps {
  sink: IngestSink;
  /** Newest time a device has stored data for, so a restart does not re-seed history. */
  lastSeen(id: string): number | undefined;
  now: () => number;
}

/** The simulated venue as a Service: on/off and its interval follow Settings → Demo site. */
export class DemoService implements Service<DemoConfig> {
  readonly name = 'demo';
  readonly label = 'Demo site';
  private site: DemoSite | undefined;
  private readonly deps: DemoServiceDeps;

  constructor(deps: DemoServiceDeps) {
    this.deps = deps;
  }

  config(settings: Settings): DemoConfig {
    return settings.demo;
  }

  enabled(config: DemoConfig): boolean {
    return config.enabled;
  }

  offMessage(): string {
    return 'turned off (Settings → Demo site turns on a simulated venue)';
  }

  start(config: DemoConfig, ctx: ServiceContext): void {
    const { sink, lastSeen, now } = this.deps;
    this.site = createDemoSite({ ingest: (d, s, o) => sink.ingest(d, s, o), suggestName: (id, n) => sink.suggestName(id, n), lastSeen }, { intervalMs: config.intervalMs, now });
    this.site.start();
    const sensors = demoSensors();
    const rooms = new Set(sensors.map((s) => s.name.room));
    ctx.report('ok', `simulating ${sensors.length} sensors in ${rooms.size} rooms, every ${config.intervalMs / 1000} s`);
  }

  stop(): void {
    this.site?.stop();
    this.site = undefined;
  }

  get running(): boolean {
    return this.site?.running ?? false;
  }
}
