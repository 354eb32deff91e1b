/**
 * The document API: get / insert / save / submit / cancel / amend / delete, for one actor and
 * permission policy. Every write runs in one transaction (nested calls from hooks join it); on
 * MariaDB a deadlock between concurrent writers is retried from the start.
 */
import type { Knex } from 'knex';
import { PermissionError, ValidationError } from '../errors';
import { assertStored, type DocTypeMeta, type MetaRegistry } from '../meta';
import { bulkInsertDocuments, type BulkInsertOptions } from './bulk';
import { ADMINISTRATOR, TRUSTED, type Actor, type PermissionPolicy } from './actor';
import { loadChildRows } from './children';
import type { ControllerRegistry } from './controller';
import { cloneDoc, type Doc } from './doc';
import { rowToDoc, selectRow, type Executor } from './persist';
import { renameDocument } from './rename';
import { getSingle, saveSingle } from './singles';
import { deleteDocument, insertDocument, notFound, saveDocument } from './write';

const RETRYABLE_MYSQL_ERRORS = new Set([1213, 1205]); // deadlock, lock wait timeout

export class DocumentStore {
  constructor(
    readonly k: Executor,
    readonly registry: MetaRegistry,
    readonly controllers: ControllerRegistry,
    readonly policy: PermissionPolicy = TRUSTED,
    readonly actor: Actor = ADMINISTRATOR,
  ) {}

  /** The same store acting for another user (and, optionally, under another policy). */
  as(actor: Actor, policy: PermissionPolicy = this.policy): DocumentStore {
    return new DocumentStore(this.k, this.registry, this.controllers, policy, actor);
  }

  get inTransaction(): boolean {
    return (this.k as Knex.Transaction).isTransaction === true;
  }

