/** Reads the live shape of tables (columns with types, indexes) from either database. */
import type { Database } from './connection';

export interface LiveColumn {
  name: string;
  /** Lower-case SQL type as the database reports it, e.g. `varchar(140)`, `int(11)`. */
  type: string;
}

export interface LiveIndex {
  name: string;
  columns: string[];
  unique: boolean;
}

export interface LiveTable {
  columns: Map<string, LiveColumn>;
  indexes: LiveIndex[];
}

export async function listTables(db: Database): Promise<Set<string>> {
  if (db.dialect === 'sqlite') {
    const rows: { name: string }[] = await db.knex.raw(`SELECT name FROM sqlite_master WHERE type = 'table'`);
    return new Set(rows.map((r) => r.name));
  }
  const [rows] = await db.knex.raw('SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()');
  return new Set((rows as { name: string }[]).map((r) => r.name));
}

export async function describeTable(db: Database, table: string): Promise<LiveTable> {
  return db.dialect === 'sqlite' ? describeSqlite(db, table) : describeMysql(db, table);
}

async function describeSqlite(db: Database, table: string): Promise<LiveTable> {
  const columns: { name: string; type: string }[] = await db.knex.raw(`PRAGMA table_info(${quoteSqlite(table)})`);
  const list: { name: string; unique: number; origin: string }[] = await db.knex.raw(`PRAGMA index_list(${quoteSqlite(table)})`);
  const indexes: LiveIndex[] = [];
  for (const index of list) {
    const info: { name: string }[] = await db.knex.raw(`PRAGMA index_info(${quoteSqlite(index.name)})`);
    indexes.push({ name: index.name, unique: index.unique === 1, columns: info.map((i) => i.name) });
  }
  return {
    columns: new Map(columns.map((c) => [c.name, { name: c.name, type: c.type.toLowerCase() }])),
    indexes,
  };
}

async function describeMysql(db: Database, table: string): Promise<LiveTable> {
  const [columns] = await db.knex.raw(
    'SELECT column_name AS name, column_type AS type FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position',
    [table],
  );
  const [stats] = await db.knex.raw(
    'SELECT index_name AS name, column_name AS col, non_unique AS nonUnique FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? ORDER BY index_name, seq_in_index',
    [table],
  );
  const byName = new Map<string, LiveIndex>();
  for (const s of stats as { name: string; col: string; nonUnique: number }[]) {
    const index = byName.get(s.name) ?? { name: s.name, columns: [], unique: Number(s.nonUnique) === 0 };
    index.columns.push(s.col);
    byName.set(s.name, index);
  }
  return {
    columns: new Map((columns as LiveColumn[]).map((c) => [c.name, { name: c.name, type: String(c.type).toLowerCase() }])),
    indexes: [...byName.values()],
  };
}

function quoteSqlite(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
