import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../native/sim/random.ts';
import { openDatabase, type Db } from '../../../main/store/db.ts';
import { ReadingWriter, SeriesRepo } from '../../../main/store/readings-repo.ts';
import { RetentionJob } from '../../../main/store/retention.ts';
import { planRange, SeriesQuery, type RangePlan } from '../../../main/store/series-query.ts';
import { closeTo, ReadingModel, type Naive } from './tier-model.ts';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 13, 17, 23, 456);

interface Scenario {
  db: Db;
  writer: ReadingWriter;
  model: ReadingModel;
  ids: number[];
  query: SeriesQuery;
  rnd: () => number;
  fresh: number;
  dups: number;
}

/**
 * Seeded random readings for three series over about three days: mostly in order with jittered cadence,
 * plus duplicates (same timestamp, another value), late readings (up to two days back) and bursts written
 * out of order, flushed at random points with a random batch size.
 */
function scenario(seed: number, n = 6000): Scenario {
  const rnd = seededRandom(seed);
  const db = openDatabase(':memory:');
  db.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
  const series = new SeriesRepo(db);
  const ids = ['a', 'b', 'c'].map((m) => series.resolve('d', m, 'u').id);
  const writer = new ReadingWriter(db, { maxBatch: 1 + Math.floor(rnd() * 3000) });
  const model = new ReadingModel();
  const cursor = ids.map(() => T0);
  const seen = ids.map((): number[] => []);
  const s: Scenario = { db, writer, model, ids, query: new SeriesQuery(db), rnd, fresh: 0, dups: 0 };
  const value = () => (rnd() < 0.2 ? rnd() * 1e6 - 5e5 : Math.round(rnd() * 2000 - 1000) / 10);
  const put = (k: number, ts: number) => {
    const v = value();
    writer.add(ids[k]!, ts, v);
    if (model.add(ids[k]!, ts, v)) {
      s.fresh++;
      seen[k]!.push(ts);
    } else s.dups++;
  };
  for (let i = 0; i < n; i++) {
    const k = Math.floor(rnd() * ids.length);
    const kind = rnd();
    if (kind < 0.7) {
      cursor[k]! += 1 + Math.floor(rnd() * 90_000);
      put(k, cursor[k]!);
    } else if (kind < 0.8 && seen[k]!.length > 0) {
      put(k, seen[k]![Math.floor(rnd() * seen[k]!.length)]!);
    } else if (kind < 0.92) {
      put(k, cursor[k]! - Math.floor(rnd() * 2 * DAY));
    } else {
      // A burst written newest first.
      const base = cursor[k]! + 1;
      const len = 1 + Math.floor(rnd() * 20);
      for (let j = len - 1; j >= 0; j--) put(k, base + j * 997);
      cursor[k] = base + len * 997;
    }
    if (rnd() < 0.01) writer.flush();
  }
  writer.flush();
  return s;
}

function expectAggregate(got: { min: number; max: number; count: number; sum?: number; avg?: number; last?: number; last_ts?: number }, want: Naive, where: string) {
  expect(got.min, `${where} min`).toBe(want.min);
  expect(got.max, `${where} max`).toBe(want.max);
  expect(got.count, `${where} count`).toBe(want.count);
  if (got.sum !== undefined) expect(closeTo(got.sum, want.sum), `${where} sum ${got.sum} vs ${want.sum}`).toBe(true);
  if (got.avg !== undefined) expect(closeTo(got.avg, want.sum / want.count), `${where} avg`).toBe(true);
  if (got.last !== undefined) expect(got.last, `${where} last`).toBe(want.last);
  if (got.last_ts !== undefined) expect(got.last_ts, `${where} last_ts`).toBe(want.lastTs);
}

/** Every tier's rows equal the naive aggregates of what the model says was stored. */
function expectTiersMatch(sc: Scenario, where: string, keep: { raw: number; minute: number; hour: number } = { raw: -Infinity, minute: -Infinity, hour: -Infinity }) {
  for (const id of sc.ids) {
    const raw = sc.model.sorted(id, keep.raw);
    expect(sc.query.raw(id, 0, Number.MAX_SAFE_INTEGER, 1e9), `${where}: raw tier of series ${id}`).toEqual(raw);
    expect(sc.db.prepare('SELECT ts, value FROM readings WHERE series_id = ? ORDER BY ts').all(id), `${where}: readings view`).toEqual(raw);
    for (const [table, size, cut] of [
      ['rollup_1m', MIN, keep.minute],
      ['rollup_1h', HOUR, keep.hour],
    ] as const) {
      const rows = sc.db.prepare<[number], { bucket: number; min: number; max: number; sum: number; count: number; last: number; last_ts: number }>(`SELECT * FROM ${table} WHERE series_id = ? ORDER BY bucket`).all(id);
      const want = [...sc.model.buckets(id, size).entries()].filter(([b]) => b + size > cut).sort((a, b) => a[0] - b[0]);
      expect(rows.map((r) => r.bucket), `${where}: ${table} buckets of series ${id}`).toEqual(want.map(([b]) => b));
      rows.forEach((r, i) => expectAggregate(r, want[i]![1], `${where}: ${table} ${id}@${r.bucket}`));
    }
  }
}

