import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { defaultSettings, type Device, type DmxMonitor, type LiveReading, type SerialPortInfo } from '../../preload/contract/index.ts';
import { Tile } from '../../renderer/src/components/Tile.tsx';
import { groupByRoom } from '../../renderer/src/lib/group.ts';
import { activeChannels, addSerialInputPatch, describePort, enttecPortPatch, formatUsbId, monitorRows, portBlocked } from '../../renderer/src/lib/serial-dmx.ts';

const port = (over: Partial<SerialPortInfo> = {}): SerialPortInfo => ({ path: '/dev/ttyUSB0', stablePath: null, vendorId: '0403', productId: '6001', serialNumber: 'EN123456', manufacturer: 'ENTTEC', product: 'DMX USB PRO', likelyEnttec: true, usedBy: null, ...over });
const T = 1_750_000_000_000;
const wall: DmxMonitor = { id: 'led-wall', name: 'LED wall brightness', room: 'Stage', source: 'output:1', channel: 101, fineChannel: 102, low: 0, high: 11_000, unit: 'nits', metric: 'brightness' };
const wallReading: LiveReading = { seriesId: 7, deviceId: 'dmx-monitor:led-wall', metric: 'brightness', unit: 'nits', value: 5500.08, ts: T, state: 'ok', staleAfterS: 120 };

describe('serial devices: what the Outputs panel shows and changes', () => {
  it('USB ids and maker in words', () => {
    expect(formatUsbId(port())).toBe('0403:6001');
    expect(formatUsbId(port({ vendorId: null }))).toBe('—');
    expect(describePort(port())).toBe('ENTTEC DMX USB PRO');
    expect(describePort(port({ manufacturer: null, product: '  ' }))).toBe('');
  });

  it('"Use for Enttec" turns the Enttec on at the port, preferring the by-id path', () => {
    expect(enttecPortPatch(port())).toEqual({ dmx: { enttec: { enabled: true, port: '/dev/ttyUSB0' } } });
    expect(enttecPortPatch(port({ stablePath: '/dev/serial/by-id/usb-ENTTEC_X' }))).toEqual({ dmx: { enttec: { enabled: true, port: '/dev/serial/by-id/usb-ENTTEC_X' } } });
  });

  it('"Use as DMX text input" keeps the other inputs and picks the lowest universe no input uses', () => {
    const dmx = {
      ...defaultSettings.dmx,
      inputs: [{ protocol: 'artnet' as const, portAddress: 0, universe: 1, merge: false, lossTimeoutMs: 3000 }],
      serialInputs: [{ port: '/dev/ttyACM0', baudRate: 9600, firstChannel: 1, lastChannel: 4, universe: 2, merge: true, lossTimeoutMs: 3000 }],
    };
    expect(addSerialInputPatch(dmx, port({ path: '/dev/ttyACM1' }))).toEqual({
      dmx: {
        serialInputs: [dmx.serialInputs[0], { port: '/dev/ttyACM1', baudRate: 115200, firstChannel: 1, lastChannel: 512, universe: 3, merge: false, lossTimeoutMs: 3000 }],
      },
    });
  });

  it('a port already in use cannot be given a second job', () => {
    expect(portBlocked(port({ usedBy: 'enttec' }))).toBe('the Enttec uses it');
    expect(portBlocked(port({ usedBy: 'serial-input' }))).toBe('a DMX text input uses it');
    expect(portBlocked(port())).toBeNull();
  });

  it('an input at a glance: its non-zero channels, the rest counted', () => {
    const channels = new Array<number>(512).fill(0);
    channels[0] = 200;
    channels[6] = 9;
    expect(activeChannels(channels)).toEqual({ shown: [[1, 200], [7, 9]], more: 0 });
    expect(activeChannels(new Array<number>(512).fill(1), 3)).toEqual({ shown: [[1, 1], [2, 1], [3, 1]], more: 509 });
  });

  it('each channel monitor with its live value (matched by device and metric)', () => {
    const rows = monitorRows([wall, { ...wall, id: 'haze', name: 'Haze', metric: 'output' }], [wallReading, { ...wallReading, deviceId: 'dmx-monitor:haze', metric: 'level' }]);
    expect(rows.map((r) => [r.id, r.reading?.value])).toEqual([
      ['led-wall', 5500.08],
      ['haze', undefined],
    ]);
  });
});

describe('a channel monitor on the dashboard is an ordinary tile', () => {
  it('in its room, named, its value in the unit with the metric label, the source as model', () => {
    const device: Device = {
      id: 'dmx-monitor:led-wall',
      kind: 'other',
      model: 'DMX monitor · output universe 1, channel 101 + fine 102',
      source: 'artnet',
      parentId: null,
      firstSeen: T,
      lastSeen: T,
      rssi: null,
      battery: null,
      name: 'LED wall brightness',
      room: 'Stage',
      notes: null,
    };
    const [group] = groupByRoom(new Map([[device.id, device]]), [wallReading]);
    expect(group!.room).toBe('Stage');
    const html = renderToStaticMarkup(<Tile tile={group!.tiles[0]!} serverNow={T + 1000} />);
    expect(html).toContain('LED wall brightness');
    expect(html).toContain('DMX monitor · output universe 1, channel 101 + fine 102');
    expect(html).toContain('Brightness');
    // 5500.08 → no decimals at this size, a no-break space before the unit
    expect(html).toContain(`data-metric="brightness" data-ts="${T}">5500\u00a0nits<`);
  });
});
