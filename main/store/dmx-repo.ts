import type { z } from 'zod';
import type { Db } from './db.ts';

export interface JsonRowsOptions<S extends z.ZodType> {
  table: 'dmx_fixtures' | 'dmx_scenes' | 'dmx_cuelists';
  schema: S;
  /** A stored row that no longer parses (hand-edited, or from a newer build): skipped, reported here. */
  onInvalid?: (id: string, issues: string) => void;
  timestamps?: boolean;
}

/**
 * An ordered list of JSON items keyed by id, one row each (scenes, cue lists, fixtures). The whole list
 * is replaced in one transaction when it is written as a list; single items can be put and removed.
 */
export class JsonRows<S extends z.ZodType<{ id: string }>> {
  private readonly db: Db;
  private readonly options: JsonRowsOptions<S>;
  private readonly selectAll;
  private readonly upsert;
  private readonly remove;
  private readonly clear;
  private readonly maxPosition;

  constructor(db: Db, options: JsonRowsOptions<S>) {
    this.db = db;
    this.options = options;
    const t = options.table;
    this.selectAll = db.prepare<[], { id: string; data: string }>(`SELECT id, data FROM ${t} ORDER BY position, id`);
    this.upsert = options.timestamps
      ? db.prepare(`INSERT INTO ${t} (id, position, data, updated_at) VALUES (@id, @position, @data, @now) ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`)
      : db.prepare(`INSERT INTO ${t} (id, position, data) VALUES (@id, @position, @data) ON CONFLICT(id) DO UPDATE SET data = excluded.data`);
    this.remove = db.prepare<[string]>(`DELETE FROM ${t} WHERE id = ?`);
    this.clear = db.prepare(`DELETE FROM ${t}`);
    this.maxPosition = db.prepare<[], { p: number | null }>(`SELECT MAX(position) AS p FROM ${t}`);
  }

  all(): z.output<S>[] {
    const items: z.output<S>[] = [];
    for (const row of this.selectAll.all()) {
      let parsed: ReturnType<S['safeParse']>;
      try {
        parsed = this.options.schema.safeParse(JSON.parse(row.data)) as ReturnType<S['safeParse']>;
      } catch {
        this.options.onInvalid?.(row.id, 'not JSON');
        continue;
      }
      if (parsed.success) items.push(parsed.data as z.output<S>);
      else this.options.onInvalid?.(row.id, parsed.error.issues.map((i) => i.message).join('; '));
    }
    return items;
  }

  /** Insert (at the end) or update in place. */
  put(item: z.output<S>, now = 0): void {
    const position = (this.maxPosition.get()?.p ?? -1) + 1;
    this.upsert.run({ id: item.id, position, data: JSON.stringify(item), now });
  }

  delete(id: string): boolean {
    return this.remove.run(id).changes > 0;
  }

  /** Replace the whole list, in this order, atomically. */
  replaceAll(items: readonly z.output<S>[], now = 0): void {
    this.db.transaction(() => {
      this.clear.run();
      items.forEach((item, position) => this.upsert.run({ id: item.id, position, data: JSON.stringify(item), now }));
    })();
  }
}