/** Points of a plan against brute force over [t, t + step) of the model. */
function expectPointsMatch(sc: Scenario, id: number, plan: RangePlan, where: string) {
  const points = sc.query.points(id, plan);
  const want = [...sc.model.buckets(id, plan.step).entries()].filter(([b]) => b >= plan.from && b < plan.to).sort((a, b) => a[0] - b[0]);
  expect(
    points.map((p) => p.t),
    `${where}: buckets`,
  ).toEqual(want.map(([b]) => b));
  points.forEach((p, i) => expectAggregate(p, want[i]![1], `${where} @${p.t}`));
}

describe('tiers: every tier equals the naive aggregate of the raw readings', () => {
  it.each([1, 2, 3, 4, 5])('seed %i: raw, 1-minute and 1-hour rows, with duplicates, late and out-of-order readings', (seed) => {
    const sc = scenario(seed);
    expect(sc.writer.written).toBe(sc.fresh);
    expect(sc.writer.duplicates).toBe(sc.dups);
    expect(sc.dups).toBeGreaterThan(100);
    expectTiersMatch(sc, `seed ${seed}`);
  });

  it.each([11, 12, 13])('seed %i: any range aggregated from any tier, at any whole multiple of its bucket, equals brute force', (seed) => {
    const sc = scenario(seed, 4000);
    const { rnd } = sc;
    for (let trial = 0; trial < 60; trial++) {
      const id = sc.ids[trial % sc.ids.length]!;
      const tier = (['raw', '1m', '1h'] as const)[trial % 3]!;
      const res = { raw: 1, '1m': MIN, '1h': HOUR }[tier];
      const step = res * (1 + Math.floor(rnd() * (tier === 'raw' ? 600_000 : tier === '1m' ? 90 : 12)));
      const from = T0 - DAY + Math.floor(rnd() * 4 * DAY);
      const to = from + 1 + Math.floor(rnd() * 3 * DAY);
      const plan: RangePlan = { tier, step, from: Math.floor(from / step) * step, to: Math.floor((to - 1) / step) * step + step };
      expectPointsMatch(sc, id, plan, `seed ${seed} trial ${trial} ${tier}/${step}`);
    }
  });

  it('planned queries return at most maxPoints per series and still match brute force', () => {
    const sc = scenario(21, 4000);
    const { rnd } = sc;
    for (let trial = 0; trial < 40; trial++) {
      const id = sc.ids[trial % sc.ids.length]!;
      const from = T0 - DAY + Math.floor(rnd() * 4 * DAY);
      const to = from + 1 + Math.floor(rnd() * 5 * DAY);
      const maxPoints = 1 + Math.floor(rnd() * 2000);
      const plan = sc.query.plan(from, to, maxPoints);
      expect(sc.query.points(id, plan).length).toBeLessThanOrEqual(maxPoints);
      expectPointsMatch(sc, id, plan, `trial ${trial} (${plan.tier}, step ${plan.step})`);
    }
  });

  it('a spike survives downsampling: the envelope keeps the one extreme reading of the day', () => {
    const db = openDatabase(':memory:');
    db.prepare("INSERT INTO devices (id, kind, model, source, first_seen, last_seen) VALUES ('d', 'other', 'm', 'sim', 0, 0)").run();
    const id = new SeriesRepo(db).resolve('d', 't', 'u').id;
    const w = new ReadingWriter(db);
    const day = Date.UTC(2026, 1, 1);
    for (let t = day; t < day + DAY; t += 10_000) w.add(id, t, t === day + 13 * HOUR + 20_000 ? 95 : 21);
    w.flush();
    const q = new SeriesQuery(db);
    for (const maxPoints of [10, 100, 1000, 5000]) {
      const plan = q.plan(day, day + DAY, maxPoints);
      const points = q.points(id, plan);
      expect(Math.max(...points.map((p) => p.max)), `maxPoints ${maxPoints} (${plan.tier})`).toBe(95);
      expect(Math.min(...points.map((p) => p.min))).toBe(21);
    }
  });
});

