import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, SchemaTooNewError } from '../../../main/store/db.ts';
import { migrations } from '../../../main/store/migrations.ts';
import { useTempDirs } from '../../helpers/tmp.ts';

describe('store database', () => {
  const tempDir = useTempDirs();

  it('creates every table of the data model in WAL mode', () => {
    const file = join(tempDir(), 'show.db');
    const db = openDatabase(file);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['devices', 'device_names', 'series', 'series_blocks', 'rollup_1h', 'settings', 'events', 'dashboards', 'forward_backlog']));
    const views = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name").all().map((r) => r.name);
    expect(views).toEqual(expect.arrayContaining(['readings', 'rollup_1m']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    db.close();
  });

  it('applies only pending migrations, in order, and keeps data across reopen', () => {
    const file = join(tempDir(), 'show.db');
    const v1 = [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' }];
    const db1 = openDatabase(file, v1);
    db1.prepare('INSERT INTO a VALUES (7)').run();
    db1.close();
    const v2 = [...v1, { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y TEXT' }];
    const db2 = openDatabase(file, v2);
    expect(db2.prepare('SELECT x, y FROM a').get()).toEqual({ x: 7, y: null });
    expect(db2.pragma('user_version', { simple: true })).toBe(2);
    db2.close();
  });

  it('rolls back a failing migration completely', () => {
    const file = join(tempDir(), 'show.db');
    const bad = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (y INTEGER); THIS IS NOT SQL' },
    ];
    expect(() => openDatabase(file, bad)).toThrow();
    const db = openDatabase(file, bad.slice(0, 1));
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database from a newer build and leaves it untouched', () => {
    const file = join(tempDir(), 'show.db');
    const newer = [...migrations, { version: 99, name: 'future', sql: 'CREATE TABLE future (z INTEGER)' }];
    openDatabase(file, newer).close();
    expect(() => openDatabase(file)).toThrow(SchemaTooNewError);
    const db = openDatabase(file, newer);
    expect(db.pragma('user_version', { simple: true })).toBe(99);
    db.close();
  });
});
