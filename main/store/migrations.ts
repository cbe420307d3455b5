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
];
