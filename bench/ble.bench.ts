// BLE decode throughput on one core: advertisements parsed + decoded per second, per entry point, and
// where the time goes (HCI parse alone, AD parse alone, Govee decode alone); the whole ingest path
// (simulated scanner → decoders → rate limit → telemetry → SQLite); and the demo site's ingest-to-DOM
// latency through the decoders in a real browser. Asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { telemetryRig } from '../test/helpers/core.ts';
import { bleRig } from '../test/helpers/ble.ts';
import { parseAdStructures } from '../native/ble/ad.ts';
import { decodeHciEvent } from '../native/ble/decode.ts';
import { encodeGovee, encodeGoveeHci, type EncodableModel } from '../native/ble/encode.ts';
import { decodeGatewayMessage } from '../native/ble/gateway.ts';
import { decodeAdvertisement, decodeManufacturerData } from '../native/ble/govee.ts';
import { parseHciEvent } from '../native/ble/hci.ts';
import { parseHex } from '../native/ble/hex.ts';
import { demoReadingToDom } from './helpers/reading-to-dom.ts';
import { opsPerSecond, percentiles } from './stats.ts';

function hex(h: string): Uint8Array {
  const p = parseHex(h);
  if (!p.ok) throw new Error(p.message);
  return p.bytes;
}

// A realistic mix: ble_monitor's captures (H5075 with name + UUID + payload, H5106 with iBeacon, H5182
// meat probe) and packets from the encoder for the models a site has most of.
const hciMix: Uint8Array[] = [
  hex('043e2b02010000aabb6138c1a41f0d09475648353037355f43423942030388ec02010509ff88ec0003215d6400aa'),
  hex('043e46020102018ef1f645b5c63a0201060D09475648353130365f34423939030388EC09ff010001010deeaa6f1aff4c000215494e54454c4c495f524f434b535f48575075f2ff0ccc'),
  hex('043e28020100014455303031c71c0201060303518214ff30554401000101e4018608341cdc8609602249d1'),
  hex('043e1702010400aabb611d12e00b0aff88ec0088078c116402a6'),
  ...(['H5102', 'H5072', 'H5198', 'H5055'] as EncodableModel[]).flatMap((m) => encodeGoveeHci(m, 'A4:C1:38:5A:10:01', { temperature: 21.3, humidity: 48.2, battery: 90, probe1: 61.5, probe2: 23 }, { rssi: -67 })),
];

const mfrMix: { companyId: number; data: Uint8Array; name: string; uuids: string[] }[] = [
  { companyId: 0xec88, data: hex('000418ee6400'), name: 'GVH5075_1234', uuids: ['ec88'] },
  { companyId: 0xec88, data: hex('00c408231d6402'), name: 'Govee_H5074_1234', uuids: ['ec88'] },
  { companyId: 0x0001, data: hex('010103590e64'), name: 'GVH5102_1234', uuids: ['ec88'] },
  { companyId: 0x0001, data: hex('01010d915f9a4c000215494e54454c4c495f524f434b535f48575075f2ff0c'), name: 'GVH5106_1234', uuids: ['ec88'] },
  { companyId: 0x2230, data: hex('6c01000101a3c10f0bb8ffffffff0960ffffffff'), name: '', uuids: ['9851'] },
  { companyId: 0x04cf, data: hex('0400461b061700ffff2c01067300ffff2c010000'), name: 'GVH5055', uuids: ['5550'] },
];

const advMix = (['H5075', 'H5074', 'H5102', 'H5106', 'H5198', 'H5055'] as EncodableModel[]).flatMap((m) =>
  encodeGovee(m, 'A4:C1:38:5A:10:01', { temperature: 21.3, humidity: 48.2, battery: 90, pm25: 4, probe1: 61.5, probe2: 23 }),
);

const gatewayMix = [
  '{"manufacturerdata": "0100010103787664", "name": "GVH5105_5D6F", "id": "D0:30:38:35:5D:6F", "rssi": -68, "mfr": "Nokia Mobile Phones"}',
  '{"name":"GVH5075_1234","id":"A4:C1:38:12:34:56","rssi":-70,"manufacturerdata":"88ec000418ee6400"}',
];

