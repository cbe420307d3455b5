import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { hex, openTwinEnd, rawFrames, socatUnavailable, startPtyPair, type FarEnd, type PtyPair } from '../helpers/pty.ts';
import type { EnttecProTwin } from '../../native/enttec/twin.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'serial-relay-pty-token-1';
const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
const unavailable = socatUnavailable() ?? (process.platform === 'linux' ? undefined : 'the relay check reads /proc/locks (Linux)');
if (unavailable) console.warn(`Skipping the serial relay pty test: ${unavailable}`);

interface OutputRow {
  protocol: string;
  state: string;
  destination: string;
  message: string;
}

/** flock()s held by `pid` on the file behind `path` (/proc/locks: "1: FLOCK ADVISORY WRITE <pid> <maj>:<min>:<inode> 0 EOF"). */
function flocksOn(path: string, pid: number): number {
  const inode = statSync(realpathSync(path)).ino;
  return readFileSync('/proc/locks', 'utf8')
    .split('\n')
    .filter((l) => /\bFLOCK\b/.test(l))
    .filter((l) => {
      const f = l.trim().split(/\s+/);
      return Number(f[4]) === pid && Number(f[5]?.split(':')[2]) === inode;
    }).length;
}

/**
 * The Windows path, run on Linux: with SHOWSITE_SERIAL_RELAY=1 the DMX worker does not open the Enttec
 * itself but asks the main thread (native/serial/relay.ts), which opens it with serialport — as it must on
 * Windows, where serialport's reads and writes only work on the main thread. A real `showsite serve`
 * drives one end of a socat pty pair; a simulated widget answers on the other.
 */
describe.skipIf(unavailable !== undefined)('Enttec output through the serial relay (SHOWSITE_SERIAL_RELAY=1) over a socat pty', () => {
  const tempDir = useTempDirs('all');
  let dir: string;
  let pair: PtyPair;
  let end: FarEnd & { twin: EnttecProTwin };
  let s: Served;
  const rateHz = 25;
  const before = process.env.SHOWSITE_SERIAL_RELAY;

  beforeAll(async () => {
    dir = tempDir();
    pair = await startPtyPair(dir, ['ttyUSB_relay', 'widget']);
    end = await openTwinEnd(pair.b);
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ dmx: { enttec: { enabled: true, port: pair.a, rateHz, universe: 1, slots: 512 } } }));
    process.env.SHOWSITE_SERIAL_RELAY = '1'; // inherited by the core this starts (and by its DMX worker)
    s = await startServe(['--port', '0', '--token', token, '--data-dir', dir, '--config', config]);
  }, 30_000);

  afterAll(async () => {
    if (before === undefined) delete process.env.SHOWSITE_SERIAL_RELAY;
    else process.env.SHOWSITE_SERIAL_RELAY = before;
    await s?.stop();
    await end?.close().catch(() => {});
    await pair?.stop();
  });

  const call = async <T>(method: string, params: unknown = {}): Promise<T> => {
    const r = await fetch(`${s.url}/api/call/${method}`, { method: 'POST', headers: auth, body: JSON.stringify(params) });
    expect(r.status, await r.clone().text()).toBe(200);
    return (await r.json()) as T;
  };
  const enttecRow = async () => (await call<{ outputs: OutputRow[] }>('dmx.status')).outputs.find((o) => o.protocol === 'enttec');
  const waitOk = () =>
    waitFor(async () => {
      const r = await enttecRow();
      return r?.state === 'ok' ? r : undefined;
    }, 8000, 50);

  it('the port is opened by serialport on the main thread (it holds serialport’s flock; the worker’s own open takes none); the widget is identified', async () => {
    const row = await waitOk();
    expect(row.destination).toContain('serial 00123456');
    expect(row.destination).toContain('firmware 1.44');
    expect(flocksOn(pair.a, s.proc.pid!)).toBe(1);
  });

  it('label-6 frames arrive byte for byte through the relay, continuously, at the configured rate', async () => {
    await call('dmx.set', { universe: 1, channels: { '1': 255, '2': 128, '100': 0x7e, '101': 0xe7, '512': 42 } });
    // Label 6, length 513 (LSB, MSB), start code 0, the 512 slots, 0xE7 — written out by hand.
    const want = new Uint8Array(518);
    want.set([0x7e, 0x06, 0x01, 0x02, 0x00]);
    want[5] = 255;
    want[6] = 128;
    want[104] = 0x7e;
    want[105] = 0xe7;
    want[516] = 42;
    want[517] = 0xe7;
    await waitFor(() => (end.twin.lastDmx?.slots[0] === 255 ? true : undefined), 5000, 20);
    end.take();
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, 1500));
    const raw = end.take();
    const seconds = (performance.now() - t0) / 1000;
    const frames = rawFrames(raw, 6);
    expect(frames.length).toBeGreaterThan(0);
    expect(raw.length).toBe(frames.length * 518); // nothing else on the wire
    for (const f of frames) expect(hex(f)).toBe(hex(want));
    expect(frames.length / seconds).toBeGreaterThan(rateHz * 0.8);
    expect(frames.length / seconds).toBeLessThan(rateHz * 1.2);
  });

  it('unplugged (socat killed): "lost" within a second; replugged: frames resume within 2 s with the current stage', async () => {
    await call('dmx.set', { universe: 1, channels: { '7': 77 } });
    await waitFor(() => (end.twin.lastDmx?.slots[6] === 77 ? true : undefined), 5000, 20);
    const unplugged = performance.now();
    await pair.stop('SIGKILL');
    const lost = await waitFor(async () => {
      const r = await enttecRow();
      return r?.state === 'lost' ? r : undefined;
    }, 5000, 25);
    const lostAfterMs = performance.now() - unplugged;
    expect(lostAfterMs).toBeLessThan(1000);
    expect(lost.message).toMatch(/unplugged|closed|not connected/);
    // The main thread let go of the dead port (no handle kept for it).
    await waitFor(() => {
      try {
        return flocksOn(pair.a, s.proc.pid!) === 0 || undefined;
      } catch {
        return true; // the link dangles: nothing is there to hold
      }
    }, 2000, 25);

    await call('dmx.set', { universe: 1, channels: { '7': 99 } });
    await new Promise((r) => setTimeout(r, 200));
    pair = await startPtyPair(dir, ['ttyUSB_relay', 'widget']);
    const replugged = performance.now();
    end = await openTwinEnd(pair.b);
    await waitFor(() => (end.twin.lastDmx ? true : undefined), 2000, 5);
    const resumedAfterMs = performance.now() - replugged;
    expect(resumedAfterMs).toBeLessThan(2000);
    expect(end.twin.lastDmx!.slots[6]).toBe(99);
    expect(end.twin.lastDmx!.slots[0]).toBe(255);
    const back = await waitOk();
    expect(back.destination).toContain('serial 00123456');
    expect(flocksOn(pair.a, s.proc.pid!)).toBe(1); // reopened on the main thread again
    console.log(`Enttec through the serial relay: lost ${Math.round(lostAfterMs)} ms after the unplug, frames back ${Math.round(resumedAfterMs)} ms after the replug`);
  });
});
