import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { openFarEnd, openTwinEnd, socatUnavailable, startPtyPair, type FarEnd, type PtyPair } from '../helpers/pty.ts';
import type { EnttecProTwin } from '../../native/enttec/twin.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'serial-input-token-1';
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const unavailable = socatUnavailable();
if (unavailable) console.warn(`Skipping the serial DMX input test: ${unavailable}`);

interface InputRow {
  index: number;
  protocol: string;
  state: string;
  message?: string;
  framesReceived: number;
}
interface Reading {
  deviceId: string;
  metric: string;
  unit: string;
  value: number;
}

/**
 * DMX coming IN over serial ports, end to end: an Enttec DMX USB Pro's input (label 5 packets, then label 9
 * changes after the console asks with label 8) and a SparkFun DMX shield's text lines, each written into a
 * socat pty by the test, seen as input universes and as channel monitors' telemetry series.
 */
describe.skipIf(unavailable !== undefined)('serial DMX inputs and channel monitors over socat pty pairs', () => {
  const tempDir = useTempDirs('all');
  let dir: string;
  let widgetPair: PtyPair;
  let boardPair: PtyPair;
  let widget: FarEnd & { twin: EnttecProTwin };
  let board: FarEnd;
  let s: Served;
  let shield: string;

  beforeAll(async () => {
    dir = tempDir();
    widgetPair = await startPtyPair(dir, ['ttyUSB_pro', 'widget']);
    widget = await openTwinEnd(widgetPair.b);
    boardPair = await startPtyPair(dir, ['ttyACM_shield', 'board']);
    board = await openFarEnd(boardPair.b);
    shield = boardPair.a;
    const notAPort = join(dir, 'not-a-port');
    writeFileSync(notAPort, '');
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        dmx: {
          enttec: { enabled: true, port: widgetPair.a, input: { enabled: true, universe: 2, changesOnly: false, merge: false, lossTimeoutMs: 5000 } },
          serialInputs: [
            { port: shield, baudRate: 115200, firstChannel: 1, lastChannel: 16, universe: 3, merge: true, lossTimeoutMs: 5000 },
            { port: notAPort, universe: 4 },
          ],
          monitors: [
            { id: 'led-wall', name: 'LED wall brightness', room: 'Stage', source: 'enttec', channel: 1, fineChannel: 2, low: 0, high: 11000, unit: 'nits', metric: 'brightness' },
            { id: 'house', name: 'House lights', room: 'FOH', source: `serial:${shield}`, channel: 1, low: 0, high: 100, unit: '%' },
            { id: 'spot', name: 'Follow spot', room: 'Stage', source: 'output:1', channel: 10, low: 0, high: 100, unit: '%' },
          ],
        },
      }),
    );
    s = await startServe(['--port', '0', '--token', token, '--data-dir', dir, '--config', config]);
  }, 60_000);

  afterAll(async () => {
    await s?.stop();
    for (const end of [widget, board]) await end?.close().catch(() => {});
    await widgetPair?.stop();
    await boardPair?.stop();
  });

  const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const r = await fetch(`${s.url}/api/call/${method}`, { method: 'POST', headers: auth, body: JSON.stringify(params) });
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as T;
  };
  const inputs = async () => (await call<{ inputs: InputRow[] }>('dmx.status')).inputs;
  const reading = (deviceId: string, value: number) => waitFor(async () => (await call<Reading[]>('telemetry.latest')).find((r) => r.deviceId === deviceId && r.value === value), 10_000, 100);

  it('lists the Enttec input and the serial inputs after the network ones; a file that is not a port is a clear error', async () => {
    const rows = await waitFor(async () => {
      const r = await inputs();
      return r.length === 3 && r[2]!.state === 'error' && r[0]!.message === 'every packet (label 5)' ? r : undefined;
    }, 10_000, 100);
    expect(rows.map((r) => [r.index, r.protocol])).toEqual([
      [0, 'enttec'],
      [1, 'serial'],
      [2, 'serial'],
    ]);
    expect(rows[2]!.message).toMatch(/not-a-port: not a serial port — retrying/);
  });

  it('Enttec label 5 (every packet): the input universe and the 16-bit LED-wall monitor in nits', async () => {
    await widget.write(widget.twin.receiveInput(Uint8Array.of(0x80, 0x00, 7)));
    const frame = await waitFor(async () => {
      const f = await call<{ universe: number; channels: number[] }>('dmx.input', { index: 0 });
      return f.channels[2] === 7 ? f : undefined;
    }, 5000, 50);
    expect(frame.universe).toBe(2);
    expect(frame.channels.slice(0, 4)).toEqual([128, 0, 7, 0]);
    // 0x8000 = 32768 of 65535 → 5500.08 nits
    expect(await reading('dmx-monitor:led-wall', 5500.08)).toMatchObject({ metric: 'brightness', unit: 'nits' });
  });

  it('changes only: the console asks with label 8, the widget answers with label 9, the monitor follows', async () => {
    await call('settings.update', { dmx: { enttec: { input: { changesOnly: true } } } });
    await waitFor(() => (widget.twin.receiveMode === 'changesOnly' ? true : undefined), 5000, 50);
    await widget.write(widget.twin.receiveInput(Uint8Array.of(0xff, 0xff, 7)));
    const frame = await waitFor(async () => {
      const f = await call<{ channels: number[] }>('dmx.input', { index: 0 });
      return f.channels[0] === 255 && f.channels[1] === 255 ? f : undefined;
    }, 5000, 50);
    expect(frame.channels.slice(0, 3)).toEqual([255, 255, 7]);
    expect(widget.twin.stats.requests[8]).toBeGreaterThanOrEqual(1);
    await reading('dmx-monitor:led-wall', 11000);
  });

  it('SparkFun lines (banner, a line split across writes, noise): the input universe, the merge, the monitor, the last-line age', async () => {
    await board.write('SparkFun DMX Example 2 - Input\r\nDMX initialized!\r\n\x00\xfe garbage\r\nDMX: read value from chan');
    await new Promise((r) => setTimeout(r, 50));
    await board.write('nel 1: 200\r\nDMX: read value from channel 99: 5\r\n');
    const frame = await waitFor(async () => {
      const f = await call<{ universe: number; channels: number[] }>('dmx.input', { index: 1 });
      return f.channels[0] === 200 ? f : undefined;
    }, 5000, 50);
    expect(frame.universe).toBe(3);
    expect(frame.channels[98]).toBe(0); // channel 99 is outside 1–16
    // merge on: universe 3's output carries it (unpatched = raw intensity, HTP)
    const out = await waitFor(async () => {
      const u = await call<{ channels: number[] }>('dmx.universe', { universe: 3 });
      return u.channels[0] === 200 ? u : undefined;
    }, 5000, 50);
    expect(out.channels[0]).toBe(200);
    const row = (await inputs())[1]!;
    expect(row).toMatchObject({ protocol: 'serial', state: 'receiving', framesReceived: 1 });
    expect(row.message).toMatch(/^last line \d+\.\d s ago · 5 lines, 1 noise, 1 outside 1–16$/);
    // 200 of 255 → 78.43 %
    expect(await reading('dmx-monitor:house', 78.43)).toMatchObject({ unit: '%', metric: 'level' });
    const devices = await call<{ id: string; name: string | null; room: string | null }[]>('devices.list');
    expect(devices.find((d) => d.id === 'dmx-monitor:house')).toMatchObject({ name: 'House lights', room: 'FOH' });
  });

  it('the shield unplugged and back: the input reopens by itself and the monitor moves on', async () => {
    await boardPair.stop('SIGKILL');
    await board.close().catch(() => {});
    await waitFor(async () => ((await inputs())[1]!.message?.includes('unplugged') ? true : undefined), 5000, 50);
    boardPair = await startPtyPair(dir, ['ttyACM_shield', 'board']);
    board = await openFarEnd(boardPair.b);
    await waitFor(async () => ((await inputs())[1]!.message?.startsWith('last line') ? true : undefined), 5000, 50);
    await board.write('DMX: read value from channel 1: 50\r\n');
    await reading('dmx-monitor:house', 19.61); // 50 / 255 × 100
  });

  it('a monitor of the output follows what goes on stage', async () => {
    await call('dmx.set', { universe: 1, channels: { '10': 255 } });
    await reading('dmx-monitor:spot', 100);
    await call('dmx.set', { universe: 1, channels: { '10': 51 } });
    await reading('dmx-monitor:spot', 20);
  });
});
