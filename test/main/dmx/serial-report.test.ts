import { describe, expect, it } from 'vitest';
import { MONITOR_HEARTBEAT_MS, SerialDmxIngest, describeMonitorSource, describeSerialPorts } from '../../../main/dmx/serial-report.ts';
import type { SerialDmxReport } from '../../../main/dmx/worker/serial-dmx.ts';
import type { DeviceSighting, NameRecord, Sample } from '../../../native/ingest.ts';
import type { SerialPortListing } from '../../../native/serial/list.ts';
import { defaultSettings, type DmxMonitor, type DmxSettings } from '../../../preload/contract/index.ts';
import { telemetryRig } from '../../helpers/core.ts';

const wall: DmxMonitor = { id: 'led-wall', name: 'LED wall brightness', room: 'Stage', source: 'output:1', channel: 101, fineChannel: 102, low: 0, high: 11_000, unit: 'nits', metric: 'brightness' };
const settings = (monitors: DmxMonitor[], patch: Partial<DmxSettings> = {}): DmxSettings => ({ ...structuredClone(defaultSettings.dmx), monitors, ...patch });
const report = (monitors: SerialDmxReport['monitors'], widget: SerialDmxReport['widget'] = null): SerialDmxReport => ({ monitors, widget });

/** A sink that records what it is handed. */
function recordingSink() {
  const ingested: { sighting: DeviceSighting; samples: readonly Sample[]; store: boolean }[] = [];
  const names: { id: string; name: NameRecord }[] = [];
  return {
    ingested,
    names,
    sink: {
      ingest: (sighting: DeviceSighting, samples: readonly Sample[], options?: { live?: boolean; store?: boolean }) => {
        ingested.push({ sighting, samples, store: options?.store !== false });
        return samples.length;
      },
      suggestName: (id: string, name: NameRecord) => void names.push({ id, name }),
    },
  };
}

describe('monitors into telemetry', () => {
  it('each monitor is a device with a series in its unit; its name and room are offered once', () => {
    const rec = recordingSink();
    let now = 1_000_000;
    const ingest = new SerialDmxIngest({ sink: rec.sink, now: () => now });
    ingest.take(report([{ id: 'led-wall', raw: 32_768 }]), settings([wall]));
    expect(rec.ingested).toEqual([
      {
        sighting: { id: 'dmx-monitor:led-wall', kind: 'other', model: 'DMX monitor · output universe 1, channel 101 + fine 102', source: 'artnet' },
        samples: [{ metric: 'brightness', unit: 'nits', value: 5500.08, ts: 1_000_000 }],
        store: true,
      },
    ]);
    now += 250;
    ingest.take(report([{ id: 'led-wall', raw: 65_535 }]), settings([wall]));
    expect(rec.names).toEqual([{ id: 'dmx-monitor:led-wall', name: { name: 'LED wall brightness', room: 'Stage', notes: 'Scaled output universe 1, channel 101 + fine 102 to 0–11000 nits' } }]);
  });

  it('while it moves: live at every report, stored at most once a second, and the value it settles on is stored', () => {
    const rec = recordingSink();
    let now = 0;
    const ingest = new SerialDmxIngest({ sink: rec.sink, now: () => now });
    const raws = [0, 100, 200, 300, 400, 500, 600, 600, 600, 600];
    for (const raw of raws) {
      ingest.take(report([{ id: 'led-wall', raw }]), settings([wall]));
      now += 250;
    }
    const seen = rec.ingested.map((i) => [i.samples[0]!.ts, i.store]);
    // 0 ms stored (first), 250/500/750 live only, 1000 stored, 1250/1500 live only, then unchanged: 2000 stores the settled value.
    expect(seen).toEqual([
      [0, true],
      [250, false],
      [500, false],
      [750, false],
      [1000, true],
      [1250, false],
      [1500, false],
      [2000, true],
    ]);
  });

  it('holding still: nothing new until the heartbeat, which stores it again (history and staleness see it alive)', () => {
    const rec = recordingSink();
    let now = 0;
    const ingest = new SerialDmxIngest({ sink: rec.sink, now: () => now });
    for (; now <= MONITOR_HEARTBEAT_MS; now += 250) ingest.take(report([{ id: 'led-wall', raw: 7 }]), settings([wall]));
    expect(rec.ingested.map((i) => [i.samples[0]!.ts, i.store])).toEqual([
      [0, true],
      [MONITOR_HEARTBEAT_MS, true],
    ]);
  });

  it('a source with nothing live (raw null) or a monitor no longer configured reports nothing', () => {
    const rec = recordingSink();
    const ingest = new SerialDmxIngest({ sink: rec.sink, now: () => 5 });
    ingest.take(report([{ id: 'led-wall', raw: null }, { id: 'gone', raw: 3 }]), settings([wall]));
    expect(rec.ingested).toEqual([]);
  });

  it('through the real pipeline: telemetry.latest has the monitor, the registry has its name and room', () => {
    const { telemetry, registry, clock } = telemetryRig();
    const ingest = new SerialDmxIngest({
      sink: { ingest: telemetry.ingest.bind(telemetry), suggestName: (id, name) => registry.suggestName(id, name, 'adapter', clock.now) },
      now: () => clock.now,
    });
    const house: DmxMonitor = { id: 'house', name: 'House lights', room: 'FOH', source: 'serial:/dev/ttyACM0', channel: 1, low: 0, high: 100, unit: '%', metric: 'level' };
    ingest.take(report([{ id: 'house', raw: 200 }]), settings([house], { serialInputs: [{ port: '/dev/ttyACM0', baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 3, merge: false, lossTimeoutMs: 3000 }] }));
    expect(telemetry.latest()).toEqual([expect.objectContaining({ deviceId: 'dmx-monitor:house', metric: 'level', unit: '%', value: 78.43 })]);
    expect(registry.get('dmx-monitor:house')).toMatchObject({ name: 'House lights', room: 'FOH', source: 'serial', kind: 'other' });
  });
});

