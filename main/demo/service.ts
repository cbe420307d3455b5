import type { Settings } from '../../preload/contract/index.ts';
import type { IngestSink } from '../../native/ingest.ts';
import { SimScanner } from '../../native/ble/sim-scanner.ts';
import { createDemoSite, demoSensors, type DemoSite } from '../../native/sim/demo-site.ts';
import type { BleIngest } from '../ble/ingest.ts';
import type { Service, ServiceContext } from '../runtime/service.ts';

type DemoConfig = Settings['demo'];

export interface DemoServiceDeps {
  sink: IngestSink;
  /** The BLE path: the simulated Govee sensors' encoded advertisements go through a simulated scanner into it, like a real scan's. */
  ble: BleIngest;
  /** Newest time a device has stored data for, so a restart does not re-seed history. */
  lastSeen(id: string): number | undefined;
  now: () => number;
}

/** The simulated venue as a Service: on/off and its interval follow Settings → Demo site. */
export class DemoService implements Service<DemoConfig> {
  readonly name = 'demo';
  readonly label = 'Demo site';
  private site: DemoSite | undefined;
  private scanner: SimScanner | undefined;
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

  async start(config: DemoConfig, ctx: ServiceContext): Promise<void> {
    const { sink, ble, lastSeen, now } = this.deps;
    const scanner = new SimScanner({ now, label: 'demo site' });
    this.scanner = scanner;
    await scanner.start({ advertisement: (r) => ble.accept(r, 'sim'), malformed: () => ble.malformed(), state: () => undefined });
    const advertise = (hci: Uint8Array, ts: number, o?: { live?: boolean }) => void scanner.feed(hci, ts, { history: o?.live === false });
    this.site = createDemoSite({ ingest: (d, s, o) => sink.ingest(d, s, o), suggestName: (id, n) => sink.suggestName(id, n), lastSeen, advertise }, { intervalMs: config.intervalMs, now });
    this.site.start();
    const sensors = demoSensors();
    const rooms = new Set(sensors.map((s) => s.name.room));
    ctx.report('ok', `simulating ${sensors.length} sensors in ${rooms.size} rooms, every ${config.intervalMs / 1000} s`);
  }

  async stop(): Promise<void> {
    this.site?.stop();
    this.site = undefined;
    await this.scanner?.stop();
    this.scanner = undefined;
  }

  get running(): boolean {
    return this.site?.running ?? false;
  }
}
