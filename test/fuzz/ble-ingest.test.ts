// Fuzz the BLE ingest path end to end: random and mutated HCI events (bit flips, truncation, extension,
// insertion, deletion, splices of valid inputs) through the simulated scanner, the real parser and
// decoders, the assignment path, the store rate limit, the unknown list and the recorder into a real
// telemetry pipeline. Nothing throws, every advertisement is counted as exactly one outcome, every stored
// or live value is a finite number from a decodable device, and the unknown list stays bounded. Seeded.
import { describe, expect, it } from 'vitest';
import { ENCODABLE_MODELS, encodeGoveeHci } from '../../native/ble/encode.ts';
import { encodeHciAdvertisingReport } from '../../native/ble/hci.ts';
import { parseHex } from '../../native/ble/hex.ts';
import { seededRandom } from '../../native/sim/random.ts';
import { bleAssignableModels } from '../../preload/contract/ble.ts';
import { telemetryRig } from '../helpers/core.ts';
import { bleRig } from '../helpers/ble.ts';
import { int, mutateBytes, pick, randomBytes } from '../helpers/fuzz.ts';
import { useTempDirs } from '../helpers/tmp.ts';
import { BLE_MONITOR } from '../native/ble/vectors.ts';

const RANDOM_CASES = 30_000;
const MUTATED_CASES = 80_000;

describe('fuzz: HCI events through the whole BLE ingest path', () => {
  const tempDir = useTempDirs();

  it(`${RANDOM_CASES} random and ${MUTATED_CASES} mutated events: no throw, every advertisement one outcome, only sane values reach telemetry`, async () => {
    const rnd = seededRandom(20261125);
    const rig = telemetryRig();
    const ble = bleRig({ ingest: (d, s, o) => rig.telemetry.ingest(d, s, o), suggestName: (id, n) => rig.registry.suggestName(id, n, 'adapter', rig.clock.now) }, {
      now: () => rig.clock.now,
      ble: { unknownMax: 50, minIntervalS: 5, rssiFloor: -100 },
      captureDir: tempDir(),
    });
    const macs = Array.from({ length: 40 }, (_, i) => `A4:C1:38:00:${(i >> 4).toString(16).padStart(2, '0')}:${(i & 15).toString(16).padStart(2, '0')}`.toUpperCase());
    const corpus: Uint8Array[] = BLE_MONITOR.map((v) => {
      const p = parseHex(v.hex);
      if (!p.ok) throw new Error(p.message);
      return p.bytes;
    });
    for (const model of ENCODABLE_MODELS) {
      for (const mac of macs.slice(0, 3)) {
        corpus.push(...encodeGoveeHci(model, mac, { temperature: -10 + int(rnd, 500) / 10, humidity: int(rnd, 1000) / 10, battery: int(rnd, 101), pm25: int(rnd, 500), co2: int(rnd, 5000), probe1: int(rnd, 3000) / 10, probe2: 40, probe3: 55 }, { rssi: -40 - int(rnd, 80) }));
      }
    }
    // Assignments (some fitting, some not) and recordings in play while it runs.
    ble.config.assignments = macs.slice(0, 10).map((mac) => ({ mac, model: pick(rnd, bleAssignableModels) }));
    ble.recorder.start(macs[0]!, 60);
    ble.recorder.start(macs[1]!, 60);

    let fed = 0;
    for (let i = 0; i < RANDOM_CASES + MUTATED_CASES; i++) {
      rig.clock.now += int(rnd, 300);
      let packet: Uint8Array;
      if (i < RANDOM_CASES) {
        // Random AD data inside a well-formed report (so the decoders see it), or random bytes outright.
        packet = rnd() < 0.7 ? encodeHciAdvertisingReport([{ mac: pick(rnd, macs), rssi: -30 - int(rnd, 97), data: randomBytes(rnd, int(rnd, 32)) }]) : randomBytes(rnd, int(rnd, 60));
      } else packet = mutateBytes(rnd, pick(rnd, corpus), corpus);
      expect(() => ble.scanner.feed(packet, rig.clock.now)).not.toThrow();
      fed++;
      if (i % 20_000 === 0) rig.writer.flush();
    }
    await ble.recorder.stopAll();
    rig.writer.flush();

    const c = ble.ingest.counters;
    expect(fed).toBe(RANDOM_CASES + MUTATED_CASES);
    // Every advertisement the scanner delivered, and every packet it could not parse, counted exactly once.
    expect(c.advertisements).toBe(ble.scanner.delivered + ble.scanner.malformed);
    expect(c.decoded + c.presence + c.unknown + c.malformed + c.belowRssiFloor + c.anonymous).toBe(c.advertisements);
    // Plenty of each outcome: the fuzz reaches the decoders, not just the parser.
    for (const k of ['decoded', 'presence', 'unknown', 'malformed', 'belowRssiFloor'] as const) expect(c[k], k).toBeGreaterThan(100);
    expect(c.readingsStored + c.readingsLiveOnly).toBeGreaterThan(1000);
    // Only finite values of devices keyed by MAC, with the decoders' units.
    for (const r of rig.telemetry.latest()) {
      expect(Number.isFinite(r.value)).toBe(true);
      expect(r.deviceId).toMatch(/^ble:([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
    }
    const rows = rig.db.prepare<[], { value: number }>('SELECT value FROM readings').all();
    expect(rows.every((r) => Number.isFinite(r.value))).toBe(true);
    for (const d of rig.registry.list()) {
      expect(d.battery === null || (d.battery >= 0 && d.battery <= 100)).toBe(true);
      expect(d.rssi === null || d.rssi >= -100).toBe(true); // the signal floor held
    }
    expect(ble.ingest.unknown.size).toBeLessThanOrEqual(50);
    expect(ble.recorder.list().filter((r) => r.count > 0).length).toBeGreaterThan(0);
  }, 180_000);
});
