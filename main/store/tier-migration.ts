/**
 * Schema for time-series tiers, forwarding and dashboards (one numbered entry in migrations.ts runs it).
 * Existing raw readings move into blocks and both rollups are built from them, so an upgraded site keeps
 * its history and its charts at once; `telemetry.rawRetentionDays` moves to the new `retention` section.
 * The block size (10 minutes) is fixed here and in tiers.ts. Migration 6 re-keys `series_blocks` series first
 * (see migrations.ts): the key order described below is how version 4 made it.
 */
/** The blocks as plain rows (`readings`, `rollup_1m`): made here, and again by migration 6 after it re-keys the table. */
export const blockViewsSql = `  CREATE VIEW readings (series_id, ts, value) AS
    SELECT b.series_id, b.start + (j.value ->> 0), j.value ->> 1 FROM series_blocks b, json_each(b.data) j;
  CREATE VIEW rollup_1m (series_id, bucket, min, max, sum, count, last, last_ts) AS
    SELECT b.series_id, b.start + (j.value ->> 0) * 60000, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5,
           b.start + (j.value ->> 0) * 60000 + (j.value ->> 6)
    FROM series_blocks b, json_each(b.minutes) j;
`;

export const tierMigrationSql = `
  -- One row per 10-minute window and series: that window's raw readings and its ten minute aggregates.
  -- Keyed time first so a flush rewrites adjacent rows (few dirty pages per commit); the index serves
  -- per-series reads. data = [[ts - start, value], …] sorted by ts, one entry per timestamp (a duplicate is
  -- dropped and counted by the writer), NULL once raw retention has pruned the window;
  -- minutes = [[minute 0–9, min, max, sum, count, last, last_ts - minute start], …] sorted by minute.
  CREATE TABLE series_blocks (
    start      INTEGER NOT NULL,
    series_id  INTEGER NOT NULL,
    count      INTEGER NOT NULL,
    last_ts    INTEGER NOT NULL,
    minutes    TEXT NOT NULL,
    data       TEXT,
    PRIMARY KEY (start, series_id)
  ) WITHOUT ROWID;
  CREATE INDEX series_blocks_by_series ON series_blocks (series_id, start);
  CREATE TABLE rollup_1h (
    bucket     INTEGER NOT NULL,
    series_id  INTEGER NOT NULL,
    min        REAL NOT NULL,
    max        REAL NOT NULL,
    sum        REAL NOT NULL,
    count      INTEGER NOT NULL,
    last       REAL NOT NULL,
    last_ts    INTEGER NOT NULL,
    PRIMARY KEY (bucket, series_id)
  ) WITHOUT ROWID;
  CREATE INDEX rollup_1h_by_series ON rollup_1h (series_id, bucket);
  -- How far retention has pruned each tier: a reading older than the raw mark could be a re-sent one
  -- whose stored twin is gone, so the writer refuses it rather than count it twice in the rollups.
  CREATE TABLE tier_marks (
    tier           TEXT PRIMARY KEY,
    pruned_before  INTEGER NOT NULL
  );
  -- Readings waiting to be forwarded (InfluxDB, VictoriaMetrics): packed float64 triples
  -- (series id, ts, value), written in the same transaction as the readings themselves.
  CREATE TABLE forward_backlog (
    id          INTEGER PRIMARY KEY,
    created_at  INTEGER NOT NULL,
    count       INTEGER NOT NULL,
    data        BLOB NOT NULL
  );
  CREATE TABLE dashboards (
    id          TEXT PRIMARY KEY,
    position    INTEGER NOT NULL,
    data        TEXT NOT NULL,
    updated_at  INTEGER NOT NULL
  );

  CREATE TEMP TABLE tier_minutes AS
    SELECT m.series_id, m.bucket, m.mn, m.mx, m.sm, m.n, r.value AS lv, m.lts
    FROM (SELECT series_id, (ts / 60000) * 60000 AS bucket, min(value) AS mn, max(value) AS mx, sum(value) AS sm, count(*) AS n, max(ts) AS lts
          FROM readings GROUP BY series_id, ts / 60000) m
    JOIN readings r ON r.series_id = m.series_id AND r.ts = m.lts;
  INSERT INTO series_blocks (start, series_id, count, last_ts, minutes, data)
    SELECT raw.start, raw.series_id, raw.n, raw.lts, mins.minutes, raw.data
    FROM (SELECT series_id, start, count(*) AS n, max(ts) AS lts, '[' || group_concat(json_array(ts - start, value), ',' ORDER BY ts) || ']' AS data
          FROM (SELECT series_id, ts, value, (ts / 600000) * 600000 AS start FROM readings) GROUP BY series_id, start) raw
    JOIN (SELECT series_id, ws, '[' || group_concat(json_array((bucket - ws) / 60000, mn, mx, sm, n, lv, lts - bucket), ',' ORDER BY bucket) || ']' AS minutes
          FROM (SELECT *, (bucket / 600000) * 600000 AS ws FROM tier_minutes) GROUP BY series_id, ws) mins
      ON mins.series_id = raw.series_id AND mins.ws = raw.start;
  INSERT INTO rollup_1h (bucket, series_id, min, max, sum, count, last, last_ts)
    SELECT h.bucket, h.series_id, h.mn, h.mx, h.sm, h.n, r.value, h.lts
    FROM (SELECT series_id, (ts / 3600000) * 3600000 AS bucket, min(value) AS mn, max(value) AS mx, sum(value) AS sm, count(*) AS n, max(ts) AS lts
          FROM readings GROUP BY series_id, ts / 3600000) h
    JOIN readings r ON r.series_id = h.series_id AND r.ts = h.lts;
  DROP TABLE temp.tier_minutes;
  DROP TABLE readings;

  -- The tiers as plain rows, for people and scripts with the sqlite3 shell (the core reads the blocks).
${blockViewsSql}
  -- One raw retention became three tiers: keep what the operator chose for raw readings (and at least
  -- as long for minutes); hours are kept forever.
  INSERT INTO settings (key, value)
    SELECT 'settings.retention', json_object('rawDays', json_extract(value, '$.rawRetentionDays'), 'minuteDays', max(90, json_extract(value, '$.rawRetentionDays')), 'hourDays', NULL)
    FROM settings WHERE key = 'settings.telemetry' AND json_valid(value) AND json_type(value, '$.rawRetentionDays') = 'integer'
    ON CONFLICT(key) DO NOTHING;
  UPDATE settings SET value = json_remove(value, '$.rawRetentionDays') WHERE key = 'settings.telemetry' AND json_valid(value);
`;
