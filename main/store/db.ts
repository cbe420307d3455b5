import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrations as shippedMigrations } from './migrations.ts';

export type Db = Database.Database;

export class SchemaTooNewError extends Error {}

/** Open (or create) the store: WAL, foreign keys, and every pending migration applied in order. */
export function openDatabase(file: string, migrations = shippedMigrations): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 2000');
  migrate(db, migrations);
  return db;
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
