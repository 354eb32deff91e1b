/**
 * Child rows are written with their parent, in the same transaction, with replace semantics: the rows
 * sent are the rows kept, numbered from idx 1. Names are kept when given; new rows get ordered names.
 */
import { randomBytes } from 'node:crypto';
import { columnDefault } from '../db';
import type { DocTypeMeta, MetaRegistry } from '../meta';
import { nowTimestamp } from './clock';
import { rowsOf, type Doc } from './doc';
import { docToRow, selectChildRows, rowToDoc, type Executor } from './persist';

let counter = 0;

/**
 * Names that sort in creation order (time, a per-process counter, a little randomness): MariaDB's
 * clustered index takes them as appends instead of random inserts (see perf-notes.md, loading).
 */
export function childRowName(): string {
  counter = (counter + 1) % 1679616;
  return Date.now().toString(36).padStart(9, '0') + counter.toString(36).padStart(4, '0') + randomBytes(2).toString('hex').slice(0, 3);
}

/** Fills the parent fields, idx, docstatus and names of every child row of `doc`. */
export function prepareChildRows(meta: DocTypeMeta, doc: Doc, user: string): void {
  const seen = new Set<string>();
  for (const table of meta.tableFields) {
    const rows = rowsOf(doc, table.fieldname);
    rows.forEach((row, i) => {
      row.doctype = table.options;
      row.parent = doc.name === undefined ? undefined : String(doc.name);
      row.parentfield = table.fieldname;
      row.parenttype = meta.name;
      row.idx = i + 1;
      row.docstatus = doc.docstatus ?? 0;
      // A name sent twice would collide with itself: the second row is a new row.
      if (typeof row.name !== 'string' || !row.name || seen.has(row.name)) row.name = childRowName();
      seen.add(row.name);
      // As Frappe's set_user_and_timestamp: a new row takes the parent's owner and creation.
      row.owner ??= doc.owner ?? user;
      row.creation ??= doc.creation ?? doc.modified ?? nowTimestamp();
      row.modified = doc.modified;
      row.modified_by = doc.modified_by ?? user;
    });
    doc[table.fieldname] = rows;
  }
}

export async function insertChildRows(k: Executor, registry: MetaRegistry, meta: DocTypeMeta, doc: Doc): Promise<void> {
  for (const table of meta.tableFields) {
    const child = registry.get(table.options);
    const docs = rowsOf(doc, table.fieldname);
    await renameTakenRows(k, child, docs);
    const rows = docs.map((row) => docToRow(child, { ...row, parent: String(doc.name) }));
    const filled = withEveryColumn(child, rows);
    for (let i = 0; i < filled.length; i += 200) await k(child.tableName).insert(filled.slice(i, i + 200));
  }
}

/**
 * Rows whose name another document's row already holds (a copied document, a forged name) become
 * new rows: inserting them would fail on the primary key. The parent's own rows were deleted first.
 */
export async function renameTakenRows(k: Executor, child: DocTypeMeta, rows: Doc[]): Promise<void> {
  if (rows.length === 0) return;
  const names = rows.map((r) => String(r.name));
  const taken = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    const found = (await k(child.tableName).whereIn('name', names.slice(i, i + 500)).select('name')) as { name: string }[];
    for (const row of found) taken.add(String(row.name).toLowerCase());
  }
  for (const row of rows) if (taken.has(String(row.name).toLowerCase())) row.name = childRowName();
}

/**
 * A multi-row INSERT needs the same columns in every row. Knex fills a missing value with DEFAULT on
 * MariaDB but with NULL on SQLite, which a NOT NULL Int/Check/Float column refuses: fill the gaps with
 * the column's own default (as schema sync declares it) here, the same on both.
 */
export function withEveryColumn(child: DocTypeMeta, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  if (rows.length < 2) return rows;
  const keys = new Set(rows.flatMap((r) => Object.keys(r)));
  const defaults = new Map<string, unknown>();
  for (const field of child.columnFields) {
    if (keys.has(field.fieldname)) defaults.set(field.fieldname, columnDefault(field));
  }
  return rows.map((row) => {
    const full: Record<string, unknown> = {};
    for (const [key, fallback] of defaults) full[key] = row[key] === undefined || (row[key] === null && fallback !== null) ? fallback : row[key];
    return full;
  });
}

export async function deleteChildRows(k: Executor, registry: MetaRegistry, meta: DocTypeMeta, name: string | number): Promise<void> {
  for (const table of meta.tableFields) {
    const child = registry.get(table.options);
    await k(child.tableName).where({ parent: String(name), parenttype: meta.name, parentfield: table.fieldname }).delete();
  }
}

export async function loadChildRows(k: Executor, registry: MetaRegistry, meta: DocTypeMeta, doc: Doc): Promise<void> {
  for (const table of meta.tableFields) {
    const child = registry.get(table.options);
    const rows = await selectChildRows(k, child, meta, doc.name as string, table.fieldname);
    doc[table.fieldname] = rows.map((r) => rowToDoc(child, r));
  }
}
