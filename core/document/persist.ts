/**
 * Moves documents between their JS shape and table rows, identically on SQLite and MariaDB (values
 * read back through db's fromColumn).
 */
import type { Knex } from 'knex';
import { fromColumn } from '../db';
import type { DocTypeMeta } from '../meta';
import type { Doc, DocRow } from './doc';

/** A knex handle that may be the site's connection or an open transaction. */
export type Executor = Knex | Knex.Transaction;

export function rowToDoc(meta: DocTypeMeta, row: Record<string, unknown>): Doc {
  const doc: Doc = { doctype: meta.name };
  for (const field of meta.columnFields) {
    if (field.fieldname in row) doc[field.fieldname] = fromColumn(field, row[field.fieldname]);
  }
  return doc;
}

/** The column values of a document (or child row), for INSERT/UPDATE. */
export function docToRow(meta: DocTypeMeta, doc: Doc | DocRow): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const field of meta.columnFields) {
    if (!(field.fieldname in doc)) continue;
    const value = doc[field.fieldname];
    row[field.fieldname] = field.type.value === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
  }
  return row;
}

export async function selectRow(k: Executor, meta: DocTypeMeta, name: string | number, forUpdate = false): Promise<Record<string, unknown> | undefined> {
  const query = k(meta.tableName).where('name', name).first();
  if (forUpdate && k.client.config.client === 'mysql2') query.forUpdate();
  // Both databases compare names without case (MariaDB's collation, SQLite's NOCASE key), as Frappe's
  // get_doc finds 'ACME' for 'acme', through the primary key index.
  return (await query) as Record<string, unknown> | undefined;
}

export async function selectChildRows(k: Executor, child: DocTypeMeta, parent: DocTypeMeta, parentName: string | number, parentfield: string): Promise<Record<string, unknown>[]> {
  return (await k(child.tableName).where({ parent: String(parentName), parenttype: parent.name, parentfield }).orderBy('idx', 'asc')) as Record<string, unknown>[];
}
