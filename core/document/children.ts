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
/** Random bytes drawn 4 KiB at a time: a bulk load names millions of rows, and one call each was measurable. */
let entropy = Buffer.alloc(0);
let used = 0;

function randomHex3(): string {
  if (used + 2 > entropy.length) {
    entropy = randomBytes(4096);
    used = 0;
  }
  const value = entropy.readUInt16BE(used) >> 4;
  used += 2;
  return value.toString(16).padStart(3, '0');
}

/**
 * Names that sort in creation order (time, a per-process counter, a little randomness): MariaDB's
 * clustered index takes them as appends instead of random inserts (see perf-notes.md, loading).
 */
export function childRowName(): string {
  counter = (counter + 1) % 1679616;
  return Date.now().toString(36).padStart(9, '0') + counter.toString(36).padStart(4, '0') + randomHex3();
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
  const keys = new Set<string>();
  for (const row of rows) for (const key in row) keys.add(key);
  const defaults = [...columnDefaults(child)].filter(([key]) => keys.has(key));
  return rows.map((row) => {
    const full: Record<string, unknown> = {};
    for (const [key, fallback] of defaults) {
      const value = row[key];
      full[key] = value === undefined || (value === null && fallback !== null) ? fallback : value;
    }
    return full;
  });
}

/**
 * The rows of a multi-row INSERT straight from documents: docToRow and withEveryColumn in one pass, with
 * the columns worked out once per DocType (a bulk load writes millions of rows).
 */
export function insertRows(meta: DocTypeMeta, docs: Doc[]): Record<string, unknown>[] {
  if (docs.length < 2) return docs.map((doc) => docToRow(meta, doc));
  const columns = columnsOf(meta).filter((column) => docs.some((doc) => column.fieldname in doc));
  return docs.map((doc) => {
    const row: Record<string, unknown> = {};
    for (const { fieldname, json, fallback } of columns) {
      const value = doc[fieldname];
      if (value === undefined || (value === null && fallback !== null)) row[fieldname] = fallback;
      else row[fieldname] = json && value !== null ? JSON.stringify(value) : value;
    }
    return row;
  });
}

interface Column {
  fieldname: string;
  json: boolean;
  fallback: unknown;
}

const columnsByDocType = new WeakMap<DocTypeMeta, Column[]>();

function columnsOf(meta: DocTypeMeta): Column[] {
  let columns = columnsByDocType.get(meta);
  if (!columns) {
    columns = meta.columnFields.map((field) => ({ fieldname: field.fieldname, json: field.type.value === 'json', fallback: columnDefault(field) }));
    columnsByDocType.set(meta, columns);
  }
  return columns;
}

function columnDefaults(meta: DocTypeMeta): Map<string, unknown> {
  return new Map(columnsOf(meta).map((c) => [c.fieldname, c.fallback]));
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
