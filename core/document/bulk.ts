/**
 * The bulk insert path for imports and demo data: the same validation as insert (types, defaults,
 * links, permissions, controller validate hooks, framework checks, naming), but links are checked with
 * one query per target DocType per batch, stored unique values with one query per field per batch, and
 * rows are written with multi-row INSERTs, all in one transaction. Post-write hooks (after_insert,
 * on_update, on_submit, on_change) are not run: a bulk load writes facts, it does not trigger their
 * side effects.
 *
 * Rows of a tree, and batches where a row links to its own DocType (a parent named a few rows earlier),
 * are validated and written one at a time (still in the one transaction): a node's lft/rgt come from
 * the stored tree, and a link is checked against what is stored. A self-link field left empty in every
 * row of a batch (a Sales Invoice's return_against, usually) does not slow the batch down.
 */
import type { Knex } from 'knex';
import { DocstatusTransitionError, DuplicateEntryError, UniqueValidationError, ValidationError, type FieldErrorDetail } from '../errors';
import type { DocField, DocTypeMeta, MetaRegistry } from '../meta';
import { childRowName, insertRows, renameTakenRows } from './children';
import { nowTimestamp } from './clock';
import type { HookName } from './controller';
import { applyDefaults } from './defaults';
import { isEmptyValue, rowsOf, type Doc } from './doc';
import type { HookContext } from './hook-context';
import { validateLinksMany } from './links';
import { docToRow } from './persist';
import { assertTypes, castInput, retype, writableInput } from './prepare';
import { Problems } from './problems';
import { checkDocument, checkUnique } from './checks';
import type { DocumentStore } from './store';
import { SeriesBlocks } from './series';
import { placeNewNode } from './tree';
import { nameDocument } from './write';

