import type { Db } from './db.ts';

export interface DashboardRow {
  id: string;
  data: string;
  updatedAt: number;
}

/** Stored dashboards, one JSON row each (validated by the caller when read), in the order they were made. */
export class DashboardsRepo {
  private readonly db: Db;
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;
  private readonly maxPosition;

  constructor(db: Db) {
    this.db = db;
    this.selectAll = db.prepare<[], { id: string; data: string; updated_at: number }>('SELECT id, data, updated_at FROM dashboards ORDER BY position, id');
    this.selectOne = db.prepare<[string], { id: string; data: string; updated_at: number }>('SELECT id, data, updated_at FROM dashboards WHERE id = ?');
    this.upsert = db.prepare<[string, number, string, number]>(
      'INSERT INTO dashboards (id, position, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at',
    );
    this.remove = db.prepare<[string]>('DELETE FROM dashboards WHERE id = ?');
    this.maxPosition = db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM dashboards');
  }

  all(): DashboardRow[] {
    return this.selectAll.all().map((r) => ({ id: r.id, data: r.data, updatedAt: r.updated_at }));
  }

  get(id: string): DashboardRow | undefined {
    const r = this.selectOne.get(id);
    return r && { id: r.id, data: r.data, updatedAt: r.updated_at };
  }

  /** Insert (at the end) or replace in place. */
  put(id: string, data: string, updatedAt: number): void {
    this.upsert.run(id, (this.maxPosition.get()?.p ?? -1) + 1, data, updatedAt);
  }

  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
