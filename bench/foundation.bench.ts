// Foundation benchmarks: cold start, WebSocket round trip, reading-to-DOM latency, store ingest.
// Run through bench/run.ts (npm run bench); asserts nothing.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoReadingToDom } from './helpers/reading-to-dom.ts';
import { freePort, percentiles } from './stats.ts';
import { connectWs, startServe } from '../test/helpers/serve.ts';
import { openDatabase } from '../main/store/db.ts';
import { ReadingWriter, SeriesRepo } from '../main/store/readings-repo.ts';

const token = 'bench-token-123';
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'showsite-bench-'));
  dirs.push(d);
  return d;
};


/** Spawn → first successful GET /api/health, in ms. */
async function coldStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, ['dist/core/cli.js', 'serve', '--port', String(port), '--data-dir', dataDir, '--log-level', 'error'], { stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (r.ok) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      if (performance.now() - t0 > 15_000) throw new Error('core did not become healthy in 15 s');
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    proc.kill('SIGTERM');
    await new Promise((r) => proc.once('exit', r));
  }
}

async function wsRoundTrip(): Promise<ReturnType<typeof percentiles>> {
  const s = await startServe(['--port', '0', '--token', token, '--data-dir', tmp()], { entry: 'bundle' });
  const c = await connectWs(s.url, { Authorization: `Bearer ${token}` });
  for (let i = 0; i < 200; i++) await c.call('system.health'); // warm up
  const samples: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t = performance.now();
    await c.call('system.health');
    samples.push(performance.now() - t);
  }
  c.close();
  await s.stop();
  return percentiles(samples);
}

function storeIngest(): { rowsPerS: number; rows: number } {
  const db = openDatabase(join(tmp(), 'bench.db'));
  db.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
  const series = new SeriesRepo(db);
  const ids = Array.from({ length: 50 }, (_, i) => series.resolve('d', `m${i}`, 'u').id);
  const writer = new ReadingWriter(db, { maxBatch: 5000 });
  const rows = 500_000;
  const t = performance.now();
  for (let i = 0; i < rows; i++) writer.add(ids[i % 50]!, 1_700_000_000_000 + Math.floor(i / 50) * 1000, i);
  writer.flush();
  const s = (performance.now() - t) / 1000;
  db.close();
  return { rows, rowsPerS: Math.round(rows / s) };
}

export default async function foundation(): Promise<Record<string, unknown>> {
  try {
    const cold = [];
    for (let i = 0; i < 5; i++) cold.push(await coldStart(tmp()));
    return {
      coldStartToHealthyMs: { ...percentiles(cold), samples: cold.map((v) => Math.round(v)), target: 1500 },
      wsRoundTripMs: { ...(await wsRoundTrip()), targetP99: 5 },
      readingToDomMs: { ...(await demoReadingToDom(tmp(), token)), targetP99: 100 },
      storeIngest: storeIngest(),
    };
  } finally {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}