export interface BulkInsertOptions {
  /** Documents validated and written per batch (default 500). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
}

export async function bulkInsertDocuments(store: DocumentStore, meta: DocTypeMeta, inputs: unknown[], options: BulkInsertOptions = {}): Promise<(string | number)[]> {
  if (meta.istable || meta.issingle) throw new ValidationError(`${meta.name} cannot be bulk inserted`, [{ fieldname: 'doctype', message: `${meta.name} is a child table or a single` }]);
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a whole number of at least 1 (got ${batchSize})`);
  const selfLinks = selfLinkFields(store.registry, meta);
  const names: (string | number)[] = [];
  for (let start = 0; start < inputs.length; start += batchSize) {
    const end = Math.min(start + batchSize, inputs.length);
    const step = meta.isTree || inputs.slice(start, end).some((input) => setsSelfLink(input, selfLinks)) ? 1 : batchSize;
    for (let at = start; at < end; at += step) {
      const docs = await prepareBatch(store, meta, inputs.slice(at, Math.min(at + step, end)), at);
      await refuseStoredNames(store, meta, docs, at);
      await writeBatch(store, meta, docs);
      names.push(...docs.map((d) => d.name as string | number));
    }
    options.onProgress?.(end, inputs.length);
  }
  return names;
}

/** The Link fields (in the document, and per child table) that point at the DocType itself: see the file comment. */
interface SelfLinks {
  own: string[];
  tables: { fieldname: string; links: string[] }[];
}

function selfLinkFields(registry: MetaRegistry, meta: DocTypeMeta): SelfLinks {
  const linksHere = (m: DocTypeMeta) => m.linkFields.filter((f) => f.options === meta.name && f.fieldname !== 'amended_from').map((f) => f.fieldname);
  const tables = meta.tableFields.map((t) => {
    const child = registry.find(t.options);
    return { fieldname: t.fieldname, links: child ? linksHere(child) : [] };
  });
  return { own: linksHere(meta), tables: tables.filter((t) => t.links.length > 0) };
}

/** Whether a raw input row fills one of those fields (before casting: any non-empty value counts). */
function setsSelfLink(input: unknown, selfLinks: SelfLinks): boolean {
  if (input === null || typeof input !== 'object') return false;
  const filled = (holder: unknown, fields: string[]) => holder !== null && typeof holder === 'object' && fields.some((f) => !isEmptyValue((holder as Record<string, unknown>)[f]));
  if (filled(input, selfLinks.own)) return true;
  return selfLinks.tables.some((t) => {
    const rows = (input as Record<string, unknown>)[t.fieldname];
    return Array.isArray(rows) && rows.some((row) => filled(row, t.links));
  });
}

async function prepareBatch(store: DocumentStore, meta: DocTypeMeta, inputs: unknown[], offset: number): Promise<Doc[]> {
  const user = store.actor.user;
  const now = nowTimestamp();
  const docs = inputs.map((input, i) =>
    atRow(offset + i, () => {
      assertTypes(store.registry, meta, input);
      const doc = castInput(store.registry, meta, writableInput(store, meta, input));
      applyDefaults(store.registry, meta, doc, user);
      Object.assign(doc, { owner: user, creation: now, modified: now, modified_by: user, idx: 0 });
      doc.docstatus = doc.docstatus ?? 0;
      if (doc.docstatus !== 0 && doc.docstatus !== 1) throw new DocstatusTransitionError(`A new document cannot have docstatus ${doc.docstatus}`, [{ fieldname: 'docstatus', message: 'must be 0 or 1' }]);
      if (doc.docstatus === 1 && !meta.isSubmittable) throw new ValidationError(`${meta.name} is not submittable`, [{ fieldname: 'docstatus', message: `${meta.name} cannot be submitted` }]);
      return doc;
    }),
  );
  const problems = docs.map(() => new Problems());
  await validateLinksMany(store.k, store.registry, meta, docs, problems);
  problems.forEach((p, i) => atRow(offset + i, () => p.throwIfAny()));
  const controller = store.controllers.get(meta.name);
  const uniqueFields = meta.fields.filter((f) => f.unique && f.hasColumn);
  // Names and unique values taken by earlier rows of this batch (not stored yet, so no query sees them).
  const namesTaken = new Map<string, number>();
  const valuesTaken = new Map<string, Map<string, number>>(uniqueFields.map((f) => [f.fieldname, new Map()]));
  const series = new SeriesBlocks(store.k, docs.length);
  for (const [i, doc] of docs.entries()) {
    const row = offset + i + 1;
    await atRowAsync(offset + i, async () => {
      // As insert: the create (and submit) permission, after the links, before the hooks.
      await store.policy.assert(store.actor, meta, 'create', doc);
      if (doc.docstatus === 1) await store.policy.assert(store.actor, meta, 'submit', doc);
      const ctx: HookContext = { action: doc.docstatus === 1 ? 'submit' : 'insert', actor: store.actor, meta, previous: undefined, documents: store, db: store.k };
      const hooks: HookName[] = ['before_insert', 'before_naming'];
      for (const hook of hooks) await controller[hook]?.(doc, ctx);
      await nameDocument(store, meta, doc, ctx, series.next);
      for (const hook of ['before_validate', 'validate', doc.docstatus === 1 ? 'before_submit' : 'before_save'] as HookName[]) await controller[hook]?.(doc, ctx);
      retype(store.registry, meta, doc);
      const found = new Problems();
      checkDocument(store.registry, meta, doc, found);
      for (const field of uniqueFields) {
        const value = doc[field.fieldname];
        if (isEmptyValue(value)) continue;
        // Compared without case, as checkUnique does (and MariaDB's collation).
        const key = typeof value === 'string' ? value.toLowerCase() : String(value);
        const taken = valuesTaken.get(field.fieldname)!;
        const earlier = taken.get(key);
        if (earlier !== undefined) found.add(UniqueValidationError, { fieldname: field.fieldname, message: `${field.label} must be unique: "${String(value)}" is also in row ${earlier} of this import` });
        else taken.set(key, row);
      }
      found.throwIfAny();
      if (doc.name !== undefined && doc.name !== null) {
        const key = String(doc.name).toLowerCase();
        const earlier = namesTaken.get(key);
        if (earlier !== undefined) throw new DuplicateEntryError(`${meta.name} ${String(doc.name)} is also row ${earlier} of this import`, [{ fieldname: 'name', message: `${meta.name} ${String(doc.name)} already exists (row ${earlier})` }]);
        namesTaken.set(key, row);
      }
      if (meta.isTree) await placeNewNode(store.k, meta, doc);
    });
  }
  // Values already stored: one query per unique field for the batch; only a batch with a clash is
  // checked row by row, so the error names its row and the document holding the value, as insert does.
  if (uniqueFields.length && (await anyStored(store, meta, uniqueFields, docs)))
    for (const [i, doc] of docs.entries())
      await atRowAsync(offset + i, async () => {
        const found = new Problems();
        await checkUnique(store.k, meta, doc, found);
        found.throwIfAny();
      });
  await series.release();
  return docs;
}

async function anyStored(store: DocumentStore, meta: DocTypeMeta, fields: DocField[], docs: Doc[]): Promise<boolean> {
  for (const field of fields) {
    const values = docs.map((doc) => doc[field.fieldname]).filter((value) => !isEmptyValue(value)) as (string | number)[];
    for (let i = 0; i < values.length; i += 500) if (await store.k(meta.tableName).whereIn(field.fieldname, values.slice(i, i + 500)).first('name')) return true;
  }
  return false;
}

/**
 * DuplicateEntryError (with the row) for a name already stored, before the multi-row INSERT would fail
 * on the primary key. One indexed query per 500 names; both databases compare names without case.
 */
async function refuseStoredNames(store: DocumentStore, meta: DocTypeMeta, docs: Doc[], offset: number): Promise<void> {
  if (meta.isAutoincrement) return;
  const names = docs.map((d) => String(d.name));
  const stored = new Set<string>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = (await store.k(meta.tableName).whereIn('name', names.slice(i, i + 500)).select('name')) as { name: string }[];
    for (const row of rows) stored.add(String(row.name).toLowerCase());
  }
  docs.forEach((doc, i) => {
    if (stored.has(String(doc.name).toLowerCase()))
      withRow(offset + i + 1, new DuplicateEntryError(`${meta.name} ${String(doc.name)} already exists`, [{ fieldname: 'name', message: `${meta.name} ${String(doc.name)} already exists` }]));
  });
}

