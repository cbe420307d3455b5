import type { DeviceSighting, NameRecord, Sample } from '../ingest.ts';
import { dewPoint, humidity, round1, temperature, wander, type RoomClimate } from './climate.ts';
import { seededRandom } from './random.ts';

/** Where simulated readings go: the same entry point real adapters use. */
export interface DemoSink {
  ingest(device: DeviceSighting, samples: Sample[], options?: { live?: boolean }): void;
  suggestName(id: string, name: NameRecord): void;
  /** Newest time this device has stored data for (so a restart does not re-seed history). */
  lastSeen(id: string): number | undefined;
}

export interface DemoOptions {
  intervalMs: number;
  now?: () => number;
  seed?: number;
  /** Minutes of history to seed on first start. */
  historyMinutes?: number;
}

interface SimSensor {
  device: DeviceSighting;
  name: NameRecord;
  /** Value set at time ts; t0 = when the demo started. */
  sample(ts: number, t0: number): Sample[];
  /** Stops reporting this long before the demo starts: the stale one. */
  silentForMs?: number;
}

const stage: RoomClimate = { baseC: 17, swingC: 6, baseRh: 62 };
const foh: RoomClimate = { baseC: 18, swingC: 4, baseRh: 55 };
const backstage: RoomClimate = { baseC: 19, swingC: 3, baseRh: 50 };
const rack: RoomClimate = { baseC: 24, swingC: 5, baseRh: 40 };

function hygrometer(mac: string, model: string, name: string, room: string, climate: RoomClimate, seed: number, battery: number): SimSensor {
  return {
    device: { id: `ble:${mac}`, kind: 'thermo-hygrometer', model, source: 'sim', battery, rssi: -70 },
    name: { name, room },
    sample: (ts) => [
      { metric: 'temperature', unit: '°C', value: round1(temperature(climate, ts, seed)), ts },
      { metric: 'humidity', unit: '%', value: round1(humidity(climate, ts, seed)), ts },
    ],
  };
}

const watchdogInternal = 'snmp:watchdog-demo:internal:1';

/** The simulated venue: six Govee hygrometers in three rooms and a Geist Watchdog with two remote probes. */
export function demoSensors(): SimSensor[] {
  return [
    hygrometer('A4:C1:38:5A:10:01', 'H5075', 'Stage left', 'Stage', stage, 1, 100),
    hygrometer('A4:C1:38:5A:10:02', 'H5075', 'Stage right', 'Stage', stage, 2, 87),
    hygrometer('A4:C1:38:5A:10:03', 'H5075', 'FOH desk', 'FOH', foh, 3, 64),
    hygrometer('A4:C1:38:5A:10:04', 'H5074', 'FOH rack', 'FOH', { ...foh, baseC: 21 }, 4, 92),
    { ...hygrometer('A4:C1:38:5A:10:05', 'H5075', 'Green room', 'Backstage', backstage, 5, 23), silentForMs: 6 * 60_000 },
    hygrometer('A4:C1:38:5A:10:06', 'H5072', 'Dressing room 1', 'Backstage', backstage, 6, 78),
    {
      device: { id: watchdogInternal, kind: 'climate-monitor', model: 'Geist Watchdog 100', source: 'sim' },
      name: { name: 'Rack climate', room: 'Amp rack' },
      sample: (ts) => {
        const t = temperature(rack, ts, 7);
        const rh = humidity(rack, ts, 7);
        return [
          { metric: 'temperature', unit: '°C', value: round1(t), ts },
          { metric: 'humidity', unit: '%', value: Math.round(rh), ts },
          { metric: 'dewpoint', unit: '°C', value: round1(dewPoint(t, rh)), ts },
        ];
      },
    },
    {
      device: { id: 'snmp:watchdog-demo:temp:1', kind: 'temperature-probe', model: 'Geist RT', source: 'sim', parentId: watchdogInternal },
      name: { name: 'Rack intake', room: 'Amp rack' },
      sample: (ts) => [{ metric: 'temperature', unit: '°C', value: round1(temperature(rack, ts, 8) - 2), ts }],
    },
    {
      // Amps working hard: the exhaust climbs through the 35 °C alarm within seconds of start, then cycles.
      device: { id: 'snmp:watchdog-demo:temp:2', kind: 'temperature-probe', model: 'Geist RT', source: 'sim', parentId: watchdogInternal },
      name: { name: 'Rack exhaust', room: 'Amp rack' },
      sample: (ts, t0) => [{ metric: 'temperature', unit: '°C', value: round1(33 + 4 * Math.sin(((ts - t0) / 240_000) * 2 * Math.PI + 0.4) + 0.2 * wander(ts, 9)), ts }],
    },
  ];
}

export interface DemoSite {
  start(): void;
  stop(): void;
  readonly running: boolean;
}

export function createDemoSite(sink: DemoSink, options: DemoOptions): DemoSite {
  const now = options.now ?? Date.now;
  const random = seededRandom(options.seed ?? 42);
  const sensors = demoSensors();
  const timers = new Set<NodeJS.Timeout>();
  let running = false;

  const report = (s: SimSensor, t0: number) => {
    const ts = now();
    // BLE sensors' signal strength wanders as people walk past
    const device = s.device.rssi === undefined ? s.device : { ...s.device, rssi: Math.round(-72 + 8 * wander(ts, s.device.id.length)) };
    sink.ingest(device, s.sample(ts, t0));
  };

  const schedule = (s: SimSensor, t0: number, delay: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!running) return;
      report(s, t0);
      // ±20 % jitter, like real sensors that are not synchronised
      schedule(s, t0, options.intervalMs * (0.8 + 0.4 * random()));
    }, delay);
    timers.add(timer);
  };

  return {
    get running() {
      return running;
    },
    start() {
      if (running) return;
      running = true;
      const t0 = now();
      const historyMs = (options.historyMinutes ?? 60) * 60_000;
      for (const s of sensors) {
        const end = t0 - (s.silentForMs ?? 0);
        const from = Math.max(end - historyMs, (sink.lastSeen(s.device.id) ?? 0) + 60_000);
        // History at one point a minute, stored without alerts; the newest point goes through live.
        const history: Sample[] = [];
        for (let ts = from; ts < end - 60_000; ts += 60_000) history.push(...s.sample(Math.round(ts), t0));
        if (history.length) sink.ingest(s.device, history, { live: false });
        sink.suggestName(s.device.id, s.name);
        if (s.silentForMs) {
          if (from < end) sink.ingest(s.device, s.sample(Math.round(end), t0));
          continue;
        }
        report(s, t0);
        schedule(s, t0, options.intervalMs * random());
      }
    },
    stop() {
      running = false;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
