import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { olaUnavailable, startOlaUsbSerial, type OlaUsbSerialPeer } from '../helpers/ola.ts';
import { hex, openTwinEnd, rawFrames, socatUnavailable, startPtyPair, type FarEnd, type PtyPair } from '../helpers/pty.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import type { EnttecProTwin } from '../../native/enttec/twin.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'ola-usbserial-token-1';
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const unavailable = olaUnavailable() ?? socatUnavailable();
if (unavailable) console.warn(`Skipping the OLA usbserial interop test: ${unavailable}`);

/**
 * Interop with OLA's own Enttec driver (PEERS.md): olad's usbserial plugin finds a simulated DMX USB Pro
 * on a pty (our EnttecProTwin answers its probe), and for the same DMX values the label-6 frame olad writes
 * and the one we write are the same bytes.
 */
describe.skipIf(unavailable !== undefined)('Enttec frames: ours and OLA usbserial’s are identical', () => {
  const tempDir = useTempDirs('all');
  let ola: OlaUsbSerialPeer;
  let olaPair: PtyPair;
  let olaWidget: FarEnd & { twin: EnttecProTwin };
  let ourPair: PtyPair;
  let ourWidget: FarEnd & { twin: EnttecProTwin };
  let s: Served;
  const olaUniverse = 1;

  beforeAll(async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755); // olad runs as its own user
    olaPair = await startPtyPair(dir, ['ttyUSB_fake0', 'twin_for_ola'], { mode: '666' });
    olaWidget = await openTwinEnd(olaPair.b);
    ola = await startOlaUsbSerial(1, dir);
    const device = await ola.deviceId();
    await ola.tool(['ola_patch', '-d', String(device), '-p', '0', '-u', String(olaUniverse)]);

    ourPair = await startPtyPair(dir, ['ttyUSB_ours', 'twin_for_us']);
    ourWidget = await openTwinEnd(ourPair.b);
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ dmx: { enttec: { enabled: true, port: ourPair.a, rateHz: 40, universe: 1, slots: 3 } } }));
    s = await startServe(['--port', '0', '--token', token, '--data-dir', join(dir, 'data'), '--config', config]);
  }, 120_000);

  afterAll(async () => {
    await s?.stop();
    ola?.stop();
    for (const end of [olaWidget, ourWidget]) await end?.close().catch(() => {});
    await olaPair?.stop();
    await ourPair?.stop();
  });

  const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const r = await fetch(`${s.url}/api/call/${method}`, { method: 'POST', headers: auth, body: JSON.stringify(params) });
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as T;
  };

  /** The newest label-6 frame on a widget's wire whose data starts with `first`. */
  const frameFrom = (end: FarEnd, first: number) => waitFor(() => rawFrames(end.received(), 6).findLast((f) => f[5] === first), 10_000, 25);

  it('olad found the simulated widget (our twin answered its probe)', async () => {
    const info = await ola.tool(['ola_dev_info']);
    expect(info).toMatch(/Serial #: 00123456/);
    expect(olaWidget.twin.stats.requests[77]).toBeGreaterThanOrEqual(1);
  });

  it('255,128,0: olad writes 7e 06 04 00 00 ff 80 00 e7 (PROTOCOLS.md §3) and so do we, byte for byte', async () => {
    await ola.tool(['ola_set_dmx', '-u', String(olaUniverse), '-d', '255,128,0']);
    const theirs = await frameFrom(olaWidget, 255);
    await call('dmx.set', { universe: 1, channels: { '1': 255, '2': 128, '3': 0 } });
    const ours = await frameFrom(ourWidget, 255);
    expect(hex(theirs)).toBe('7e 06 04 00 00 ff 80 00 e7');
    expect(hex(ours)).toBe(hex(theirs));
  });

  it('a whole universe (512 values, 0x7e and 0xe7 inside the data): identical 518-byte frames', async () => {
    const values = Array.from({ length: 512 }, (_, i) => (i * 37 + 11) & 0xff);
    values[0] = 0x7e;
    values[1] = 0xe7;
    values[2] = 0x01;
    await ola.tool(['ola_set_dmx', '-u', String(olaUniverse), '-d', values.join(',')]);
    const theirs = await frameFrom(olaWidget, 0x7e);
    await call('settings.update', { dmx: { enttec: { slots: 512 } } });
    await call('dmx.set', { universe: 1, channels: Object.fromEntries(values.map((v, i) => [String(i + 1), v])) });
    const ours = await waitFor(() => rawFrames(ourWidget.received(), 6).findLast((f) => f.length === 518 && f[5] === 0x7e), 10_000, 25);
    expect(theirs.length).toBe(518);
    expect(hex(ours)).toBe(hex(theirs));
  });
});