async function writeBatch(store: DocumentStore, meta: DocTypeMeta, docs: Doc[]): Promise<void> {
  const { k, registry } = store;
  if (meta.isAutoincrement) {
    // The database hands out the names: insert one by one to learn each.
    for (const doc of docs) doc.name = Number((await k(meta.tableName).insert(docToRow(meta, doc)))[0]);
  } else {
    await insertChunks(store, meta.tableName, insertRows(meta, docs));
  }
  for (const table of meta.tableFields) {
    const child = registry.get(table.options);
    const rows = docs.flatMap((doc) =>
      rowsOf(doc, table.fieldname).map((row, i) => ({
        ...row,
        parent: String(doc.name),
        parentfield: table.fieldname,
        parenttype: meta.name,
        idx: i + 1,
        docstatus: doc.docstatus,
        owner: doc.owner,
        creation: doc.creation,
        modified: doc.modified,
        modified_by: doc.modified_by,
      })),
    );
    // Names the client sent may be taken (by stored rows, or by an earlier row of this batch: a name sent
    // twice would collide with itself); the ones made here are fresh and ordered.
    const seen = new Set<string>();
    for (const row of rows) {
      const key = typeof row.name === 'string' ? row.name.toLowerCase() : '';
      if (!key || seen.has(key)) row.name = undefined;
      else seen.add(key);
    }
    await renameTakenRows(k, child, rows.filter((row) => typeof row.name === 'string' && row.name));
    for (const row of rows) if (typeof row.name !== 'string' || !row.name) row.name = childRowName();
    await insertChunks(store, child.tableName, insertRows(child, rows));
  }
}

/**
 * Multi-row INSERTs as `INSERT ... VALUES (...), (...)`, written here rather than by knex's insert
 * builder: for SQLite knex writes one `SELECT ... UNION ALL` per row, which SQLite takes twice as long
 * to prepare, and the builder itself was a visible share of a large load's CPU. Table and
 * column names are bound identifiers (`??`), values bound parameters. Every row has the same columns
 * (insertRows); a single row goes through knex as before. The parameter count per statement stays under
 * SQLite's limit, and at most 500 rows per statement.
 */
async function insertChunks(store: DocumentStore, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  if (rows.length === 1) {
    await store.k(table).insert(rows);
    return;
  }
  const columns = Object.keys(rows[0]!);
  const perStatement = Math.max(1, Math.min(500, Math.floor(30000 / (columns.length || 1))));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ?? (${columns.map(() => '??').join(', ')}) values `;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const bindings: unknown[] = [table, ...columns];
    for (const row of chunk) for (const column of columns) bindings.push(row[column]);
    await store.k.raw(head + chunk.map(() => tuple).join(', '), bindings as Knex.RawBinding[]);
  }
}

function withRow(row: number, error: unknown): never {
  if (error instanceof ValidationError || Array.isArray((error as { errors?: FieldErrorDetail[] } | null)?.errors)) {
    const typed = error as ValidationError;
    // An error without field detail (a PermissionError from the policy, say) still names its row.
    const details = typed.errors.length ? typed.errors.map((d) => ({ ...d, row })) : [{ row, message: typed.message }];
    const Kind = typed.constructor as new (message: string, errors: FieldErrorDetail[]) => ValidationError;
    throw new Kind(`Row ${row}: ${typed.message}`, details);
  }
  throw error;
}

function atRow<T>(index: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    return withRow(index + 1, error);
  }
}

async function atRowAsync<T>(index: number, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    return withRow(index + 1, error);
  }
}
