import { createLogger } from '../../main/runtime/logger.ts';
import { EventHub } from '../../main/runtime/hub.ts';
import { DeviceRegistry } from '../../main/devices/registry.ts';
import { openDatabase, type Db } from '../../main/store/db.ts';
import { EventsRepo } from '../../main/store/events-repo.ts';
import { Timeline } from '../../main/runtime/timeline.ts';
import { ReadingWriter, SeriesRepo } from '../../main/store/readings-repo.ts';
import { Telemetry } from '../../main/telemetry/pipeline.ts';
import { defaultSettings, type EventMessage, type Settings } from '../../preload/contract/index.ts';

export const quietLogger = createLogger({ console: false, level: 'error' });

/** The telemetry pipeline over an in-memory store with a hand-driven clock, for unit tests. */
export function telemetryRig(options: { db?: Db; settings?: Settings; start?: number } = {}) {
  const db = options.db ?? openDatabase(':memory:');
  const clock = { now: options.start ?? Date.UTC(2026, 10, 22, 12) };
  const settings = options.settings ?? structuredClone(defaultSettings);
  const registry = new DeviceRegistry(db);
  const series = new SeriesRepo(db);
  const events = new EventsRepo(db);
  const hub = new EventHub();
  const writer = new ReadingWriter(db, { beforeCommit: () => registry.flushSightings(), hasOtherWork: () => registry.hasUnflushedSightings() });
  const published: EventMessage[] = [];
  hub.listen((topic, _key, data) => published.push({ topic, data } as EventMessage));
  const timeline = new Timeline(events, hub, () => clock.now);
  const telemetry = new Telemetry({ registry, series, writer, timeline, hub, settings: () => settings, now: () => clock.now, logger: quietLogger });
  return { db, clock, settings, registry, series, events, timeline, hub, writer, telemetry, published };
}

export const hygrometer = { id: 'ble:A4:C1:38:00:00:01', kind: 'thermo-hygrometer', model: 'H5075', source: 'ble' } as const;
