import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { defaultSettings, type Settings } from '../../../preload/contract/index.ts';
import { createLogger } from '../../../main/runtime/logger.ts';
import type { ServiceContext } from '../../../main/runtime/service.ts';
import { openDatabase, type Db } from '../../../main/store/db.ts';
import { ForwardBacklog } from '../../../main/store/forward-backlog.ts';
import { ReadingWriter, SeriesRepo } from '../../../main/store/readings-repo.ts';
import { DeviceRegistry } from '../../../main/devices/registry.ts';
import { ForwardingService, grouped, type ForwardingCredentials } from '../../../main/telemetry/forwarder.ts';
import { waitFor } from '../../helpers/serve.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

interface Received {
  url: string;
  headers: IncomingMessage['headers'];
  lines: string[];
}

/** A stand-in for InfluxDB's /write: records what it accepted; `answer` decides the status of each request. */
async function fakeInflux(port = 0) {
  const got: Received[] = [];
  let answer: (r: Received) => { status: number; body?: string } = () => ({ status: 204 });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const r = { url: req.url ?? '', headers: req.headers, lines: body.split('\n').filter(Boolean) };
      const a = answer(r);
      if (a.status >= 200 && a.status < 300) got.push(r);
      res.writeHead(a.status, { 'Content-Type': 'application/json' });
      res.end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    got,
    lines: () => got.flatMap((r) => r.lines),
    answer: (fn: typeof answer) => (answer = fn),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function context() {
  const reports: { state: string; message: string }[] = [];
  const ctx: ServiceContext = {
    report: (state, message) => {
      const last = reports.at(-1);
      if (last?.state !== state || last.message !== message) reports.push({ state, message });
    },
    logger: createLogger({ console: false, level: 'error' }),
  };
  return { ctx, reports };
}

const device = { id: 'ble:A4:C1:38:5A:10:01', kind: 'thermo-hygrometer', model: 'H5075', source: 'ble' } as const;

/** A store, a writer and a forwarder pointing at `port`, on a file so a restart can be tested. */
function rig(file: string, port: number, patch: Partial<Settings['forwarding']> = {}) {
  const db: Db = openDatabase(file);
  const registry = new DeviceRegistry(db);
  const series = new SeriesRepo(db);
  const writer = new ReadingWriter(db, { beforeCommit: () => registry.flushSightings() });
  const settings: Settings = { ...structuredClone(defaultSettings), forwarding: { ...defaultSettings.forwarding, enabled: true, url: `http://127.0.0.1:${port}`, flushIntervalMs: 100, ...patch } };
  let creds: ForwardingCredentials = { username: null, password: null, token: null };
  const forwarder = new ForwardingService({
    writer,
    backlog: new ForwardBacklog(db),
    settings: () => settings,
    series: (id) => series.byIdOf(id),
    device: (id) => registry.get(id),
    credentials: { get: () => creds, set: (c) => (creds = c) },
    now: () => Date.now(),
    maxBackoffMs: 200,
    statusEveryMs: 50,
  });
  registry.seen(device, Date.now());
  registry.rename(device.id, { name: 'Stage left', room: 'Stage' }, 'test', Date.now());
  const temperature = series.resolve(device.id, 'temperature', '°C').id;
  let t = Date.UTC(2026, 0, 1);
  /** n readings 10 s apart, flushed. Returns the lines InfluxDB should end up with. */
  const ingest = (n: number): string[] => {
    const want: string[] = [];
    for (let i = 0; i < n; i++) {
      t += 10_000;
      const v = Math.round(Math.sin(t / 1e6) * 1000) / 100;
      writer.add(temperature, t, v);
      want.push(`temperature,device=ble:A4:C1:38:5A:10:01,name=Stage\\ left,room=Stage,unit=°C value=${v} ${t}`);
    }
    writer.flush();
    return want;
  };
  return { db, writer, forwarder, settings, ingest, setTime: (v: number) => (t = v) };
}

describe('forwarding', () => {
  const tempDir = useTempDirs();
  const cleanup: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('sends every stored reading once in line protocol, batched, to InfluxDB 1.x /write with ms precision', async () => {
    const influx = await fakeInflux();
    cleanup.push(influx.close);
    const r = rig(join(tempDir(), 'a.db'), influx.port, { batchSize: 100 });
    const { ctx, reports } = context();
    r.forwarder.start(r.settings.forwarding, ctx);
    cleanup.push(() => r.forwarder.stop());
    const want = r.ingest(250);
    await waitFor(() => influx.lines().length >= 250 || undefined);
    expect(influx.lines()).toEqual(want);
    expect(influx.got.map((g) => g.lines.length)).toEqual([100, 100, 50]);
    expect(influx.got[0]!.url).toBe('/write?db=showsite&precision=ms');
    expect(influx.got[0]!.headers.authorization).toBeUndefined();
    await waitFor(() => r.forwarder.status().waiting === 0 || undefined);
    expect(r.forwarder.status()).toMatchObject({ state: 'ok', sent: 250, waiting: 0, message: `forwarding to InfluxDB 1.x at http://127.0.0.1:${influx.port} (db showsite)` });
    await waitFor(() => reports.at(-1)?.message === `forwarding to InfluxDB 1.x at http://127.0.0.1:${influx.port} (db showsite)` || undefined);
    // Duplicates are not stored, so they are not forwarded either.
    r.setTime(Date.UTC(2026, 0, 1));
    r.ingest(10);
    await new Promise((res) => setTimeout(res, 300));
    expect(influx.lines()).toHaveLength(250);
  });

  it('target down: keeps everything on disk, says how many wait, survives a restart of the console, and delivers it all once', async () => {
    const influx = await fakeInflux();
    const port = influx.port;
    await influx.close(); // nothing listens there now: connection refused
    const file = join(tempDir(), 'b.db');
    let r = rig(file, port, { batchSize: 500 });
    let { ctx, reports } = context();
    r.forwarder.start(r.settings.forwarding, ctx);
    const want = r.ingest(1234);
    await waitFor(() => reports.some((x) => x.state === 'lost') || undefined);
    await waitFor(() => reports.some((x) => x.message === 'target down (connection refused), 1 234 readings waiting') || undefined);
    // The console stops and starts again while the target is still down.
    await r.forwarder.stop();
    r.db.close();
    r = rig(file, port, { batchSize: 500 });
    ({ ctx, reports } = context());
    r.forwarder.start(r.settings.forwarding, ctx);
    cleanup.push(() => r.forwarder.stop());
    r.setTime(Date.UTC(2026, 0, 2));
    want.push(...r.ingest(66));
    await waitFor(() => reports.some((x) => x.message.endsWith('1 300 readings waiting')) || undefined);
    // The target comes back on the same port.
    const back = await fakeInflux(port);
    cleanup.push(back.close);
    await waitFor(() => back.lines().length >= 1300 || undefined, 15_000);
    await waitFor(() => r.forwarder.status().waiting === 0 || undefined);
    expect(back.lines()).toEqual(want);
    expect(r.forwarder.status().state).toBe('ok');
  });

  it('a batch the target refuses as malformed is dropped and counted; the rest flows', async () => {
    const influx = await fakeInflux();
    cleanup.push(influx.close);
    let refuse = true;
    influx.answer(() => (refuse ? ((refuse = false), { status: 400, body: '{"error":"partial write: field type conflict"}' }) : { status: 204 }));
    const r = rig(join(tempDir(), 'c.db'), influx.port, { batchSize: 100 });
    const { ctx, reports } = context();
    r.forwarder.start(r.settings.forwarding, ctx);
    cleanup.push(() => r.forwarder.stop());
    const want = r.ingest(300);
    await waitFor(() => r.forwarder.status().waiting === 0 || undefined);
    expect(influx.lines()).toEqual(want.slice(100));
    expect(r.forwarder.status()).toMatchObject({ rejected: 100, sent: 200, lastError: 'partial write: field type conflict (HTTP 400)' });
    expect(reports.some((x) => x.state === 'degraded' && x.message.includes('the target refused 100 readings: partial write: field type conflict (HTTP 400)'))).toBe(true);
  });

  it('too large: halves the batch and tries again; wrong credentials: an error that says why, retried until fixed', async () => {
    const influx = await fakeInflux();
    cleanup.push(influx.close);
    influx.answer((req) => (req.lines.length > 150 ? { status: 413, body: '{"error":"Request Entity Too Large"}' } : req.headers.authorization === `Basic ${Buffer.from('show:pw').toString('base64')}` ? { status: 204 } : { status: 401, body: '{"error":"authorization failed"}' }));
    const r = rig(join(tempDir(), 'd.db'), influx.port, { batchSize: 500 });
    const { ctx, reports } = context();
    r.forwarder.start(r.settings.forwarding, ctx);
    cleanup.push(() => r.forwarder.stop());
    const want = r.ingest(400);
    await waitFor(() => reports.some((x) => x.state === 'error') || undefined);
    expect(reports.find((x) => x.state === 'error')!.message).toBe('InfluxDB 1.x refused the readings: authorization failed (HTTP 401); retrying, 400 readings waiting');
    expect(r.forwarder.setCredentials({ username: 'show', password: 'pw' }).credentials).toEqual({ username: 'show', password: true, token: false });
    await waitFor(() => r.forwarder.status().waiting === 0 || undefined);
    expect(influx.lines()).toEqual(want);
    expect(Math.max(...influx.got.map((g) => g.lines.length))).toBeLessThanOrEqual(150);
  });

  it('InfluxDB 2.x and VictoriaMetrics endpoints and tokens', async () => {
    const influx = await fakeInflux();
    cleanup.push(influx.close);
    const r = rig(join(tempDir(), 'e.db'), influx.port, { kind: 'influxdb-v2', org: 'crew', bucket: 'site' });
    const { ctx } = context();
    r.forwarder.setCredentials({ token: 's3cret' });
    r.forwarder.start(r.settings.forwarding, ctx);
    cleanup.push(() => r.forwarder.stop());
    r.ingest(3);
    await waitFor(() => influx.got.length >= 1 || undefined);
    expect(influx.got[0]).toMatchObject({ url: '/api/v2/write?org=crew&bucket=site&precision=ms', headers: expect.objectContaining({ authorization: 'Token s3cret' }) });
    r.settings.forwarding = { ...r.settings.forwarding, kind: 'victoriametrics' };
    r.forwarder.reconfigure(r.settings.forwarding, r.settings.forwarding, ctx);
    r.ingest(3);
    await waitFor(() => influx.got.length >= 2 || undefined);
    expect(influx.got[1]).toMatchObject({ url: '/write?precision=ms', headers: expect.objectContaining({ authorization: 'Bearer s3cret' }) });
  });

  it('off in Settings: nothing goes into the backlog; the backlog stays bounded, dropping (and counting) the oldest', async () => {
    const r = rig(join(tempDir(), 'f.db'), 1, { enabled: false });
    r.ingest(100);
    expect(r.forwarder.status()).toMatchObject({ enabled: false, state: 'off', waiting: 0 });
    r.settings.forwarding = { ...r.settings.forwarding, enabled: true, maxBacklog: 250 };
    for (let i = 0; i < 5; i++) r.ingest(100);
    expect(r.forwarder.status()).toMatchObject({ waiting: 200, dropped: 300 });
    r.settings.forwarding = { ...r.settings.forwarding, enabled: false };
    expect(r.forwarder.offMessage()).toBe('turned off; 200 readings kept for when it is turned back on');
  });

  it('groups thousands the way the status strip shows them', () => {
    expect([0, 999, 1234, 1234567].map(grouped)).toEqual(['0', '999', '1 234', '1 234 567']);
  });
});