export default async function (): Promise<Record<string, unknown>> {
  let sink = 0;
  const count = (n: number) => {
    sink += n;
  };
  const hciToReadings = opsPerSecond((i) => {
    const r = decodeHciEvent(hciMix[i % hciMix.length]!);
    count(r.length);
  }, 2000);
  const mfrToReadings = opsPerSecond((i) => {
    const m = mfrMix[i % mfrMix.length]!;
    const r = decodeManufacturerData(m.companyId, m.data, { name: m.name, serviceUuids: m.uuids });
    count(r.ok ? 1 : 0);
  }, 2000);
  // Where the HCI path spends its time.
  const hciParseOnly = opsPerSecond((i) => {
    const p = parseHciEvent(hciMix[i % hciMix.length]!);
    count(p.ok ? 1 : 0);
  }, 1000);
  const adParseOnly = (() => {
    const payloads = hciMix.map((b) => b.subarray(14, 14 + b[13]!));
    return opsPerSecond((i) => {
      const p = parseAdStructures(payloads[i % payloads.length]!);
      count(p.ok ? 1 : 0);
    }, 1000);
  })();
  const decodeAdvertisementOnly = opsPerSecond((i) => {
    const r = decodeAdvertisement(advMix[i % advMix.length]!);
    count(r.ok ? 1 : 0);
  }, 1000);
  const gatewayJsonToReadings = opsPerSecond((i) => {
    const r = decodeGatewayMessage(gatewayMix[i % gatewayMix.length]!);
    count(r.ok ? 1 : 0);
  }, 1000);
  return {
    note: 'operations per second on one core; HCI events hold one report each',
    ingestPath: ingestPath(),
    demoIngestToDomMs: await demoIngestToDom(),
    hciToReadingsPerSecond: hciToReadings,
    mfrToReadingsPerSecond: mfrToReadings,
    breakdown: { hciParseOnly, adParseOnly, decodeAdvertisementOnly },
    gatewayJsonToReadingsPerSecond: gatewayJsonToReadings,
    target: 1_000_000,
    sink: sink > 0,
  };
}

/**
 * The whole path a scanned advertisement takes in the core: simulated scanner (HCI parse, name memory) →
 * decoders → per-series rate limit → telemetry (registry, live cache, thresholds) → batched SQLite writer.
 * 50 sensors advertising in turn; the default 10 s store interval, so most readings are live-only.
 */
function ingestPath(): { advertisementsPerS: number; stored: number; liveOnly: number } {
  const rig = telemetryRig();
  const ble = bleRig({ ingest: (d, s, o) => rig.telemetry.ingest(d, s, o), suggestName: () => undefined }, { now: () => rig.clock.now });
  const packets = Array.from({ length: 50 }, (_, i) => {
    const mac = `A4:C1:38:00:00:${i.toString(16).padStart(2, '0').toUpperCase()}`;
    return encodeGoveeHci(i % 2 ? 'H5075' : 'H5102', mac, { temperature: 20 + i / 10, humidity: 40 + i / 10, battery: 90 }, { rssi: -60 });
  }).flat();
  const advertisementsPerS = opsPerSecond((i) => {
    rig.clock.now += 1; // 1 ms apart: 50 sensors × 2 packets every 100 ms
    ble.scanner.feed(packets[i % packets.length]!, rig.clock.now);
  }, 2000);
  rig.writer.flush();
  return { advertisementsPerS, stored: ble.ingest.counters.readingsStored, liveOnly: ble.ingest.counters.readingsLiveOnly };
}

/**
 * The demo site's Govee sensors (encoded advertisements → simulated scanner → decoders → ingest → hub →
 * WebSocket → React): a reading's age when its value lands in a dashboard tile, BLE tiles only.
 */
async function demoIngestToDom(): Promise<ReturnType<typeof percentiles> | { error: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'showsite-bench-ble-'));
  try {
    return await demoReadingToDom(dataDir, 'bench-ble-token-123', { deviceIdPrefix: 'ble:' });
  } catch (error) {
    return { error: (error as Error).message };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
