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
  const tiers = migrations.find((m) => m.sql === tierMigrationSql)?.version;
  const crossed = (version: number | undefined) => file !== ':memory:' && version !== undefined && before > 0 && before < version && after >= version;
  if (crossed(tiers)) repage(db);
  // Migration 6 rewrote every time-series block: give the old copy's pages back to the disk once.
  else if (crossed(migrations.find((m) => m.name === seriesLayoutMigrationName)?.version)) compact(db);
  return db;
}

/** VACUUM outside WAL. A failure (no room on the disk) leaves the store as it was: correct, only bigger. */
function compact(db: Db): void {
  try {
    db.pragma('journal_mode = DELETE');
    db.exec('VACUUM');
  } catch {
    // keep the free pages: new readings reuse them
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/**
 * Once, when an older store has just been moved into tiers: rebuild it with PAGE_SIZE pages (VACUUM; the
 * page size of a WAL database changes only outside WAL). A failure (no room on the disk) leaves the store
 * as it was — correct, only bigger and slower.
 */
function repage(db: Db): void {
  if ((db.pragma('page_size', { simple: true }) as number) === PAGE_SIZE) return;
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.exec('VACUUM');
  } catch {
    // keep the old page size
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