describe('the Enttec widget in the registry', () => {
  it('a presence sighting every 10 s while connected, named once; nothing when it is not answering', () => {
    const rec = recordingSink();
    let now = 0;
    const ingest = new SerialDmxIngest({ sink: rec.sink, now: () => now });
    const widget = { path: '/dev/ttyUSB0', serial: '00123456', firmware: '1.44', name: 'DMX USB PRO', connected: true };
    for (; now <= 20_000; now += 250) ingest.take(report([], widget), settings([]));
    ingest.take(report([], { ...widget, connected: false }), settings([]));
    expect(rec.ingested.map((i) => [i.sighting, i.samples.length])).toEqual(
      [0, 10_000, 20_000].map(() => [{ id: 'enttec:00123456', kind: 'dmx-node', model: 'Enttec DMX USB PRO', source: 'serial' }, 0]),
    );
    expect(rec.names).toEqual([{ id: 'enttec:00123456', name: { name: 'Enttec DMX USB Pro 00123456', notes: 'firmware 1.44, found on /dev/ttyUSB0' } }]);
    expect(ingest.widgetPath()).toBeNull();
  });
});

describe('the serial port list as the API gives it', () => {
  const listing: SerialPortListing = {
    method: 'scan',
    note: 'udevadm is not installed: …',
    ports: [
      { path: '/dev/ttyACM0', stablePath: null, vendorId: '1b4f', productId: '0016', serialNumber: null, manufacturer: null, product: null },
      { path: '/dev/ttyUSB0', stablePath: '/dev/serial/by-id/usb-ENTTEC_X', vendorId: '0403', productId: '6001', serialNumber: 'EN1', manufacturer: 'ENTTEC', product: null },
      { path: '/dev/ttyUSB1', stablePath: null, vendorId: null, productId: null, serialNumber: null, manufacturer: null, product: null },
    ],
  };

  it('marks what looks like an Enttec and what this console uses (by either path; auto = where it was found)', () => {
    const s = settings([], { enttec: { ...defaultSettings.dmx.enttec, enabled: true, port: 'auto' }, serialInputs: [{ port: '/dev/ttyACM0', baudRate: 115_200, firstChannel: 1, lastChannel: 512, universe: 1, merge: false, lossTimeoutMs: 3000 }] });
    const out = describeSerialPorts(listing, s, '/dev/serial/by-id/usb-ENTTEC_X');
    expect(out.ports.map((p) => [p.path, p.likelyEnttec, p.usedBy])).toEqual([
      ['/dev/ttyACM0', false, 'serial-input'],
      ['/dev/ttyUSB0', true, 'enttec'],
      ['/dev/ttyUSB1', false, null],
    ]);
    expect(out).toMatchObject({ method: 'scan', note: 'udevadm is not installed: …' });
    // Enttec off: its port is free, whatever the setting says.
    expect(describeSerialPorts(listing, settings([], { enttec: { ...defaultSettings.dmx.enttec, port: '/dev/ttyUSB0' } }), null).ports[1]!.usedBy).toBeNull();
  });

  it('monitor sources in words', () => {
    expect(describeMonitorSource({ source: 'artnet:16', channel: 3 })).toBe('Art-Net input 16, channel 3');
    expect(describeMonitorSource({ source: 'sacn:7', channel: 1, fineChannel: 2 })).toBe('sACN input 7, channel 1 + fine 2');
    expect(describeMonitorSource({ source: 'enttec', channel: 5 })).toBe('Enttec input, channel 5');
    expect(describeMonitorSource({ source: 'serial:/dev/ttyACM0', channel: 1 })).toBe('serial input /dev/ttyACM0, channel 1');
  });
});
