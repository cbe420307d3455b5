// Monitoring benchmarks: ingest through the real path and range queries over the tiers, side by side with a
// real InfluxDB 1.6 on loopback, on 100 series × 7 days at a 10 s cadence (≈ 6 million readings) made here.
// Asserts nothing. Wall-clock rates depend on what else runs on the machine: the CPU-time rates (readings per
// second of this process's CPU) and the load average are printed beside them.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultSettings, SeriesRange, type Settings } from '../preload/contract/index.ts';
import { DeviceRegistry } from '../main/devices/registry.ts';
import { EventHub } from '../main/runtime/hub.ts';
import { createLogger } from '../main/runtime/logger.ts';
import { Timeline } from '../main/runtime/timeline.ts';
import { openDatabase } from '../main/store/db.ts';
import { EventsRepo } from '../main/store/events-repo.ts';
import { ReadingWriter, SeriesRepo } from '../main/store/readings-repo.ts';
import { createMonitoring } from '../main/telemetry/monitoring-setup.ts';
import { Telemetry } from '../main/telemetry/pipeline.ts';
import { createInflux, influxUnavailable, type Influx } from '../test/helpers/influx.ts';
import { percentiles } from './stats.ts';

const DEVICES = 50; // × 2 metrics = 100 series
const CADENCE_MS = 10_000;
const DAYS = 7;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const ranges = { '1h': HOUR, '24h': DAY, '7d': 7 * DAY, '30d': 30 * DAY } as const;
const token = 'bench-monitoring-1';

const deviceId = (i: number) => `ble:A4:C1:38:B0:${(i >> 8).toString(16).padStart(2, '0').toUpperCase()}:${(i & 255).toString(16).padStart(2, '0').toUpperCase()}`;
/** A room's slow day curve plus a little noise: realistic values, inside the default thresholds (no alert storm). */
const temperature = (i: number, t: number) => Math.round((21 + 3 * Math.sin(t / 13_751_000 + i) + ((t / CADENCE_MS + i * 7) % 13) * 0.05) * 100) / 100;
const humidity = (i: number, t: number) => Math.round((45 + 8 * Math.sin(t / 21_600_000 + i * 3) + ((t / CADENCE_MS + i) % 7) * 0.1) * 10) / 10;

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

/** The core's ingest path as app.ts builds it: registry → series → Telemetry.ingest → ReadingWriter → tiers. */
function openCore(dir: string, now: () => number) {
  const db = openDatabase(join(dir, 'showsite.db'));
  const settings: Settings = structuredClone(defaultSettings);
  const registry = new DeviceRegistry(db);
  const series = new SeriesRepo(db);
  const hub = new EventHub();
  const timeline = new Timeline(new EventsRepo(db), hub, now);
  const writer = new ReadingWriter(db, { beforeCommit: () => registry.flushSightings(), hasOtherWork: () => registry.hasUnflushedSightings() });
  const logger = createLogger({ console: false, level: 'error' });
  const telemetry = new Telemetry({ registry, series, writer, timeline, hub, settings: () => settings, now, logger });
  const parts = createMonitoring({ db, registry, series, writer, telemetry, settings: () => settings, now, logger });
  return { db, writer, telemetry, ...parts };
}

async function ingestOurs(dir: string, start: number, end: number) {
  const core = openCore(dir, () => end);
  const sightings = Array.from({ length: DEVICES }, (_, i) => ({ id: deviceId(i), kind: 'thermo-hygrometer' as const, model: 'H5075', source: 'ble' as const }));
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  for (let t = start; t < end; t += CADENCE_MS) {
    for (let i = 0; i < DEVICES; i++) {
      n += core.telemetry.ingest(sightings[i]!, [
        { metric: 'temperature', unit: '°C', value: temperature(i, t), ts: t },
        { metric: 'humidity', unit: '%', value: humidity(i, t), ts: t },
      ]);
    }
  }
  core.writer.flush();
  const seconds = (performance.now() - t0) / 1000;
  const cpuS = cpuSeconds(cpu);
  return { core, result: { readings: n, stored: core.writer.written, seconds: round(seconds), readingsPerS: Math.round(n / seconds), readingsPerCpuS: Math.round(n / cpuS) } };
}

