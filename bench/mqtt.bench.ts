// MQTT end to end, asserting nothing:
//  1. latency — a gateway-like publisher sends 5 000 msg/s (QoS 1, 500 devices) to the embedded broker;
//     each message's send time comes back on a WebSocket client subscribed to readings.live:
//     publish → broker → mapper → pipeline (store queue, live cache) → session → WebSocket, p50/p99;
//     plus how long after the last publish every reading was in SQLite.
//  2. the highest sustained QoS 1 rate with zero loss — rising steps through the embedded broker and
//     through a real Mosquitto (the console connected to it as an external broker), side by side: a step
//     counts when every message was acknowledged, reached the pipeline and was stored, at ≥ 95 % of the
//     target rate.
// The console runs as `showsite serve` (the shipped bundle) in its own process; the publisher in another.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mosquittoUnavailable, startMosquitto } from '../test/helpers/mosquitto.ts';
import { connectWs, startServe, waitFor, type Served } from '../test/helpers/serve.ts';
import { freePort, percentiles } from './stats.ts';

const token = 'bench-mqtt-token-1';
const root = new URL('..', import.meta.url).pathname;

/** A publisher in its own process: `rate` msg/s for `seconds`, QoS 1, round-robin over `devices`; prints a JSON summary. */
const publisherScript = `
import mqtt from 'mqtt';
const [url, rate, seconds, devices, prefix, mode] = process.argv.slice(1);
const R = Number(rate), S = Number(seconds), D = Number(devices);
const c = mqtt.connect(url, { protocolVersion: 4, clientId: 'bench-pub-' + process.pid, clean: true });
await new Promise((r) => c.once('connect', r));
let sent = 0, acked = 0, seq = 0;
const total = Math.round(R * S);
const start = performance.now();
await new Promise((resolve) => {
  const tick = () => {
    const due = Math.min(total, Math.round(((performance.now() - start) / 1000) * R));
    while (sent < due) {
      const dev = sent % D;
      const payload = mode === 'latency' ? '{"t":' + (performance.timeOrigin + performance.now()) + '}' : String(seq++);
      c.publish(prefix + '/d' + dev + '/v', payload, { qos: 1 }, (err) => { if (!err) acked++; });
      sent++;
    }
    if (sent >= total) return resolve();
    setTimeout(tick, 2);
  };
  tick();
});
const sendS = (performance.now() - start) / 1000;
const deadline = performance.now() + 30000;
while (acked < sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
const ackS = (performance.now() - start) / 1000;
c.end();
process.stdout.write(JSON.stringify({ sent, acked, sendS, ackS }));
`;

function publish(url: string, rate: number, seconds: number, devices: number, prefix: string, mode: 'latency' | 'count'): Promise<{ sent: number; acked: number; sendS: number; ackS: number }> {
  const p = spawn(process.execPath, ['--input-type=module', '-e', publisherScript, url, String(rate), String(seconds), String(devices), prefix, mode], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  p.stdout.on('data', (d: Buffer) => (out += d.toString()));
  p.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => p.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as { sent: number; acked: number; sendS: number; ackS: number }) : reject(new Error(`publisher exited ${code}: ${err.slice(0, 500)}`)))));
}

async function call<T>(s: Served, method: string, params: unknown = {}): Promise<T> {
  const res = await fetch(`${s.url}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(params) });
  return (await res.json()) as T;
}

const readingsOf = async (s: Served, connection: string) => (await call<{ id: string; readings: number }[]>(s, 'mqtt.connections')).find((c) => c.id === connection)?.readings ?? 0;

function storedCount(dataDir: string, metric: string): number {
  const db = new Database(join(dataDir, 'showsite.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM readings r JOIN series s ON s.id = r.series_id WHERE s.metric = ? AND s.device_id LIKE 'mqtt:%'").get(metric)!.n;
  } finally {
    db.close();
  }
}

async function latency(dir: string): Promise<Record<string, unknown>> {
  const mqttPort = await freePort();
  const config = join(dir, 'latency.json');
  writeFileSync(config, JSON.stringify({ mqtt: { mappings: [{ pattern: 'lat/+/v', deviceIdSegment: 1, jsonPath: '$.t', metric: 'sent', unit: 'ms' }], publish: { enabled: false } } }));
  const dataDir = join(dir, 'latency');
  const s = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--mqtt-port', String(mqttPort), '--config', config], { entry: 'bundle', timeoutMs: 60_000 });
  try {
    const ws = await connectWs(s.url, { Authorization: `Bearer ${token}` });
    await ws.call('subscribe', { topics: ['readings.live'] });
    const samples: number[] = [];
    ws.ws.on('message', (raw) => {
      const now = performance.timeOrigin + performance.now();
      const m = JSON.parse(raw.toString()) as { topic?: string; data?: { metric: string; value: number } };
      if (m.topic === 'readings.live' && m.data?.metric === 'sent') samples.push(now - m.data.value);
    });
    const rate = 5000;
    const seconds = 6;
    const pub = await publish(`mqtt://127.0.0.1:${mqttPort}`, rate, seconds, 500, 'lat', 'latency');
    const lastPublish = Date.now();
    const ingested = await waitFor(async () => ((await readingsOf(s, 'embedded')) >= pub.acked ? readingsOf(s, 'embedded') : undefined), 30_000);
    await new Promise((r) => setTimeout(r, 700)); // the writer flushes every 250 ms
    const pushed = samples.length;
    ws.close();
    const drainMs = Date.now() - lastPublish;
    await s.stop();
    const stored = storedCount(dataDir, 'sent');
    // Skip the first second: connection set-up and JIT warm-up are not the steady state.
    const steady = samples.slice(Math.floor(samples.length / seconds));
    return {
      target: `${rate} msg/s QoS 1, 500 devices, ${seconds} s`,
      publishedPerS: Math.round(pub.sent / pub.sendS),
      acked: pub.acked,
      ingested,
      stored,
      lost: pub.acked - stored,
      pushedToWebSocket: pushed,
      note: 'live events are coalesced per series (latest wins), so fewer than all readings are pushed; each pushed one is timed',
      publishToWebSocketMs: percentiles(steady),
      allStoredWithinMsOfLastPublish: drainMs,
    };
  } finally {
    if (s.proc.exitCode === null) await s.stop();
  }
}

