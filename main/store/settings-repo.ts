import type { Db } from './db.ts';

/** Key → JSON value rows. Callers validate what they read back: a hand-edited row must not crash the core. */
export class SettingsRepo {
  private readonly getStmt;
  private readonly setStmt;
  private readonly db: Db;
  constructor(db: Db) {
    this.db = db;
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  }

  read(key: string): unknown {
    const row = this.getStmt.get(key);
    if (!row) return undefined;
    try {
      return JSON.parse(row.value) as unknown;
    } catch {
      return undefined;
    }
  }

  /** Write several keys atomically. */
  writeAll(entries: Record<string, unknown>): void {
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(entries)) this.setStmt.run(key, JSON.stringify(value));
    })();
  }
}