/** The same readings into InfluxDB over HTTP: line protocol, 10 000 lines a request, 3 requests in flight. */
async function ingestInflux(influx: Influx, start: number, end: number) {
  const steps = Math.ceil((end - start) / CADENCE_MS);
  const linesPerStep = DEVICES * 2;
  const stepsPerBatch = Math.max(1, Math.floor(10_000 / linesPerStep));
  const tags = Array.from({ length: DEVICES }, (_, i) => `,device=${deviceId(i)}`);
  const batch = (s0: number) => {
    let body = '';
    for (let s = s0; s < Math.min(steps, s0 + stepsPerBatch); s++) {
      const t = start + s * CADENCE_MS;
      for (let i = 0; i < DEVICES; i++) body += `temperature${tags[i]} value=${temperature(i, t)} ${t}\nhumidity${tags[i]} value=${humidity(i, t)} ${t}\n`;
    }
    return body;
  };
  let next = 0;
  let n = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < steps) {
      const s0 = next;
      next += stepsPerBatch;
      const body = batch(s0);
      const res = await fetch(`${influx.url}/write?db=bench&precision=ms`, { method: 'POST', body });
      if (res.status !== 204) throw new Error(`influx write: ${res.status} ${await res.text()}`);
      n += (Math.min(steps, s0 + stepsPerBatch) - s0) * linesPerStep;
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  const seconds = (performance.now() - t0) / 1000;
  return { readings: n, seconds: round(seconds), readingsPerS: Math.round(n / seconds) };
}

const round = (v: number) => Math.round(v * 1000) / 1000;

type Timing = ReturnType<typeof percentiles> & { cpuMsPerQuery?: number };

/**
 * Every series once per round, for each range: p50/p95 of one series' query (wall ms), and the CPU it cost
 * (ms per query: this process's own for in-process queries, `cpuOf()` for another process's).
 */
async function timeQueries(rounds: number, query: (i: number, metric: string, range: number) => Promise<unknown> | unknown, cpuOf?: () => number) {
  const out: Record<string, Timing> = {};
  for (const [name, range] of Object.entries(ranges)) {
    const samples: number[] = [];
    const cpu0 = cpuOf ? cpuOf() : 0;
    const own = process.cpuUsage();
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < DEVICES; i++) {
        for (const metric of ['temperature', 'humidity']) {
          const t = performance.now();
          await query(i, metric, range);
          samples.push(performance.now() - t);
        }
      }
    }
    const cpuMs = cpuOf ? (cpuOf() - cpu0) * 1000 : cpuSeconds(own) * 1000;
    out[name] = { ...percentiles(samples), cpuMsPerQuery: round(cpuMs / samples.length) };
  }
  return out;
}

/** CPU seconds a process has used so far (utime + stime from /proc). */
function processCpuS(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
}

/**
 * `showsite serve` as a site runs it (no contract self-check, which tests turn on and which costs a schema
 * pass over every result), on the bench's store.
 */
function serveCore(dataDir: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const proc = spawn(process.execPath, ['main/cli/index.ts', 'serve', '--port', '0', '--token', token, '--data-dir', dataDir, '--log-level', 'warn', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise((r) => proc.once('exit', r));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /listening on http:\/\/[^:]+:(\d+)\//.exec(out);
      if (!m) return;
      clearTimeout(timer);
      proc.stdout.off('data', onData);
      resolve({ url: `http://127.0.0.1:${m[1]}`, pid: proc.pid!, stop: async () => void (proc.kill('SIGTERM'), await exited) });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  });
}

const rssMb = (pid: number | 'self') => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : null;
};

