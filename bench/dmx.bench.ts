// DMX benchmarks (issue 8). Prints figures, asserts nothing.
//  - frameClock: 64 Art-Net universes at 44 Hz for DMX_BENCH_SECONDS (default 30) over loopback while the
//    store ingests 20 000 readings/s; frame intervals and drops measured by a receiver in another process.
//  - goLatency: scene GO over HTTP → the first ArtDmx on the wire carrying the new values.
//  - snapshot: reading all 64 universes on the main thread via the shared buffer vs a worker message.
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createCore } from '../main/core/app.ts';
import { decodeArtNet } from '../native/artnet/codec.ts';
import { startServe } from '../test/helpers/serve.ts';
import { controlCall, setUpArtnetSweep } from './helpers/artnet-sweep.ts';
import { buildNativeHelper, startHelper, startNativeHelper, stopHelper } from './helpers/helper-process.ts';
import { percentiles } from './stats.ts';

const seconds = Number(process.env.DMX_BENCH_SECONDS ?? 30);
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'showsite-bench-dmx-'));
  dirs.push(d);
  return d;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function frameClock() {
  const port = 26454;
  // Kernel receive timestamps when a C compiler is at hand (the wire's timing); else a Node receiver, whose
  // own event loop adds jitter on a busy 2-core machine.
  const native = buildNativeHelper('artnet-receiver.c', tmp());
  const receiver = native.binary ? startNativeHelper(native.binary, ['127.0.0.2', String(port)]) : startHelper('artnet-receiver.ts', ['127.0.0.2', String(port)]);
  await receiver.ready;

  const dataDir = tmp();
  const core = await createCore({ mode: 'desktop', dataDir, version: 'bench', resourcesDir: join(dataDir, 'ui') });
  await core.start();
  const call = controlCall(core);
  // A 16-bit channel fading across the whole run changes every universe on every tick: 44 frames/s each.
  const sceneId = await setUpArtnetSweep(core, call, { port, target: '127.0.0.2', seconds });

  // 20 000 readings a second through the real ingest path, on the main thread, while the worker sends.
  let ingested = 0;
  const sightings = Array.from({ length: 100 }, (_, i) => ({ id: `bench:${i}`, kind: 'other' as const, model: 'bench', source: 'sim' as const }));
  const ingestTimer = setInterval(() => {
    const ts = Date.now();
    for (let i = 0; i < 1000; i++) ingested += core.ingest.ingest(sightings[i % 100]!, [{ metric: 'value', unit: '', value: i, ts: ts - (i % 50) }]);
  }, 50);

  await call('scenes.go', { id: sceneId });
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsedS = (performance.now() - t0) / 1000;
  clearInterval(ingestTimer);
  const stats = (await stopHelper(receiver)) as { receiver?: string; universes: number; frames: number; sequenceGaps: number; intervalMs: Record<string, number>; intervalAtReceiverMs?: Record<string, number> };
  const status = (await call('dmx.status', {})) as { clock: { lateP99Ms: number } };
  await core.stop();
  const expected = Math.round(elapsedS * 44 * 64);
  return {
    seconds: Math.round(elapsedS),
    universes: stats.universes,
    framesReceived: stats.frames,
    framesExpectedAt44Hz: expected,
    sequenceGaps: stats.sequenceGaps,
    receiver: stats.receiver ?? `node (${native.why ?? 'no kernel timestamps'})`,
    frameIntervalMs: { ...stats.intervalMs, target: '22.7 ± 2 (p99)' },
    ...(stats.intervalAtReceiverMs ? { frameIntervalWhenReadMs: stats.intervalAtReceiverMs } : {}),
    readingsIngested: ingested,
    readingsPerS: Math.round(ingested / elapsedS),
    workerClockLateP99Ms: status.clock.lateP99Ms,
  };
}

async function goLatency() {
  const port = 27454;
  const dir = tmp();
  const config = join(dir, 'dmx.json');
  writeFileSync(config, JSON.stringify({ dmx: { artnet: { enabled: true, interface: '127.0.0.1', port }, outputs: [{ protocol: 'artnet', universe: 1, portAddress: 1, target: '127.0.0.3' }] } }));
  const token = 'bench-token-dmx-1';
  const s = await startServe(['--port', '0', '--token', token, '--data-dir', dir, '--config', config], { entry: 'bundle' });
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const create = async (v: number) => ((await (await fetch(`${s.url}/api/scenes`, { method: 'POST', headers, body: JSON.stringify({ name: `v${v}`, fadeMs: 0, values: { '1': { '1': v } } }) })).json()) as { id: string }).id;
  const scenes = [await create(10), await create(20)];
  const rx = createSocket({ type: 'udp4', reuseAddr: true });
  let waiting: { value: number; resolve: (t: number) => void } | undefined;
  rx.on('message', (m) => {
    const t = performance.now();
    const p = decodeArtNet(m);
    if (p.op === 'dmx' && waiting && p.data[0] === waiting.value) {
      waiting.resolve(t);
      waiting = undefined;
    }
  });
  await new Promise<void>((r) => rx.bind(port, '127.0.0.3', () => r()));
  const samples: number[] = [];
  for (let i = 0; i < 300; i++) {
    const value = i % 2 === 0 ? 10 : 20;
    const arrived = new Promise<number>((resolve) => (waiting = { value, resolve }));
    const t = performance.now();
    await fetch(`${s.url}/api/scenes/${scenes[i % 2]}/go`, { method: 'POST', headers });
    samples.push((await Promise.race([arrived, sleep(2000).then(() => NaN)])) - t);
    await sleep(15 + Math.random() * 40); // land anywhere in the 22.7 ms frame period
  }
  rx.close();
  await s.stop();
  return { ...percentiles(samples.filter((x) => !Number.isNaN(x))), lost: samples.filter((x) => Number.isNaN(x)).length, targetP99: 25, unit: 'ms, HTTP POST sent → ArtDmx with the new value received' };
}

/** Reading 64 universes on the main thread: from the shared buffer (what the core does) vs asking a worker. */
async function snapshot() {
  const bytes = 64 * 512;
  const sab = new SharedArrayBuffer(bytes);
  const seq = new Int32Array(new SharedArrayBuffer(4));
  const view = new Uint8Array(sab);
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const out = new Uint8Array(workerData.sab);
     let n = 0; setInterval(() => { Atomics.add(workerData.seq, 0, 1); out.fill(n++ & 255); Atomics.add(workerData.seq, 0, 1); }, 23);
     parentPort.on('message', () => parentPort.postMessage(out.slice()));`,
    { eval: true, workerData: { sab, seq } },
  );
  const viaSab: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    const copy = new Uint8Array(bytes);
    for (;;) {
      const before = Atomics.load(seq, 0);
      if (before % 2 === 1) continue;
      copy.set(view);
      if (Atomics.load(seq, 0) === before) break;
    }
    viaSab.push((performance.now() - t) * 1000);
  }
  const viaMessage: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t = performance.now();
    await new Promise((r) => {
      worker.once('message', r);
      worker.postMessage(0);
    });
    viaMessage.push((performance.now() - t) * 1000);
  }
  await worker.terminate();
  return { unit: 'µs to get all 64 universes on the main thread', sharedBuffer: percentiles(viaSab), workerMessage: percentiles(viaMessage) };
}

export default async function dmx(): Promise<Record<string, unknown>> {
  try {
    return { snapshot: await snapshot(), goLatency: await goLatency(), frameClock: await frameClock() };
  } finally {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}