interface Step {
  target: number;
  achieved: number;
  sent: number;
  acked: number;
  ingested: number;
  ok: boolean;
}

/** Rising rates until one is not sustained (or loses anything). */
async function ramp(s: Served, connection: string, url: string, rates: number[], seconds: number): Promise<{ steps: Step[]; maxSustained: number; delivered: number }> {
  const steps: Step[] = [];
  let delivered = 0;
  for (const target of rates) {
    const before = await readingsOf(s, connection);
    const pub = await publish(url, target, seconds, 500, 'rate', 'count');
    const after = await waitFor(
      async () => {
        const n = await readingsOf(s, connection);
        return n - before >= pub.acked ? n : undefined;
      },
      20_000,
    ).catch(async () => readingsOf(s, connection));
    const ingested = after - before;
    delivered += ingested;
    const achieved = Math.round(pub.sent / pub.ackS);
    const ok = pub.acked === pub.sent && ingested === pub.sent && achieved >= target * 0.95;
    steps.push({ target, achieved, sent: pub.sent, acked: pub.acked, ingested, ok });
    if (!ok) break;
  }
  const best = steps.filter((x) => x.ok).at(-1);
  return { steps, maxSustained: best?.achieved ?? 0, delivered };
}

export default async function (): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'showsite-bench-mqtt-'));
  const out: Record<string, unknown> = { loadAvgAtStart: loadavg().map((x) => Math.round(x * 10) / 10) };
  try {
    out.latency5k = await latency(dir);

    const rates = [5_000, 10_000, 15_000, 20_000, 25_000, 30_000, 40_000, 50_000];
    const seconds = 3;
    const mapping = { mappings: [{ pattern: 'rate/+/v', deviceIdSegment: 1, metric: 'seq', unit: '' }], publish: { enabled: false } };

    // Embedded broker: gateway → aedes → in-process mapper → pipeline → SQLite.
    {
      const mqttPort = await freePort();
      const dataDir = join(dir, 'embedded');
      const config = join(dir, 'embedded.json');
      writeFileSync(config, JSON.stringify({ mqtt: mapping }));
      const s = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--mqtt-port', String(mqttPort), '--config', config], { entry: 'bundle', timeoutMs: 60_000 });
      const r = await ramp(s, 'embedded', `mqtt://127.0.0.1:${mqttPort}`, rates, seconds);
      await new Promise((res) => setTimeout(res, 700));
      await s.stop();
      out.embeddedBroker = { ...r, stored: storedCount(dataDir, 'seq'), storedEqualsDelivered: storedCount(dataDir, 'seq') === r.delivered };
    }

    // Mosquitto: gateway → mosquitto → the console's persistent QoS 1 subscription → pipeline → SQLite.
    const why = mosquittoUnavailable();
    if (why) out.mosquitto = { skipped: why };
    else {
      const peer = await startMosquitto();
      const dataDir = join(dir, 'mosquitto');
      const config = join(dir, 'mosquitto.json');
      writeFileSync(config, JSON.stringify({ mqtt: { ...mapping, connections: [{ id: 'venue', host: '127.0.0.1', port: peer.port, clientId: 'showsite-bench' }] } }));
      const s = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--mqtt-port', '0', '--config', config], { entry: 'bundle', timeoutMs: 60_000 });
      try {
        await waitFor(async () => (await call<{ id: string; state: string }[]>(s, 'mqtt.connections')).find((c) => c.id === 'venue' && c.state === 'connected'), 20_000);
        const r = await ramp(s, 'venue', `mqtt://127.0.0.1:${peer.port}`, rates, seconds);
        await new Promise((res) => setTimeout(res, 700));
        await s.stop();
        out.mosquitto = { ...r, stored: storedCount(dataDir, 'seq'), storedEqualsDelivered: storedCount(dataDir, 'seq') === r.delivered };
      } finally {
        if (s.proc.exitCode === null) await s.stop();
        await peer.dispose();
      }
    }
    out.loadAvgAtEnd = loadavg().map((x) => Math.round(x * 10) / 10);
    out.note =
      'One 2-core machine runs the publisher, the broker and the console: the ceiling is CPU. Through the embedded broker the console process does broker + mapping + storage on one thread; through Mosquitto the broker has its own process and the console only maps and stores.';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
