/**
 * Schema sync, step 1: compare each DocType with its live table and list what to do. The plan only
 * ever adds (tables, columns, indexes) or widens; anything that would lose data is reported as drift.
 */
import { createHash } from 'node:crypto';
import type { DocTypeMeta, MetaRegistry } from '../meta';
import { columnSpec, isIndexable, type ColumnSpec } from './columns';
import type { Database, Dialect } from './connection';
import { describeTable, listTables, type LiveTable } from './introspect';
import { SYSTEM_TABLES } from './system-tables';

export interface IndexSpec {
  name: string;
  columns: string[];
  unique: boolean;
}

export type SyncStep =
  | { kind: 'create-system-table'; table: string }
  | { kind: 'create-table'; doctype: string; table: string; autoincrement: boolean; columns: ColumnSpec[]; indexes: IndexSpec[] }
  | { kind: 'add-column'; table: string; column: ColumnSpec }
  | { kind: 'widen-column'; table: string; column: ColumnSpec; from: string }
  | { kind: 'add-index'; table: string; index: IndexSpec };

/** Differences sync will not resolve on its own because resolving them could lose data. */
export interface Drift {
  kind: 'orphan-column' | 'type-change' | 'narrower-column';
  table: string;
  column: string;
  detail: string;
}

export interface SyncPlan {
  steps: SyncStep[];
  drift: Drift[];
}

export async function planSync(db: Database, registry: MetaRegistry): Promise<SyncPlan> {
  const live = await listTables(db);
  const steps: SyncStep[] = SYSTEM_TABLES.filter((t) => !live.has(t.name)).map((t) => ({ kind: 'create-system-table' as const, table: t.name }));
  const drift: Drift[] = [];
  for (const meta of registry.all()) {
    if (meta.issingle || meta.isVirtual) continue;
    const columns = desiredColumns(meta, db.dialect);
    const indexes = desiredIndexes(meta, columns, db.dialect);
    if (!live.has(meta.tableName)) {
      steps.push({ kind: 'create-table', doctype: meta.name, table: meta.tableName, autoincrement: meta.isAutoincrement, columns, indexes });
      continue;
    }
    const table = await describeTable(db, meta.tableName);
    diffTable(meta.tableName, table, columns, indexes, db.dialect, steps, drift);
  }
  return { steps, drift };
}

/** Every column but `name`, which create-table makes as the primary key. */
export function desiredColumns(meta: DocTypeMeta, dialect: Dialect): ColumnSpec[] {
  return meta.columnFields.filter((f) => f.fieldname !== 'name').map((f) => columnSpec(f, dialect));
}

export function desiredIndexes(meta: DocTypeMeta, columns: ColumnSpec[], dialect: Dialect): IndexSpec[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const indexes = new Map<string, IndexSpec>();
  // A composite index serves lookups on its leading column too: no second index on that column.
  const leading = new Set<string>();
  for (const composite of meta.compositeIndexes) {
    if (!composite.every((c) => c === 'name' || (byName.has(c) && isIndexable(byName.get(c)!)))) continue;
    indexes.set(`c:${composite.join(',')}`, { name: indexName(meta.tableName, composite.join('_'), false, dialect), columns: composite, unique: false });
    leading.add(composite[0]!);
  }
  const add = (column: string, unique = false) => {
    const spec = byName.get(column);
    if (!spec || (!unique && !isIndexable(spec))) return;
    if (!unique && leading.has(column)) return;
    const key = `${unique ? 'u' : 'i'}:${column}`;
    if (!indexes.has(key)) indexes.set(key, { name: indexName(meta.tableName, column, unique, dialect), columns: [column], unique });
  };
  add('modified');
  if (meta.istable) add('parent');
  add(meta.sortField);
  for (const field of meta.fields) {
    if (!field.hasColumn) continue;
    if (field.fieldtype === 'Link' || field.is('search_index')) add(field.fieldname);
    if (field.unique && field.type.uniqueAllowed) add(field.fieldname, true);
  }
  return [...indexes.values()];
}

