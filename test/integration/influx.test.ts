import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInflux, influxUnavailable, type Influx } from '../helpers/influx.ts';
import { startServe, waitFor, type Served } from '../helpers/serve.ts';
import { useTempDirs } from '../helpers/tmp.ts';

const token = 'influx-forwarding-1';
const auth = { Authorization: `Bearer ${token}` };
const unavailable = influxUnavailable();

interface Status {
  state: string;
  message: string;
  waiting: number;
  sent: number;
  dropped: number;
  rejected: number;
}

/**
 * The whole path as a site runs it: a real `showsite serve` with the demo venue forwards to a real
 * InfluxDB 1.6 started here. InfluxDB is stopped while the demo keeps ingesting; the console itself is
 * restarted while it is down; InfluxDB comes back; every reading the console stored is then in InfluxDB
 * exactly once (same series, timestamp and value), and nothing else is.
 */
describe.skipIf(unavailable)(`forwarding to a real InfluxDB 1.6${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  const tempDir = useTempDirs('all');
  let influx: Influx;
  let serve: Served | undefined;
  let dataDir: string;
  let config: string;

  beforeAll(async () => {
    influx = await createInflux(join(tempDir(), 'influx'));
    await influx.start();
    expect((await influx.query('CREATE DATABASE showsite')).results[0]!.error).toBeUndefined();
    dataDir = tempDir();
    config = join(dataDir, 'settings.json');
    writeFileSync(
      config,
      JSON.stringify({
        demo: { enabled: true, intervalMs: 200 },
        forwarding: { enabled: true, kind: 'influxdb-v1', url: influx.url, database: 'showsite', batchSize: 500, flushIntervalMs: 200 },
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await serve?.stop();
    await influx?.stop();
  });

  const status = async (s: Served): Promise<Status> => (await (await fetch(`${s.url}/api/forwarding`, { headers: auth })).json()) as Status;

  it('stops, keeps ingesting (across a console restart), restarts, and ends with every reading exactly once', async () => {
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir, '--config', config]);
    const s1 = serve;
    // Flowing: the demo's seeded hour and its live readings arrive.
    await waitFor(async () => {
      const st = await status(s1);
      return (st.sent > 500 && st.waiting < 500 && st.state === 'ok') || undefined;
    }, 60_000);

    await influx.stop();
    await waitFor(async () => {
      const st = await status(s1);
      return (st.state === 'lost' && st.waiting > 0) || undefined;
    }, 30_000);
    const down = await status(s1);
    expect(down.message).toMatch(/^target down \((connection refused|connection reset)\), [\d ]+ readings waiting$/);

    // The console restarts while the target is down: the backlog is on disk.
    expect(await s1.stop()).toBe(0);
    serve = await startServe(['--port', '0', '--token', token, '--data-dir', dataDir]);
    const s2 = serve;
    const before = (await status(s2)).waiting;
    expect(before).toBeGreaterThan(0);
    await waitFor(async () => ((await status(s2)).waiting > before + 20 ? true : undefined), 30_000);

    await influx.start();
    // Stop the demo so the store stops growing, then let the backlog drain.
    const off = await fetch(`${s2.url}/api/call/settings.update`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ demo: { enabled: false } }) });
    expect(off.status).toBe(200);
    await waitFor(async () => {
      const st = await status(s2);
      return (st.waiting === 0 && st.state === 'ok') || undefined;
    }, 90_000);
    const final = await status(s2);
    expect(final).toMatchObject({ dropped: 0, rejected: 0 });
    expect(await s2.stop()).toBe(0);
    serve = undefined;

    // What the console stored…
    const db = new Database(join(dataDir, 'showsite.db'), { readonly: true });
    const stored = db
      .prepare<[], { metric: string; device: string; ts: number; value: number }>('SELECT s.metric, s.device_id AS device, r.ts, r.value FROM readings r JOIN series s ON s.id = r.series_id')
      .all();
    db.close();
    expect(stored.length).toBeGreaterThan(1000);
    // …and what InfluxDB holds, over its HTTP API.
    const got = await influx.query('SELECT "device", "value" FROM /.*/', 'showsite');
    expect(got.results[0]!.error).toBeUndefined();
    const inInflux: string[] = [];
    for (const series of got.results[0]!.series ?? []) {
      const [t, d, v] = ['time', 'device', 'value'].map((c) => series.columns.indexOf(c));
      for (const row of series.values) inInflux.push(`${series.name}|${String(row[d!])}|${Number(row[t!])}|${Number(row[v!])}`);
    }
    const want = stored.map((r) => `${r.metric}|${r.device}|${r.ts}|${r.value}`);
    expect(new Set(want).size).toBe(want.length);
    // Exactly once: the same multiset — nothing missing, nothing twice, nothing extra.
    expect(inInflux.length).toBe(want.length);
    expect(inInflux.sort()).toEqual(want.sort());
  }, 300_000);
});
