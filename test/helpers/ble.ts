import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSettings, type Settings } from '../../preload/contract/index.ts';
import type { IngestSink } from '../../native/ingest.ts';
import { SimScanner } from '../../native/ble/sim-scanner.ts';
import { BleIngest, type BleSource } from '../../main/ble/ingest.ts';
import { CaptureRecorder } from '../../main/ble/recorder.ts';

/**
 * The BLE ingest path (real decoders, rate limit, unknown list, recorder) over any sink, with a simulated
 * scanner in front of it: `feed(hci, ts)` is what a controller would deliver.
 */
export function bleRig(sink: IngestSink, options: { now: () => number; ble?: Partial<Settings['ble']>; source?: BleSource; captureDir?: string }) {
  const config: Settings['ble'] = { ...defaultSettings.ble, ...options.ble };
  // Made only when a test records (a test that does should pass its own temp folder, which it cleans up).
  let captureDir = options.captureDir;
  const folder = () => (captureDir ??= join(mkdtempSync(join(tmpdir(), 'showsite-ble-')), 'captures'));
  const recorder = new CaptureRecorder({ folder, limits: () => ({ maxMinutes: config.captureMaxMinutes, maxBytes: config.captureMaxMb * 1024 * 1024 }), now: options.now });
  const ingest = new BleIngest({ sink, settings: () => config, now: options.now, recorder });
  const scanner = new SimScanner({ now: options.now });
  const source = options.source ?? 'ble';
  void scanner.start({ advertisement: (r) => ingest.accept(r, source), malformed: () => ingest.malformed(), state: () => undefined });
  return {
    config,
    ingest,
    recorder,
    scanner,
    /** For DemoSink.advertise. */
    advertise: (hci: Uint8Array, ts: number, o?: { live?: boolean }) => void scanner.feed(hci, ts, { history: o?.live === false }),
  };
}
