/**
 * Renaming a document (Frappe's rename_doc): the row, its child rows and every Link and Dynamic Link
 * that points at it change in one transaction. With `merge`, the document is folded into an existing
 * one of the same DocType: links move to it and the old document goes.
 */
import { DuplicateEntryError, ValidationError } from '../errors';
import type { DocTypeMeta } from '../meta';
import { validateName } from './naming';
import { selectRow } from './persist';
import type { DocumentStore } from './store';
import { notFound } from './write';

export async function renameDocument(store: DocumentStore, meta: DocTypeMeta, oldName: string, requestedName: string, merge: boolean): Promise<string> {
  if (!meta.def.allow_rename) throw new ValidationError(`${meta.name} does not allow renaming`, [{ fieldname: 'name', message: `Set "Allow Rename" on ${meta.name} to rename its documents` }]);
  if (meta.istable || meta.issingle) throw new ValidationError(`${meta.name} documents cannot be renamed`, [{ fieldname: 'doctype', message: 'child tables and singles have fixed names' }]);
  const k = store.k;
  const doc = await store.loadForUpdate(meta, oldName);
  await store.policy.assert(store.actor, meta, 'write', doc);
  const newName = validateName(meta, requestedName);
  const current = String(doc.name);
  if (newName === current) return current;
  const existing = await selectRow(k, meta, newName, true);
  // A case-only change finds the document itself (names compare without case).
  const isSelf = existing !== undefined && String(existing.name) === current;
  if (existing && !isSelf && !merge) throw new DuplicateEntryError(`${meta.name} ${newName} already exists`, [{ fieldname: 'name', message: `${meta.name} ${newName} already exists; merge to combine them` }]);
  if (merge && !existing) throw notFound(meta, newName);
  if (merge) await store.policy.assert(store.actor, meta, 'write', { ...existing, doctype: meta.name });
  const target = merge ? String(existing!.name) : newName;
  if (merge) await deleteRowAndChildren(store, meta, current);
  else await moveRowAndChildren(store, meta, current, target);
  await repointLinks(store, meta, current, target);
  return target;
}

async function moveRowAndChildren(store: DocumentStore, meta: DocTypeMeta, from: string, to: string): Promise<void> {
  await store.k(meta.tableName).where('name', from).update({ name: to });
  for (const table of meta.tableFields) {
    const child = store.registry.get(table.options);
    await store.k(child.tableName).where({ parent: from, parenttype: meta.name }).update({ parent: to });
  }
}

async function deleteRowAndChildren(store: DocumentStore, meta: DocTypeMeta, name: string): Promise<void> {
  for (const table of meta.tableFields) {
    const child = store.registry.get(table.options);
    await store.k(child.tableName).where({ parent: name, parenttype: meta.name }).delete();
  }
  await store.k(meta.tableName).where('name', name).delete();
}

/** Every Link to the DocType and every Dynamic Link naming it, in tables and in Singles. */
async function repointLinks(store: DocumentStore, meta: DocTypeMeta, from: string, to: string): Promise<void> {
  const { k, registry } = store;
  for (const { meta: linking, fieldname } of registry.linksTo(meta.name)) {
    if (linking.isVirtual) continue;
    if (linking.issingle) await k('tabSingles').where({ doctype: linking.name, field: fieldname, value: from }).update({ value: to });
    else await k(linking.tableName).where(fieldname, from).update({ [fieldname]: to });
  }
  for (const { meta: linking, fieldname, doctypeField } of registry.dynamicLinks()) {
    if (linking.isVirtual || linking.issingle) continue;
    await k(linking.tableName).where(fieldname, from).andWhere(doctypeField, meta.name).update({ [fieldname]: to });
  }
}