export default async function monitoring(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'showsite-bench-monitoring-'));
  const end = Math.floor(Date.now() / CADENCE_MS) * CADENCE_MS;
  const start = end - DAYS * DAY;
  const unavailable = influxUnavailable();
  let influx: Influx | undefined;
  try {
    const load = { before: loadavg().map(round) };
    // 1. Ingest through the real path.
    const ours = await ingestOurs(dir, start, end);
    const core = ours.core;

    // 2. Range queries in the core's process (Monitoring.query: checks, tier choice, buckets).
    const inProcess = await timeQueries(3, (i, metric, range) => core.monitoring.query(SeriesRange.parse({ series: [{ device: deviceId(i), metric }], from: end - range, to: end, maxPoints: 1000 })));
    const plans = Object.fromEntries(
      Object.entries(ranges).map(([name, range]) => {
        const q = core.monitoring.query(SeriesRange.parse({ series: [{ device: deviceId(0), metric: 'temperature' }], from: end - range, to: end, maxPoints: 1000 }));
        return [name, { tier: q.tier, stepMs: q.step, points: q.points!.length }];
      }),
    );
    const rssInProcess = rssMb('self');
    const dbBytes = core.db.prepare<[], { n: number }>('SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()').get()?.n ?? 0;
    core.db.close();

    // 3. The same queries over HTTP against a real `showsite serve` on that store (what a chart does).
    const serve = await serveCore(dir);
    let overHttp: Record<string, Timing>;
    let rssServe: number | null;
    try {
      const servePid = serve.pid;
      const get = async (i: number, metric: string, range: number) => {
        const res = await fetch(`${serve.url}/api/series?device=${deviceId(i)}&metric=${metric}&from=${end - range}&to=${end}&maxPoints=1000`, { headers: { Authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`GET /api/series: ${res.status} ${await res.text()}`);
        return res.json();
      };
      await get(0, 'temperature', DAY); // warm up
      overHttp = await timeQueries(2, get, () => processCpuS(servePid));
      rssServe = rssMb(servePid);
    } finally {
      await serve.stop();
    }

    const result: Record<string, unknown> = {
      dataset: { series: DEVICES * 2, days: DAYS, cadenceS: CADENCE_MS / 1000, readings: ours.result.readings },
      ingest: { ...ours.result, path: 'Telemetry.ingest (live) → ReadingWriter → raw/1m/1h tiers, as app.ts wires it', target: 400_000 },
      storeMb: Math.round(dbBytes / 1e6),
      plans,
      queryMs: { inProcess, http: overHttp, maxPoints: 1000, targetP95: 20 },
      rssMb: { benchProcessAfterIngest: rssInProcess, serveAfterQueries: rssServe, target: 300 },
    };

    // 4. The same against InfluxDB 1.6 on loopback.
    if (unavailable) {
      result.influx = { skipped: unavailable };
    } else {
      influx = await createInflux(join(dir, 'influx'));
      await influx.start();
      await influx.query('CREATE DATABASE bench');
      const influxPid = influx.pid!;
      const cpu0 = processCpuS(influxPid);
      const theirs = { ...(await ingestInflux(influx, start, end)), influxdCpuS: 0, readingsPerInfluxdCpuS: 0 };
      theirs.influxdCpuS = round(processCpuS(influxPid) - cpu0);
      theirs.readingsPerInfluxdCpuS = Math.round(theirs.readings / theirs.influxdCpuS);
      const db = influx;
      const stepOf = new Map(Object.entries(ranges).map(([name, range]) => [range, plans[name]!.stepMs]));
      const get = async (i: number, metric: string, range: number) => {
        // The same buckets as ours: GROUP BY the step our planner chose, envelopes and means, no filling.
        const step = stepOf.get(range)!;
        const r = await db.query(`SELECT min("value"), max("value"), mean("value"), count("value") FROM "${metric}" WHERE "device" = '${deviceId(i)}' AND time >= ${end - range}ms AND time < ${end}ms GROUP BY time(${step}ms) fill(none)`, 'bench');
        if (r.results[0]?.error) throw new Error(r.results[0].error);
        return r;
      };
      await get(0, 'temperature', DAY);
      const influxHttp = await timeQueries(2, get, () => processCpuS(influxPid));
      const ratio = (a: number, b: number) => round(a / b);
      result.influx = {
        version: '1.6 (Debian influxdb)',
        ingest: theirs,
        queryMs: influxHttp,
        ratios: {
          ingest: { oursOverInflux: ratio(ours.result.readingsPerS, theirs.readingsPerS), perCpuSecond: ratio(ours.result.readingsPerCpuS, theirs.readingsPerInfluxdCpuS), goal: '≥ 1' },
          queryP95: Object.fromEntries(
            Object.keys(ranges).map((k) => [
              k,
              {
                httpOursOverInflux: ratio(overHttp[k]!.p95, influxHttp[k]!.p95),
                inProcessOursOverInflux: ratio(inProcess[k]!.p95, influxHttp[k]!.p95),
                cpuPerQueryHttpOursOverInflux: ratio(overHttp[k]!.cpuMsPerQuery!, influxHttp[k]!.cpuMsPerQuery!),
              },
            ]),
          ),
          goal: 'query-time ratio ≤ 0.2',
        },
        rssMb: influx.pid ? rssMb(influx.pid) : null,
      };
    }
    result.load = { ...load, after: loadavg().map(round), cpus: 2 };
    return result;
  } finally {
    await influx?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
