import { describe, expect, it } from 'vitest';
import { decodeGatewayBle, gatewayKindOfModel } from '../../../main/telemetry/mappers/ble-decoder.ts';
import { createOmgTheengsMapper } from '../../../main/telemetry/mappers/omg-theengs.ts';
import { encodeGoveeHci } from '../../../native/ble/encode.ts';
import { telemetryRig } from '../../helpers/core.ts';
import { bleRig } from '../../helpers/ble.ts';

const MAC = 'A4:C1:38:DD:DB:F8';

describe('a BLE device is keyed by its MAC whichever way it is heard', () => {
  it('heard directly by the scanner and through OpenMQTTGateway/Theengs (decoded and raw): one device, one series per metric', () => {
    const rig = telemetryRig();
    const ble = bleRig({ ingest: (d, s, o) => rig.telemetry.ingest(d, s, o), suggestName: () => undefined }, { now: () => rig.clock.now, ble: { minIntervalS: 0 } });
    const mapper = createOmgTheengsMapper({ decodeBle: decodeGatewayBle, kindOfModel: gatewayKindOfModel });
    const viaGateway = (topic: string, message: object) => {
      const r = mapper.map(topic, new TextEncoder().encode(JSON.stringify(message)), { now: rig.clock.now, connectionId: 'embedded' });
      expect(r.kind).toBe('readings');
      if (r.kind !== 'readings') return;
      for (const item of r.items) rig.telemetry.ingest(item.sighting, item.samples);
    };

    // 1. The laptop's own scan (HCI, as a controller delivers it).
    for (const p of encodeGoveeHci('H5075', MAC, { temperature: 21.6, humidity: 59.2, battery: 59 }, { rssi: -60, name: 'GVH5075_DBF8' })) ble.scanner.feed(p, rig.clock.now);
    rig.clock.now += 1000;
    // 2. A Theengs Gateway that decoded it (topic carries the MAC without colons).
    viaGateway('home/TheengsGateway/BTtoMQTT/A4C138DDDBF8', { id: MAC, name: 'GVH5075_DBF8', rssi: -72, brand: 'Govee', model: 'Thermo-Hygrometer', model_id: 'H5072/75', tempc: 21.7, hum: 59.0, batt: 59 });
    rig.clock.now += 1000;
    // 3. OpenMQTTGateway in external-decoder mode: raw manufacturer data, lower-case MAC, decoded by our decoders.
    viaGateway('home/OMG_lobby/BTtoMQTT/undecoded', { id: MAC.toLowerCase(), name: 'GVH5075_DBF8', rssi: -80, manufacturerdata: '88ec00034e103b00' });

    const devices = rig.registry.list();
    expect(devices.map((d) => d.id)).toEqual([`ble:${MAC}`]);
    expect(devices[0]).toMatchObject({ model: 'H5075', kind: 'thermo-hygrometer' });
    rig.writer.flush();
    const series = rig.db.prepare<[], { device_id: string; metric: string }>('SELECT device_id, metric FROM series ORDER BY metric').all();
    expect(series).toEqual([
      { device_id: `ble:${MAC}`, metric: 'humidity' },
      { device_id: `ble:${MAC}`, metric: 'temperature' },
    ]);
    const temps = rig.db.prepare<[], { value: number }>("SELECT value FROM readings r JOIN series s ON s.id = r.series_id WHERE s.metric = 'temperature' ORDER BY ts").all();
    // Home Assistant #81335's bytes 00 03 4e 10 3b 00 → 21.6 °C (PROTOCOLS.md §1.5.4).
    expect(temps.map((t) => t.value)).toEqual([21.6, 21.7, 21.6]);
  });
});