describe('tiers: retention deletes only what it should', () => {
  it.each([
    [31, { rawDays: 1, minuteDays: 2, hourDays: 3 as number | null }],
    [32, { rawDays: 2, minuteDays: 1, hourDays: null }],
    [33, { rawDays: 1, minuteDays: 1, hourDays: 1 }],
  ])('seed %i: %o', (seed, keep) => {
    const sc = scenario(seed);
    const now = T0 + 4 * DAY + Math.floor(sc.rnd() * DAY);
    const cut = {
      raw: now - keep.rawDays * DAY,
      minute: now - Math.max(keep.rawDays, keep.minuteDays) * DAY,
      hour: keep.hourDays === null ? -Infinity : now - Math.max(keep.rawDays, keep.minuteDays, keep.hourDays) * DAY,
    };
    const expectRemoved = sc.ids.reduce(
      (n, id) =>
        n +
        sc.model.sorted(id).filter((r) => r.ts < cut.raw).length +
        [...sc.model.buckets(id, MIN).keys()].filter((b) => b + MIN <= cut.minute).length +
        [...sc.model.buckets(id, HOUR).keys()].filter((b) => b + HOUR <= cut.hour).length,
      0,
    );
    const job = new RetentionJob(sc.db, () => keep, () => now);
    expect(job.run()).toBe(expectRemoved);
    expectTiersMatch(sc, 'after retention', cut);
    expect(job.run()).toBe(0);

    // Readings older than the raw cutoff are refused (they may be re-sent copies of pruned ones); newer ones land.
    const w = new ReadingWriter(sc.db);
    const id = sc.ids[0]!;
    const old = sc.model.sorted(id).filter((r) => r.ts < cut.raw);
    let refused = 0;
    for (const r of old.slice(0, 50)) {
      w.add(id, r.ts, r.value);
      refused++;
    }
    w.add(id, Math.floor(cut.raw) - 1, 1);
    refused++;
    let accepted = 0;
    for (let i = 0; i < 30; i++) {
      const ts = Math.ceil(cut.raw) + i * 7_919;
      w.add(id, ts, i);
      if (sc.model.add(id, ts, i)) accepted++;
    }
    w.flush();
    expect(w.expired).toBe(refused);
    expect(w.written).toBe(accepted);
    expectTiersMatch(sc, 'after late readings', cut);
  });

  it('an old database keeps working: a first prune of months happens in bounded steps and the marks move forward only', () => {
    const sc = scenario(41, 2000);
    const keep = { rawDays: 1, minuteDays: 1, hourDays: null };
    let now = T0 + 90 * DAY;
    const job = new RetentionJob(sc.db, () => keep, () => now);
    job.run();
    expect(sc.db.prepare('SELECT count(*) AS n FROM series_blocks').get()).toEqual({ n: 0 });
    const hours = sc.db.prepare('SELECT count(*) AS n FROM rollup_1h').get() as { n: number };
    expect(hours.n).toBeGreaterThan(0);
    const marks = () => Object.fromEntries(sc.db.prepare<[], { tier: string; pruned_before: number }>('SELECT * FROM tier_marks').all().map((r) => [r.tier, r.pruned_before]));
    const first = marks();
    now = T0; // a clock set back must not un-prune
    job.run();
    expect(marks()).toEqual(first);
  });
});

describe('planRange', () => {
  const none = { raw: 0, '1m': 0, '1h': 0 };
  const at = Date.UTC(2026, 2, 10, 12);

  it('picks the tier a chart needs: raw for an hour, minutes for a day or a week, hours for a month', () => {
    expect(planRange(at - HOUR, at, 1000, none)).toMatchObject({ tier: 'raw', step: 3600 });
    expect(planRange(at - DAY, at, 1000, none)).toMatchObject({ tier: '1m', step: 2 * MIN });
    expect(planRange(at - 7 * DAY, at, 1000, none)).toMatchObject({ tier: '1m', step: 11 * MIN });
    expect(planRange(at - 30 * DAY, at, 1000, none)).toMatchObject({ tier: '1h', step: HOUR });
    expect(planRange(at - 365 * DAY, at, 1000, none)).toMatchObject({ tier: '1h', step: 9 * HOUR });
  });

  it('falls back to a coarser tier when the finer one was pruned past the start of the range', () => {
    expect(planRange(at - HOUR, at, 1000, { raw: at - 30 * MIN, '1m': 0, '1h': 0 }).tier).toBe('1m');
    expect(planRange(at - HOUR, at, 1000, { raw: at, '1m': at, '1h': 0 }).tier).toBe('1h');
    expect(planRange(at - HOUR, at, 1000, { raw: at - 2 * HOUR, '1m': 0, '1h': 0 }).tier).toBe('raw');
  });

  it('never plans more buckets than maxPoints, and the buckets cover the range on whole tier buckets', () => {
    const rnd = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      const from = Date.UTC(2024, 0, 1) + Math.floor(rnd() * 400 * DAY);
      const to = from + 1 + Math.floor(rnd() ** 3 * 400 * DAY);
      const maxPoints = 1 + Math.floor(rnd() ** 2 * 10_000);
      const p = planRange(from, to, maxPoints, none);
      const res = { raw: 1, '1m': MIN, '1h': HOUR }[p.tier];
      expect(p.step % res).toBe(0);
      expect(p.from % p.step).toBe(0);
      expect(p.from).toBeLessThanOrEqual(from);
      expect(p.to).toBeGreaterThanOrEqual(to);
      expect(p.from).toBeGreaterThan(from - p.step);
      expect(p.to).toBeLessThan(to + p.step);
      expect((p.to - p.from) / p.step).toBeLessThanOrEqual(maxPoints);
    }
  });
});
