import type { DeviceSighting, NameRecord, Sample } from '../ingest.ts';
import { encodeGoveeHci, type EncodableModel } from '../ble/encode.ts';
import { humidity, round1, temperature, wander, type RoomClimate } from './climate.ts';
import { seededRandom } from './random.ts';

/** Where simulated readings go: the same entry point real adapters use. */
export interface DemoSink {
  ingest(device: DeviceSighting, samples: Sample[], options?: { live?: boolean }): void;
  suggestName(id: string, name: NameRecord): void;
  /** Newest time this device has stored data for (so a restart does not re-seed history). */
  lastSeen(id: string): number | undefined;
  /**
   * A BLE sensor's over-the-air bytes: one HCI LE advertising report event, heard at `ts`. They go through
   * the same parser, decoders and ingest path as a real scan (`live: false` = seeded history).
   */
  advertise(hci: Uint8Array, ts: number, options?: { live?: boolean }): void;
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
  /** A BLE sensor: the encoded advertisements (HCI events) it sends for its values at ts. Its samples never bypass the decoders. */
  advertise?(ts: number, t0: number, rssi: number): Uint8Array[];
}

const stage: RoomClimate = { baseC: 17, swingC: 6, baseRh: 62 };
const foh: RoomClimate = { baseC: 18, swingC: 4, baseRh: 55 };
const backstage: RoomClimate = { baseC: 19, swingC: 3, baseRh: 50 };

function hygrometer(mac: string, model: EncodableModel, name: string, room: string, climate: RoomClimate, seed: number, battery: number): SimSensor {
  const sample = (ts: number): Sample[] => [
    { metric: 'temperature', unit: '°C', value: round1(temperature(climate, ts, seed)), ts },
    { metric: 'humidity', unit: '%', value: round1(humidity(climate, ts, seed)), ts },
  ];
  return {
    device: { id: `ble:${mac}`, kind: 'thermo-hygrometer', model, source: 'sim', battery, rssi: -70 },
    name: { name, room },
    sample,
    // What the sensor puts on air (advertisement + scan response, with its default name), as a scanning controller reports it.
    advertise: (ts, _t0, rssi) => {
      const values = Object.fromEntries(sample(ts).map((x) => [x.metric, x.value]));
      return encodeGoveeHci(model, mac, { ...values, battery }, { rssi });
    },
  };
}

/**
 * The simulated venue's Bluetooth hygrometers: six Govee sensors in three rooms. The rack's Geist Watchdog
 * and the show switch are not here: they are simulated SNMP agents (native/snmp/sim-mib.ts) served on
 * loopback and polled by the real SNMP poller (main/snmp/demo.ts).
 */
export function demoSensors(): SimSensor[] {
  return [
    hygrometer('A4:C1:38:5A:10:01', 'H5075', 'Stage left', 'Stage', stage, 1, 100),
    hygrometer('A4:C1:38:5A:10:02', 'H5075', 'Stage right', 'Stage', stage, 2, 87),
    hygrometer('A4:C1:38:5A:10:03', 'H5075', 'FOH desk', 'FOH', foh, 3, 64),
    hygrometer('A4:C1:38:5A:10:04', 'H5074', 'FOH rack', 'FOH', { ...foh, baseC: 21 }, 4, 92),
    { ...hygrometer('A4:C1:38:5A:10:05', 'H5075', 'Green room', 'Backstage', backstage, 5, 23), silentForMs: 6 * 60_000 },
    hygrometer('A4:C1:38:5A:10:06', 'H5072', 'Dressing room 1', 'Backstage', backstage, 6, 78),
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

  // BLE sensors' signal strength wanders as people walk past
  const rssiAt = (s: SimSensor, ts: number) => Math.round(-72 + 8 * wander(ts, s.device.id.length));
  /** A BLE sensor's packets for the value at ts, through the decoders like a real scan. */
  const advertise = (s: SimSensor, send: NonNullable<SimSensor['advertise']>, ts: number, t0: number, live: boolean) => {
    for (const hci of send(ts, t0, rssiAt(s, ts))) sink.advertise(hci, ts, live ? undefined : { live: false });
  };

  const report = (s: SimSensor, t0: number) => {
    const ts = now();
    if (s.advertise) return advertise(s, s.advertise, ts, t0, true);
    const device = s.device.rssi === undefined ? s.device : { ...s.device, rssi: rssiAt(s, ts) };
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
        const send = s.advertise;
        for (let ts = from; ts < end - 60_000; ts += 60_000) {
          if (send) advertise(s, send, Math.round(ts), t0, false);
          else history.push(...s.sample(Math.round(ts), t0));
        }
        if (history.length) sink.ingest(s.device, history, { live: false });
        sink.suggestName(s.device.id, s.name);
        if (s.silentForMs) {
          if (from < end) {
            if (send) advertise(s, send, Math.round(end), t0, true);
            else sink.ingest(s.device, s.sample(Math.round(end), t0));
          }
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
