import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as shippedMigrations, seriesLayoutMigrationName } from './migrations.ts';
import { tierMigrationSql } from './tier-migration.ts';

export type Db = Database.Database;

export class SchemaTooNewError extends Error {}

/**
 * Page size of the store. Time-series blocks are 0.5–4 KB: 16 KB pages hold them without overflow pages
 * (measured: a third of the file size and several times faster range reads than 4 KB pages).
 */
export const PAGE_SIZE = 16_384;

/** Open (or create) the store: WAL, foreign keys, and every pending migration applied in order. */
export function openDatabase(file: string, migrations = shippedMigrations): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma(`page_size = ${PAGE_SIZE}`); // takes effect only on a new, empty file
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  const before = db.pragma('user_version', { simple: true }) as number;
  const after = migrate(db, migrations);
  // Migrations 4 (into tiers) and 6 (series by series) rewrite every time-series row: rebuild the file once after.
  const rewrites = migrations.filter((m) => m.sql === tierMigrationSql || m.name === seriesLayoutMigrationName);
  if (file !== ':memory:' && before > 0 && rewrites.some((m) => before < m.version && after >= m.version)) rebuild(db);
  return db;
}

/**
 * VACUUM with PAGE_SIZE pages (the page size of a WAL database changes only outside WAL): the rewritten
 * tables' old pages go back to the disk, and an older store gets the page size its blocks need. A failure
 * (no room on the disk) leaves the store as it was — correct, only bigger and slower.
 */
function rebuild(db: Db): void {
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.exec('VACUUM');
  } catch {
    // keep the file as it is
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

export function migrate(db: Db, migrations: readonly { version: number; name: string; sql: string }[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    // Opening a newer show database with an older build would risk it: refuse, change nothing.
    db.close();
    throw new SchemaTooNewError(`database schema v${current} is newer than this build understands (v${latest}); update Showsite Console`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