  /** Runs `work` in a transaction, joining the current one if there is one. */
  async transaction<T>(work: (store: DocumentStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return work(this);
    for (let attempt = 1; ; attempt++) {
      try {
        return await (this.k as Knex).transaction((trx) => work(new DocumentStore(trx, this.registry, this.controllers, this.policy, this.actor)));
      } catch (error) {
        const errno = (error as { errno?: number }).errno;
        if (attempt >= 5 || errno === undefined || !RETRYABLE_MYSQL_ERRORS.has(errno)) throw error;
      }
    }
  }

  /** The meta of a DocType with records in the database: a virtual one has no table to read or write. */
  private storedMeta(doctype: string): DocTypeMeta {
    const meta = this.registry.get(doctype);
    assertStored(meta, 'hold documents');
    return meta;
  }

  async get(doctype: string, name: string | number): Promise<Doc> {
    const meta = this.registry.get(doctype);
    const doc = await this.find(doctype, name);
    if (!doc) throw notFound(meta, name);
    return doc;
  }

  async find(doctype: string, name: string | number): Promise<Doc | undefined> {
    const meta = this.storedMeta(doctype);
    if (meta.issingle) return getSingle(this.k, this.registry, meta);
    const row = await selectRow(this.k, meta, name);
    if (!row) return undefined;
    const doc = rowToDoc(meta, row);
    await loadChildRows(this.k, this.registry, meta, doc);
    await this.policy.assert(this.actor, meta, 'read', doc, this.k as Knex);
    return this.policy.maskRead ? this.policy.maskRead(meta, doc) : doc;
  }

  async exists(doctype: string, name: string | number): Promise<boolean> {
    const meta = this.registry.get(doctype);
    if (meta.issingle) return true;
    if (meta.isVirtual) return false;
    return Boolean(await selectRow(this.k, meta, name));
  }

  /** The stored document, locked for this transaction (FOR UPDATE on MariaDB). */
  async loadForUpdate(meta: DocTypeMeta, name: string | number): Promise<Doc> {
    const row = await selectRow(this.k, meta, name, true);
    if (!row) throw notFound(meta, name);
    const doc = rowToDoc(meta, row);
    await loadChildRows(this.k, this.registry, meta, doc);
    return doc;
  }

  async insert(doctype: string, input: Record<string, unknown>): Promise<Doc> {
    const meta = this.storedMeta(doctype);
    if (meta.issingle) return this.transaction((s) => saveSingle(s, meta, input));
    const name = await this.transaction(async (s) => (await insertDocument(s, meta, input)).name as string | number);
    return this.get(doctype, name);
  }

  /** Applies `changes` to a stored document; child table keys replace the whole table. */
  async save(doctype: string, name: string | number, changes: Record<string, unknown>): Promise<Doc> {
    const meta = this.storedMeta(doctype);
    if (meta.issingle) return this.transaction((s) => saveSingle(s, meta, changes));
    await this.transaction((s) => saveDocument(s, meta, name, changes));
    return this.get(doctype, name);
  }

  async submit(doctype: string, name: string | number, changes: Record<string, unknown> = {}): Promise<Doc> {
    return this.save(doctype, name, { ...changes, docstatus: 1 });
  }

  async cancel(doctype: string, name: string | number): Promise<Doc> {
    return this.save(doctype, name, { docstatus: 2 });
  }

  /** A new draft copied from a cancelled document, named ORIG-1, ORIG-2, ... */
  async amend(doctype: string, name: string | number, changes: Record<string, unknown> = {}): Promise<Doc> {
    const meta = this.registry.get(doctype);
    const source = await this.get(doctype, name);
    if (!meta.isSubmittable || Number(source.docstatus) !== 2)
      throw new ValidationError(`Only a cancelled ${meta.name} can be amended`, [{ fieldname: 'docstatus', message: 'Cancel the document before amending it' }]);
    await this.policy.assert(this.actor, meta, 'amend', source);
    return this.insert(doctype, { ...copyForAmendment(this.registry, meta, source), ...changes, amended_from: source.name, docstatus: 0 });
  }

  /** Validated multi-row inserts for imports and demo data; answers the names in input order. */
  async bulkInsert(doctype: string, inputs: Record<string, unknown>[], options: BulkInsertOptions = {}): Promise<(string | number)[]> {
    const meta = this.storedMeta(doctype);
    return this.transaction((s) => bulkInsertDocuments(s, meta, inputs, options));
  }

  /** Renames a document and repoints every link to it; with `merge`, folds it into an existing one. Answers the new name. */
  async rename(doctype: string, oldName: string, newName: string, options: { merge?: boolean } = {}): Promise<string> {
    const meta = this.storedMeta(doctype);
    return this.transaction((s) => renameDocument(s, meta, oldName, newName, options.merge ?? false));
  }

  /**
   * Runs a controller method marked callable (Frappe's whitelisted run_method) on a stored document.
   * The actor needs read on it, and write when `right` says the call may change it (a POST).
   */
  async runMethod(doctype: string, name: string | number, method: string, args: Record<string, unknown>, right: 'read' | 'write' = 'read'): Promise<unknown> {
    const meta = this.registry.get(doctype);
    const entry = Object.hasOwn(this.controllers.get(meta.name).methods ?? {}, method) ? this.controllers.get(meta.name).methods![method] : undefined;
    if (!entry?.callable) throw new PermissionError(`${meta.name} has no callable method "${method}"`, [{ fieldname: 'run_method', message: `"${method}" is not a method clients may call` }]);
    const doc = await this.get(doctype, name);
    if (right === 'write') await this.policy.assert(this.actor, meta, 'write', doc, this.k as Knex);
    return this.transaction(async (s) => entry.handler(doc, args, { action: 'method', actor: s.actor, meta, previous: doc, documents: s, db: s.k }));
  }

  async delete(doctype: string, name: string | number, options: { force?: boolean } = {}): Promise<void> {
    const meta = this.storedMeta(doctype);
    if (meta.issingle) throw new ValidationError(`${meta.name} is a Single DocType: its one record cannot be deleted`, [{ fieldname: 'doctype', message: `${meta.name} is a Single DocType` }]);
    await this.transaction((s) => deleteDocument(s, meta, name, options.force ?? false));
  }
}

/** Frappe's copy_doc: every field but the framework's and those marked no_copy; child rows without names. */
function copyForAmendment(registry: MetaRegistry, meta: DocTypeMeta, source: Doc): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const field of meta.fields) {
    if (field.type.layoutOnly || field.is('no_copy') || !(field.fieldname in source)) continue;
    if (field.type.isTable) {
      const child = registry.get(field.options);
      copy[field.fieldname] = (source[field.fieldname] as Doc[]).map((row) => {
        const kept: Record<string, unknown> = {};
        for (const f of child.fields) if (f.hasColumn && !f.is('no_copy') && f.fieldname in row) kept[f.fieldname] = row[f.fieldname];
        return kept;
      });
    } else if (field.hasColumn && !['lft', 'rgt', 'old_parent'].includes(field.fieldname)) {
      copy[field.fieldname] = cloneDoc({ doctype: '', v: source[field.fieldname] }).v;
    }
  }
  return copy;
}
