import type { Settings } from '../../preload/contract/index.ts';
import { Dashboards } from '../dashboards/dashboards.ts';
import type { DeviceRegistry } from '../devices/registry.ts';
import type { Logger } from '../runtime/logger.ts';
import type { Db } from '../store/db.ts';
import { DashboardsRepo } from '../store/dashboards-repo.ts';
import { ForwardBacklog } from '../store/forward-backlog.ts';
import type { ReadingWriter, SeriesRepo } from '../store/readings-repo.ts';
import { SeriesQuery } from '../store/series-query.ts';
import { SettingsRepo } from '../store/settings-repo.ts';
import { ForwardingService } from './forwarder.ts';
import { forwardingCredentials } from './forwarding-credentials.ts';
import { Monitoring } from './monitoring.ts';
import type { Telemetry } from './pipeline.ts';

export interface MonitoringSetupDeps {
  db: Db;
  registry: DeviceRegistry;
  series: SeriesRepo;
  writer: ReadingWriter;
  telemetry: Pick<Telemetry, 'latest'>;
  settings: () => Settings;
  now: () => number;
  logger: Logger;
}

/** Monitoring's parts over one store: range queries and exports, the forwarding service, dashboards. */
export function createMonitoring(d: MonitoringSetupDeps) {
  const monitoring = new Monitoring({ query: new SeriesQuery(d.db), series: d.series, registry: d.registry, latest: () => d.telemetry.latest(), now: d.now });
  const forwarding = new ForwardingService({
    writer: d.writer,
    backlog: new ForwardBacklog(d.db),
    settings: d.settings,
    series: (id) => d.series.byIdOf(id),
    device: (id) => d.registry.get(id),
    credentials: forwardingCredentials(new SettingsRepo(d.db)),
    now: d.now,
  });
  const dashboards = new Dashboards({ repo: new DashboardsRepo(d.db), registry: d.registry, series: d.series, now: d.now, logger: d.logger });
  return { monitoring, forwarding, dashboards };
}