function indexName(table: string, column: string, unique: boolean, dialect: Dialect): string {
  const local = unique ? `unique_${column}` : `${column}_index`;
  // SQLite index names share one namespace per database; MariaDB's are per table (max 64 chars): a name
  // that is too long keeps a hash of the whole, so two long fieldnames never share an index name.
  if (dialect === 'sqlite') return `${table}__${local}`;
  return local.length <= 64 ? local : `${local.slice(0, 55)}_${createHash('sha1').update(local).digest('hex').slice(0, 8)}`;
}

function diffTable(table: string, live: LiveTable, columns: ColumnSpec[], indexes: IndexSpec[], dialect: Dialect, steps: SyncStep[], drift: Drift[]) {
  const wanted = new Set(columns.map((c) => c.name));
  for (const column of columns) {
    const current = live.columns.get(column.name);
    if (!current) {
      steps.push({ kind: 'add-column', table, column });
      continue;
    }
    const change = compareTypes(current.type, column.type);
    // SQLite enforces neither lengths nor sizes: a wider type needs no change there (nor could it have one
    // without rebuilding the table). Narrowing and type changes are reported on both databases.
    if (change === 'widen' && dialect === 'mysql') steps.push({ kind: 'widen-column', table, column, from: current.type });
    else if (change === 'narrower') drift.push({ kind: 'narrower-column', table, column: column.name, detail: `is ${current.type}; the field wants ${column.type} (kept wider)` });
    else if (change === 'incompatible') drift.push({ kind: 'type-change', table, column: column.name, detail: `is ${current.type}; the field wants ${column.type}: needs a data patch` });
  }
  for (const name of live.columns.keys())
    if (name !== 'name' && !wanted.has(name)) drift.push({ kind: 'orphan-column', table, column: name, detail: 'has no field any more; its data is kept' });
  for (const index of indexes) {
    const present = live.indexes.some((i) => index.columns.every((c, n) => i.columns[n] === c) && (!index.unique || (i.unique && i.columns.length === 1)));
    if (!present) steps.push({ kind: 'add-index', table, index });
  }
}

const RANKS: Array<[RegExp, string, number]> = [
  [/^int\(1\)$|^tinyint/, 'int', 1],
  [/^int(\(\d+\))?$/, 'int', 2],
  [/^bigint/, 'int', 3],
  [/^decimal\(3,2\)$/, 'dec', 1],
  [/^decimal\(21,9\)$/, 'dec', 2],
  [/^date$/, 'time', 1],
  [/^datetime/, 'time', 2],
  [/^time/, 'clock', 1],
  [/^varchar\((\d+)\)$/, 'text', 1],
  // SQLite affinities (see columns.ts): integer holds Int and Check, real holds the decimals.
  [/^integer$/, 'int', 2],
  [/^real$/, 'dec', 2],
  [/^text$/, 'text', 70000],
  [/^(longtext|json)$/, 'text', 80000],
];

/** How a live column type relates to the one the field wants. */
export function compareTypes(live: string, wanted: string): 'same' | 'widen' | 'narrower' | 'incompatible' {
  const a = rank(live);
  const b = rank(wanted);
  if (!a || !b) return live === wanted ? 'same' : 'incompatible';
  if (a.family !== b.family) {
    // A whole number column may become a decimal one without loss.
    if (a.family === 'int' && b.family === 'dec' && b.order === 2) return 'widen';
    return 'incompatible';
  }
  if (a.order === b.order) return 'same';
  return b.order > a.order ? 'widen' : 'narrower';
}

function rank(type: string): { family: string; order: number } | undefined {
  for (const [pattern, family, order] of RANKS) {
    const match = pattern.exec(type);
    if (match) return { family, order: family === 'text' && order === 1 ? Number(match[1]) : order };
  }
  return undefined;
}
