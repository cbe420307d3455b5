import { blockViewsSql, tierMigrationSql } from './tier-migration.ts';

/** Migration 6's name: the store compacts itself once after it (db.ts). */
export const seriesLayoutMigrationName = 'time-series blocks stored series by series';

/**
 * Numbered, forward-only schema migrations. Never edit a shipped migration: add the next number.
 * Each runs in its own transaction; user_version records the last applied.
 */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'devices, names, series, readings, settings, events',
    sql: `
      CREATE TABLE devices (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        model       TEXT NOT NULL,
        source      TEXT NOT NULL,
        parent_id   TEXT,
        first_seen  INTEGER NOT NULL,
        last_seen   INTEGER NOT NULL,
        rssi        REAL,
        battery     REAL
      );
      -- Names are joined at display time and never used as keys: renaming cannot split history.
      CREATE TABLE device_names (
        device_id  TEXT PRIMARY KEY REFERENCES devices(id),
        name       TEXT,
        room       TEXT,
        notes      TEXT,
        set_by     TEXT NOT NULL,
        set_at     INTEGER NOT NULL
      );
      CREATE TABLE series (
        id         INTEGER PRIMARY KEY,
        device_id  TEXT NOT NULL REFERENCES devices(id),
        metric     TEXT NOT NULL,
        unit       TEXT NOT NULL,
        UNIQUE (device_id, metric)
      );
      CREATE TABLE readings (
        series_id  INTEGER NOT NULL,
        ts         INTEGER NOT NULL,
        value      REAL NOT NULL,
        PRIMARY KEY (series_id, ts)
      ) WITHOUT ROWID;
      CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
      );
      CREATE TABLE events (
        id         INTEGER PRIMARY KEY,
        ts         INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        severity   TEXT NOT NULL,
        device_id  TEXT,
        message    TEXT NOT NULL
      );
      CREATE INDEX events_ts ON events(ts);
    `,
  },
  {
    version: 2,
    name: 'DMX library: patch, scenes, cue lists',
    sql: `
      -- Each row holds one item as JSON, validated against the contract when read (a hand-edited row
      -- that no longer parses is skipped with a warning, never fatal). position keeps the operator's order.
      CREATE TABLE dmx_fixtures (
        id          TEXT PRIMARY KEY,
        position    INTEGER NOT NULL,
        data        TEXT NOT NULL
      );
      CREATE TABLE dmx_scenes (
        id          TEXT PRIMARY KEY,
        position    INTEGER NOT NULL,
        data        TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      );
      CREATE TABLE dmx_cuelists (
        id          TEXT PRIMARY KEY,
        position    INTEGER NOT NULL,
        data        TEXT NOT NULL,
        updated_at  INTEGER NOT NULL
      );
    `,
  },
  {
    version: 3,
    name: 'running order: days, entries, undo steps, handled cues',
    sql: `
      CREATE TABLE schedule_days (
        date        TEXT PRIMARY KEY,
        updated_at  INTEGER NOT NULL
      );
      -- One entry per row as JSON (set, milestone, curfew or delay, with its actual times and cues),
      -- validated against the contract when read; position is the running order.
      CREATE TABLE schedule_entries (
        date      TEXT NOT NULL REFERENCES schedule_days(date),
        id        TEXT NOT NULL,
        position  INTEGER NOT NULL,
        data      TEXT NOT NULL,
        PRIMARY KEY (date, id)
      );
      -- The day as it was before each action (newest = highest seq), so undo survives a restart.
      CREATE TABLE schedule_undo (
        date   TEXT NOT NULL,
        seq    INTEGER NOT NULL,
        label  TEXT NOT NULL,
        data   TEXT NOT NULL,
        at     INTEGER NOT NULL,
        PRIMARY KEY (date, seq)
      );
      -- Cue occurrences (date/entry/cue) already fired or reported missed: each is dealt with once, ever.
      CREATE TABLE schedule_cues (
        key      TEXT PRIMARY KEY,
        date     TEXT NOT NULL,
        outcome  TEXT NOT NULL,
        due_at   INTEGER NOT NULL,
        at       INTEGER NOT NULL
      );
    `,
  },
  { version: 4, name: 'time-series tiers (raw blocks, 1-minute and 1-hour rollups), forwarding backlog, dashboards', sql: tierMigrationSql },
  {
    version: 5,
    name: 'registry tools (hidden, expected interval, aliases, heard-via, names waiting for their device) and the MQTT broker’s persistence',
    sql: `
      ALTER TABLE devices ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
      -- How often the device's source or mapping says it reports (s); NULL = telemetry.staleAfterS applies.
      ALTER TABLE devices ADD COLUMN expected_interval_s REAL;
      -- An identity merged into another device: readings under alias_id are filed under device_id from then on.
      CREATE TABLE device_aliases (
        alias_id    TEXT PRIMARY KEY,
        device_id   TEXT NOT NULL REFERENCES devices(id),
        created_at  INTEGER NOT NULL
      );
      -- The gateways a device is heard through (BLE via OpenMQTTGateway/Theengs), with the signal each heard.
      CREATE TABLE device_via (
        device_id      TEXT NOT NULL REFERENCES devices(id),
        gateway_id     TEXT NOT NULL,
        connection_id  TEXT NOT NULL,
        rssi           REAL,
        last_seen      INTEGER NOT NULL,
        PRIMARY KEY (device_id, gateway_id)
      );
      -- Imported names for ids not seen yet: applied when that device first reports.
      CREATE TABLE device_names_pending (
        device_id  TEXT PRIMARY KEY,
        name       TEXT,
        room       TEXT,
        notes      TEXT,
        set_by     TEXT NOT NULL,
        set_at     INTEGER NOT NULL
      );
      -- The embedded MQTT broker: retained messages, persistent sessions' subscriptions and queued QoS 1/2
      -- messages, QoS 2 packets awaiting PUBREL, last wills. meta = the packet as JSON without its payload.
      CREATE TABLE mqtt_retained (
        topic    TEXT PRIMARY KEY,
        meta     TEXT NOT NULL,
        payload  BLOB NOT NULL
      );
      CREATE TABLE mqtt_subscriptions (
        client_id  TEXT NOT NULL,
        topic      TEXT NOT NULL,
        qos        INTEGER NOT NULL,
        options    TEXT NOT NULL,
        PRIMARY KEY (client_id, topic)
      );
      CREATE TABLE mqtt_outgoing (
        client_id       TEXT NOT NULL,
        broker_id       TEXT NOT NULL,
        broker_counter  INTEGER NOT NULL,
        meta            TEXT NOT NULL,
        payload         BLOB NOT NULL,
        PRIMARY KEY (client_id, broker_id, broker_counter)
      );
      CREATE TABLE mqtt_incoming (
        client_id   TEXT NOT NULL,
        message_id  INTEGER NOT NULL,
        meta        TEXT NOT NULL,
        payload     BLOB NOT NULL,
        PRIMARY KEY (client_id, message_id)
      );
      CREATE TABLE mqtt_wills (
        client_id  TEXT PRIMARY KEY,
        meta       TEXT NOT NULL,
        payload    BLOB NOT NULL
      );
    `,
  },
  {
    version: 6,
    name: seriesLayoutMigrationName,
    sql: `
      -- A range read is one series over many windows: with rows ordered by (start, series) every window of a
      -- 7-day chart sat on its own page beside 99 other series (1 008 page reads); ordered by (series, start)
      -- they are neighbours (about 80). Retention, which walks windows, gets an index on start instead.
      DROP VIEW readings;
      DROP VIEW rollup_1m;
      CREATE TABLE series_blocks_v6 (
        start      INTEGER NOT NULL,
        series_id  INTEGER NOT NULL,
        count      INTEGER NOT NULL,
        last_ts    INTEGER NOT NULL,
        minutes    TEXT NOT NULL,
        data       TEXT,
        PRIMARY KEY (series_id, start)
      ) WITHOUT ROWID;
      INSERT INTO series_blocks_v6 (start, series_id, count, last_ts, minutes, data)
        SELECT start, series_id, count, last_ts, minutes, data FROM series_blocks ORDER BY series_id, start;
      DROP TABLE series_blocks;
      ALTER TABLE series_blocks_v6 RENAME TO series_blocks;
      CREATE INDEX series_blocks_by_start ON series_blocks (start);
      ${blockViewsSql}
    `,
  },
];
